#!/usr/bin/env bash
# The demo: build what is missing, start the emulator, `pulumi up` the root Pulumi.yaml program
# (examples/demo), print the certificates and the identities, stop the emulator.
#
#   PULUMI_CONFIG_PASSPHRASE   passphrase of the demo stack's secrets (default: pulumi-bcs-demo)
#   BCS_DEMO_STACK             stack name (default: demo)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PATH="$(bash scripts/node.sh):$PATH" # the development default, Node.js 24
npx tsc -p tsconfig.json
bin="$(bash scripts/engine.sh)"
export PATH="$bin:$PATH"
export PULUMI_HOME="$PWD/.state/pulumi-home"
export PULUMI_BACKEND_URL="file://$PWD/.state/backend"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-pulumi-bcs-demo}"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p .state/backend

log=.state/emulator.log
node dist/emulator/cli.js --port 0 --data .state/emulator >"$log" 2>&1 &
emulator_pid=$!
trap 'kill "$emulator_pid" 2>/dev/null || true; wait "$emulator_pid" 2>/dev/null || true' EXIT
url=""
for _ in $(seq 1 100); do
  url="$(grep -oE 'http://127\.0\.0\.1:[0-9]+' "$log" | head -1 || true)"
  [[ -n "$url" ]] && break
  kill -0 "$emulator_pid" 2>/dev/null || { cat "$log" >&2; exit 1; }
  sleep 0.1
done
[[ -n "$url" ]] || { echo "demo: the emulator did not start" >&2; exit 1; }
echo "demo: emulator at $url"

stack="${BCS_DEMO_STACK:-demo}"
pulumi stack select --create "$stack" --non-interactive >/dev/null
node dist/scripts/demoConfig.js "$url" | while IFS=$'\t' read -r kind key value; do
  if [[ "$kind" == secret ]]; then
    pulumi config set --secret "$key" -- "$value" >/dev/null
  else
    pulumi config set "$key" -- "$value" >/dev/null
  fi
done

pulumi up --yes --non-interactive --skip-preview
pulumi stack output --json | node dist/scripts/printDemo.js

#!/usr/bin/env bash
# The demo: build what is missing, start the emulator, `pulumi up` the root Pulumi.yaml program
# (examples/demo), print the certificates and the identities, stop the emulator.
#
#   PULUMI_CONFIG_PASSPHRASE   passphrase of the demo stack's secrets (default: pulumi-bcs-demo)
#   BCS_DEMO_STACK             stack name (default: demo)
#   BCS_DEMO_BACKEND           where the stack's state lives: `file` (default, .state/backend) or `s3`
#                              (a local MinIO, .state/minio); `npm run demo -- --backend s3` sets it too
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PATH="$(bash scripts/node.sh):$PATH" # the development default, Node.js 24

backend="${BCS_DEMO_BACKEND:-file}"
while (($#)); do
  case "$1" in
    --backend) backend="${2:-}"; shift 2 || shift ;;
    --backend=*) backend="${1#--backend=}"; shift ;;
    *) echo "demo: unknown argument '$1' (only --backend file|s3)" >&2; exit 2 ;;
  esac
done
[[ "$backend" == file || "$backend" == s3 ]] || { echo "demo: --backend must be file or s3, not '$backend'" >&2; exit 2; }

npx tsc -p tsconfig.json
bin="$(bash scripts/engine.sh)"
export PATH="$bin:$PATH"
export PULUMI_HOME="$PWD/.state/pulumi-home"
export PULUMI_CONFIG_PASSPHRASE="${PULUMI_CONFIG_PASSPHRASE:-pulumi-bcs-demo}"
export PULUMI_SKIP_UPDATE_CHECK=true PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true
mkdir -p .state/backend

pids=()
trap 'for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; wait "$pid" 2>/dev/null || true; done' EXIT
if [[ "$backend" == s3 ]]; then
  # A local MinIO holds the state, as OBS, NAVER Object Storage or MinIO would for a team. Its root
  # user is the demo's own (local only), never AWS credentials from this shell.
  unset AWS_PROFILE AWS_SESSION_TOKEN AWS_DEFAULT_REGION
  export AWS_ACCESS_KEY_ID=pulumi-bcs-demo AWS_SECRET_ACCESS_KEY=pulumi-bcs-demo-local-only AWS_REGION=us-east-1
  PULUMI_BCS_MINIO_BIN="$(bash scripts/minio.sh)"
  export PULUMI_BCS_MINIO_BIN
  node dist/testing/minioServer.js --data .state/minio --bucket pulumi-bcs-demo >.state/minio.log 2>&1 &
  pids+=($!)
  PULUMI_BACKEND_URL=""
  for _ in $(seq 1 600); do
    PULUMI_BACKEND_URL="$(sed -n 's/^backend: //p' .state/minio.log | head -1)"
    [[ -n "$PULUMI_BACKEND_URL" ]] && break
    kill -0 "${pids[-1]}" 2>/dev/null || { cat .state/minio.log >&2; exit 1; }
    sleep 0.1
  done
  [[ -n "$PULUMI_BACKEND_URL" ]] || { echo "demo: MinIO did not start" >&2; exit 1; }
else
  PULUMI_BACKEND_URL="file://$PWD/.state/backend"
fi
export PULUMI_BACKEND_URL
echo "demo: state in $PULUMI_BACKEND_URL"

log=.state/emulator.log
# Each backend gets its own emulator data: a stack's state must match the certificates its emulator
# issued (safe mode refuses a second certificate for a name the other backend's stack holds).
emulator_data=.state/emulator
[[ "$backend" == s3 ]] && emulator_data=.state/emulator-s3
node dist/cli/emulator.js --port 0 --data "$emulator_data" >"$log" 2>&1 &
emulator_pid=$!
pids+=("$emulator_pid")
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

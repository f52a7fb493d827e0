#!/usr/bin/env bash
# The test command, on the development default (Node.js 24, the newest @pulumi/pulumi and its CLI):
# compile, lint (eslint, the import-graph rules, file length, prettier), make sure the Pulumi engine and fabric-ca are built, then run every jest suite (unit,
# emulator, Fabric CA client, provider and end-to-end through the real engine), then the compat legs
# (scripts/compat.sh: the packed package under every tested Node.js and @pulumi/pulumi). Extra
# arguments go to jest and skip the compat legs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PATH="$(bash scripts/node.sh)":$PATH
export PATH
npx tsc -p tsconfig.json
npx eslint .
npm run --silent lint:imports # import loops, layering (.dependency-cruiser.cjs) and file length
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
mkdir -p .state
rm -f .state/compat/results.json

# The builds (each cached after the first run) go in parallel: Go uses both cores either way, and
# the downloads overlap. The compat legs need their own engine versions and projects.
compat=$(($# == 0))
pids=()
bash scripts/engine.sh >.state/engine.path &
pids+=($!)
bash scripts/fabric-ca.sh >.state/fabric-ca.path &
pids+=($!)
bash scripts/minio.sh >.state/minio.path & # MinIO: the S3 backend's tests
pids+=($!)
if ((compat)); then
  bash scripts/compat.sh prepare &
  pids+=($!)
fi
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
((failed == 0)) || { echo "test: a build failed (see above)" >&2; exit 1; }
PULUMI_BCS_ENGINE_BIN="$(cat .state/engine.path)"
PULUMI_BCS_FABRIC_CA_BIN="$(cat .state/fabric-ca.path)"
PULUMI_BCS_MINIO_BIN="$(cat .state/minio.path)"
export PULUMI_BCS_ENGINE_BIN PULUMI_BCS_FABRIC_CA_BIN PULUMI_BCS_MINIO_BIN

status=0
npx jest --maxWorkers=2 --json --outputFile=.state/jest-results.json "$@" || status=$?
if ((compat)); then
  bash scripts/compat.sh run || status=1
fi
exit $status

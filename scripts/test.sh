#!/usr/bin/env bash
# The test command: compile, lint, make sure the Pulumi engine is built, then run every jest suite
# (unit, emulator, Fabric CA client, provider and end-to-end through the real engine). Extra arguments go to jest.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

npx tsc -p tsconfig.json
npx eslint .
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
mkdir -p .state
bash scripts/minio.sh >.state/minio.path & # MinIO (the S3 backend's tests) builds beside the engine
minio_build=$!
PULUMI_BCS_ENGINE_BIN="$(bash scripts/engine.sh)"
PULUMI_BCS_FABRIC_CA_BIN="$(bash scripts/fabric-ca.sh)"
wait "$minio_build" || { echo "test: building MinIO failed (see above)" >&2; exit 1; }
PULUMI_BCS_MINIO_BIN="$(cat .state/minio.path)"
export PULUMI_BCS_ENGINE_BIN PULUMI_BCS_FABRIC_CA_BIN PULUMI_BCS_MINIO_BIN
npx jest --maxWorkers=2 --json --outputFile=.state/jest-results.json "$@"

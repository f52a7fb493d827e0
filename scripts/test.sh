#!/usr/bin/env bash
# The test command, on the development default (Node.js 24, the newest @pulumi/pulumi and its CLI):
# compile, lint (eslint, the import-graph rules, file length, prettier), make sure the Pulumi engine,
# fabric-ca and MinIO are built, then run every jest suite (unit, emulator, Fabric CA client, provider
# and end-to-end through the real engine), then the compat legs
# (scripts/compat.sh: the packed package under every tested Node.js and @pulumi/pulumi). Extra
# arguments go to jest and skip the compat legs.
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."

PATH="$(bash scripts/node.sh)":$PATH
export PATH
# Every process this run starts inherits the marker, so the check at the end finds any that outlived it.
PULUMI_BCS_TEST_RUN="test-$$-$RANDOM"
export PULUMI_BCS_TEST_RUN
mkdir -p .state
rm -f .state/compat/results.json

# The builds (each cached after the first run) go in parallel, and start before the compile and lint
# checks (about a minute of one core): on a cold machine they are the longest step. Each runs in a
# process group of its own, so that a failed check stops them, Go's compilers included. One engine
# build at a time, MinIO and fabric-ca beside it (scripts/engine.sh says why).
pids=()
stop_builds() { for pid in "${pids[@]}"; do kill -- "-$pid" 2>/dev/null || true; done; }
trap stop_builds EXIT
build() { # build <output file> <command...>
  local out=$1
  shift
  setsid -w "$@" >"$out" &
  pids+=($!)
}
build .state/engine.path bash scripts/engine.sh
build .state/fabric-ca.path bash scripts/fabric-ca.sh
build .state/minio.path bash scripts/minio.sh # MinIO: the S3 backend's tests
build .state/language-yaml.path bash scripts/language-host.sh yaml # the YAML program of the package face
build .state/language-go.path bash scripts/language-host.sh go # the Go program of the package face
build .state/huawei-sdk-client.path bash scripts/huawei-sdk-client.sh # the official Go SDK as referee
build .state/language-python.path bash scripts/language-host.sh python # the Python program of the package face
build .state/python-env.path bash scripts/python-env.sh # its virtual environment (pulumi, mypy)
build .state/language-java.path bash scripts/language-host.sh java # the Java program of the package face
build .state/java-maven.path bash scripts/java-maven.sh # its Maven repository (com.pulumi:pulumi, plugins)
npx tsc -p tsconfig.json
node dist/scripts/sdkModels.js --check # sdk/generated/ is what the models make (`npm run generate`)
# The Go SDK is generated from the compiled schema, then examples/go is compiled against it; the Python
# SDK likewise, then built into a wheel and installed beside it; the Java SDK likewise, built with Maven
# offline into a repository of its own, then examples/java against it.
build .state/go-program.path bash scripts/go-program.sh
build .state/python-sdk.path bash scripts/python-sdk.sh
build .state/java-program.path bash scripts/java-program.sh
npx eslint .
npm run --silent lint:imports # import loops, layering (.dependency-cruiser.cjs) and file length
npx prettier --check . >/dev/null || { npx prettier --check .; exit 1; }
npm run --silent lint:docs # every relative link of the Markdown, and docs/ paths named in the code
# The compat legs need their own engine versions and projects (and the compiled package, to pack it).
compat=$(($# == 0))
if ((compat)); then build /dev/stdout bash scripts/compat.sh prepare; fi
failed=0
for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
((failed == 0)) || { echo "test: a build failed (see above)" >&2; exit 1; }
PULUMI_BCS_ENGINE_BIN="$(cat .state/engine.path)"
PULUMI_BCS_FABRIC_CA_BIN="$(cat .state/fabric-ca.path)"
PULUMI_BCS_MINIO_BIN="$(cat .state/minio.path)"
PULUMI_BCS_LANGUAGE_YAML_BIN="$(cat .state/language-yaml.path)"
PULUMI_BCS_LANGUAGE_GO_BIN="$(cat .state/language-go.path)"
PULUMI_BCS_GO_PROGRAM_BIN="$(cat .state/go-program.path)"
PULUMI_BCS_HUAWEI_SDK_CLIENT_BIN="$(cat .state/huawei-sdk-client.path)"
PULUMI_BCS_LANGUAGE_PYTHON_BIN="$(cat .state/language-python.path)"
PULUMI_BCS_PYTHON_ENV="$(cat .state/python-env.path)"
PULUMI_BCS_PYTHON_SDK="$(cat .state/python-sdk.path)"
PULUMI_BCS_LANGUAGE_JAVA_BIN="$(cat .state/language-java.path)"
PULUMI_BCS_JAVA_MAVEN="$(cat .state/java-maven.path)"
PULUMI_BCS_JAVA_PROGRAM_BIN="$(cat .state/java-program.path)"
export PULUMI_BCS_ENGINE_BIN PULUMI_BCS_FABRIC_CA_BIN PULUMI_BCS_MINIO_BIN PULUMI_BCS_LANGUAGE_YAML_BIN
export PULUMI_BCS_LANGUAGE_GO_BIN PULUMI_BCS_GO_PROGRAM_BIN PULUMI_BCS_HUAWEI_SDK_CLIENT_BIN
export PULUMI_BCS_LANGUAGE_PYTHON_BIN PULUMI_BCS_PYTHON_ENV PULUMI_BCS_PYTHON_SDK
export PULUMI_BCS_LANGUAGE_JAVA_BIN PULUMI_BCS_JAVA_MAVEN PULUMI_BCS_JAVA_PROGRAM_BIN

# The emulator's answers where the official sources leave them open (emulator/variants.ts): a fresh
# seed each run, printed, so that a failure can be replayed with the same BCS_EMULATOR_VARIANT_SEED.
BCS_EMULATOR_VARIANT_SEED="${BCS_EMULATOR_VARIANT_SEED:-$(od -An -N4 -tu4 /dev/urandom | tr -d ' ')}"
export BCS_EMULATOR_VARIANT_SEED
echo "test: emulator variant seed $BCS_EMULATOR_VARIANT_SEED (replay: BCS_EMULATOR_VARIANT_SEED=$BCS_EMULATOR_VARIANT_SEED bash scripts/test.sh)"

status=0
npx jest --maxWorkers=2 --json --outputFile=.state/jest-results.json "$@" || status=$?
if ((compat)); then
  bash scripts/compat.sh run || status=1
fi
# A warning, not a failure: the e2e harness already fails the test whose engine runs leave processes
# behind; this also catches whatever else a suite started and did not stop.
env -u PULUMI_BCS_TEST_RUN node dist/scripts/leftoverProcesses.js "$PULUMI_BCS_TEST_RUN" ||
  echo "test: warning: the run left processes behind (listed above); a test's teardown misses them" >&2
exit $status

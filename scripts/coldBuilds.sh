#!/usr/bin/env bash
# Measures what a cold CI machine builds, without touching this machine's caches: a fresh clone of
# HEAD, empty PULUMI_BCS_CACHE, npm, Go module and Go build caches under <dir>, then `npm ci`, Node.js,
# `tsc` and the builds in parallel as scripts/test.sh starts them. Prints wall time and CPU seconds
# (user + sys) per step and per `go install`; CPU seconds / 2 is the idle two-core lower bound.
#
#   bash scripts/coldBuilds.sh <dir>   (run it under `nice -n 19` on a shared machine)
set -uo pipefail
[[ $# -eq 1 ]] || { echo "usage: bash scripts/coldBuilds.sh <empty dir>" >&2; exit 2; }
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
root="$(mkdir -p "$1" && cd "$1" && pwd)"
[[ -z "$(ls -A "$root")" ]] || { echo "coldBuilds: $root is not empty" >&2; exit 2; }
export PULUMI_BCS_CACHE="$root/cache" GOMODCACHE="$root/mod" GOCACHE="$root/build" GOPATH="$root/gopath"
export npm_config_cache="$root/npm" PIP_CACHE_DIR="$root/pip"
# Every `go install` through /usr/bin/time, with its directory and package.
mkdir -p "$root/shim"
cat >"$root/shim/go" <<SHIM
#!/usr/bin/env bash
exec /usr/bin/time -a -o "$root/go-times.txt" -f "%e s wall, %U user, %S sys: go in \$(basename "\$PWD") \${*: -1}" "$(command -v go)" "\$@"
SHIM
chmod +x "$root/shim/go"
export PATH="$root/shim:$PATH"
step() { # step <name> <command...>
  local name=$1
  shift
  /usr/bin/time -a -o "$root/times.txt" -f "%e s wall, %U user, %S sys: $name" "$@" >"$root/$name.log" 2>&1
}
git clone -q "$repo" "$root/repo" && cd "$root/repo" || exit 1
started=$SECONDS
step npm-ci npm ci --no-audit --no-fund
step node24 bash scripts/node.sh
PATH="$(bash scripts/node.sh):$PATH"
step tsc npx tsc -p tsconfig.json
mkdir -p .state
step engine bash scripts/engine.sh &
step fabric-ca bash scripts/fabric-ca.sh &
step minio bash scripts/minio.sh &
step language-yaml bash scripts/language-host.sh yaml &
step language-go bash scripts/language-host.sh go &
step huawei-sdk-client bash scripts/huawei-sdk-client.sh &
step language-python bash scripts/language-host.sh python &
step python-env bash scripts/python-env.sh &
step language-java bash scripts/language-host.sh java &
step java-maven bash scripts/java-maven.sh &
step go-program bash scripts/go-program.sh & # after tsc: the Go SDK comes from the compiled schema
step python-sdk bash scripts/python-sdk.sh & # likewise the Python SDK
step java-program bash scripts/java-program.sh & # and the Java SDK, then examples/java
step compat-prepare bash scripts/compat.sh prepare &
wait
echo "all in $((SECONDS - started)) s"
cat "$root/times.txt" "$root/go-times.txt"

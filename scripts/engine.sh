#!/usr/bin/env bash
# Builds the Pulumi CLI and the Node.js language host from the Go module proxy, once per version, and
# prints the directory that holds them (with the pulumi-resource-pulumi-nodejs launcher beside them).
#
#   bash scripts/engine.sh [project]   the CLI version is that of <project>/node_modules/@pulumi/pulumi
#                                      (default: this repository's); tools/pulumi/<version> must pin it
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why one Go module per CLI version and a separate one for the language host: see tools/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
project="$(cd "${1:-$repo}" && pwd)"
sdk="$project/node_modules/@pulumi/pulumi"
cli_version="v$(node -p 'require(process.argv[1]).version' "$sdk/package.json" 2>/dev/null || true)"
if [[ "$cli_version" == "v" ]]; then
  echo "engine: $sdk is missing; run 'npm ci' first" >&2
  exit 1
fi
module="$repo/tools/pulumi/$cli_version"
if [[ ! -f "$module/go.mod" ]]; then
  echo "engine: @pulumi/pulumi is $cli_version but tools/pulumi/ pins no such CLI (it has: $(ls "$repo/tools/pulumi" | tr '\n' ' ')); add tools/pulumi/$cli_version" >&2
  exit 1
fi
host_version="$(grep -E 'pulumi-language-nodejs/v3 ' "$repo/tools/pulumi-language-nodejs/go.mod" | awk '{print $NF}')"

cache_root="${PULUMI_BCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs}"
bin="$cache_root/engine-$cli_version-nodejs-${host_version##*-}/bin"

# The launcher comes from the SDK; a run of another project may be using the copy in place.
launcher() { cmp -s "$sdk/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs" ||
  install -m 0755 "$sdk/pulumi-resource-pulumi-nodejs" "$bin/"; }

is_built() { [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" && "$("$bin/pulumi" version 2>/dev/null)" == "$cli_version" ]]; }
if is_built; then
  launcher
  echo "$bin"
  exit 0
fi

mkdir -p "$bin"
# Two runs may ask for the same version at once (npm test and its compat legs): one builds, the other
# waits and then finds the build.
if command -v flock >/dev/null; then
  exec 9>"$bin.lock"
  flock 9
fi
if is_built; then
  launcher
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "engine: Go is needed to build the Pulumi engine" >&2; exit 1; }
# The proxy's checksum database does not answer for pulumi's modules here; go.sum in tools/ pins them.
export GONOSUMDB="github.com/pulumi/pulumi" GOFLAGS="-mod=mod -modcacherw"
tags="osusergo,grpcnotrace"

build() { # build <module dir> <package> <version for the ldflag> <label>
  local started=$SECONDS count=0 line
  echo "engine: building $4 (first time only; about 5 minutes on 2 cores)" >&2
  (cd "$1" && GOBIN="$bin.partial" go install -v -trimpath -tags "$tags" \
    -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$3" "$2" 2>&1) |
    while IFS= read -r line; do
      count=$((count + 1))
      # go -v prints one line per module downloaded and per package compiled; show errors whole.
      if [[ "$line" =~ \.go:[0-9]+:|^#|^go:\ .*(error|cannot|invalid|refused|denied) ]]; then echo "$line" >&2; fi
      if ((count % 200 == 0)); then echo "engine:   $4: $count modules and packages so far ($((SECONDS - started)) s)" >&2; fi
    done
  [[ -x "$bin.partial/$(basename "${2%/v3}")" ]] || { echo "engine: building $4 failed" >&2; exit 1; }
  echo "engine:   $4 done in $((SECONDS - started)) s" >&2
}

rm -rf "$bin.partial"
build "$module" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$cli_version" "pulumi $cli_version"
build "$repo/tools/pulumi-language-nodejs" github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 \
  "$host_version" "pulumi-language-nodejs $host_version"
mv "$bin.partial"/* "$bin/" && rmdir "$bin.partial"
launcher
echo "$bin"

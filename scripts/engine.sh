#!/usr/bin/env bash
# Builds the Pulumi CLI and the Node.js language host from the Go module proxy, once per version, and
# prints the directory that holds them (with the pulumi-resource-pulumi-nodejs launcher beside them).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why two Go modules: see tools/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cli_version="v$(node -p 'require("@pulumi/pulumi/package.json").version' 2>/dev/null || true)"
if [[ "$cli_version" == "v" ]]; then
  echo "engine: node_modules/@pulumi/pulumi is missing; run 'npm ci' first" >&2
  exit 1
fi
pinned="$(grep -E '^require github.com/pulumi/pulumi/pkg/v3 ' "$repo/tools/pulumi/go.mod" | awk '{print $3}')"
if [[ "$pinned" != "$cli_version" ]]; then
  echo "engine: tools/pulumi/go.mod pins $pinned but @pulumi/pulumi is $cli_version; update tools/pulumi/go.mod" >&2
  exit 1
fi
host_version="$(grep -E 'pulumi-language-nodejs/v3 ' "$repo/tools/pulumi-language-nodejs/go.mod" | awk '{print $NF}')"

cache_root="${PULUMI_BCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs}"
bin="$cache_root/engine-$cli_version-nodejs-${host_version##*-}/bin"

if [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" && "$("$bin/pulumi" version 2>/dev/null)" == "$cli_version" ]]; then
  install -m 0755 "$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$bin/"
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "engine: Go is needed to build the Pulumi engine" >&2; exit 1; }
mkdir -p "$bin"
# The proxy's checksum database does not answer for pulumi's modules here; go.sum in tools/ pins them.
export GONOSUMDB="github.com/pulumi/pulumi" GOFLAGS="-mod=mod -modcacherw"
tags="osusergo,grpcnotrace"

build() { # build <module dir> <package> <version for the ldflag> <label>
  local started=$SECONDS count=0 line
  echo "engine: building $4 (first time only; about 5 minutes on 2 cores)" >&2
  (cd "$repo/tools/$1" && GOBIN="$bin.partial" go install -v -trimpath -tags "$tags" \
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
build pulumi github.com/pulumi/pulumi/pkg/v3/cmd/pulumi "$cli_version" "pulumi $cli_version"
build pulumi-language-nodejs github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3 \
  "$host_version" "pulumi-language-nodejs $host_version"
mv "$bin.partial"/* "$bin/" && rmdir "$bin.partial"
install -m 0755 "$repo/node_modules/@pulumi/pulumi/pulumi-resource-pulumi-nodejs" "$bin/"
echo "$bin"

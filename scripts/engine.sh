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
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=engine
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
bin="$cache_root/engine-$cli_version-nodejs-${host_version##*-}/bin"

# The launcher comes from the SDK; a run of another project may be using the copy in place.
reuse() { cmp -s "$sdk/pulumi-resource-pulumi-nodejs" "$bin/pulumi-resource-pulumi-nodejs" ||
  install -m 0755 "$sdk/pulumi-resource-pulumi-nodejs" "$bin/"; }
is_built() { [[ -x "$bin/pulumi" && -x "$bin/pulumi-language-nodejs" && "$("$bin/pulumi" version 2>/dev/null)" == "$cli_version" ]]; }
use_cached_or_lock "$bin"

# The proxy's checksum database does not answer for pulumi's modules here; go.sum in tools/ pins them.
export GONOSUMDB="github.com/pulumi/pulumi" GOFLAGS="-mod=mod -modcacherw"
tags="osusergo,grpcnotrace"
version_ldflags() { echo "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$1"; }

rm -rf "$bin.partial"
mkdir -p "$bin.partial"
# One CLI build at a time: npm test builds v3.276.0 while its compat legs build v3.248.0, and the two
# share 420 of their ~1450 packages (same module versions); built side by side, both would compile
# those, while one after the other the second finds them in Go's build cache. MinIO and fabric-ca
# (few packages in common with the CLIs) keep the other core busy meanwhile.
if command -v flock >/dev/null; then
  exec 8>"$cache_root/pulumi-cli.build.lock"
  flock 8
fi
echo "engine: building pulumi $cli_version (first time only; about 5 minutes on 2 cores)" >&2
(cd "$module" && export GOBIN="$bin.partial" && go_install_quietly "pulumi $cli_version" -trimpath -tags "$tags" \
  -ldflags "$(version_ldflags "$cli_version")" github.com/pulumi/pulumi/pkg/v3/cmd/pulumi)
exec 8>&-

# The language host is the same for every CLI version: built once, into a directory of its own, and
# copied beside each CLI.
host_bin="$(
  label=engine bin="$cache_root/pulumi-language-nodejs-${host_version##*-}/bin"
  unset -f reuse
  is_built() { [[ -x "$bin/pulumi-language-nodejs" ]]; } # the directory names the pinned commit
  use_cached_or_lock "$bin"
  echo "engine: building pulumi-language-nodejs $host_version (first time only, for every CLI)" >&2
  rm -rf "$bin.partial"
  (cd "$repo/tools/pulumi-language-nodejs" && export GOBIN="$bin.partial" &&
    go_install_quietly "pulumi-language-nodejs" -trimpath -tags "$tags" -ldflags "$(version_ldflags "$host_version")" \
      github.com/pulumi/pulumi/sdk/nodejs/cmd/pulumi-language-nodejs/v3)
  mv "$bin.partial/pulumi-language-nodejs" "$bin/" && rmdir "$bin.partial"
  echo "$bin"
)"
ln -f "$host_bin/pulumi-language-nodejs" "$bin.partial/" 2>/dev/null || cp "$host_bin/pulumi-language-nodejs" "$bin.partial/"
for tool in pulumi pulumi-language-nodejs; do
  [[ -x "$bin.partial/$tool" ]] || { echo "engine: building $tool failed" >&2; exit 1; }
done
mv "$bin.partial"/* "$bin/" && rmdir "$bin.partial"
reuse
echo "$bin"

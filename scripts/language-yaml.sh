#!/usr/bin/env bash
# Builds the Pulumi YAML language host (pulumi-language-yaml) from the Go module proxy, once per
# version, and prints the directory that holds it. Put it on PATH beside the engine (scripts/engine.sh)
# to run a `runtime: yaml` program such as examples/yaml.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`: see tools/README.md.
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/tools/pulumi-language-yaml"
version="$(grep -E '^require github.com/pulumi/pulumi-yaml ' "$module/go.mod" | awk '{print $NF}')"
cache_root="${PULUMI_BCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs}"
bin="$cache_root/language-yaml-$version/bin"

is_built() { [[ -x "$bin/pulumi-language-yaml" ]]; }
if is_built; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bin"
# Two runs may ask for it at once: one builds, the other waits and then finds the build.
if command -v flock >/dev/null; then
  exec 9>"$bin.lock"
  flock 9
fi
if is_built; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "language-yaml: Go is needed to build pulumi-language-yaml" >&2; exit 1; }
# The checksum database is not reachable for these modules; go.sum in tools/ pins every hash.
export GONOSUMDB="github.com/pulumi/pulumi,github.com/pulumi/pulumi-yaml" GOFLAGS="-mod=mod -modcacherw"
started=$SECONDS
echo "language-yaml: building pulumi-language-yaml $version (first time only; a few minutes on 2 cores)" >&2
rm -rf "$bin.partial"
# nice: the machines that build this are often busy running the test suite at the same time.
if ! (cd "$module" && GOBIN="$bin.partial" nice -n 10 go install -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$version" \
  github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml); then
  echo "language-yaml: building pulumi-language-yaml failed" >&2
  exit 1
fi
mv "$bin.partial/pulumi-language-yaml" "$bin/" && rmdir "$bin.partial"
echo "language-yaml: done in $((SECONDS - started)) s" >&2
echo "$bin"

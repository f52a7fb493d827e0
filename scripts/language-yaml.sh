#!/usr/bin/env bash
# Builds the Pulumi YAML language host (pulumi-language-yaml) from the Go module proxy, once per
# version, and prints the directory that holds it. Put it on PATH beside the engine (scripts/engine.sh)
# to run a `runtime: yaml` program such as examples/yaml.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`: see tools/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=language-yaml
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/tools/pulumi-language-yaml"
version="$(grep -E '^require github.com/pulumi/pulumi-yaml ' "$module/go.mod" | awk '{print $NF}')"
bin="$cache_root/language-yaml-$version/bin"

is_built() { [[ -x "$bin/pulumi-language-yaml" ]]; } # the directory names the pinned version
use_cached_or_lock "$bin"

# The checksum database is not reachable for these modules; go.sum in tools/ pins every hash.
export GONOSUMDB="github.com/pulumi/pulumi,github.com/pulumi/pulumi-yaml" GOFLAGS="-mod=mod -modcacherw"
echo "language-yaml: building pulumi-language-yaml $version (first time only; a few minutes on 2 cores)" >&2
go_install_into "$bin" "$module" "pulumi-language-yaml $version" -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-s -w -X github.com/pulumi/pulumi-yaml/pkg/version.Version=$version" \
  github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml
echo "$bin"

#!/usr/bin/env bash
# Builds the Pulumi Go language host (pulumi-language-go) from the Go module proxy, once per version,
# and prints the directory that holds it. Put it on PATH beside the engine (scripts/engine.sh) to run a
# `runtime: go` program such as examples/go, or to generate the Go SDK (scripts/go-sdk.sh).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`, and why this version: see tools/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=language-go
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/tools/pulumi-language-go"
version="$(grep -E '^require github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 ' "$module/go.mod" | awk '{print $NF}')"
bin="$cache_root/language-go-${version##*-}/bin"

is_built() { [[ -x "$bin/pulumi-language-go" ]]; } # the directory names the pinned commit
use_cached_or_lock "$bin"

# The checksum database is not reachable for these modules; go.sum in tools/ pins every hash.
export GONOSUMDB="github.com/pulumi/pulumi" GOFLAGS="-mod=mod -modcacherw"
echo "language-go: building pulumi-language-go $version (first time only; a few minutes on 2 cores)" >&2
go_install_into "$bin" "$module" "pulumi-language-go $version" -trimpath -tags osusergo,grpcnotrace \
  -ldflags "-s -w -X github.com/pulumi/pulumi/sdk/v3/go/common/version.Version=$version" \
  github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3
echo "$bin"

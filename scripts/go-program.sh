#!/usr/bin/env bash
# Builds the Go program of examples/go against the generated Go SDK (scripts/go-sdk.sh), once per
# program and schema, and prints the directory of its binary, bcs-go-example. A copy of
# examples/go/Pulumi.yaml with `runtime: {name: go, options: {binary: <that directory>/bcs-go-example}}`
# runs it without the Go host compiling it at each run (testing/goStack.ts does).
# Run `npx tsc -p tsconfig.json` first (the SDK is generated from the compiled schema).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=go-program
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="$repo/examples/go"
sdk="$(bash "$repo/scripts/go-sdk.sh")" # the directory's name carries the schema's hash
key="$( (cd "$program" && cat main.go go.mod go.sum && echo "$sdk") | sha256sum | cut -c1-16)"
bin="$cache_root/go-program-$key/bin"

is_built() { [[ -x "$bin/bcs-go-example" ]]; }
use_cached_or_lock "$bin"

# go.sum in examples/go pins every hash; the SDK is a local directory (the go.mod's replace).
export GONOSUMDB="github.com/pulumi/pulumi" GOFLAGS="-mod=readonly -modcacherw"
echo "go-program: building examples/go (first time only, and after a change to it or to the schema)" >&2
go_install_into "$bin" "$program" "examples/go" -trimpath -tags osusergo,grpcnotrace -ldflags "-s -w" .
echo "$bin"

#!/usr/bin/env bash
# Builds the Pulumi Go language host (pulumi-language-go) from the Go module proxy, once per version,
# and prints the directory that holds it. Put it on PATH beside the engine (scripts/engine.sh) to run a
# `runtime: go` program such as examples/go, or to generate the Go SDK (scripts/go-sdk.sh).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`, and why this version: see tools/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/languageHost.sh"
label=language-go
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
language_host "$repo/tools/pulumi-language-go" github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 \
  language-go github.com/pulumi/pulumi/sdk/v3/go/common/version.Version \
  github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3

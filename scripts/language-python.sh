#!/usr/bin/env bash
# Builds the Pulumi Python language host (pulumi-language-python) from the Go module proxy, once per
# version, with the pulumi-language-python-exec script it starts beside it, and prints the directory
# that holds them. Put it on PATH beside the engine (scripts/engine.sh) to run a `runtime: python`
# program such as examples/python, or to generate the Python SDK (scripts/python-sdk.sh).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`, and why this version: see tools/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/languageHost.sh"
label=language-python
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# The host runs a program through this script, which it looks for beside itself; it ships in the
# Pulumi SDK module the host is built with (sdk/v3, python/cmd/).
install_extras() {
  local sdk
  go mod download github.com/pulumi/pulumi/sdk/v3
  sdk="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$1/pulumi-language-python-exec"
}
language_host "$repo/tools/pulumi-language-python" github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 \
  language-python github.com/pulumi/pulumi/sdk/v3/go/common/version.Version \
  github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3

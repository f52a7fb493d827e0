#!/usr/bin/env bash
# Builds the Pulumi YAML language host (pulumi-language-yaml) from the Go module proxy, once per
# version, and prints the directory that holds it. Put it on PATH beside the engine (scripts/engine.sh)
# to run a `runtime: yaml` program such as examples/yaml.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`: see tools/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/languageHost.sh"
label=language-yaml
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
language_host "$repo/tools/pulumi-language-yaml" github.com/pulumi/pulumi-yaml language-yaml \
  github.com/pulumi/pulumi-yaml/pkg/version.Version github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml \
  github.com/pulumi/pulumi,github.com/pulumi/pulumi-yaml

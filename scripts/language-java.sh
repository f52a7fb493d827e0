#!/usr/bin/env bash
# Builds the Pulumi Java language host (pulumi-language-java) from the Go module proxy, once per
# version, and prints the directory that holds it. Put it on PATH beside the engine (scripts/engine.sh)
# to run a `runtime: java` program such as examples/java, or to generate the Java SDK
# (scripts/java-sdk.sh). The host runs a program with the first `java` on PATH.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Why a module of ours rather than `go install pkg@version`, and why this version: see tools/README.md.
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/languageHost.sh"
label=language-java
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
# pulumi-java/pkg is its own module, with release tags (pkg/v1.16.0): the cache directory names the tag.
language_host "$repo/tools/pulumi-language-java" github.com/pulumi/pulumi-java/pkg \
  language-java github.com/pulumi/pulumi-java/pkg/version.Version \
  github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java

#!/usr/bin/env bash
# Builds the Java program of examples/java against the generated Java SDK (scripts/java-sdk.sh), with
# Maven offline, once per program and schema, and prints the directory of its jar,
# bcs-java-example.jar, with the jars it names in lib/ beside it, and host/pulumi-language-java: the
# Java host of scripts/language-host.sh java started with `-binary <the jar>`, so that it runs the jar with
# `java -jar` instead of Maven at each run. With host/ first on PATH, a copy of examples/java/Pulumi.yaml
# (without its pom.xml) runs the prebuilt program (testing/javaStack.ts does). Why a wrapper and not the
# `binary` runtime option: pulumi-language-java 1.16.0 reads only its -binary flag, and the CLI no
# longer turns runtime options into flags (docs/decisions/0034-java-face.md).
# Run `npx tsc -p tsconfig.json` first (the SDK is generated from the compiled schema).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=java-program
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="$repo/examples/java"
m2="$(bash "$repo/scripts/java-sdk.sh")" # the directory's name carries the schema's hash
host="$(bash "$repo/scripts/language-host.sh" java)"
key="$( (cd "$program" && cat pom.xml $(find src -type f | sort) && echo "$m2 $host") | sha256sum | cut -c1-16)"
bin="$cache_root/java-program-$key/bin"

is_built() { [[ -x "$bin/host/pulumi-language-java" ]]; }
use_cached_or_lock "$bin"

echo "java-program: building examples/java (first time only, and after a change to it or to the schema)" >&2
work="$bin.partial"
rm -rf "$work" && mkdir -p "$work"
cp -r "$program/pom.xml" "$program/src" "$work/"
# The SDK's repository is read, not written: Maven offline only resolves from it.
(cd "$work" && mvn -B -q --no-transfer-progress -Dstyle.color=never -o "-Dmaven.repo.local=$m2" package) >&2
mkdir -p "$work/host"
printf '#!/bin/sh\nexec %q -binary %q "$@"\n' "$host/pulumi-language-java" "$bin/bcs-java-example.jar" \
  >"$work/host/pulumi-language-java"
chmod +x "$work/host/pulumi-language-java"
rm -rf "${bin:?}"/* # what a build cut short left
mv "$work/target/bcs-java-example.jar" "$work/target/lib" "$bin/"
mv "$work/host" "$bin/" # last: what is_built looks for
rm -rf "$work"
echo "$bin"

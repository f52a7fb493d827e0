#!/usr/bin/env bash
# Builds the Java program of examples/java against the generated Java SDK (scripts/java-sdk.sh), with
# Maven offline, once per program and schema, and prints the directory of its jar,
# bcs-java-example.jar, with the jars it names in lib/ beside it. A copy of examples/java/Pulumi.yaml
# with `runtime: {name: java, options: {binary: <that directory>/bcs-java-example.jar}}` runs it with
# `java -jar`, without Maven at each run (scripts/javaStack.ts does).
# Run `npx tsc -p tsconfig.json` first (the SDK is generated from the compiled schema).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=java-program
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
program="$repo/examples/java"
m2="$(bash "$repo/scripts/java-sdk.sh")" # the directory's name carries the schema's hash
key="$( (cd "$program" && cat pom.xml $(find src -type f | sort) && echo "$m2") | sha256sum | cut -c1-16)"
bin="$cache_root/java-program-$key/bin"

is_built() { [[ -f "$bin/bcs-java-example.jar" ]]; }
use_cached_or_lock "$bin"

echo "java-program: building examples/java (first time only, and after a change to it or to the schema)" >&2
work="$bin.partial"
rm -rf "$work" && mkdir -p "$work"
cp -r "$program/pom.xml" "$program/src" "$work/"
# The SDK's repository is read, not written: Maven offline only resolves from it.
(cd "$work" && mvn -B -q --no-transfer-progress -Dstyle.color=never -o "-Dmaven.repo.local=$m2" package) >&2
mv "$work/target/bcs-java-example.jar" "$work/target/lib" "$bin/"
rm -rf "$work"
echo "$bin"

#!/usr/bin/env bash
# Fills the Maven repository the Java face builds from, once per build file and Maven: every plugin and
# library that tools/java/pom.xml (the Java SDK's build) and examples/java/pom.xml need, at the exact
# versions they name, from Maven Central. It runs each of their goals once online, on stub sources
# (Maven fetches a plugin's own dependencies only when the plugin runs, so `dependency:go-offline` is
# not enough; exec:java is how the Java host runs examples/java with Maven), then removes the stub SDK.
# Prints the repository's directory; scripts/java-sdk.sh and java-program.sh then run Maven offline
# (-o) on a copy of it. No node_modules or compiled schema is needed, so it runs beside the other
# builds.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=java-maven
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
command -v mvn >/dev/null || { echo "java-maven: Maven (mvn) is needed" >&2; exit 1; }
key="$( (cat "$repo/tools/java/pom.xml" "$repo/examples/java/pom.xml" && mvn --version 2>&1) | sha256sum | cut -c1-16)"
dir="$cache_root/java-maven-$key"
m2="$dir/repository"

is_built() { [[ -f "$dir/.complete" ]]; }
use_cached_or_lock "$m2"

echo "java-maven: filling the Maven repository of the Java face from Maven Central (first time only)" >&2
work="$dir.partial"
rm -rf "$work" "$m2"
mkdir -p "$work/sdk/src/main/java/com/pulumi/bcs" "$work/program/src/main/java/bcs/example"
cp "$repo/tools/java/pom.xml" "$work/sdk/pom.xml"
printf 'package com.pulumi.bcs;\npublic final class Stub { public static final com.pulumi.core.Output<String> NAME = com.pulumi.core.Output.of("bcs"); }\n' \
  >"$work/sdk/src/main/java/com/pulumi/bcs/Stub.java"
cp "$repo/examples/java/pom.xml" "$work/program/pom.xml"
printf 'package bcs.example;\npublic final class App { public static void main(String[] a) { System.out.println(com.pulumi.bcs.Stub.NAME); } }\n' \
  >"$work/program/src/main/java/bcs/example/App.java"
mvn=(mvn -B -q --no-transfer-progress -Dstyle.color=never "-Dmaven.repo.local=$m2")
(cd "$work/sdk" && "${mvn[@]}" install) >&2
(cd "$work/program" && "${mvn[@]}" package exec:java) >&2
# The stub SDK goes; what is left is Maven Central's. Then the same goals offline, as the scripts run them.
rm -rf "$m2/com/pulumi/bcs"
(cd "$work/sdk" && "${mvn[@]}" -o install && cd "$work/program" && "${mvn[@]}" -o package exec:java) >&2
rm -rf "$m2/com/pulumi/bcs" "$work"
touch "$dir/.complete"
echo "$m2"

#!/usr/bin/env bash
# Generates the Java SDK of the `bcs` package from its schema (package/schema.ts, compiled into dist/)
# with `pulumi package gen-sdk --language java` (the engine of scripts/engine.sh and the Java language
# host of scripts/language-host.sh java), once per schema, and builds it with Maven offline
# (tools/java/pom.xml) into a Maven repository of its own: a copy of scripts/java-maven.sh's, with the
# SDK installed as com.pulumi:bcs:<the plugin's version>. Prints that repository's directory; beside it,
# java/ holds the generated source. A copy per schema, so that two schemas built at once on one machine
# never share an artifact. It also points .state/java-sdk at it. Run `npx tsc -p tsconfig.json` first.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/genSdk.sh"

label=java-sdk
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
schema="$(bcs_schema)"
maven="$(bash "$repo/scripts/java-maven.sh")" # its directory's name carries the build files' hash
# The key: the schema, the code generator's (the Java host's) version and the Maven repository.
generator="$(grep -E '^require ' "$repo/tools/pulumi-language-java/go.mod")"
key="$(printf '%s\n%s\n%s\n' "$schema" "$generator" "$maven" | sha256sum | cut -c1-16)"
dir="$cache_root/java-sdk-$key"
m2="$dir/repository"
version="$(node -p 'JSON.parse(process.argv[1]).version' "$schema")"
jar="$m2/com/pulumi/bcs/$version/bcs-$version.jar"

reuse() { mkdir -p "$repo/.state" && ln -sfn "$m2" "$repo/.state/java-sdk"; }
is_built() { [[ -f "$jar" ]]; }
use_cached_or_lock "$m2"

echo "java-sdk: generating the Java SDK of the bcs schema ($key)" >&2
gen_sdk java "$schema" "$dir.partial"
generated="$dir.partial/out/java"
[[ -f "$generated/src/main/java/com/pulumi/bcs/Provider.java" ]] ||
  { echo "java-sdk: gen-sdk wrote no $generated/src/main/java/com/pulumi/bcs/Provider.java" >&2; exit 1; }
cp "$repo/tools/java/pom.xml" "$generated/pom.xml"
# What the generated build.gradle would write into the jar (its genPulumiResources task): the SDK reads
# its version from version.txt, and plugin.json tells the engine which plugin its resources need.
resources="$generated/src/main/resources/com/pulumi/bcs"
mkdir -p "$resources"
printf '%s\n' "$version" >"$resources/version.txt"
printf '{\n  "resource": true,\n  "name": "bcs",\n  "version": "%s"\n}\n' "$version" >"$resources/plugin.json"
cp -a "$maven" "$dir.partial/repository"
(cd "$generated" && mvn -B -q --no-transfer-progress -Dstyle.color=never -o "-Dmaven.repo.local=$dir.partial/repository" \
  "-Dbcs.version=$version" install) >&2
rm -rf "$generated/target" "$dir/java" && mv "$generated" "$dir/java"
rmdir "$m2" && mv "$dir.partial/repository" "$m2"
rm -rf "$dir.partial"
reuse
echo "$m2"

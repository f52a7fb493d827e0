#!/usr/bin/env bash
# Generates the Go SDK of the `bcs` package from its schema (package/schema.ts, compiled into dist/)
# with `pulumi package gen-sdk --language go` (the engine of scripts/engine.sh and the Go language host
# of scripts/language-go.sh), once per schema, and prints the directory of the Go module (its go.mod
# names the schema's `language.go.importBasePath`). It also points .state/go-sdk at it: examples/go
# replaces the SDK's import path by that directory. Run `npx tsc -p tsconfig.json` first.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=go-sdk
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
[[ -f "$repo/dist/package/schema.js" ]] || { echo "go-sdk: dist/package/schema.js is missing; run 'npx tsc -p tsconfig.json' first" >&2; exit 1; }
schema="$(cd "$repo" && node -e 'process.stdout.write(JSON.stringify(require("./dist/package/schema.js").packageSchema(), null, 2))')"
# The key: the schema, the Go and Pulumi SDK versions it is compiled with (examples/go/go.mod) and the
# code generator's (the Go host's) version.
sdk_version="$(grep -E '^\s*github.com/pulumi/pulumi/sdk/v3 ' "$repo/examples/go/go.mod" | awk '{print $NF}')"
go_version="$(grep -E '^go ' "$repo/examples/go/go.mod" | awk '{print $NF}')"
generator="$(grep -E '^require ' "$repo/tools/pulumi-language-go/go.mod")"
key="$(printf '%s\n%s %s %s\n' "$schema" "$go_version" "$sdk_version" "$generator" | sha256sum | cut -c1-16)"
dir="$cache_root/go-sdk-$key"
module="$dir/bcs"

reuse() { mkdir -p "$repo/.state" && ln -sfn "$module" "$repo/.state/go-sdk"; }
is_built() { [[ -f "$module/go.mod" ]]; }
use_cached_or_lock "$module"

engine="$(bash "$repo/scripts/engine.sh")"
language_go="$(bash "$repo/scripts/language-go.sh")"
echo "go-sdk: generating the Go SDK of the bcs schema ($key)" >&2
rm -rf "$dir.partial"
mkdir -p "$dir.partial/home"
printf '%s\n' "$schema" >"$dir.partial/schema.json"
PATH="$engine:$language_go:$PATH" PULUMI_HOME="$dir.partial/home" PULUMI_SKIP_UPDATE_CHECK=true \
  PULUMI_DISABLE_AUTOMATIC_PLUGIN_ACQUISITION=true \
  pulumi package gen-sdk "$dir.partial/schema.json" --language go --out "$dir.partial/out" >&2
import_path="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).language.go.importBasePath' "$dir.partial/schema.json")"
generated="$dir.partial/out/go/bcs"
[[ -f "$generated/provider.go" ]] || { echo "go-sdk: gen-sdk wrote no $generated/provider.go" >&2; exit 1; }
# The generated package carries no go.mod of its own: a module of its import path, on the same SDK.
printf 'module %s\n\ngo %s\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$import_path" "$go_version" "$sdk_version" >"$generated/go.mod"
rmdir "$module" && mv "$generated" "$module"
rm -rf "$dir.partial"
reuse
echo "$module"

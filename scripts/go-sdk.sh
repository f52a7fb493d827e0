#!/usr/bin/env bash
# Generates the Go SDK of the `bcs` package from its schema (package/schema.ts, compiled into dist/)
# with `pulumi package gen-sdk --language go` (the engine of scripts/engine.sh and the Go language host
# of scripts/language-host.sh go), once per schema, and prints the directory of the Go module (its go.mod
# names the schema's `language.go.importBasePath`). It also points .state/go-sdk at it: examples/go
# replaces the SDK's import path by that directory. Run `npx tsc -p tsconfig.json` first.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/genSdk.sh"

label=go-sdk
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
schema="$(bcs_schema)"
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

echo "go-sdk: generating the Go SDK of the bcs schema ($key)" >&2
gen_sdk go "$schema" "$dir.partial"
import_path="$(node -p 'JSON.parse(require("fs").readFileSync(process.argv[1], "utf8")).language.go.importBasePath' "$dir.partial/schema.json")"
generated="$dir.partial/out/go/bcs"
[[ -f "$generated/provider.go" ]] || { echo "go-sdk: gen-sdk wrote no $generated/provider.go" >&2; exit 1; }
# The generated package carries no go.mod of its own: a module of its import path, on the same SDK.
printf 'module %s\n\ngo %s\n\nrequire github.com/pulumi/pulumi/sdk/v3 %s\n' "$import_path" "$go_version" "$sdk_version" >"$generated/go.mod"
rmdir "$module" && mv "$generated" "$module"
rm -rf "$dir.partial"
reuse
echo "$module"

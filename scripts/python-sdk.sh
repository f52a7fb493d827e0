#!/usr/bin/env bash
# Generates the Python SDK of the `bcs` package from its schema (package/schema.ts, compiled into
# dist/) with `pulumi package gen-sdk --language python` (the engine of scripts/engine.sh and the
# Python language host of scripts/language-host.sh python), once per schema, builds its wheel (with the
# setuptools of scripts/python-env.sh) and installs that into a directory of its own, which it prints:
# on PYTHONPATH, a program imports `pulumi_bcs` from it, and finds its metadata (the SDK reads its own
# version from it). Beside that directory: python/ (the generated source) and wheel/. It also points
# .state/python-sdk at it. Run `npx tsc -p tsconfig.json` first.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/genSdk.sh"

label=python-sdk
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
schema="$(bcs_schema)"
# The key: the schema, the code generator's (the Python host's) version and the environment that builds
# the wheel (its directory's name carries its requirements' hash).
generator="$(grep -E '^require ' "$repo/tools/pulumi-language-python/go.mod")"
venv="$(bash "$repo/scripts/python-env.sh")"
key="$(printf '%s\n%s\n%s\n' "$schema" "$generator" "$venv" | sha256sum | cut -c1-16)"
dir="$cache_root/python-sdk-$key"
sdk="$dir/site"

reuse() { mkdir -p "$repo/.state" && ln -sfn "$sdk" "$repo/.state/python-sdk"; }
is_built() { [[ -f "$sdk/pulumi_bcs/py.typed" && -n "$(compgen -G "$sdk/pulumi_bcs-*.dist-info")" ]]; }
use_cached_or_lock "$sdk"

echo "python-sdk: generating the Python SDK of the bcs schema ($key)" >&2
gen_sdk python "$schema" "$dir.partial"
generated="$dir.partial/out/python"
[[ -f "$generated/pulumi_bcs/py.typed" ]] || { echo "python-sdk: gen-sdk wrote no $generated/pulumi_bcs/py.typed" >&2; exit 1; }
pip=("$venv/bin/python" -m pip --disable-pip-version-check --no-input --quiet)
"${pip[@]}" wheel --no-deps --no-build-isolation --wheel-dir "$dir.partial/wheel" "$generated" >&2
"${pip[@]}" install --no-deps --no-index --target "$dir.partial/site" "$dir.partial/wheel"/pulumi_bcs-*.whl >&2
rm -rf "$dir/python" "$dir/wheel" && mv "$generated" "$dir/python" && mv "$dir.partial/wheel" "$dir/wheel"
rmdir "$sdk" && mv "$dir.partial/site" "$sdk"
rm -rf "$dir.partial"
reuse
echo "$sdk"

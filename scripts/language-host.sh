#!/usr/bin/env bash
# Builds one Pulumi language host from the Go module proxy, once per pinned version, and prints the
# directory that holds it. Put it on PATH beside the engine (scripts/engine.sh) to run a program in that
# language (examples/go, examples/yaml, examples/python, examples/java) or to generate its SDK (scripts/go-sdk.sh,
# python-sdk.sh, java-sdk.sh).
#
#   bash scripts/language-host.sh <language>   one of the languages in the table at the end
#   PULUMI_BCS_CACHE                           cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# Each host is built from a module of ours, tools/pulumi-language-<language>/ (tools/README.md says why,
# and why these versions); its version is what that go.mod requires of the host's module. The cache
# directory is language-<language>-<version>, a pseudo-version shortened to its commit.
set -euo pipefail
language=${1:-}
label=language-$language
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
source "$repo/scripts/lib/cachedBuild.sh"

# host <required module> <version variable> <package> [GONOSUMDB]: builds <package> (the binary is named
# after it, less a /vN suffix) with `-X <version variable>=<version>`, prints its directory and exits.
# A language may define `extras_<language> <bin dir>` (run in its module dir) for files the host needs
# beside it: it runs before the binary is moved in, and the binary is what `is_built` looks for, so a
# build whose extras failed never looks built.
host() {
  local required=$1 version_var=$2 package=$3 nosumdb=${4:-github.com/pulumi/pulumi}
  local module="$repo/tools/pulumi-language-$language" version exe
  exe="$(basename "${package%/v[0-9]*}")" # a major-version suffix is not the command's name
  version="$(grep -E "^require $required " "$module/go.mod" | awk '{print $NF}')"
  [[ -n "$version" ]] || { echo "$label: $module/go.mod has no 'require $required <version>' line" >&2; exit 1; }
  # A pseudo-version is shortened to its commit (v3.0.0-20250806165243-bee5e4fa4815 -> bee5e4fa4815).
  host_bin="$cache_root/language-$language-${version##*-}/bin"
  host_exe="$host_bin/$exe"
  is_built() { [[ -x "$host_exe" ]]; } # the directory names the pinned version
  use_cached_or_lock "$host_bin"
  # The checksum database is not reachable for these modules; go.sum in tools/ pins every hash.
  export GONOSUMDB="$nosumdb" GOFLAGS="-mod=mod -modcacherw"
  echo "$label: building $exe $version (first time only; a few minutes on 2 cores)" >&2
  if declare -F "extras_$language" >/dev/null; then (cd "$module" && "extras_$language" "$host_bin"); fi
  go_install_into "$host_bin" "$module" "$exe $version" -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X $version_var=$version" "$package"
  echo "$host_bin"
  exit 0
}

# The Python host runs a program through this script, which it looks for beside itself; it ships in the
# Pulumi SDK module the host is built with (sdk/v3, python/cmd/).
extras_python() {
  local sdk
  go mod download github.com/pulumi/pulumi/sdk/v3
  sdk="$(go list -m -f '{{.Dir}}' github.com/pulumi/pulumi/sdk/v3)"
  install -m 0755 "$sdk/python/cmd/pulumi-language-python-exec" "$1/pulumi-language-python-exec"
}

# One line per language: host <required module> <version variable> <package> [GONOSUMDB].
go_version=github.com/pulumi/pulumi/sdk/v3/go/common/version.Version
case "$language" in
  go) host github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 "$go_version" github.com/pulumi/pulumi/sdk/go/pulumi-language-go/v3 ;;
  yaml) host github.com/pulumi/pulumi-yaml github.com/pulumi/pulumi-yaml/pkg/version.Version github.com/pulumi/pulumi-yaml/cmd/pulumi-language-yaml github.com/pulumi/pulumi,github.com/pulumi/pulumi-yaml ;;
  python) host github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 "$go_version" github.com/pulumi/pulumi/sdk/python/cmd/pulumi-language-python/v3 ;;
  java) host github.com/pulumi/pulumi-java/pkg github.com/pulumi/pulumi-java/pkg/version.Version github.com/pulumi/pulumi-java/pkg/cmd/pulumi-language-java ;;
  *) echo "usage: bash scripts/language-host.sh go|yaml|python|java (got '$language')" >&2; exit 2 ;;
esac

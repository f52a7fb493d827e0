# Sourced by scripts/language-yaml.sh, language-go.sh, language-python.sh and language-java.sh: the one recipe of a
# Pulumi language host built from a module of ours under tools/ (tools/README.md says why), cached once
# per pinned version. A script sets `label`, then calls
#
#   language_host <module dir> <required module> <cache name> <version variable> <package> [GONOSUMDB]
#
# which prints the directory of the host binary (named after <package>, less a /vN suffix) and exits. The
# version is what <module dir>/go.mod requires of <required module>; the cache directory is
# <cache name>-<version>, with a pseudo-version shortened to its commit. <version variable> is the Go
# variable `-X` stamps the version into. A script may define `install_extras <bin dir>` (run in
# <module dir>) for files the host needs beside it: it runs before the binary is moved in, and the binary is what
# `is_built` looks for, so a build whose extras failed never looks built.
source "$(dirname "${BASH_SOURCE[0]}")/cachedBuild.sh"

language_host() {
  local module=$1 required=$2 name=$3 version_var=$4 package=$5 nosumdb=${6:-github.com/pulumi/pulumi}
  local version exe
  exe="$(basename "${package%/v[0-9]*}")" # a major-version suffix is not the command's name
  version="$(grep -E "^require $required " "$module/go.mod" | awk '{print $NF}')"
  [[ -n "$version" ]] || { echo "$label: $module/go.mod has no 'require $required <version>' line" >&2; exit 1; }
  # A pseudo-version is shortened to its commit (v3.0.0-20250806165243-bee5e4fa4815 -> bee5e4fa4815).
  host_bin="$cache_root/$name-${version##*-}/bin"
  host_exe="$host_bin/$exe"
  is_built() { [[ -x "$host_exe" ]]; } # the directory names the pinned version
  use_cached_or_lock "$host_bin"
  # The checksum database is not reachable for these modules; go.sum in tools/ pins every hash.
  export GONOSUMDB="$nosumdb" GOFLAGS="-mod=mod -modcacherw"
  echo "$label: building $exe $version (first time only; a few minutes on 2 cores)" >&2
  if declare -F install_extras >/dev/null; then (cd "$module" && install_extras "$host_bin"); fi
  go_install_into "$host_bin" "$module" "$exe $version" -trimpath -tags osusergo,grpcnotrace \
    -ldflags "-s -w -X $version_var=$version" "$package"
  echo "$host_bin"
  exit 0
}

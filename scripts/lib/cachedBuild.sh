# Sourced by scripts/engine.sh, fabric-ca.sh, minio.sh, go-program.sh, huawei-sdk-client.sh, python-env.sh, java-maven.sh, java-program.sh, language-host.sh
# (the language hosts) and lib/genSdk.sh (the generated SDKs): what their cached builds share. A script
# sets `label` (its name in messages) and defines `is_built` (true when its binaries in the cache are
# the pinned version), and may define
# `reuse` (run before a cached build is used).
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)

cache_root="${PULUMI_BCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs}"

# use_cached_or_lock <bin dir>: prints <bin dir> and exits when the build is there; otherwise takes
# <bin dir>.lock and returns to the caller, which builds. Several runs may ask at once (test workers,
# npm test and its compat legs, the demo): one builds, the others wait and then find its build.
use_cached_or_lock() {
  if is_built; then
    if declare -F reuse >/dev/null; then reuse; fi
    echo "$1"
    exit 0
  fi
  mkdir -p "$1"
  if command -v flock >/dev/null; then
    exec 9>"$1.lock"
    flock 9
  fi
  if is_built; then
    if declare -F reuse >/dev/null; then reuse; fi
    echo "$1"
    exit 0
  fi
  command -v go >/dev/null || { echo "$label: Go is needed to build it" >&2; exit 1; }
}

# go_install_quietly <what> <go install arguments...>: `go install -v` in the current directory,
# showing only diagnostics and a progress line every 200 modules and packages. go -v prints one line
# per module downloaded and per package compiled (an import path, no spaces); anything else is a
# diagnostic and is shown whole.
# The compiler writes no DWARF: the binaries are stripped anyway (-ldflags "-s -w"). Compiling the
# language host from a cold build cache, side by side, it compiled 8% more packages per CPU second
# (1014 against 942 cache entries after 160 CPU s each) into a 17% smaller build cache.
go_install_quietly() {
  local what=$1 started=$SECONDS count=0 line
  shift
  if ! go install -v -gcflags=all=-dwarf=false "$@" 2>&1 |
    while IFS= read -r line; do
      count=$((count + 1))
      if [[ "$line" == *" "* && "$line" != "go: downloading "* ]]; then echo "$line" >&2; fi
      if ((count % 200 == 0)); then echo "$label:   $what: $count modules and packages so far ($((SECONDS - started)) s)" >&2; fi
    done; then
    echo "$label: building $what failed" >&2
    exit 1
  fi
  echo "$label:   $what: done in $((SECONDS - started)) s" >&2
}

# go_install_into <bin dir> <module dir> <what> <go install arguments...>: go_install_quietly in
# <module dir> into <bin dir>.partial, then moves what it installed into <bin dir>, so that a build cut
# short never looks built.
go_install_into() {
  local bin=$1 module=$2 what=$3
  shift 3
  rm -rf "$bin.partial"
  (cd "$module" && export GOBIN="$bin.partial" && go_install_quietly "$what" "$@")
  mv "$bin.partial"/* "$bin/" && rmdir "$bin.partial"
}

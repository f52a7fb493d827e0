#!/usr/bin/env bash
# Builds fabric-ca-server and fabric-ca-client from the Go module proxy, once per version, and prints
# the directory that holds them.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# v1.5.15 is the newest tag the module proxy here serves (v1.5.16+ answer 403). `go install pkg@version`
# cannot be used: it looks up the module's deprecation in `@v/list`, which the proxy here refuses
# (403). So both commands are installed from a throwaway module that requires fabric-ca at the tag;
# fabric-ca has no replace directives, so the build list is the one `@version` would use.
set -euo pipefail

version="v1.5.15"
module="github.com/hyperledger/fabric-ca"
cache_root="${PULUMI_BCS_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs}"
bin="$cache_root/fabric-ca-$version/bin"

# lib/metadata.Version is hard-coded per tag, so `version` tells a stale or foreign build apart.
built_version() { "$bin/$1" version 2>/dev/null | awk '/^ *Version:/ {print "v" $2; exit}'; }
is_built() {
  [[ -x "$bin/fabric-ca-server" && -x "$bin/fabric-ca-client" &&
    "$(built_version fabric-ca-server)" == "$version" && "$(built_version fabric-ca-client)" == "$version" ]]
}
if is_built; then
  echo "$bin"
  exit 0
fi

mkdir -p "$bin"
# Test workers may call this at the same time: one builds, the others wait and then find the build.
if command -v flock >/dev/null; then
  exec 9>"$bin.lock"
  flock 9
fi
if is_built; then
  echo "$bin"
  exit 0
fi

command -v go >/dev/null || { echo "fabric-ca: Go is needed to build fabric-ca" >&2; exit 1; }
command -v gcc >/dev/null || { echo "fabric-ca: gcc is needed (cgo, for the server's SQLite driver)" >&2; exit 1; }
# cgo on: without it go-sqlite3 is a stub that fails at run time. No -tags libsqlite3, so the bundled
# SQLite amalgamation is compiled and no libsqlite3-dev is needed.
export CGO_ENABLED=1 GOFLAGS="-modcacherw"
# The checksum database answers for fabric-ca and its dependencies through the proxy here, so no
# GONOSUMDB is needed (unlike the Pulumi engine build).

started=$SECONDS count=0
echo "fabric-ca: building fabric-ca-server and fabric-ca-client $version (first time only; a few minutes on 2 cores)" >&2
rm -rf "$bin.partial" "$bin.module"
mkdir -p "$bin.module"
printf 'module pulumi-bcs.internal/fabric-ca\n\ngo 1.23.5\n\nrequire %s %s\n' "$module" "$version" >"$bin.module/go.mod"
(cd "$bin.module" && GOBIN="$bin.partial" go install -v -mod=mod -trimpath -ldflags "-s -w" \
  "$module/cmd/fabric-ca-server" "$module/cmd/fabric-ca-client" 2>&1) |
  while IFS= read -r line; do
    count=$((count + 1))
    # go -v prints one line per module downloaded and per package compiled (an import path, no
    # spaces); anything else is a diagnostic and is shown whole.
    if [[ "$line" == *" "* && "$line" != "go: downloading "* ]]; then echo "$line" >&2; fi
    if ((count % 100 == 0)); then echo "fabric-ca:   $count modules and packages so far ($((SECONDS - started)) s)" >&2; fi
  done
for tool in fabric-ca-server fabric-ca-client; do
  [[ -x "$bin.partial/$tool" ]] || { echo "fabric-ca: building $tool failed" >&2; exit 1; }
done
mv "$bin.partial"/* "$bin/" && rmdir "$bin.partial" && rm -rf "$bin.module"
echo "fabric-ca: done in $((SECONDS - started)) s" >&2
echo "$bin"

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
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=fabric-ca
version="v1.5.15"
module="github.com/hyperledger/fabric-ca"
bin="$cache_root/fabric-ca-$version/bin"

# lib/metadata.Version is hard-coded per tag, so `version` tells a stale or foreign build apart.
built_version() { "$bin/$1" version 2>/dev/null | awk '/^ *Version:/ {print "v" $2; exit}'; }
is_built() {
  [[ -x "$bin/fabric-ca-server" && -x "$bin/fabric-ca-client" &&
    "$(built_version fabric-ca-server)" == "$version" && "$(built_version fabric-ca-client)" == "$version" ]]
}
use_cached_or_lock "$bin"

command -v gcc >/dev/null || { echo "fabric-ca: gcc is needed (cgo, for the server's SQLite driver)" >&2; exit 1; }
# cgo on: without it go-sqlite3 is a stub that fails at run time. No -tags libsqlite3, so the bundled
# SQLite amalgamation is compiled and no libsqlite3-dev is needed.
export CGO_ENABLED=1 GOFLAGS="-modcacherw"
# The checksum database answers for fabric-ca and its dependencies through the proxy here, so no
# GONOSUMDB is needed (unlike the Pulumi engine build).

echo "fabric-ca: building fabric-ca-server and fabric-ca-client $version (first time only; a few minutes on 2 cores)" >&2
rm -rf "$bin.partial" "$bin.module"
mkdir -p "$bin.module"
printf 'module pulumi-bcs.internal/fabric-ca\n\ngo 1.23.5\n\nrequire %s %s\n' "$module" "$version" >"$bin.module/go.mod"
(cd "$bin.module" && export GOBIN="$bin.partial" && go_install_quietly "fabric-ca $version" -mod=mod -trimpath -ldflags "-s -w" \
  "$module/cmd/fabric-ca-server" "$module/cmd/fabric-ca-client")
for tool in fabric-ca-server fabric-ca-client; do
  [[ -x "$bin.partial/$tool" ]] || { echo "fabric-ca: building $tool failed" >&2; exit 1; }
done
mv "$bin.partial"/* "$bin/" && rmdir "$bin.partial" && rm -rf "$bin.module"
echo "$bin"

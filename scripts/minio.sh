#!/usr/bin/env bash
# Builds the MinIO server from the Go module proxy, once per version, and prints the directory that
# holds it. The S3-backend test and `npm run demo -- --backend s3` run the state backend on it.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
#
# MinIO has no tags on the module proxy, only pseudo-versions; tools/minio/go.mod pins one (its
# go.mod has no replace directives) and go.sum pins every hash. Why not `go install pkg@version`:
# the proxy here refuses `@v/list`, which that reads (see scripts/fabric-ca.sh).
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=minio
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="github.com/minio/minio"
version="$(grep -E "^require $module " "$repo/tools/minio/go.mod" | awk '{print $3}')"
[[ -n "$version" ]] || { echo "minio: tools/minio/go.mod does not require $module" >&2; exit 1; }
# v0.0.0-20260212201848-7aac2a2c5b7c: the commit time and the short commit hash.
stamp="${version#v0.0.0-}" commit="${version##*-}"
stamp="${stamp%%-*}"
release="${stamp:0:4}-${stamp:4:2}-${stamp:6:2}T${stamp:8:2}:${stamp:10:2}:${stamp:12:2}Z"
bin="$cache_root/minio-$version/bin"

# The ldflags below stamp the commit into the binary, so `--version` tells a stale or foreign build apart.
is_built() { [[ -x "$bin/minio" ]] && "$bin/minio" --version 2>/dev/null | grep -q "(commit-id=$commit)"; }
use_cached_or_lock "$bin"

# Pure Go, as MinIO's own release builds (`make build`); no -tags kqueue, which is only for the BSDs.
export CGO_ENABLED=0 GOFLAGS="-mod=mod -modcacherw"
ldflags="-s -w -X $module/cmd.Version=$release -X $module/cmd.ReleaseTag=DEVELOPMENT.${release//:/-}"
ldflags+=" -X $module/cmd.CommitID=$commit -X $module/cmd.ShortCommitID=$commit -X $module/cmd.CopyrightYear=${stamp:0:4}"

echo "minio: building MinIO $version (first time only; up to 30 minutes on 2 cores)" >&2
rm -rf "$bin.partial"
(cd "$repo/tools/minio" && export GOBIN="$bin.partial" && go_install_quietly "MinIO" -trimpath -ldflags "$ldflags" "$module")
[[ -x "$bin.partial/minio" ]] || { echo "minio: building MinIO failed" >&2; exit 1; }
mv "$bin.partial/minio" "$bin/" && rmdir "$bin.partial"
echo "$bin"

#!/usr/bin/env bash
# Builds tools/huawei-sdk-client, our small program on Huawei's official Go SDK
# (github.com/huaweicloud/huaweicloud-sdk-go-v3, the version its go.mod pins, from the Go module
# proxy), once per program and version, and prints the directory of its binary, huawei-sdk-client.
# tests/contract/officialClient.test.ts runs it against the emulator: the official client as referee.
#
#   PULUMI_BCS_CACHE   cache root (default: ${XDG_CACHE_HOME:-$HOME/.cache}/pulumi-bcs)
set -euo pipefail
source "$(dirname "${BASH_SOURCE[0]}")/lib/cachedBuild.sh"

label=huawei-sdk-client
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
module="$repo/tools/huawei-sdk-client"
key="$( (cd "$module" && cat main.go go.mod go.sum) | sha256sum | cut -c1-16)"
bin="$cache_root/huawei-sdk-client-$key/bin"

is_built() { [[ -x "$bin/huawei-sdk-client" ]]; }
use_cached_or_lock "$bin"

# go.sum pins every hash (the SDK and its dependencies).
export GOFLAGS="-mod=readonly -modcacherw"
echo "huawei-sdk-client: building it on huaweicloud-sdk-go-v3 (first time only, and after a change to it)" >&2
go_install_into "$bin" "$module" "huawei-sdk-client" -trimpath -ldflags "-s -w" .
echo "$bin"

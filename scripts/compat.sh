#!/usr/bin/env bash
# npm run test:compat: pulumi-bcs as a user gets it, under every tested combination of Node.js and
# @pulumi/pulumi (tools/compat/legs.json). The package is packed as `npm publish` would ship it and
# installed by npm into a fresh project per leg (tools/compat/pulumi-<version>: the project's lockfile);
# each leg's Node.js (scripts/node.sh) and Pulumi engine (scripts/engine.sh) are fetched or built once
# and cached. Then tests/compat runs: the scenarios once per leg (legs in parallel), and the cross-leg
# state check. Writes .state/compat/results.json (counts, for .ci/run).
#
#   bash scripts/compat.sh [prepare|run|all]   prepare: everything before jest (what `npm test` starts
#                                               early, in the background); run: the tests; all (default)
#   PULUMI_BCS_COMPAT_JOBS   legs tested at once (default 2)
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")/.."
repo="$PWD"
work="$repo/.state/compat"
mode="${1:-all}"
PATH="$(bash scripts/node.sh)":$PATH
export PATH

legs_tsv() { node -e 'for (const l of require(process.argv[1]).legs) console.log(`${l.node}\t${l.pulumi}`)' \
  "$repo/tools/compat/legs.json"; }

prepare() {
  rm -rf "$work"
  mkdir -p "$work"
  echo "compat: preparing $(legs_tsv | tr '\t\n' '/ ')(Node.js/@pulumi/pulumi; logs in $work)" >&2
  local tarball
  tarball="$work/$(npm pack --silent --pack-destination "$work" | tail -1)"
  local pids=() node pulumi
  while IFS=$'\t' read -r node pulumi; do
    prepare_leg "$node" "$pulumi" "$tarball" >"$work/node$node-pulumi$pulumi.log" 2>&1 &
    pids+=($!)
  done < <(legs_tsv)
  local failed=0 pid
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  if ((failed)); then
    tail -n 30 "$work"/*.log >&2
    echo "compat: preparing the legs failed (logs in $work)" >&2
    exit 1
  fi
  # One engine build per @pulumi/pulumi version, the versions in parallel.
  pids=()
  for pulumi in $(legs_tsv | cut -f2 | sort -u); do
    node="$(legs_tsv | awk -F'\t' -v p="$pulumi" '$2 == p { print $1; exit }')"
    bash scripts/engine.sh "$work/node$node-pulumi$pulumi" >"$work/engine-$pulumi.path" 2>"$work/engine-$pulumi.log" &
    pids+=($!)
  done
  for pid in "${pids[@]}"; do wait "$pid" || failed=1; done
  if ((failed)); then
    tail -n 30 "$work"/engine-*.log >&2
    echo "compat: building an engine failed" >&2
    exit 1
  fi
  legs_tsv | while IFS=$'\t' read -r node pulumi; do
    printf '%s\t%s\t%s\t%s\t%s\n' "$node" "$pulumi" "$(bash scripts/node.sh "$node")" \
      "$(cat "$work/engine-$pulumi.path")" "$work/node$node-pulumi$pulumi"
  done | node -e '
    const rows = require("fs").readFileSync(0, "utf8").trim().split("\n").map((l) => l.split("\t"));
    const legs = rows.map(([node, pulumi, nodeBin, engineBin, project]) =>
      ({ name: `node${node}-pulumi${pulumi}`, node, pulumi, nodeBin, engineBin, project }));
    require("fs").writeFileSync(process.argv[1], JSON.stringify(legs, null, 2));
  ' "$work/legs.json"
}

# A fresh project of that @pulumi/pulumi, installed by that leg's npm and Node.js, then the packed
# pulumi-bcs installed into it as `npm install pulumi-bcs` would.
prepare_leg() { # <node major> <pulumi version> <tarball>
  local dir="$work/node$1-pulumi$2" node_bin
  node_bin="$(bash scripts/node.sh "$1")"
  mkdir -p "$dir"
  cp "tools/compat/pulumi-$2/package.json" "tools/compat/pulumi-$2/package-lock.json" "$dir/"
  cd "$dir"
  PATH="$node_bin:$PATH" npm ci --no-audit --no-fund
  PATH="$node_bin:$PATH" npm install --no-save --no-audit --no-fund "$3"
  [[ -f node_modules/pulumi-bcs/dist/sdk/shims/userCertificate.js ]]
}

run() {
  [[ -f "$work/legs.json" ]] || { echo "compat: run 'bash scripts/compat.sh prepare' first" >&2; exit 1; }
  export PULUMI_BCS_COMPAT_LEGS="$work/legs.json" PULUMI_BCS_FABRIC_CA_BIN="${PULUMI_BCS_FABRIC_CA_BIN:-$(bash scripts/fabric-ca.sh)}"
  local jobs="${PULUMI_BCS_COMPAT_JOBS:-2}" names name running=0 failed=0
  names="$(node -p 'require(process.argv[1]).map((l) => l.name).join(" ")' "$work/legs.json")"
  # The cross-leg check (the longest) first, then one scenarios run per leg; each gets its own jest.
  for name in crossleg $names; do
    if ((running >= jobs)); then
      wait -n || failed=1
      running=$((running - 1))
    fi
    echo "compat: $name" >&2
    if [[ "$name" == crossleg ]]; then
      set -- tests/compat/crossLeg.test.ts
    else
      set -- tests/compat/scenarios.test.ts
    fi
    PULUMI_BCS_COMPAT_LEG="$name" npx jest -c jest.compat.config.js --runInBand --json \
      --outputFile="$work/results-$name.json" "$@" >"$work/jest-$name.log" 2>&1 &
    running=$((running + 1))
  done
  while ((running > 0)); do
    wait -n || failed=1
    running=$((running - 1))
  done
  node -e '
    const fs = require("fs"), path = require("path");
    const dir = process.argv[1];
    let passed = 0, failed = 0;
    for (const f of fs.readdirSync(dir).filter((f) => /^results-.*\.json$/.test(f))) {
      const r = JSON.parse(fs.readFileSync(path.join(dir, f), "utf8"));
      passed += r.numPassedTests;
      failed += r.numFailedTests + r.numRuntimeErrorTestSuites;
      console.error(`compat: ${f.slice(8, -5)}: ${r.numPassedTests} passed, ${r.numFailedTests + r.numRuntimeErrorTestSuites} failed`);
    }
    fs.writeFileSync(path.join(dir, "results.json"), JSON.stringify({ numPassedTests: passed, numFailedTests: failed }));
  ' "$work"
  if ((failed)); then
    for log in "$work"/jest-*.log; do grep -q -E '✕|FAIL|Test suite failed' "$log" && cat "$log" >&2; done
    echo "compat: failed (logs in $work)" >&2
    exit 1
  fi
}

case "$mode" in
  prepare) prepare ;;
  run) run ;;
  all) npx tsc -p tsconfig.json && prepare && run ;;
  *) echo "usage: bash scripts/compat.sh [prepare|run|all]" >&2; exit 2 ;;
esac

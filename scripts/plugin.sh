#!/usr/bin/env bash
# npm run plugin: compiles the `bcs` resource provider plugin (package/, the package face of provider/)
# and prints the directory of its launcher, pulumi-resource-bcs. A Pulumi project names that directory
# in its Pulumi.yaml (`plugins: providers: - name: bcs, path: <dir>`), as examples/yaml does; see
# docs/decisions/0020-bcs-package-plugin-face.md. Also builds pulumi-language-yaml (scripts/language-host.sh yaml) for YAML programs.
set -euo pipefail
repo="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
PATH="$(bash "$repo/scripts/node.sh"):$PATH"
(cd "$repo" && npx tsc -p tsconfig.json)
bash "$repo/scripts/language-host.sh" yaml >/dev/null
echo "$repo/package/bin"

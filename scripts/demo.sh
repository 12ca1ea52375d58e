#!/usr/bin/env bash
# The main job on the embedded default store: install, load the sample corpus, trace 26-NQ/TW,
# write the explorer page. Everything lands in ./demo/.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
mkdir -p demo
export KG_STORE=demo/kg.lbdb
.venv/bin/kg load samples/corpus
.venv/bin/kg trace 26-NQ/TW
.venv/bin/kg explore --root 26-NQ/TW --out demo/explorer.html
echo "open demo/explorer.html in a browser (it works offline)"

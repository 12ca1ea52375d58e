#!/usr/bin/env bash
# Create .venv (if missing) and install kg with its test tools into it.
set -euo pipefail
cd "$(dirname "$0")/.."
python3 -m venv .venv 2>/dev/null || [ -x .venv/bin/python ]
.venv/bin/python -m pip install -q --upgrade pip
.venv/bin/python -m pip install -q -e '.[test]'

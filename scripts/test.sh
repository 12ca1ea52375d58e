#!/usr/bin/env bash
# Install kg and its test tools, then run ruff, mypy (the packages pyproject lists) and the
# whole test suite (the import-rule test, tests/test_import_rules.py, among them).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/setup.sh
.venv/bin/ruff check .
.venv/bin/mypy
.venv/bin/python -m pytest -q -p no:cacheprovider "$@"

#!/usr/bin/env bash
# Set up everything mesakb needs, idempotently: a virtual environment in .venv with
# the package and its pinned dependencies. Usage: scripts/setup.sh [dev]
set -euo pipefail
cd "$(dirname "$0")/.."
python_bin="${PYTHON:-python3}"
extras="site,math"
if [[ "${1:-}" == "dev" ]]; then extras="dev"; fi
if [[ ! -x .venv/bin/python ]]; then
  "$python_bin" -m venv .venv
fi
stamp=".venv/.mesakb-setup-$extras"
if [[ ! -f "$stamp" || pyproject.toml -nt "$stamp" || constraints.txt -nt "$stamp" ]]; then
  .venv/bin/python -m pip install --quiet --disable-pip-version-check --upgrade "pip>=24"
  .venv/bin/python -m pip install --quiet --disable-pip-version-check \
    -c constraints.txt -e ".[$extras]"
  touch "$stamp"
fi

#!/usr/bin/env bash
# Set up everything (Python packages, and Debian packages the tests drive) and run
# every check: ruff, mypy, the knowledge base check, quote verification, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
# Headless Chromium for the browser tests (Debian's package; never `playwright install`).
if ! command -v chromium >/dev/null 2>&1; then
  apt-get update && apt-get install -y chromium
fi
export PYTHONDONTWRITEBYTECODE=1
echo "== ruff"
.venv/bin/ruff check src tests benchmarks
.venv/bin/ruff format --check src tests benchmarks
echo "== mypy"
.venv/bin/mypy
echo "== mesakb check --strict"
.venv/bin/mesakb check --strict
echo "== mesakb verify-quotes"
if [[ -d ../shared/sources ]]; then
  .venv/bin/mesakb verify-quotes --corpus ../shared/sources --strict
elif [[ "${CI:-}" == "true" ]]; then
  echo "../shared/sources is missing: CI must check quotations" >&2
  exit 1
else
  echo "skipped: no ../shared/sources beside the repository (CI requires it)"
fi
echo "== pytest"
exec .venv/bin/python -m pytest "$@"

#!/usr/bin/env bash
# Set up everything (Python packages, and Debian packages the tests drive) and run
# every check: ruff, mypy, the knowledge base check, quote verification, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
# Debian packages the tests drive: headless Chromium for the browser tests (never
# `playwright install`), and pdflatex with the glossaries package to compile the
# exported LaTeX glossary.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdflatex >/dev/null 2>&1 || missing+=(texlive-latex-base texlive-latex-extra)
if ((${#missing[@]})); then
  sudo=""
  if [[ $(id -u) -ne 0 ]]; then sudo="sudo"; fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
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
# Every quotation is checked word for word against the source texts where they are
# (../shared/sources beside the repository); without them, against the committed
# ledger of quotations verified that way, so an edited quotation still fails.
if [[ -d ../shared/sources ]]; then
  .venv/bin/mesakb verify-quotes --corpus ../shared/sources --ledger verified-quotes.json --strict
else
  echo "../shared/sources not found: checking quotations against verified-quotes.json"
  .venv/bin/mesakb verify-quotes --ledger verified-quotes.json --strict
fi
echo "== pytest"
exec .venv/bin/python -m pytest "$@"

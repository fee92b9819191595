#!/usr/bin/env bash
# Set up everything (Python packages, and Debian packages the tests drive) and run
# every check: ruff, mypy, the knowledge base check, quote verification, pytest.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh dev
# Debian packages the tests drive: headless Chromium for the browser tests (never
# `playwright install`), pdflatex with the glossaries package to compile the
# exported LaTeX glossary, and the citation tools below.
missing=()
command -v chromium >/dev/null 2>&1 || missing+=(chromium)
command -v pdflatex >/dev/null 2>&1 || missing+=(texlive-latex-base texlive-latex-extra)
# Citations rendered in real documents (tests/test_render_documents.py): pandoc
# --citeproc, biblatex with biber, natbib with bibtex, and pdftotext to read the PDFs.
command -v pandoc >/dev/null 2>&1 || missing+=(pandoc)
command -v biber >/dev/null 2>&1 || missing+=(biber texlive-bibtex-extra)
kpsewhich biblatex.sty >/dev/null 2>&1 || missing+=(texlive-bibtex-extra)
command -v pdftotext >/dev/null 2>&1 || missing+=(poppler-utils)
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
# Every quotation is checked word for word against the source texts that are here:
# ../shared/sources beside the repository, and .corpus/ (a local, uncommitted copy of
# the paper's LaTeX source) when present. Quotations of a text that is not here are
# checked against the committed ledger of quotations verified that way, so an edited
# quotation still fails.
corpora=()
[[ -d ../shared/sources ]] && corpora+=(--corpus ../shared/sources)
[[ -d .corpus ]] && corpora+=(--corpus .corpus)
.venv/bin/mesakb verify-quotes "${corpora[@]}" --ledger verified-quotes.json --strict
echo "== pytest (under coverage: line and branch, see [tool.coverage] in pyproject.toml)"
rm -f .coverage .coverage.*
status=0
.venv/bin/python -m coverage run -m pytest "$@" || status=$?
.venv/bin/python -m coverage combine --quiet
echo "== coverage per module"
.venv/bin/python -m coverage report
exit "$status"

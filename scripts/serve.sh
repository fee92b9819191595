#!/usr/bin/env bash
# The main job: set up, check the knowledge base, build the site and serve it locally.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
.venv/bin/mesakb check
exec .venv/bin/mesakb serve "$@"

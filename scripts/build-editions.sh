#!/usr/bin/env bash
# Build the published site: the latest edition at the root of OUT and every released
# edition, frozen, at OUT/editions/<version>/, each built from its own git tag with the
# code and content of that tag (so an edition's pages, citations and version are the
# ones it was released with). Usage:
#
#   scripts/build-editions.sh OUT [TAG ...]     # default: every tag named v<version>
#
# The latest edition is built from the working tree. Each tag is unpacked with
# `git archive` into a temporary folder and built there with its own scripts/setup.sh,
# so this needs the network (package index) once per tag. The permanent addresses
# https://w3id.org/mesakb/edition/<version>/... forward to OUT/editions/<version>/
# (see w3id/.htaccess, written by `mesakb export`).
set -euo pipefail
cd "$(dirname "$0")/.."
out="$(realpath -m "${1:?usage: scripts/build-editions.sh OUT [TAG ...]}")"
shift
if (($# == 0)); then
  mapfile -t tags < <(git tag --list 'v[0-9]*' --sort=version:refname)
else
  tags=("$@")
fi
scripts/setup.sh
rm -rf "$out"
.venv/bin/mesakb build --site-dir "$out"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
for tag in "${tags[@]}"; do
  version="$(git show "$tag:src/mesakb/__about__.py" | sed -n 's/^__version__ = "\(.*\)"$/\1/p')"
  [[ -n "$version" ]] || { echo "no __version__ in $tag" >&2; exit 1; }
  echo "== edition $version (from $tag)"
  mkdir -p "$work/$tag"
  git archive "$tag" | tar -x -C "$work/$tag"
  (cd "$work/$tag" && scripts/setup.sh && .venv/bin/mesakb build --site-dir "$out/editions/$version")
done
echo "built the latest edition and ${#tags[@]} frozen edition(s) in $out"

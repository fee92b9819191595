"""A synthetic knowledge base of N concepts with a realistic shape, for benchmarks.

Each concept has 1–3 aliases, 2–3 quoted definitions, a Markdown body of about
1–2 KB, a formula, and about five typed relations: acyclic ``is_a`` and
``requires`` hierarchies (edges only point to lower-numbered concepts) plus random
``related`` edges. The output is deterministic for a given seed.

Usage: ``python benchmarks/synth.py N OUT_DIR [--seed S]``
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = (
    "optimizer objective alignment mesa base learned model training deployment proxy "
    "deceptive robust pseudo gradient descent search policy reward capacity bias "
    "simplicity complexity penalty distribution shift inner outer behavioral selection "
    "control agent goal directed inductive prior hypothesis program environment episode"
).split()


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _cid(i: int) -> str:
    return f"concept-{i:05d}"


def concept_yaml(i: int, n: int, rng: random.Random) -> str:
    """Return the text of synthetic concept number ``i`` of ``n``."""
    lines = [
        "# yaml-language-server: $schema=../graph/concept.schema.json",
        f"id: {_cid(i)}",
        f"term: term {i} {_words(rng, 2)}",
        "aliases:",
    ]
    for a in range(rng.randint(1, 3)):
        scope = rng.choice(("exact", "broad", "narrow", "related"))
        lines.append(f"  - {{label: alias {i}-{a} {_words(rng, 1)}, scope: {scope}}}")
    lines += [
        "kind: concept",
        "status: stable",
        f"summary: {_words(rng, 14).capitalize()}.",
        "definitions:",
    ]
    for d in range(rng.randint(2, 3)):
        lines += [
            f"  - quote: >-\n      {_words(rng, 30).capitalize()}.",
            "    source: synthetic-source",
            f"    locator: sec. {rng.randint(1, 9)}.{rng.randint(1, 9)}",
            f"    rank: {'preferred' if d == 0 else 'alternative'}",
        ]
        if d:
            lines.append(f"    note: {_words(rng, 12).capitalize()}.")
    body = []
    size = rng.randint(1000, 2000)
    while sum(len(p) for p in body) < size:
        body.append(f"  {_words(rng, rng.randint(20, 40)).capitalize()}.\n")
    lines.append("body: |\n" + "  \n".join(body).rstrip("\n"))
    lines += [
        "formal:",
        "  latex: '\\mathcal{L}(\\theta) = \\sum_{i=1}^{n} \\ell(f_\\theta(x_i), y_i)'",
        "  symbols:",
        "    - {symbol: '\\theta', meaning: the parameters}",
        "relations:",
    ]
    if i > 0:
        lines.append(f"  is_a: [{_cid(rng.randrange(i))}]")
        requires = sorted({_cid(rng.randrange(i)) for _ in range(min(i, 2))})
        lines.append(f"  requires: [{', '.join(requires)}]")
    related = sorted({_cid(rng.randrange(n)) for _ in range(2)} - {_cid(i)})
    if len(related) < 2:
        related = sorted({_cid((i + 1) % n), _cid((i + 2) % n)})
    lines.append(f"  related: [{', '.join(related)}]")
    return "\n".join(lines) + "\n"


SOURCE = """\
id: synthetic-source
type: article
title: A Synthetic Source
author:
  - {family: Doe, given: Jane}
issued: {date-parts: [[2019]]}
checked: true
"""


def generate(n: int, out: Path, seed: int = 0) -> Path:
    """Write a knowledge base of ``n`` concepts under ``out``; return ``out``."""
    rng = random.Random(seed)
    (out / "concepts").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    (out / "sources" / "synthetic-source.yaml").write_text(SOURCE, encoding="utf-8")
    for i in range(n):
        path = out / "concepts" / f"{_cid(i)}.yaml"
        path.write_text(concept_yaml(i, n, rng), encoding="utf-8")
    return out


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("n", type=int)
    parser.add_argument("out", type=Path)
    parser.add_argument("--seed", type=int, default=0)
    args = parser.parse_args()
    generate(args.n, args.out, args.seed)


if __name__ == "__main__":
    main()

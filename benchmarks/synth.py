"""A synthetic knowledge base of N concepts with a realistic shape, for benchmarks.

Each concept has 1–3 aliases, 2–3 quoted definitions (citing one of about N/20
sources, with a locator), a Markdown body of about 1–2 KB (paragraphs, a link and
an inline citation), a formula with a symbol table, and five typed relations:
acyclic ``is_a`` and ``requires`` hierarchies plus random ``related`` edges.

The hierarchy is shaped like a real ontology's: ``is_a`` forms a tree with eight
children per concept (so about five levels at N = 10,000), and ``requires`` points
to earlier siblings or to siblings of the parent, so what you must read first stays
a few dozen concepts however large N grows. Edges only point to lower-numbered
concepts, so both hierarchies are acyclic. Terms are made-up words (one per
concept) plus a word of the field, so search sees a realistic vocabulary.

The output is deterministic for a given seed: the same ``N`` and seed give the
same bytes.

Usage: ``python benchmarks/synth.py N OUT_DIR [--seed S]``
"""

from __future__ import annotations

import argparse
import random
from pathlib import Path

WORDS = [
    "optimizer",
    "objective",
    "alignment",
    "mesa",
    "base",
    "learned",
    "model",
    "training",
    "deployment",
    "proxy",
    "deceptive",
    "robust",
    "pseudo",
    "gradient",
    "descent",
    "search",
    "policy",
    "reward",
    "capacity",
    "bias",
    "simplicity",
    "complexity",
    "penalty",
    "distribution",
    "shift",
    "inner",
    "outer",
    "behavioral",
    "selection",
    "control",
    "agent",
    "goal",
    "directed",
    "inductive",
    "prior",
    "hypothesis",
    "program",
    "environment",
    "episode",
]


def _words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def _cid(i: int) -> str:
    return f"concept-{i:05d}"


SYLLABLES: tuple[str, ...] = ("ka", "lo", "mi", "ne", "ru", "sa", "te", "vo", "zi", "pa")
SYLLABLES += ("do", "fe", "gu", "hi", "jo", "ku", "li", "mo", "nu", "po")
BRANCH = 8


def _name(i: int) -> str:
    """Return a made-up word, different for every ``i`` (base 20 in syllables)."""
    digits = [SYLLABLES[i % len(SYLLABLES)]]
    i //= len(SYLLABLES)
    while i or len(digits) < 2:
        digits.append(SYLLABLES[i % len(SYLLABLES)])
        i //= len(SYLLABLES)
    return "".join(reversed(digits))


def _prerequisites(i: int) -> list[int]:
    """Return the concepts ``i`` may require: earlier siblings, or the parent's."""
    parent = (i - 1) // BRANCH
    siblings = list(range(BRANCH * parent + 1, i))
    if parent > 0:
        grandparent = (parent - 1) // BRANCH
        siblings += range(BRANCH * grandparent + 1, parent)
    return siblings or [parent]


def _key(j: int) -> str:
    return f"synthetic{j:04d}"


def n_sources(n: int) -> int:
    """Return how many sources a knowledge base of ``n`` concepts cites."""
    return max(3, n // 20)


KINDS = ("concept", "concept", "concept", "property", "problem", "failure-mode", "method")


def concept_yaml(i: int, n: int, rng: random.Random) -> str:
    """Return the text of synthetic concept number ``i`` of ``n``."""
    lines = [
        "# yaml-language-server: $schema=../graph/concept.schema.json",
        f"id: {_cid(i)}",
        f"term: {_name(i)} {_words(rng, 1)}",
        "aliases:",
    ]
    for a in range(rng.randint(1, 3)):
        scope = rng.choice(("exact", "broad", "narrow", "related"))
        label = f"{_words(rng, 1)} {_name(i)}{('ic', 'ian', 'ism')[a]}"
        lines.append(f"  - {{label: {label}, scope: {scope}}}")
    lines += [
        f"kind: {rng.choice(KINDS)}",
        "status: stable",
        f"summary: {_words(rng, 14).capitalize()}.",
        "definitions:",
    ]
    for d in range(rng.randint(2, 3)):
        lines += [
            f"  - quote: >-\n      {_words(rng, 30).capitalize()}.",
            f"    source: {_key(rng.randrange(n_sources(n)))}",
            f"    locator: sec. {rng.randint(1, 9)}.{rng.randint(1, 9)}",
            f"    rank: {'preferred' if d == 0 else 'alternative'}",
        ]
        if d:
            lines.append(f"    note: {_words(rng, 12).capitalize()}.")
    body: list[str] = []
    size = rng.randint(1000, 2000)
    while sum(len(p) for p in body) < size:
        body.append(f"  {_words(rng, rng.randint(20, 40)).capitalize()}.\n")
    body[0] = body[0].rstrip("\n")[:-1] + f" (Doe, sec. {rng.randint(1, 9)}).\n"
    body[-1] = (
        body[-1].rstrip("\n")[:-1]
        + f", see [the paper](https://example.org/papers/{rng.randrange(1000)}).\n"
    )
    lines.append("body: |\n" + "  \n".join(body).rstrip("\n"))
    lines += [
        "formal:",
        f"  latex: '\\mathcal{{L}}_{{{i}}}(\\theta) = "
        "\\sum_{j=1}^{n} \\ell(f_\\theta(x_j), y_j)'",
        "  symbols:",
        "    - {symbol: '\\theta', meaning: the parameters}",
        "relations:",
    ]
    if i > 0:
        lines.append(f"  is_a: [{_cid((i - 1) // BRANCH)}]")
        options = _prerequisites(i)
        requires = sorted(_cid(c) for c in rng.sample(options, min(2, len(options))))
        lines.append(f"  requires: [{', '.join(requires)}]")
    related = sorted({_cid(rng.randrange(n)) for _ in range(2)} - {_cid(i)})
    if len(related) < 2:
        related = sorted({_cid((i + 1) % n), _cid((i + 2) % n)})
    lines.append(f"  related: [{', '.join(related)}]")
    return "\n".join(lines) + "\n"


SOURCE = """\
id: {key}
type: article
title: A Synthetic Source Number {j}
author:
  - {{family: Doe, given: Jane}}
  - {{family: Roe, given: Richard}}
issued: {{date-parts: [[{year}]]}}
URL: https://example.org/papers/{j}
checked: true
"""


def generate(n: int, out: Path, seed: int = 0) -> Path:
    """Write a knowledge base of ``n`` concepts under ``out``; return ``out``."""
    rng = random.Random(seed)
    (out / "concepts").mkdir(parents=True, exist_ok=True)
    (out / "sources").mkdir(parents=True, exist_ok=True)
    for j in range(n_sources(n)):
        text = SOURCE.format(key=_key(j), j=j, year=2000 + j % 25)
        (out / "sources" / f"{_key(j)}.yaml").write_text(text, encoding="utf-8")
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

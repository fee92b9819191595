"""The search query table (tests/search_queries.yaml) and how it is scored.

Shared by tests/test_search_table.py (Python) and tests/test_site_browser.py (the
built site in headless Chromium), so both measure the same queries the same way.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

import yaml

TABLE_FILE = Path(__file__).parent / "search_queries.yaml"


@dataclass(frozen=True)
class Query:
    query: str
    expect: str | None  # None: no concept may match
    kind: str


def load_table() -> list[Query]:
    rows = yaml.safe_load(TABLE_FILE.read_text(encoding="utf-8"))
    return [Query(str(r["query"]), r["expect"], str(r["kind"])) for r in rows]


@dataclass(frozen=True)
class Score:
    top1: int
    top3: int
    total: int
    misses: list[str]

    def report(self, where: str) -> str:
        return (
            f"{where}: top-1 {self.top1}/{self.total} ({100 * self.top1 / self.total:.1f}%), "
            f"top-3 {self.top3}/{self.total} ({100 * self.top3 / self.total:.1f}%)"
            + "".join(f"\n  {m}" for m in self.misses)
        )


def score(table: Sequence[Query], run: Callable[[str], list[str]]) -> tuple[Score, list[list[str]]]:
    """Run every query; return the score and the ids each query gave, best first."""
    top1 = top3 = 0
    misses = []
    results = []
    for q in table:
        ids = run(q.query)
        results.append(ids)
        if q.expect is None:
            ok1 = ok3 = ids == []
        else:
            ok1, ok3 = ids[:1] == [q.expect], q.expect in ids[:3]
        top1 += ok1
        top3 += ok3
        if not ok1:
            misses.append(f"{q.kind}: {q.query!r} expected {q.expect}, got {ids[:3]}")
    return Score(top1, top3, len(table), misses), results

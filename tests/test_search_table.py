"""The query table through kb.search: concepts first, by term, alias, typo or question.

The same table runs through the built site in tests/test_site_browser.py, which
requires the same results (one search, implemented in Python and in JavaScript).
"""

from __future__ import annotations

from collections import Counter

import pytest

import mesakb
from search_table import load_table, score

TABLE = load_table()


@pytest.fixture(scope="module")
def kb() -> mesakb.KnowledgeBase:
    return mesakb.load()


def test_the_table_is_realistic_and_varied(kb: mesakb.KnowledgeBase) -> None:
    kinds = Counter(q.kind for q in TABLE)
    assert len(TABLE) >= 60
    assert len({q.query.casefold() for q in TABLE}) == len(TABLE), "a query is listed twice"
    for kind in ("alias", "typo", "british", "hyphen", "plural", "question", "body", "absent"):
        assert kinds[kind] >= 1, kind
    assert kinds["absent"] >= 3
    for q in TABLE:
        if q.expect is not None:
            assert q.expect in kb.concepts, f"{q.query!r} expects unknown concept {q.expect}"


def test_top1_and_top3_in_python(
    kb: mesakb.KnowledgeBase, capsys: pytest.CaptureFixture[str]
) -> None:
    result, _ = score(TABLE, lambda text: [hit.id for hit in kb.search(text, limit=3)])
    with capsys.disabled():
        print("\n" + result.report("kb.search"))
    assert result.top3 == result.total, result.report("kb.search")
    assert result.top1 >= 0.9 * result.total, result.report("kb.search")


def test_a_query_naming_no_concept_finds_nothing(kb: mesakb.KnowledgeBase) -> None:
    for q in TABLE:
        if q.expect is None:
            assert kb.search(q.query) == [], q.query


def test_the_matched_alias_is_named(kb: mesakb.KnowledgeBase) -> None:
    hit = kb.search("optimisation daemon")[0]
    assert (hit.id, hit.field, hit.matched) == ("mesa-optimizer", "alias", "optimization daemon")
    hit = kb.search("what is an inner optimizer?")[0]
    assert (hit.id, hit.matched) == ("mesa-optimizer", "inner optimizer")

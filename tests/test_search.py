"""Search: terms, aliases, typos, and ranking of labels above text."""

from __future__ import annotations

import pytest

import mesakb


@pytest.mark.parametrize(
    ("query", "expected_id", "matched"),
    [
        ("mesa-optimizer", "mesa-optimizer", "mesa-optimizer"),
        ("inner optimizer", "mesa-optimizer", "inner optimizer"),
        ("INNER OPTIMISER", "mesa-optimizer", "inner optimizer"),
        ("innr optimizer", "mesa-optimizer", "inner optimizer"),
        ("optimiser", "optimizer", "optimiser"),
        ("learned algortihm", "learned-algorithm", "learned algorithm"),
        ("learn", "learned-algorithm", "learned algorithm"),
    ],
)
def test_search_finds_by_term_alias_and_typo(
    fixture_kb: mesakb.KnowledgeBase, query: str, expected_id: str, matched: str
) -> None:
    hit = fixture_kb.search(query)[0]
    assert (hit.id, hit.matched) == (expected_id, matched)


def test_label_match_ranks_above_body_text(fixture_kb: mesakb.KnowledgeBase) -> None:
    hits = fixture_kb.search("optimizer")
    assert hits[0].id == "optimizer"
    assert hits[0].score > max(h.score for h in hits[1:])


def test_summary_words_find_a_concept(fixture_kb: mesakb.KnowledgeBase) -> None:
    hits = fixture_kb.search("criterion")
    assert [(h.id, h.field) for h in hits] == [("objective", "summary")]


def test_body_words_find_a_concept(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert [(h.id, h.field) for h in fixture_kb.search("training")] == [("mesa-optimizer", "body")]


def test_nonsense_finds_nothing(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert fixture_kb.search("zzzz qqqq") == []
    assert fixture_kb.search("   ") == []

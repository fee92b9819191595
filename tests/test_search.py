"""Search: terms, aliases, typos, and ranking of labels above text."""

from __future__ import annotations

import pytest

import mesakb
from mesakb.kb.search import SearchIndex, normalise
from mesakb.model import Alias, Concept, Relations


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


# -- the rules of kb/search.py, one by one ------------------------------------------


def concept(
    id: str, term: str, summary: str = "A thing.", body: str | None = None, **kw: object
) -> Concept:
    return Concept(id=id, term=term, kind="concept", summary=summary, body=body, **kw)  # type: ignore[arg-type]


@pytest.mark.parametrize(
    ("a", "b"),
    [
        ("optimisation", "optimization"),
        ("behaviour", "behavior"),
        ("modelling", "modeling"),
        ("Naïve", "naive"),
        ("inductive biases", "inductive bias"),
        ("policies", "policy"),
        ("mesa-optimizers", "mesa optimizer"),
        ("what is the treacherous turn?", "treacherous turn"),
        ("define inner alignment", "inner alignment"),
        ("inner alignment meaning", "inner alignment"),
        ("Occam’s razor", "occams razor"),
    ],
)
def test_normalisation_makes_variants_agree(a: str, b: str) -> None:
    assert normalise(a) == normalise(b)


def test_stop_words_stay_when_nothing_else_is_left() -> None:
    assert normalise("the") == ["the"]
    assert normalise("what is") == ["what", "is"]


def test_hyphen_space_and_no_space_are_one_label() -> None:
    index = SearchIndex([concept("pseudo-alignment", "pseudo-alignment")])
    for query in ("pseudoalignment", "pseudo alignment", "Pseudo-Alignment", "pseudoalignments"):
        hits = index.search(query)
        assert [h.id for h in hits] == ["pseudo-alignment"], query
    assert index.search("pseudoalignment")[0].score >= 1000


def test_exact_label_ranks_first_over_a_better_connected_near_miss() -> None:
    # mesa-optimizer has more relations (the tie-break), but "meta optimizer" names
    # meta-optimizer exactly: exact beats one edit, whatever the connections.
    index = SearchIndex(
        [
            concept("mesa-optimizer", "mesa-optimizer", relations=Relations(related=("x", "y"))),
            concept("meta-optimizer", "meta-optimizer"),
            concept("x", "x"),
            concept("y", "y"),
        ]
    )
    hits = index.search("meta optimizer")
    assert [h.id for h in hits[:2]] == ["meta-optimizer", "mesa-optimizer"]
    assert hits[0].score >= 1000 > hits[1].score


def test_tiers_term_then_close_label_then_summary_then_body() -> None:
    index = SearchIndex(
        [
            concept("d", "deceptive behaviour", body="Not the one."),
            concept("a", "deceptive alignment"),
            concept("b", "alignment tax", summary="Costs; see deceptive alignment."),
            concept("c", "treacherous turn", body="Often follows deceptive alignment."),
            concept("e", "deceptive alignment risk"),
        ]
    )
    hits = index.search("deceptive alignment")
    assert [(h.id, h.field) for h in hits] == [
        ("a", "term"),
        ("e", "term"),
        ("b", "summary"),
        ("c", "body"),
    ]
    assert [h.score for h in hits] == sorted((h.score for h in hits), reverse=True)
    assert len({h.score for h in hits}) == 4


def test_ties_go_to_the_better_connected_concept_then_the_id() -> None:
    index = SearchIndex(
        [
            concept("mesa-b", "mesa bee"),
            concept("mesa-a", "mesa ant"),
            concept("mesa-c", "mesa cat", relations=Relations(related=("mesa-b",))),
        ]
    )
    # mesa-c and mesa-b have one relation each, mesa-a none: c and b tie, b < c.
    assert [h.id for h in index.search("mesa")] == ["mesa-b", "mesa-c", "mesa-a"]


def test_literal_alias_beats_the_term_it_respells() -> None:
    index = SearchIndex(
        [concept("optimizer", "optimizer", aliases=[Alias(label="optimiser", scope="exact")])]
    )
    assert index.search("optimiser")[0].matched == "optimiser"
    assert index.search("optimizer")[0].matched == "optimizer"


def test_typos_one_edit_from_four_letters_two_from_eight() -> None:
    index = SearchIndex([concept("u", "unidentifiability"), concept("m", "mesa")])
    assert index.search("unidentifiabilyt")[0].id == "u"  # a swap: one edit
    assert index.search("unidentfiabilty")[0].id == "u"  # two edits
    assert index.search("unidntfiabilty") == []  # three
    assert index.search("mesq")[0].id == "m"
    assert index.search("mqsq") == []


def test_deprecated_concepts_are_not_found() -> None:
    index = SearchIndex(
        [
            concept("old", "inner optimiser", status="deprecated", replaced_by="new"),
            concept("new", "mesa-optimizer"),
        ]
    )
    assert [h.id for h in index.search("inner optimiser")] == []
    assert index.ids == ["new"]


def test_the_export_carries_the_rules_and_every_concept(fixture_kb: mesakb.KnowledgeBase) -> None:
    import json
    import re

    from mesakb.kb.search import PREFIXES, RULES, STOP_WORDS

    index = fixture_kb.search_index
    data = json.loads(json.dumps(index.export([f"concepts/{i}/" for i in index.ids])))
    assert data["rules"] == [list(r) for r in RULES]
    assert data["prefixes"] == [list(p) for p in PREFIXES]
    assert set(data["stop"]) == STOP_WORDS
    assert [c["id"] for c in data["concepts"]] == index.ids
    for pattern, replacement in RULES:
        re.compile(pattern)
        # Syntax JavaScript reads the same way: no named groups, no back-references.
        assert "(?P" not in pattern
        assert "\\" not in replacement
        assert "$" not in replacement
    training = data["text"]["training"]
    assert training == [2 * index.ids.index("mesa-optimizer")]  # in the body, not a summary


def test_the_one_edit_shortcut_agrees_with_the_full_distance() -> None:
    import random

    from mesakb.kb.search import edit_distance

    rng = random.Random(0)
    for _ in range(5000):
        a = "".join(rng.choice("abc") for _ in range(rng.randint(0, 6)))
        b = "".join(rng.choice("abc") for _ in range(rng.randint(0, 6)))
        assert edit_distance(a, b, 1) == min(edit_distance(a, b, 3), 2), (a, b)


def _table_distance(a: str, b: str) -> int:
    """The optimal-string-alignment distance by the plain dynamic-programming table."""
    d = [[i + j if i * j == 0 else 0 for j in range(len(b) + 1)] for i in range(len(a) + 1)]
    for i in range(1, len(a) + 1):
        for j in range(1, len(b) + 1):
            cost = 0 if a[i - 1] == b[j - 1] else 1
            d[i][j] = min(d[i - 1][j] + 1, d[i][j - 1] + 1, d[i - 1][j - 1] + cost)
            if i > 1 and j > 1 and a[i - 1] == b[j - 2] and a[i - 2] == b[j - 1]:
                d[i][j] = min(d[i][j], d[i - 2][j - 2] + 1)
    return d[len(a)][len(b)]


def test_the_bit_parallel_distance_agrees_with_the_table() -> None:
    import random

    from mesakb.kb.search import edit_distance

    rng = random.Random(1)
    for _ in range(20000):
        a = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 9)))
        b = "".join(rng.choice("abcd") for _ in range(rng.randint(0, 9)))
        expected = _table_distance(a, b)
        for limit in (1, 2, 12):
            assert edit_distance(a, b, limit) == min(expected, limit + 1), (a, b, limit)

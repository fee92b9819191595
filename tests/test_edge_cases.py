"""Edge cases found by mutation testing: each test fails under a mutant that survived.

Term linking and quotation matching are pure functions; these pin their boundaries
(word lengths, positions at the start or end of a text, ties), called directly so no
cache or import-time value hides a change.
"""

from __future__ import annotations

import pytest

from mesakb.quotes.compare import closest_passage, find_quote, normalize_text
from mesakb.site.termlinks import TermIndex, singular


@pytest.mark.parametrize(
    ("word", "expected"),
    [
        ("proxies", "proxy"),
        ("flies", "fly"),  # five letters: the "ies" rule
        ("pies", "pie"),  # four letters: only the plain "s" rule
        ("searches", "search"),
        ("wishes", "wish"),
        ("classes", "class"),
        ("boxes", "box"),
        ("fizzes", "fizz"),
        ("axes", "axe"),  # four letters: only the plain "s" rule
        ("bits", "bit"),  # four letters: the plain "s" rule
        ("its", "its"),  # three letters: too short
        ("class", "class"),
        ("virus", "virus"),
        ("analysis", "analysis"),
        ("optimizer", "optimizer"),
        ("s", "s"),
        ("", ""),
    ],
)
def test_singular(word: str, expected: str) -> None:
    assert singular(word) == expected


def _links(index: TermIndex, html_text: str, seen: set[str] | None = None) -> str:
    return index.link(html_text, set() if seen is None else seen, href=str, tip=str)


def test_labels_of_three_characters_link_and_shorter_ones_do_not() -> None:
    index = TermIndex({"sgd": ["SGD"], "ai": ["AI"], "amp": ["&amp;"]})
    out = _links(index, "<p>AI uses SGD &amp; more</p>")
    assert out == '<p>AI uses <a class="mesakb-term" href="sgd" title="sgd">SGD</a> &amp; more</p>'


def test_a_label_shared_by_two_concepts_links_to_neither() -> None:
    index = TermIndex({"a": ["proxy"], "b": ["proxy"], "c": ["proxy objective"]})
    assert _links(index, "<p>a proxy</p>") == "<p>a proxy</p>"
    assert 'href="c"' in _links(index, "<p>a proxy objective</p>")


def test_a_term_at_the_very_start_or_end_of_a_text_is_linked() -> None:
    index = TermIndex({"optimizer": ["optimizer"]})
    assert _links(index, "optimizer") == (
        '<a class="mesakb-term" href="optimizer" title="optimizer">optimizer</a>'
    )
    assert _links(index, "-optimizer").startswith('-<a class="mesakb-term"')
    assert _links(index, "_optimizer") == "_optimizer"
    assert _links(index, "x-optimizer") == "x-optimizer"
    assert _links(index, "optimizer-") == (
        '<a class="mesakb-term" href="optimizer" title="optimizer">optimizer</a>-'
    )
    assert _links(index, "optimizer-x") == "optimizer-x"
    assert _links(index, "optimizer- x").startswith('<a class="mesakb-term"')


def test_a_self_closing_tag_does_not_start_a_skipped_region() -> None:
    index = TermIndex({"optimizer": ["optimizer"]})
    assert 'href="optimizer"' in _links(index, "<p><code/> optimizer</p>")
    # An unclosed skipped element skips the rest; closing tags are matched by name.
    assert _links(index, "<p><code>x</code> <kbd>y</kbd> optimizer</p>").count("<a ") == 1
    assert _links(index, "<h2>optimizer</h2><p>optimizer</p>").count("<a ") == 1
    assert _links(index, "</code><p>optimizer</p>").count("<a ") == 1


def test_text_before_and_after_a_link_is_kept() -> None:
    index = TermIndex({"optimizer": ["optimizer"], "objective": ["objective"]})
    out = _links(index, "<p>An optimizer, then an objective; end.</p>")
    assert out == (
        '<p>An <a class="mesakb-term" href="optimizer" title="optimizer">optimizer</a>, '
        'then an <a class="mesakb-term" href="objective" title="objective">objective</a>; '
        "end.</p>"
    )


def test_a_character_reference_ends_a_label() -> None:
    index = TermIndex({"base": ["base objective"], "objective": ["objective"]})
    assert _links(index, "<p>base &amp; objective</p>") == (
        '<p>base &amp; <a class="mesakb-term" href="objective" title="objective">objective</a></p>'
    )


# -- quotations --------------------------------------------------------------------


def test_ellipsis_character_and_three_dots_are_the_same() -> None:
    assert normalize_text("a…b") == normalize_text("a...b") == "a...b"
    assert find_quote("alpha … delta", "alpha beta gamma delta")


def test_find_quote_keeps_the_order_of_parts_and_finds_later_occurrences() -> None:
    text = "one two. three one four."
    assert find_quote("one … four", text)  # the second "one" is not needed
    assert find_quote("three … four", text)
    assert not find_quote("four … three", text)
    assert find_quote("[...] one four", text)  # an empty part is skipped
    assert find_quote("one four … ", text)
    assert not find_quote("two … two", text)


def test_closest_passage_at_the_start_of_the_text() -> None:
    text = "Alpha beta gamma delta epsilon zeta eta theta."
    passage, ratio = closest_passage("Alpha beta gamma delta", text)
    assert passage == "Alpha beta gamma delta"
    assert ratio == 1.0
    passage, ratio = closest_passage("Alpha betta gamma", text)
    assert passage == "Alpha beta gamma"
    assert 0.9 < ratio < 1.0


def test_closest_passage_when_the_quote_starts_before_the_shared_words() -> None:
    text = "w1 w2 w3 w4 w5 alpha beta gamma delta w6 w7"
    passage, _ = closest_passage("xx yy alpha beta gamma delta", text)
    assert passage.endswith("alpha beta gamma delta")
    passage, _ = closest_passage("alpha beta gamma delta", text)
    assert passage == "alpha beta gamma delta"


def test_closest_passage_of_nothing() -> None:
    assert closest_passage("", "some text") == ("", 0.0)
    assert closest_passage("some text", "") == ("", 0.0)


def test_closest_passage_prefers_the_shortest_of_equal_passages() -> None:
    # Widening past the quotation never helps: the first best passage is kept.
    passage, ratio = closest_passage("beta gamma", "alpha beta gamma delta")
    assert (passage, ratio) == ("beta gamma", 1.0)


def test_closest_passage_searches_a_long_text_without_junk_heuristics() -> None:
    # difflib's autojunk treats words in over 1% of a long text as junk; "the" must
    # still anchor the match here.
    filler = " ".join(f"w{i}" for i in range(300))
    text = f"{filler} the the the cat sat on the mat {filler}"
    passage, ratio = closest_passage("the cat sat on the mat", text)
    assert passage == "the cat sat on the mat"
    assert ratio == 1.0

"""Known terms in running text link to their concept page: once, longest first, inert."""

from __future__ import annotations

import re

import pytest

import mesakb
from mesakb.site.pages import concept_page
from mesakb.site.termlinks import TermIndex
from site_tools import _Page

INDEX = TermIndex(
    {
        "optimizer": ["optimizer", "optimiser"],
        "mesa-optimizer": ["mesa-optimizer", "inner optimizer"],
        "base-objective": ["base objective"],
        "objective": ["objective"],
        "search": ["search"],
        "a": ["proxy"],
        "b": ["proxy"],
    }
)


def linked(html_text: str, seen: set[str] | None = None) -> list[tuple[str, str]]:
    """Return (concept id, link text) of every term link added to ``html_text``."""
    out = INDEX.link(
        html_text,
        set() if seen is None else seen,
        href=lambda i: f"#{i}",
        tip=lambda i: f"tip of {i}",
    )
    return re.findall(r'<a class="mesakb-term" href="#([^"]+)" title="[^"]*">([^<]*)</a>', out)


def test_only_the_first_mention_is_linked() -> None:
    assert linked("<p>An optimizer. Another optimizer.</p><p>optimizer</p>") == [
        ("optimizer", "optimizer")
    ]


def test_the_seen_set_carries_across_fragments_of_a_page() -> None:
    seen: set[str] = set()
    assert linked("<p>optimizer</p>", seen) == [("optimizer", "optimizer")]
    assert linked("<p>optimizer and search</p>", seen) == [("search", "search")]


def test_the_page_own_concept_is_not_linked() -> None:
    assert linked("<p>An optimizer and a search.</p>", {"optimizer"}) == [("search", "search")]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("the base objective", [("base-objective", "base objective")]),
        ("the base\nobjective", [("base-objective", "base\nobjective")]),
        ("an inner optimizer", [("mesa-optimizer", "inner optimizer")]),
        ("mesa-optimizers", [("mesa-optimizer", "mesa-optimizers")]),
        ("Mesa Optimizer", [("mesa-optimizer", "Mesa Optimizer")]),
    ],
)
def test_longest_match_wins(text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(f"<p>{text}</p>") == expected


def test_a_longer_mention_consumes_its_words_even_when_not_linked() -> None:
    # On the page of base-objective, "objective" inside "base objective" is not a mention.
    assert linked("<p>the base objective</p>", {"base-objective"}) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Optimizers and optimisers", [("optimizer", "Optimizers")]),
        ("searches", [("search", "searches")]),
        ("a non-optimizer", []),
        ("an optimizer-like thing", []),
        ("the optimizer_x", []),
        ("the base. Objective", [("objective", "Objective")]),
        ("a proxy", []),  # ambiguous: two concepts share the label
        ("&amp;optimizer", [("optimizer", "optimizer")]),
    ],
)
def test_what_counts_as_a_mention(text: str, expected: list[tuple[str, str]]) -> None:
    assert linked(f"<p>{text}</p>") == expected


@pytest.mark.parametrize(
    "html_text",
    [
        "<h2>The optimizer</h2>",
        "<p><code>optimizer</code></p>",
        "<pre><code>optimizer\n</code></pre>",
        '<p><a href="https://example.org">an optimizer</a></p>',
        "<p><a>an <em>optimizer</em></a></p>",
    ],
)
def test_nothing_is_linked_in_headings_code_or_links(html_text: str) -> None:
    assert linked(html_text) == []


def test_text_after_a_skipped_element_is_linked() -> None:
    assert linked("<h3>optimizer</h3><p>an <code>x</code> optimizer</p>") == [
        ("optimizer", "optimizer")
    ]


def test_tooltips_and_urls_are_escaped() -> None:
    out = INDEX.link(
        "<p>optimizer</p>",
        set(),
        href=lambda i: '"><script>alert(1)</script>',
        tip=lambda i: '" onmouseover="alert(1)',
    )
    page = _Page()
    page.feed(out)
    assert [name for _, name, _ in page.attrs] == ["class", "href", "title"]
    assert page.scripts == []


def test_concept_pages_link_terms_in_the_explanation(fixture_kb: mesakb.KnowledgeBase) -> None:
    page = concept_page(fixture_kb, "mesa-optimizer")
    body = page.split('<div class="mesakb-body">', 1)[1].split("</div>", 1)[0]
    links = re.findall(r'<a class="mesakb-term" href="([^"]+)" title="([^"]*)">([^<]*)</a>', body)
    summary = fixture_kb["optimizer"].summary
    assert links == [
        ("../optimizer/", " ".join(summary.split()), "optimizer"),
        ("../learned-algorithm/", fixture_kb["learned-algorithm"].summary, "learned algorithms"),
    ]
    # The external link's text stays as written; the page's own term is never linked.
    assert '<a href="https://example.org/training">training</a>' in body
    assert "../mesa-optimizer/" not in body


def test_real_concept_pages_link_their_neighbours() -> None:
    kb = mesakb.load()
    page = concept_page(kb, "deceptive-alignment")
    hrefs = re.findall(r'class="mesakb-term" href="\.\./([^/"]+)/"', page)
    assert "mesa-optimizer" in hrefs
    assert "base-objective" in hrefs
    assert len(hrefs) == len(set(hrefs))
    assert "deceptive-alignment" not in hrefs

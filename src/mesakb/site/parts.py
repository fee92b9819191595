"""Parts of pages: links, attributions, math, relation lists, the cite box, the graph.

Pure functions returning HTML islands (built with :mod:`mesakb.site.html`, so every
string from content is escaped or sanitised) or Markdown, shared by the page and index
renderers. Nothing here imports mkdocs.
"""

from __future__ import annotations

import functools
import html
import json
import re
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mesakb.errors import UnsafeMarkupError
from mesakb.kb.base import KnowledgeBase, Link
from mesakb.model import Definition, Source
from mesakb.site.html import escape, markdown_html, tex_mathml
from mesakb.site.islands import island
from mesakb.site.termlinks import TermIndex
from mesakb.urls import Urls

if TYPE_CHECKING:
    from mesakb.examples.base import ExampleResult


# Sections marked { data-search-exclude } (attr_list) stay out of the search index: they
# repeat what other pages say (relations, citations), and every reader downloads the
# whole index; index pages are excluded for the same reason (front matter).


@dataclass(frozen=True, slots=True)
class Here:
    """The page being rendered: where its links start from."""

    urls: Urls
    url: str

    def to(self, target: str) -> str:
        """Return an escaped link from this page to a site URL."""
        return escape(self.urls.rel(self.url, target))


_YAML_UNSAFE = re.compile("[\x7f-\x9f\u2028\u2029\ud800-\udfff\ufeff\ufffe\uffff]")


def _u_escape(match: re.Match[str]) -> str:
    return f"\\u{ord(match.group()):04x}"


def front_matter(**fields: object) -> str:
    """Return a page's YAML front matter; each value JSON-encoded (JSON is YAML)."""
    # JSON is YAML; values are escaped because the theme prints some of them unescaped.
    # Characters YAML reads as line breaks (U+0085, U+2028, U+2029) or does not allow
    # unescaped are written as \u escapes, so no value can end the front matter early.
    lines = [
        f"{key}: {_YAML_UNSAFE.sub(_u_escape, json.dumps(value, ensure_ascii=False))}"
        for key, value in fields.items()
    ]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def plain(text: str) -> str:
    """One line of plain text for a meta tag or attribute, escaped."""
    return escape(" ".join(text.split()))


def fence(text: str, lang: str) -> str:
    """Return a fenced code block long enough to hold ``text``."""
    longest = max((len(m) for m in re.findall(r"`+", text)), default=0)
    ticks = "`" * max(3, longest + 1)
    return f"{ticks}{lang}\n{text}\n{ticks}\n"


def short_cite(source: Source) -> str:
    """Return an author-year label for a source, as plain text.

    Examples:
        >>> from mesakb.model import Source
        >>> s = Source.model_validate({"id": "x", "type": "article", "title": "T",
        ...     "author": [{"family": "Hubinger"}, {"family": "van Merwijk"},
        ...                {"family": "Mikulik"}], "issued": {"date-parts": [[2019]]},
        ...     "checked": True})
        >>> short_cite(s)
        'Hubinger et al. 2019'
    """
    names = [a.family or a.literal or "" for a in source.author] or [source.title]
    if len(names) == 1:
        who = names[0]
    elif len(names) == 2:
        who = f"{names[0]} and {names[1]}"
    else:
        who = f"{names[0]} et al."
    year = str(source.issued.date_parts[0][0]) if source.issued else "n.d."
    return f"{who} {year}"


def concept_link(kb: KnowledgeBase, here: Here, id: str) -> str:
    """Return a link to a concept's page, marked when it is deprecated."""
    concept = kb.concepts[id]
    label = escape(concept.term)
    if concept.status == "deprecated":
        label += " <small>(deprecated)</small>"
    return f'<a href="{here.to(here.urls.concept(id))}">{label}</a>'


def source_link(kb: KnowledgeBase, here: Here, key: str) -> str:
    """Return a link to a source's page, labelled author-year."""
    source = kb.sources.get(key)
    text = escape(short_cite(source)) if source else escape(key)
    return f'<a href="{here.to(here.urls.source(key))}">{text}</a>'


def attribution(kb: KnowledgeBase, here: Here, definition: Definition) -> str:
    """Return who said a definition, where, and what it was checked against."""
    parts = [source_link(kb, here, definition.source), escape(definition.locator)]
    text = ", ".join(parts)
    if definition.speaker:
        text = f"{escape(definition.speaker)}, in {text}"
    if definition.via:
        text += f" (checked against {source_link(kb, here, definition.via)})"
    return text


_TAGS = re.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=1)
def term_index(kb: KnowledgeBase) -> TermIndex:
    """Return the labels that link to each live concept: its term and exact aliases."""
    return TermIndex(
        {
            c.id: [c.term, *(a.label for a in c.aliases if a.scope == "exact")]
            for c in kb
            if c.status != "deprecated"
        }
    )


def tooltip(kb: KnowledgeBase, id: str) -> str:
    """Return a concept's summary as one line of plain text."""
    text = html.unescape(_TAGS.sub("", markdown_html(kb.concepts[id].summary, inline=True)))
    return " ".join(text.split())


def linked(kb: KnowledgeBase, here: Here, html_text: str, seen: set[str]) -> str:
    """Link the first mention of each concept in safe HTML (see :mod:`mesakb.site.termlinks`)."""
    return term_index(kb).link(
        html_text,
        seen,
        href=lambda other: here.urls.rel(here.url, here.urls.concept(other)),
        tip=lambda other: tooltip(kb, other),
    )


def html_block(html_text: str) -> str:
    """Return finished HTML as an island of the page: Markdown never parses it again."""
    return island(html_text)


def math(latex: str, *, display: bool) -> str:
    """Return TeX as MathML, or as code when it is refused."""
    try:
        return tex_mathml(latex, display=display)
    except UnsafeMarkupError:
        return f'<code class="mesakb-tex">{escape(latex)}</code>'


def concept_list(kb: KnowledgeBase, here: Here, ids: Iterable[str], *, tag: str = "ul") -> str:
    """Return a list of concept links, each with its summary."""
    items = [
        f"<li>{concept_link(kb, here, c)} — {markdown_html(kb.concepts[c].summary, inline=True)}"
        "</li>"
        for c in ids
    ]
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def link_groups(kb: KnowledgeBase, here: Here, links: list[Link]) -> str:
    """Return links grouped by relation (and direction) as a definition list."""
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for link in links:
        groups[(link.relation, link.inverse)].append(link.concept)
    rows = []
    for (relation, inverse), ids in groups.items():
        label = Link(relation, ids[0], inverse).label
        rows.append(
            f'<dt class="mesakb-rel" data-relation="{escape(relation)}">{escape(label)}</dt>'
            f"<dd>{concept_list(kb, here, ids)}</dd>"
        )
    return '<dl class="mesakb-relations">' + "".join(rows) + "</dl>"


def worked_examples(id: str) -> str:
    """Return the worked examples bound to a concept, computed now (sympy only if any)."""
    from mesakb.examples import examples_for
    from mesakb.site.worked import render_example_markdown

    specs = examples_for(id)
    if not specs:
        return ""
    out = ["## Worked example { data-search-exclude }\n\n"]
    out += [render_example_markdown(computed(spec.id), heading_level=3) for spec in specs]
    return "".join(out)


@functools.cache
def computed(example: str) -> ExampleResult:
    """Return a worked example's result, computed once per process."""
    # Examples are deterministic code of ours: compute each once per process, so a
    # rebuild while serving does not redo them.
    from mesakb.examples import run_example

    return run_example(example)


def cite_box(kb: KnowledgeBase, id: str) -> str:
    r"""Return the "cite this" section: every citation format, and the original source.

    The entries come from :func:`mesakb.write.citation.cite`, so the site and ``mesakb cite``
    agree to the byte; each names the edition, its date, the permanent address of the
    concept in this edition and of the concept itself. Each block has a copy button.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> box = cite_box(mesakb.load(Path("tests/fixtures/kb")), "mesa-optimizer")
        >>> "@misc{mesakb:mesa-optimizer," in box and "```bibtex" in box and "TY  - ENCYC" in box
        True
        >>> "Cite the original source" in box and r"\cite[sec.~1]{paper}" in box
        True
    """
    from mesakb.urls import permanent_concept_url
    from mesakb.write.citation import cite, in_text
    from mesakb.write.works import edition

    ed = edition(kb)
    latest, pinned = permanent_concept_url(id), permanent_concept_url(id, ed.version)
    out = ["## Cite this { data-search-exclude }\n\n"]
    out.append(
        html_block(
            f'<p class="mesakb-cite">Edition {escape(ed.version)} of {escape(ed.released)} · '
            f'this edition: <a href="{escape(pinned)}">{escape(pinned)}</a> · '
            f'permanent address: <a href="{escape(latest)}">{escape(latest)}</a></p>'
        )
    )
    for label, fmt, lang in (
        ("BibTeX", "bibtex", "bibtex"),
        ("BibLaTeX", "biblatex", "bibtex"),
        ("APA", "apa", "text"),
        ("Chicago (author-date)", "chicago", "text"),
        ("RIS", "ris", "text"),
        ("CSL-JSON", "csl-json", "json"),
        ("Markdown", "markdown", "markdown"),
    ):
        out.append(f"**{label}**\n\n")
        out.append(fence(cite(kb, id, fmt), lang) + "\n")
    if kb.concept(id).preferred is not None:
        out.append(
            "**Cite the original source** (the definition's locator goes in the citation)\n\n"
        )
        citations = in_text(kb, id, "latex", original=True)
        citations += "\n" + in_text(kb, id, "pandoc", original=True)
        out.append(fence(citations, "latex") + "\n")
        out.append(fence(cite(kb, id, "bibtex", original=True), "bibtex") + "\n")
    return "".join(out)


def actions(here: Here, id: str) -> str:
    """Return the row of buttons under a concept's summary: cite it, explore from it."""
    return (
        '<p class="mesakb-actions" data-search-exclude>'
        '<a class="md-button md-button--primary" href="#cite-this">Cite this concept</a> '
        f'<a href="{explorer_link(here, id)}">Explore its neighbourhood in the graph</a>'
        "</p>"
    )


def definition_cards(kb: KnowledgeBase, here: Here, definitions: Iterable[Definition]) -> str:
    """Return competing definitions as cards: the quote, who said it where, how it differs.

    Examples:
        >>> import mesakb
        >>> kb = mesakb.load()
        >>> others = kb["mesa-optimizer"].definitions[1:]
        >>> cards = definition_cards(kb, Here(Urls(), "concepts/mesa-optimizer/"), others)
        >>> cards.count('<li class="mesakb-card">') == len(others) > 0
        True
    """
    cards = []
    for d in definitions:
        badge = (
            f' <span class="mesakb-rank">{escape(d.rank)}</span>' if d.rank == "historical" else ""
        )
        note = ""
        if d.note:
            note = (
                '<div class="mesakb-differs"><p class="mesakb-label">How it differs</p>'
                f"{cite_keys(kb, here, markdown_html(d.note))}</div>"
            )
        cards.append(
            '<li class="mesakb-card">'
            f'<blockquote class="mesakb-definition">{markdown_html(d.quote)}</blockquote>'
            f'<p class="mesakb-attribution">— {attribution(kb, here, d)}{badge}</p>'
            f"{note}</li>"
        )
    return '<ul class="mesakb-cards">' + "".join(cards) + "</ul>"


def explorer_link(here: Here, id: str) -> str:
    """Return the escaped URL of the graph explorer focused on a concept."""
    return here.to(here.urls.page("explore/index")) + f"?focus={escape(id)}"


def neighbourhood(kb: KnowledgeBase, here: Here, id: str) -> str:
    """Return the neighbourhood section: an inline SVG and a link to the explorer."""
    from mesakb.site.svg import MAX_NEIGHBOURS, neighbourhood_svg, neighbours

    svg = neighbourhood_svg(
        kb, id, link=lambda other: here.urls.rel(here.url, here.urls.concept(other))
    )
    if not svg:
        return ""
    count = len(neighbours(kb, id))
    more = (
        f" The {count - MAX_NEIGHBOURS} others are listed above." if count > MAX_NEIGHBOURS else ""
    )
    caption = (
        "Arrows run from subject to object, as each relation is written; "
        f"the relations above list the same links as text.{more} "
        f'<a href="{explorer_link(here, id)}">Explore the graph from here</a>'
    )
    return "## Neighbourhood { data-search-exclude }\n\n" + html_block(
        f'<figure class="mesakb-graph">{svg}<figcaption>{caption}</figcaption></figure>'
    )


_HTML_PARTS = re.compile(r"(<[^>]*>)")


def cite_keys(kb: KnowledgeBase, here: Here, html_text: str) -> str:
    """Replace the citation keys written in prose with author-year links to their sources.

    Only text outside tags and outside existing links changes, and only words shaped
    like a key (letters then a year, ``hubinger2019risks``) that name a known source.

    Examples:
        >>> import mesakb
        >>> kb = mesakb.load()
        >>> here = Here(Urls(), "concepts/x/")
        >>> out = cite_keys(kb, here, "<p>See (hubinger2019risks, p. 2); doe2000x: no.</p>")
        >>> out.split("; ")  # doctest: +NORMALIZE_WHITESPACE
        ['<p>See (<a href="../../sources/hubinger2019risks/">Hubinger et al. 2019</a>, p. 2)',
         'doe2000x: no.</p>']
    """
    known = kb.sources
    out: list[str] = []
    depth = 0
    for part in _HTML_PARTS.split(html_text):
        if part.startswith("<"):
            name = part[1:].split(None, 1)[0].rstrip(">").lower() if len(part) > 2 else ""
            if name == "a":
                depth += 1
            elif name == "/a":
                depth = max(0, depth - 1)
            out.append(part)
        elif depth or not part:
            out.append(part)
        else:
            out.append(
                _WORD.sub(
                    lambda m: source_link(kb, here, m.group()) if m.group() in known else m.group(),
                    part,
                )
            )
    return "".join(out)


_WORD = re.compile(r"\b[a-z][a-z-]*\d{4}[a-z0-9]*\b")

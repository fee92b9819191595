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


def front_matter(**fields: object) -> str:
    """Return a page's YAML front matter; each value JSON-encoded (JSON is YAML)."""
    # JSON is YAML; values are escaped because the theme prints some of them unescaped.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
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
    """Return the "cite this" section: BibTeX, biblatex and Markdown, with copy buttons.

    The entries come from :func:`mesakb.write.citation.cite`, so the site and ``mesakb cite``
    agree to the byte; each names the knowledge base version and the stable URL.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> box = cite_box(mesakb.load(Path("tests/fixtures/kb")), "optimizer")
        >>> "@misc{mesakb:optimizer," in box and "```bibtex" in box
        True
    """
    from mesakb.urls import concept_url
    from mesakb.write.citation import cite

    out = ["## Cite this { data-search-exclude }\n\n"]
    out.append(
        html_block(
            f'<p class="mesakb-cite">Version {escape(kb.version)} · stable URL: '
            f'<a href="{escape(concept_url(id))}">{escape(concept_url(id))}</a></p>'
        )
    )
    for label, fmt, lang in (
        ("BibTeX", "bibtex", "bibtex"),
        ("biblatex", "biblatex", "bibtex"),
        ("Markdown", "markdown", "markdown"),
    ):
        out.append(f"**{label}**\n\n")
        out.append(fence(cite(kb, id, fmt), lang) + "\n")
    return "".join(out)


def neighbourhood(kb: KnowledgeBase, here: Here, id: str) -> str:
    """Return the neighbourhood graph section (an inline SVG), or nothing."""
    from mesakb.site.svg import neighbourhood_svg

    svg = neighbourhood_svg(
        kb, id, link=lambda other: here.urls.rel(here.url, here.urls.concept(other))
    )
    if not svg:
        return ""
    return "## Neighbourhood { data-search-exclude }\n\n" + html_block(
        f'<figure class="mesakb-graph">{svg}</figure>'
    )

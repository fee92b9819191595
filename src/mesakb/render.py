"""Site pages as Markdown, rendered from a knowledge base by pure functions.

Nothing here imports mkdocs: each function takes a :class:`~mesakb.kb.KnowledgeBase`
and returns a Markdown string (with HTML islands built by :mod:`mesakb.safehtml`), so
the site generator can be swapped. :func:`site_pages` lists every generated file; the
mkdocs hook (:mod:`mesakb.site.hook`) only hands them to mkdocs.

Pages live at fixed URLs (directory URLs): ``concepts/<id>/``, ``sources/<key>/``,
``glossary/`` and ``explore/``. Links between generated pages are written relative to
the page, so the site works from any base URL and from ``file://``.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> page = concept_page(kb, "mesa-optimizer")
    >>> "inner optimizer" in page and "<math" in page
    True
"""

from __future__ import annotations

import functools
import html
import json
import posixpath
import re
from collections import defaultdict
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from mesakb.kb import KnowledgeBase, Link
from mesakb.model import Concept, Definition, Source
from mesakb.relations import RELATIONS
from mesakb.safehtml import UnsafeMarkupError, escape, markdown_html, tex_mathml
from mesakb.termlinks import TermIndex

if TYPE_CHECKING:
    from mesakb.examples import ExampleResult

__all__ = [
    "INDEX_PAGES",
    "GeneratedFile",
    "Urls",
    "cite_box",
    "concept_file",
    "concept_page",
    "concepts_index",
    "error_codes_table",
    "explorer_data",
    "explorer_page",
    "fill_tables",
    "glossary_page",
    "relations_table",
    "short_cite",
    "site_page",
    "site_pages",
    "source_file",
    "source_page",
    "sources_index",
    "tombstone_page",
]


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """One file of the site, generated in memory.

    Attributes:
        src_uri: Path inside the docs folder, e.g. ``concepts/mesa-optimizer.md``.
        content: The Markdown (or JSON) text.
        edit_path: Repository path of the file to edit for this page, if any.
    """

    src_uri: str
    content: str
    edit_path: str | None = None


# -- URLs -------------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Urls:
    """Where pages live: directory URLs (``concepts/x/``) or file URLs (``concepts/x.html``).

    Directory URLs are the default and the stable, citable form; file URLs are for the
    offline build that is browsed from ``file://``.

    Attributes:
        directory: Use directory URLs.
    """

    directory: bool = True

    def page(self, stem: str) -> str:
        """Return the site-relative URL of the page built from ``<stem>.md``.

        Examples:
            >>> Urls().page("concepts/mesa-optimizer"), Urls(False).page("concepts/index")
            ('concepts/mesa-optimizer/', 'concepts/index.html')
            >>> Urls().page("concepts/index"), Urls().page("index")
            ('concepts/', '')
        """
        if self.directory:
            if stem == "index" or stem.endswith("/index"):
                return stem[: -len("index")]
            return stem + "/"
        return stem + ".html"

    def concept(self, id: str) -> str:
        """Return the site-relative URL of a concept page.

        Examples:
            >>> Urls().concept("mesa-optimizer")
            'concepts/mesa-optimizer/'
        """
        return self.page(f"concepts/{id}")

    def source(self, key: str) -> str:
        """Return the site-relative URL of a source page.

        Examples:
            >>> Urls(directory=False).source("hubinger2019risks")
            'sources/hubinger2019risks.html'
        """
        return self.page(f"sources/{key}")

    def rel(self, here: str, to: str) -> str:
        """Return a relative link from page URL ``here`` to site URL ``to``.

        Examples:
            >>> Urls().rel("concepts/a/", "concepts/b/")
            '../b/'
            >>> Urls().rel("glossary/", "concepts/b/#x")
            '../concepts/b/#x'
            >>> Urls(False).rel("concepts/a.html", "sources/k.html")
            '../sources/k.html'
            >>> Urls().rel("concepts/a/", "")
            '../../'
        """
        return _relative(here, to)


@functools.lru_cache(maxsize=262_144)
def _relative(here: str, to: str) -> str:
    # Cached: every page links to its neighbours, and posixpath.relpath is slow.
    path, _, anchor = to.partition("#")
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(path.rstrip("/") or ".", base or ".")
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


@dataclass(frozen=True, slots=True)
class _Here:
    """The page being rendered: where its links start from."""

    urls: Urls
    url: str

    def to(self, target: str) -> str:
        return escape(self.urls.rel(self.url, target))


# -- small pieces -----------------------------------------------------------------


# Sections marked { data-search-exclude } (attr_list) stay out of the search index: they
# repeat what other pages say (relations, citations), and every reader downloads the
# whole index; index pages are excluded for the same reason (front matter).


def _front_matter(**fields: object) -> str:
    # JSON is YAML; values are escaped because the theme prints some of them unescaped.
    lines = [f"{key}: {json.dumps(value, ensure_ascii=False)}" for key, value in fields.items()]
    return "---\n" + "\n".join(lines) + "\n---\n\n"


def _plain(text: str) -> str:
    """One line of plain text for a meta tag or attribute, escaped."""
    return escape(" ".join(text.split()))


def _fence(text: str, lang: str) -> str:
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


def _concept_link(kb: KnowledgeBase, here: _Here, id: str) -> str:
    concept = kb.concepts[id]
    label = escape(concept.term)
    if concept.status == "deprecated":
        label += " <small>(deprecated)</small>"
    return f'<a href="{here.to(here.urls.concept(id))}">{label}</a>'


def _source_link(kb: KnowledgeBase, here: _Here, key: str) -> str:
    source = kb.sources.get(key)
    text = escape(short_cite(source)) if source else escape(key)
    return f'<a href="{here.to(here.urls.source(key))}">{text}</a>'


def _attribution(kb: KnowledgeBase, here: _Here, definition: Definition) -> str:
    parts = [_source_link(kb, here, definition.source), escape(definition.locator)]
    text = ", ".join(parts)
    if definition.speaker:
        text = f"{escape(definition.speaker)}, in {text}"
    if definition.via:
        text += f" (checked against {_source_link(kb, here, definition.via)})"
    return text


_TAGS = re.compile(r"<[^>]*>")


@functools.lru_cache(maxsize=1)
def _term_index(kb: KnowledgeBase) -> TermIndex:
    """Return the labels that link to each live concept: its term and exact aliases."""
    return TermIndex(
        {
            c.id: [c.term, *(a.label for a in c.aliases if a.scope == "exact")]
            for c in kb
            if c.status != "deprecated"
        }
    )


def _tooltip(kb: KnowledgeBase, id: str) -> str:
    """Return a concept's summary as one line of plain text."""
    text = html.unescape(_TAGS.sub("", markdown_html(kb.concepts[id].summary, inline=True)))
    return " ".join(text.split())


def _linked(kb: KnowledgeBase, here: _Here, html_text: str, seen: set[str]) -> str:
    """Link the first mention of each concept in safe HTML (see :mod:`mesakb.termlinks`)."""
    return _term_index(kb).link(
        html_text,
        seen,
        href=lambda other: here.urls.rel(here.url, here.urls.concept(other)),
        tip=lambda other: _tooltip(kb, other),
    )


def _html_block(html_text: str) -> str:
    # A raw HTML block must start a line and be followed by a blank line.
    return html_text.strip() + "\n\n"


def _math(latex: str, *, display: bool) -> str:
    try:
        return tex_mathml(latex, display=display)
    except UnsafeMarkupError:
        return f'<code class="mesakb-tex">{escape(latex)}</code>'


def _concept_list(kb: KnowledgeBase, here: _Here, ids: Iterable[str], *, tag: str = "ul") -> str:
    items = [
        f"<li>{_concept_link(kb, here, c)} — {markdown_html(kb.concepts[c].summary, inline=True)}"
        "</li>"
        for c in ids
    ]
    return f"<{tag}>" + "".join(items) + f"</{tag}>"


def _link_groups(kb: KnowledgeBase, here: _Here, links: list[Link]) -> str:
    groups: dict[tuple[str, bool], list[str]] = defaultdict(list)
    for link in links:
        groups[(link.relation, link.inverse)].append(link.concept)
    rows = []
    for (relation, inverse), ids in groups.items():
        label = Link(relation, ids[0], inverse).label
        rows.append(
            f'<dt class="mesakb-rel" data-relation="{escape(relation)}">{escape(label)}</dt>'
            f"<dd>{_concept_list(kb, here, ids)}</dd>"
        )
    return '<dl class="mesakb-relations">' + "".join(rows) + "</dl>"


# -- pages ---------------------------------------------------------------------------


def concept_page(kb: KnowledgeBase, id: str, *, urls: Urls = Urls()) -> str:
    """Return the Markdown of a concept's page.

    Args:
        kb: The knowledge base.
        id: The concept id.
        urls: The URL style of the site.

    Returns:
        The page: term, aliases, summary, definitions, explanation, formal statement,
        relations, backlinks, reading path and a "cite this" box.

    Raises:
        UnknownConceptError: No such concept.
    """
    concept = kb.concept(id)
    if concept.status == "deprecated":
        return tombstone_page(kb, id, urls=urls)
    here = _Here(urls, urls.concept(id))
    out: list[str] = [
        _front_matter(
            title=escape(concept.term),
            description=_plain(concept.summary),
            mesakb_concept=id,
            search={"boost": 2},
        )
    ]
    out.append(_html_block(f'<h1 id="term">{escape(concept.term)}</h1>'))
    # Only the aliases are worth searching for: the labels around them stay out of the
    # index, which every reader downloads.
    meta = (
        f'<span class="mesakb-kind" data-search-exclude>{escape(concept.kind)}</span>'
        "<span data-search-exclude> · </span>"
        f'<span class="mesakb-status mesakb-status-{escape(concept.status)}" '
        f"data-search-exclude>{escape(concept.status)}</span>"
    )
    if concept.aliases:
        labels = ", ".join(
            f'<span class="mesakb-alias" title="{escape(a.scope)} synonym">{escape(a.label)}</span>'
            for a in concept.aliases
        )
        meta += f"<span data-search-exclude> · also called:</span> {labels}"
    out.append(_html_block(f'<p class="mesakb-meta">{meta}</p>'))
    out.append(
        _html_block(f'<p class="mesakb-summary">{markdown_html(concept.summary, inline=True)}</p>')
    )
    if concept.status == "draft":
        out.append(
            _html_block(
                '<div class="admonition warning"><p class="admonition-title">Draft</p>'
                "<p>This entry is a draft: its wording and relations may change.</p></div>"
            )
        )
    if concept.attributed_to:
        names = ", ".join(escape(n) for n in concept.attributed_to)
        out.append(_html_block(f'<p class="mesakb-attributed">Attributed to: {names}</p>'))

    preferred = concept.preferred
    if preferred is not None:
        out.append("## Definition\n\n")
        out.append(
            _html_block(
                f'<blockquote class="mesakb-definition">{markdown_html(preferred.quote)}'
                f'<p class="mesakb-attribution">— {_attribution(kb, here, preferred)}</p>'
                "</blockquote>"
            )
        )
    others = [d for d in concept.definitions if d is not preferred]
    if others:
        out.append("## Other definitions { data-search-exclude }\n\n")
        rows = "".join(
            f'<tr><td><blockquote class="mesakb-definition">{markdown_html(d.quote)}</blockquote>'
            f"</td><td>{_attribution(kb, here, d)}</td><td>{escape(d.rank)}</td>"
            f"<td>{markdown_html(d.note) if d.note else ''}</td></tr>"
            for d in others
        )
        out.append(
            _html_block(
                '<table class="mesakb-definitions"><thead><tr><th>Definition</th><th>Source</th>'
                f"<th>Rank</th><th>How it differs</th></tr></thead><tbody>{rows}</tbody></table>"
            )
        )
    # Mentions of other concepts in our own prose link to them, once per page.
    seen = {id}
    if concept.body:
        body = _linked(kb, here, markdown_html(concept.body), seen)
        out.append("## Explanation\n\n")
        out.append(_html_block(f'<div class="mesakb-body">{body}</div>'))
    if concept.formal:
        formal = concept.formal
        out.append("## Formal statement { data-search-exclude }\n\n")
        out.append(
            _html_block(f'<div class="mesakb-formal">{_math(formal.latex, display=True)}</div>')
        )
        if formal.symbols:
            rows = "".join(
                f"<tr><td>{_math(s.symbol, display=False)}</td><td>{escape(s.meaning)}</td></tr>"
                for s in formal.symbols
            )
            out.append(
                _html_block(
                    '<table class="mesakb-symbols"><thead><tr><th>Symbol</th><th>Meaning</th>'
                    f"</tr></thead><tbody>{rows}</tbody></table>"
                )
            )
        if formal.note:
            note = _linked(kb, here, markdown_html(formal.note), seen)
            out.append(_html_block(f'<div class="mesakb-formal-note">{note}</div>'))

    out.append(_worked_examples(id))

    links = kb.links(id)
    outgoing = [link for link in links if not link.inverse]
    incoming = [link for link in links if link.inverse]
    if outgoing:
        out.append("## Relations { data-search-exclude }\n\n")
        out.append(_html_block(_link_groups(kb, here, outgoing)))
    if incoming:
        out.append("## Backlinks { data-search-exclude }\n\n")
        out.append(_html_block(_link_groups(kb, here, incoming)))
    out.append("## Reading path { data-search-exclude }\n\n")
    path = [c.id for c in kb.prerequisites(id)]
    if path:
        steps = _concept_list(kb, here, path, tag="ol")
        out.append(
            _html_block(f'<div class="mesakb-path"><p>Read first, in order:</p>{steps}</div>')
        )
    else:
        out.append(_html_block("<p>No prerequisites: a good place to start.</p>"))
    out.append(_neighbourhood(kb, here, id))
    out.append(cite_box(kb, id))
    return "".join(out)


def _worked_examples(id: str) -> str:
    """Return the worked examples bound to a concept, computed now (sympy only if any)."""
    from mesakb.examples import examples_for, render_example_markdown

    specs = examples_for(id)
    if not specs:
        return ""
    out = ["## Worked example { data-search-exclude }\n\n"]
    out += [render_example_markdown(_computed(spec.id), heading_level=3) for spec in specs]
    return "".join(out)


@functools.cache
def _computed(example: str) -> ExampleResult:
    # Examples are deterministic code of ours: compute each once per process, so a
    # rebuild while serving does not redo them.
    from mesakb.examples import run_example

    return run_example(example)


def cite_box(kb: KnowledgeBase, id: str) -> str:
    """Return the "cite this" section: BibTeX, biblatex and Markdown, with copy buttons.

    The entries come from :func:`mesakb.cite.cite`, so the site and ``mesakb cite``
    agree to the byte; each names the knowledge base version and the stable URL.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> box = cite_box(mesakb.load(Path("tests/fixtures/kb")), "optimizer")
        >>> "@misc{mesakb:optimizer," in box and "```bibtex" in box
        True
    """
    from mesakb.cite import cite, concept_url

    out = ["## Cite this { data-search-exclude }\n\n"]
    out.append(
        _html_block(
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
        out.append(_fence(cite(kb, id, fmt), lang) + "\n")
    return "".join(out)


def _neighbourhood(kb: KnowledgeBase, here: _Here, id: str) -> str:
    """Return the neighbourhood graph section (an inline SVG), or nothing."""
    from mesakb.svg import neighbourhood_svg

    svg = neighbourhood_svg(
        kb, id, link=lambda other: here.urls.rel(here.url, here.urls.concept(other))
    )
    if not svg:
        return ""
    return "## Neighbourhood { data-search-exclude }\n\n" + _html_block(
        f'<figure class="mesakb-graph">{svg}</figure>'
    )


def tombstone_page(kb: KnowledgeBase, id: str, *, urls: Urls = Urls()) -> str:
    """Return the page of a deprecated concept: a redirect to its replacement.

    Examples:
        >>> import mesakb
        >>> from mesakb.model import Concept
        >>> kb = mesakb.KnowledgeBase({
        ...     "new": Concept(id="new", term="new", kind="concept", summary="New."),
        ...     "old": Concept(id="old", term="old", kind="concept", summary="Old.",
        ...                    status="deprecated", replaced_by="new")}, {})
        >>> 'mesakb_redirect: "../new/"' in tombstone_page(kb, "old")
        True
    """
    concept = kb.concept(id)
    here = _Here(urls, urls.concept(id))
    target = concept.replaced_by
    fields: dict[str, object] = {
        "title": escape(concept.term),
        "description": _plain(concept.summary),
        "mesakb_concept": id,
    }
    if target is not None and target in kb.concepts:
        fields["mesakb_redirect"] = urls.rel(here.url, urls.concept(target))
        text = f"<p>This concept was replaced by {_concept_link(kb, here, target)}.</p>"
    else:
        text = "<p>This concept is deprecated.</p>"
    return (
        _front_matter(**fields)
        + _html_block(f'<h1 id="term">{escape(concept.term)} <small>(deprecated)</small></h1>')
        + _html_block(f'<div class="mesakb-tombstone">{text}</div>')
    )


def source_page(kb: KnowledgeBase, key: str, *, urls: Urls = Urls()) -> str:
    """Return the Markdown of a source's page: its details and the concepts citing it.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> "../../concepts/mesa-optimizer/" in source_page(kb, "paper")
        True
    """
    source = kb.source(key)
    here = _Here(urls, urls.source(key))
    out = [_front_matter(title=escape(source.title), description=_plain(short_cite(source)))]
    out.append(_html_block(f'<h1 id="title">{escape(source.title)}</h1>'))
    rows: list[tuple[str, str]] = [("Citation key", f"<code>{escape(source.id)}</code>")]
    if source.author:
        rows.append(("Authors", escape("; ".join(str(a) for a in source.author))))
    if source.editor:
        rows.append(("Editors", escape("; ".join(str(a) for a in source.editor))))
    if source.issued:
        rows.append(("Issued", escape("-".join(f"{p:02d}" for p in source.issued.date_parts[0]))))
    rows.append(("Type", escape(source.type)))
    if source.container_title:
        rows.append(("In", escape(source.container_title)))
    if source.publisher:
        rows.append(("Publisher", escape(source.publisher)))
    for label, url in (
        ("URL", source.URL),
        ("DOI", f"https://doi.org/{source.DOI}" if source.DOI else None),
        ("arXiv", f"https://arxiv.org/abs/{source.arxiv}" if source.arxiv else None),
    ):
        if url is not None:
            href = escape(url) if url.startswith("https://") else "#"
            rows.append((label, f'<a href="{href}">{escape(url)}</a>'))
    rows.append(("Checked", "yes" if source.checked else "no"))
    if source.check_note:
        rows.append(("Check note", markdown_html(source.check_note, inline=True)))
    table = "".join(f"<tr><th>{label}</th><td>{value}</td></tr>" for label, value in rows)
    out.append(_html_block(f'<table class="mesakb-source"><tbody>{table}</tbody></table>'))
    out.append("## Concepts citing this source { data-search-exclude }\n\n")
    citing = kb.concepts_citing(key)
    if not citing:
        out.append(_html_block("<p>No concept quotes this source yet.</p>"))
    items = []
    for concept in citing:
        quotes = "".join(
            f'<blockquote class="mesakb-definition">{markdown_html(d.quote)}'
            f'<p class="mesakb-attribution">— {escape(d.locator)} ({escape(d.rank)})</p>'
            "</blockquote>"
            for d in concept.definitions
            if key in (d.source, d.via)
        )
        items.append(f"<li>{_concept_link(kb, here, concept.id)}{quotes}</li>")
    if items:
        out.append(_html_block('<ul class="mesakb-citing">' + "".join(items) + "</ul>"))
    return "".join(out)


def _letter(label: str) -> str:
    first = label[:1].upper()
    return first if "A" <= first <= "Z" else "Other"


def glossary_page(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the A–Z glossary: every term and alias, with the concept's summary.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> page = glossary_page(mesakb.load(Path("tests/fixtures/kb")))
        >>> "inner optimizer" in page and "## M" in page
        True
    """
    here = _Here(urls, urls.page("glossary/index"))
    entries: list[tuple[str, str, Concept, str | None]] = []
    for concept in kb:
        entries.append((concept.term.casefold(), concept.term, concept, None))
        for alias in concept.aliases:
            entries.append((alias.label.casefold(), alias.label, concept, alias.scope))
    entries.sort(key=lambda e: (e[0], e[1], e[2].id))
    by_letter: dict[str, list[tuple[str, str, Concept, str | None]]] = defaultdict(list)
    for entry in entries:
        by_letter[_letter(entry[1])].append(entry)
    letters = sorted(by_letter, key=lambda x: (x == "Other", x))
    out = [
        _front_matter(
            title="Glossary",
            description="Every term and alias in mesakb, A to Z, with a summary.",
            search={"exclude": True},
        ),
        "# Glossary\n\n",
        f"Every term and alias of the {len(kb)} concepts, A to Z. Aliases point to the "
        "concept's preferred term.\n\n",
        " · ".join(f"[{x}](#{x.lower()})" for x in letters) + "\n\n",
    ]
    for letter in letters:
        out.append(f"## {letter}\n\n")
        items = []
        for _, label, concept, scope in by_letter[letter]:
            link = _concept_link(kb, here, concept.id)
            if scope is None:
                head = link
            else:
                head = f"{escape(label)} <small>({escape(scope)} alias)</small> → {link}"
            if concept.status == "deprecated" and concept.replaced_by in kb.concepts:
                desc = f"Replaced by {_concept_link(kb, here, concept.replaced_by or '')}."
            else:
                desc = markdown_html(concept.summary, inline=True)
            items.append(f"<dt>{head}</dt><dd>{desc}</dd>")
        out.append(_html_block('<dl class="mesakb-glossary">' + "".join(items) + "</dl>"))
    return "".join(out)


def concepts_index(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the index of all concepts, grouped by kind.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> "## Concept" in concepts_index(mesakb.load(Path("tests/fixtures/kb")))
        True
    """
    here = _Here(urls, urls.page("concepts/index"))
    groups: dict[str, list[str]] = defaultdict(list)
    for concept in kb:
        if concept.status != "deprecated":
            groups[concept.kind].append(concept.id)
    out = [
        _front_matter(
            title="Concepts",
            description="Every concept in mesakb, by kind.",
            search={"exclude": True},
        ),
        "# Concepts\n\n",
    ]
    for kind in sorted(groups):
        ids = sorted(groups[kind], key=lambda c: kb.concepts[c].term.casefold())
        out.append(f"## {kind.replace('-', ' ').capitalize()}\n\n")
        out.append(_html_block(_concept_list(kb, here, ids)))
    return "".join(out)


def sources_index(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the index of all sources, by author and year.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> "Doe 2019" in sources_index(mesakb.load(Path("tests/fixtures/kb")))
        True
    """
    here = _Here(urls, urls.page("sources/index"))
    items = [
        f"<li>{_source_link(kb, here, s.id)}: {escape(s.title)} "
        f"<small>({len(kb.concepts_citing(s.id))} concepts)</small></li>"
        for s in sorted(kb.sources.values(), key=lambda s: (short_cite(s).casefold(), s.id))
    ]
    return (
        _front_matter(
            title="Sources", description="Every work quoted in mesakb.", search={"exclude": True}
        )
        + "# Sources\n\n"
        + _html_block('<ul class="mesakb-sources">' + "".join(items) + "</ul>")
    )


def explorer_data(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the graph explorer's data as deterministic JSON (nodes, edges, relations).

    Also feeds the typo-tolerant search box: each node carries its aliases and the
    site-relative URL of its page.

    Examples:
        >>> import json, mesakb
        >>> from pathlib import Path
        >>> data = json.loads(explorer_data(mesakb.load(Path("tests/fixtures/kb"))))
        >>> {"source": "mesa-optimizer", "relation": "is_a", "target": "optimizer"} in data["edges"]
        True
    """
    nodes = [
        {
            "id": c.id,
            "term": c.term,
            "aliases": [a.label for a in c.aliases],
            "kind": c.kind,
            "status": c.status,
            "summary": " ".join(c.summary.split()),
            "url": urls.concept(c.id),
        }
        for c in kb
    ]
    edges = [
        {"source": c.id, "relation": relation, "target": target}
        for c in kb
        for relation, targets in c.relations.items()
        for target in targets
    ]
    relations = [
        {"name": r.name, "label": r.label, "inverse_label": r.inverse_label}
        for r in RELATIONS.values()
    ]
    data = {"version": kb.version, "nodes": nodes, "edges": edges, "relations": relations}
    return json.dumps(data, ensure_ascii=False, sort_keys=True, indent=1) + "\n"


def explorer_page(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the interactive graph explorer page, with a table as a text alternative.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> 'id="mesakb-explorer"' in explorer_page(mesakb.load(Path("tests/fixtures/kb")))
        True
    """
    here = _Here(urls, urls.page("explore/index"))
    options = "".join(
        f'<label><input type="checkbox" name="relation" value="{escape(r.name)}" checked> '
        f"{escape(r.label)}</label> "
        for r in RELATIONS.values()
    )
    concepts = "".join(
        f'<option value="{escape(c.id)}">{escape(c.term)}</option>'
        for c in sorted(kb, key=lambda c: c.term.casefold())
    )
    explorer = (
        '<div id="mesakb-explorer" data-src="graph.json">'
        '<form class="mesakb-explorer-controls">'
        f"<fieldset><legend>Relations</legend>{options}</fieldset>"
        '<label>Focus <select name="focus"><option value="">(all concepts)</option>'
        f"{concepts}</select></label> "
        '<label>Depth <input type="number" name="depth" min="1" max="6" value="2"></label>'
        "</form>"
        '<div class="mesakb-explorer-scroll">'
        '<svg class="mesakb-explorer-graph" role="img" aria-label="Concept graph" '
        'viewBox="0 0 800 600"></svg></div>'
        '<p class="mesakb-explorer-status" aria-live="polite"></p></div>'
    )
    rows = "".join(
        f"<tr><td>{_concept_link(kb, here, c.id)}</td><td>{escape(RELATIONS[r].label)}</td>"
        f"<td>{_concept_link(kb, here, t)}</td></tr>"
        for c in kb
        for r, targets in c.relations.items()
        for t in targets
    )
    table = (
        '<table class="mesakb-edges"><thead><tr><th>Concept</th><th>Relation</th>'
        f"<th>Concept</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return (
        _front_matter(
            title="Graph explorer",
            description="Explore the concept graph by relation type.",
            hide=["toc"],
            search={"exclude": True},
        )
        + "# Graph explorer\n\n"
        + "Pick relation types, focus on a concept and a depth; the address bar keeps the "
        "view, so you can share it. Click a concept to focus on it, double-click to open it.\n\n"
        + _html_block(explorer)
        + "## All relations as a table\n\n"
        + _html_block(table)
    )


def error_codes_table() -> str:
    """Return the table of diagnostic codes for the authoring guide, from :data:`CODES`.

    Examples:
        >>> print(error_codes_table().splitlines()[2])
        | `KB001` | error | file is not valid UTF-8, or cannot be read |
    """
    from mesakb.diagnostics import CODES

    rows = [
        f"| `{c.code}` | {c.severity} | {_md_cell(c.title)} |"
        for c in sorted(CODES.values(), key=lambda c: c.code)
    ]
    return "\n".join(["| Code | Severity | Meaning |", "|---|---|---|", *rows]) + "\n"


def relations_table() -> str:
    """Return the table of relation types for the authoring guide, from :data:`RELATIONS`.

    Examples:
        >>> print(relations_table().splitlines()[2])  # doctest: +ELLIPSIS
        | `is_a` | is a | more specific | transitive | The subject is a kind of ...
    """
    rows = []
    for r in RELATIONS.values():
        algebra = ", ".join(
            name
            for name, flag in (("transitive", r.transitive), ("symmetric", r.symmetric))
            if flag
        )
        rows.append(
            f"| `{r.name}` | {r.label} | {r.inverse_label} | {algebra or '—'} | "
            f"{_md_cell(r.description)} |"
        )
    head = "| Relation | Reads | Inverse reads | Algebra | Meaning |"
    return "\n".join([head, "|---|---|---|---|---|", *rows]) + "\n"


def _md_cell(text: str) -> str:
    return escape(text).replace("|", "&#124;")


GUIDE_TABLES = {
    "<!-- mesakb:error-codes -->": error_codes_table,
    "<!-- mesakb:relations -->": relations_table,
}
"""Markers in hand-written pages, and the functions whose tables replace them."""


def fill_tables(markdown: str) -> str:
    """Replace each table marker of :data:`GUIDE_TABLES` in a hand-written page.

    Examples:
        >>> "KB201" in fill_tables("<!-- mesakb:error-codes -->")
        True
    """
    for marker, table in GUIDE_TABLES.items():
        if marker in markdown:
            markdown = markdown.replace(marker, table())
    return markdown


def concept_file(id: str) -> str:
    """Return the path of a concept's generated page in the docs folder.

    Examples:
        >>> concept_file("mesa-optimizer")
        'concepts/mesa-optimizer.md'
    """
    return f"concepts/{id}.md"


def source_file(key: str) -> str:
    """Return the path of a source's generated page in the docs folder.

    Examples:
        >>> source_file("hubinger2019risks")
        'sources/hubinger2019risks.md'
    """
    return f"sources/{key}.md"


INDEX_PAGES: dict[str, Callable[..., str]] = {
    "concepts/index.md": concepts_index,
    "sources/index.md": sources_index,
    "glossary/index.md": glossary_page,
    "explore/index.md": explorer_page,
    "explore/graph.json": explorer_data,
}
"""The generated files that list every concept or source, and the functions rendering them."""


def site_page(kb: KnowledgeBase, src_uri: str, *, urls: Urls = Urls()) -> str:
    """Return the content of one generated file, exactly as :func:`site_pages` makes it.

    Args:
        kb: The knowledge base.
        src_uri: The file's path in the docs folder, e.g. ``concepts/mesa-optimizer.md``.
        urls: The URL style of the site.

    Raises:
        KeyError: ``src_uri`` is not a file :func:`site_pages` makes for ``kb``.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> site_page(kb, "concepts/optimizer.md") == concept_page(kb, "optimizer")
        True
    """
    index = INDEX_PAGES.get(src_uri)
    if index is not None:
        return index(kb, urls=urls)
    folder, _, name = src_uri.partition("/")
    stem = name.removesuffix(".md")
    if folder == "concepts" and src_uri == concept_file(stem) and stem in kb.concepts:
        return concept_page(kb, stem, urls=urls)
    if folder == "sources" and src_uri == source_file(stem) and stem in kb.sources:
        return source_page(kb, stem, urls=urls)
    raise KeyError(src_uri)


def site_pages(kb: KnowledgeBase, *, urls: Urls = Urls(), workers: int = 1) -> list[GeneratedFile]:
    """Return every generated file of the site, in a stable order.

    Args:
        kb: The knowledge base.
        urls: The URL style of the site.
        workers: Render concept pages in this many forked processes (same output;
            see :mod:`mesakb.pool` for when that is safe).

    Returns:
        Concept, source, glossary and explorer pages, plus the explorer's JSON.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> files = site_pages(mesakb.load(Path("tests/fixtures/kb")))
        >>> [f.src_uri for f in files][:3]
        ['concepts/index.md', 'concepts/learned-algorithm.md', 'concepts/mesa-optimizer.md']
        >>> files[1].edit_path
        'concepts/learned-algorithm.yaml'
    """
    from mesakb.pool import fork_map

    def index(uri: str) -> GeneratedFile:
        return GeneratedFile(uri, INDEX_PAGES[uri](kb, urls=urls))

    files = [index("concepts/index.md")]
    ids = list(kb.concepts)
    pages = fork_map(functools.partial(concept_page, kb, urls=urls), ids, workers=workers)
    files += [
        GeneratedFile(concept_file(id), page, f"concepts/{id}.yaml")
        for id, page in zip(ids, pages, strict=True)
    ]
    files.append(index("sources/index.md"))
    files += [
        GeneratedFile(source_file(key), source_page(kb, key, urls=urls), f"sources/{key}.yaml")
        for key in kb.sources
    ]
    files += [index(uri) for uri in ("glossary/index.md", "explore/index.md", "explore/graph.json")]
    return files

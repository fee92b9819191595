r"""What a citation cites: the works (concept entries, sources) and the in-text references.

Every format module (:mod:`~mesakb.write.bibtex`, :mod:`~mesakb.write.csl`,
:mod:`~mesakb.write.ris`, :mod:`~mesakb.write.markdown`) writes a :class:`Cited`:
one entry per work, each work once, and one :class:`Reference` per concept asked
for, which carries the locator. A locator belongs to the citation in the text
(``\cite[sec.~4]{key}``, ``[@key, sec. 4]``, CSL ``locator``), never to the entry.

A concept entry names the edition (the version), its release date, the permanent
address of the concept in that edition, and the permanent address of the concept
(which forwards to its latest edition).

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> cited = collect(kb, ["mesa-optimizer", "optimizer"], original=True)
    >>> [s.id for s in cited.sources], [(r.key, r.locator) for r in cited.references]
    (['paper'], [('paper', 'sec. 1'), ('paper', 'sec. 1')])
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from mesakb.__about__ import __released__
from mesakb.errors import MesakbError
from mesakb.urls import permanent_concept_url

if TYPE_CHECKING:
    from collections.abc import Sequence

    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Concept, Definition, Source

__all__ = [
    "KB_AUTHOR",
    "KB_NAME",
    "KB_TITLE",
    "LICENSE_URL",
    "Cited",
    "Edition",
    "Reference",
    "bibtex_key",
    "collect",
    "edition",
    "source_url",
]

KB_NAME = "mesakb"
"""The short name of the knowledge base, as cited."""

KB_TITLE = "mesakb: a knowledge base of the theory of learned optimization"
"""The title of the knowledge base as a work (the container of a concept entry)."""

KB_AUTHOR = "The mesakb contributors"
"""The author of the knowledge base, as one literal name."""

LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
"""The licence of the content (CC BY-SA 4.0); the code is MIT."""


@dataclass(frozen=True, slots=True)
class Edition:
    """One edition of the knowledge base: a version and the day it was released.

    Attributes:
        version: The version, e.g. ``0.1.0``.
        released: The release date, ISO 8601 (``YYYY-MM-DD``).
    """

    version: str
    released: str

    @property
    def date_parts(self) -> list[int]:
        """The release date as ``[year, month, day]``.

        Examples:
            >>> Edition("0.1.0", "2026-12-03").date_parts
            [2026, 12, 3]
        """
        return [int(part) for part in self.released.split("-")]


def edition(kb: KnowledgeBase) -> Edition:
    """Return the edition of a knowledge base (its version; the release date of mesakb).

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> edition(mesakb.load(Path("tests/fixtures/kb"))).version
        '0.1.0'
    """
    return Edition(kb.version, __released__)


@dataclass(frozen=True, slots=True)
class Reference:
    """One citation in the text: which entry, where in it, and for which concept.

    Attributes:
        key: The key of the entry cited.
        locator: Where in the work (``sec. 4``), or None.
        concept: The concept this citation is for.
    """

    key: str
    locator: str | None
    concept: str


@dataclass(frozen=True, slots=True)
class Cited:
    """A bibliography: every work once, and the references to them in order.

    Attributes:
        edition: The edition of the knowledge base cited.
        concepts: Concept entries (when the concepts themselves are cited), in order.
        sources: Source entries (when the original sources are cited), each once.
        references: One per concept asked for, in the order asked.
    """

    edition: Edition
    concepts: tuple[Concept, ...]
    sources: tuple[Source, ...]
    references: tuple[Reference, ...]

    @property
    def original(self) -> bool:
        """Whether the original sources are cited (rather than the concepts)."""
        return not self.concepts


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


def concept_note(id: str) -> str:
    """Return the note of a concept entry: where its latest edition is.

    Examples:
        >>> concept_note("x").startswith("Latest edition: https://")
        True
    """
    return f"Latest edition: {permanent_concept_url(id)}"


def _preferred(concept: Concept) -> Definition:
    definition = concept.preferred
    if definition is None:
        raise MesakbError(
            f"concept '{concept.id}' has no preferred definition, so no original source to cite"
        )
    return definition


def collect(kb: KnowledgeBase, ids: Sequence[str], *, original: bool = False) -> Cited:
    """Return the bibliography citing some concepts, or the sources their definitions quote.

    Args:
        kb: The knowledge base.
        ids: Concept ids, in the order they are cited (repeats are cited once).
        original: Cite the source each preferred definition quotes, with its locator.

    Returns:
        The works, each once, and one reference per distinct id.

    Raises:
        UnknownConceptError: No such concept.
        MesakbError: No ids, or ``original`` for a concept with no preferred definition.
    """
    if not ids:
        raise MesakbError("nothing to cite: give at least one concept id")
    concepts = [kb.concept(id) for id in dict.fromkeys(ids)]
    if not original:
        references = tuple(Reference(bibtex_key(c.id), None, c.id) for c in concepts)
        return Cited(edition(kb), tuple(concepts), (), references)
    sources: dict[str, Source] = {}
    refs = []
    for concept in concepts:
        definition = _preferred(concept)
        source = kb.source(definition.source)
        sources.setdefault(source.id, source)
        refs.append(Reference(source.id, definition.locator, concept.id))
    return Cited(edition(kb), (), tuple(sources.values()), tuple(refs))

"""How each quotation was checked, as data: the provenance of every definition.

Four kinds, from strongest to weakest:

- ``source-text``: the quotation's text is one of the project's own source texts
  (``text_held: project``), and every test run compares it word for word.
- ``ledger``: it was found word for word in a copy of the source kept outside the
  repository; the ledger (``verified-quotes.json``) records its digest, so any later
  edit fails the check until it is verified again.
- ``by-hand``: a person compared it with a public copy (``checked_by_hand``: date and
  address).
- ``unchecked``: none of these (for instance a quotation edited since it was verified).

Examples:
    >>> import mesakb
    >>> kb = mesakb.load()
    >>> found = provenances(kb.concepts, kb.sources, "verified-quotes.json")
    >>> found["mesa-optimizer", 0].kind
    'source-text'
    >>> print(found["mesa-optimizer", 0].describe())
    checked word for word against the text of hubinger2019risks in every test run
"""

from __future__ import annotations

import json
from collections import Counter
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from mesakb.kb.base import KnowledgeBase
from mesakb.model import Concept, Definition, Source
from mesakb.quotes.ledger import quote_digest

__all__ = [
    "KINDS",
    "LEDGER",
    "Provenance",
    "ProvenanceKind",
    "counts",
    "kb_ledger",
    "provenances",
    "text_checked_against",
]

ProvenanceKind = Literal["source-text", "ledger", "by-hand", "unchecked"]
KINDS: tuple[ProvenanceKind, ...] = ("source-text", "ledger", "by-hand", "unchecked")
"""Every kind of provenance, strongest first."""

LEDGER = "verified-quotes.json"
"""The file name of the ledger, at the root of a knowledge base."""


def kb_ledger(kb: KnowledgeBase) -> Path | None:
    """Return the ledger beside a knowledge base's content, if it has one.

    Examples:
        >>> import mesakb
        >>> kb_ledger(mesakb.load()).name
        'verified-quotes.json'
    """
    if kb.root is None or not (Path(kb.root) / LEDGER).is_file():
        return None
    return Path(kb.root) / LEDGER


@dataclass(frozen=True, slots=True)
class Provenance:
    """How one quotation was checked.

    Attributes:
        kind: One of :data:`KINDS`.
        against: The key of the source whose text it was checked against (the source
            itself, or the secondary text named by ``via``), if any.
        date: The day of a check by hand.
        copy: The address of the public copy checked by hand.
    """

    kind: ProvenanceKind
    against: str | None = None
    date: str | None = None
    copy: str | None = None

    def describe(self) -> str:
        """Return one line saying how the quotation was checked.

        Examples:
            >>> print(Provenance("ledger", "carlsmith2023").describe())
            checked word for word against a copy of carlsmith2023 kept outside the repository (recorded in the ledger)
        """  # noqa: E501
        if self.kind == "source-text":
            return f"checked word for word against the text of {self.against} in every test run"
        if self.kind == "ledger":
            return (
                f"checked word for word against a copy of {self.against} kept outside the "
                "repository (recorded in the ledger)"
            )
        if self.kind == "by-hand":
            return f"checked by hand against {self.copy} on {self.date}"
        return "not yet checked"


def text_checked_against(definition: Definition, sources: Mapping[str, Source]) -> str | None:
    """Return the key of the text a quotation is checked against, if any.

    Its own source's text when that has a ``text_file``, else the ``via`` text's.
    """
    for key in (definition.source, definition.via):
        if key is not None and key in sources and sources[key].text_file is not None:
            return key
    return None


def _ledger(path: str | Path | None) -> set[tuple[str, int, str, str]]:
    if path is None or not Path(path).is_file():
        return set()
    try:
        rows = json.loads(Path(path).read_text(encoding="utf-8"))
        return {(r["concept"], r["definition"], r["checked_against"], r["digest"]) for r in rows}
    except (OSError, ValueError, KeyError, TypeError):
        return set()


def provenances(
    concepts: Mapping[str, Concept],
    sources: Mapping[str, Source],
    ledger: str | Path | None = None,
) -> dict[tuple[str, int], Provenance]:
    """Return the provenance of every definition, by (concept id, definition index).

    Args:
        concepts: The concepts, by id.
        sources: The sources, by key.
        ledger: The ledger of verified quotations; without it no quotation counts as
            ``ledger``.
    """
    recorded = _ledger(ledger)
    found: dict[tuple[str, int], Provenance] = {}
    for cid, concept in concepts.items():
        for index, definition in enumerate(concept.definitions):
            key = text_checked_against(definition, sources)
            hand = definition.checked_by_hand
            if key is not None and sources[key].text_held == "project":
                found[cid, index] = Provenance("source-text", key)
            elif key is not None and (cid, index, key, quote_digest(definition.quote)) in recorded:
                found[cid, index] = Provenance("ledger", key)
            elif hand is not None:
                found[cid, index] = Provenance("by-hand", definition.source, hand.date, hand.url)
            else:
                found[cid, index] = Provenance("unchecked", key)
    return found


def counts(found: Mapping[tuple[str, int], Provenance]) -> str:
    """Return one line counting each kind of provenance.

    Examples:
        >>> counts({("a", 0): Provenance("ledger", "k"), ("b", 0): Provenance("unchecked")})
        'provenance: 0 against the project source texts, 1 against copies outside the repository (ledger), 0 by hand, 1 not yet checked'
    """  # noqa: E501
    n = Counter(p.kind for p in found.values())
    return (
        f"provenance: {n['source-text']} against the project source texts, {n['ledger']} "
        f"against copies outside the repository (ledger), {n['by-hand']} by hand, "
        f"{n['unchecked']} not yet checked"
    )

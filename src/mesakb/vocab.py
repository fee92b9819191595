"""The closed vocabulary of relation types between concepts.

Edges are stored subject → object, as written in a concept file: the file of
``mesa-optimizer`` saying ``is_a: [optimizer]`` gives the edge
``mesa-optimizer --is_a--> optimizer``. Each type knows how to read the edge from
either end, and whether it is transitive or symmetric.

Examples:
    >>> RELATIONS["is_a"].label, RELATIONS["is_a"].inverse_label
    ('is a', 'more specific')
    >>> RELATIONS["contrasts_with"].symmetric
    True
    >>> sorted(name for name, rel in RELATIONS.items() if rel.transitive)
    ['is_a', 'part_of', 'requires']
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

__all__ = ["ACYCLIC", "RELATIONS", "RelationName", "RelationType"]

RelationName = Literal[
    "is_a",
    "part_of",
    "requires",
    "formalizes",
    "example_of",
    "about",
    "leads_to",
    "supports",
    "objects_to",
    "contrasts_with",
    "not_to_be_confused_with",
    "related",
]


@dataclass(frozen=True, slots=True)
class RelationType:
    """One relation type: its name, how to read it each way, and its algebra.

    Attributes:
        name: The key used in concept files and as the edge key in the graph.
        label: How the subject relates to the object ("is a").
        inverse_label: How the object relates to the subject ("more specific").
        description: What the relation means, for authors.
        transitive: Whether ``a R b`` and ``b R c`` imply ``a R c``.
        symmetric: Whether ``a R b`` implies ``b R a``.
    """

    name: str
    label: str
    inverse_label: str
    description: str
    transitive: bool = False
    symmetric: bool = False


def _build() -> dict[str, RelationType]:
    rows = [
        RelationType(
            "is_a",
            "is a",
            "more specific",
            "The subject is a kind of the object (taxonomic, broader/narrower).",
            transitive=True,
        ),
        RelationType(
            "part_of",
            "part of",
            "has part",
            "The subject is a component or aspect of the object.",
            transitive=True,
        ),
        RelationType(
            "requires",
            "requires",
            "required by",
            "Reading the subject requires understanding the object first (prerequisite).",
            transitive=True,
        ),
        RelationType(
            "formalizes",
            "formalizes",
            "formalized by",
            "The subject is a formal or quantitative account of the object.",
        ),
        RelationType(
            "example_of",
            "example of",
            "has example",
            "The subject is a concrete instance or illustration of the object.",
        ),
        RelationType(
            "about",
            "is about",
            "discussed by",
            "The subject (usually a claim) is a statement about the object.",
        ),
        RelationType(
            "leads_to",
            "can lead to",
            "can result from",
            "The subject, when present, can bring about the object.",
        ),
        RelationType(
            "supports",
            "supports",
            "supported by",
            "The subject (a claim) is an argument for the object.",
        ),
        RelationType(
            "objects_to",
            "objects to",
            "objected to by",
            "The subject (a claim) is an argument against the object.",
        ),
        RelationType(
            "contrasts_with",
            "contrasts with",
            "contrasts with",
            "The two are alternatives or opposites that are usefully compared.",
            symmetric=True,
        ),
        RelationType(
            "not_to_be_confused_with",
            "not to be confused with",
            "not to be confused with",
            "The two are easily mixed up but mean different things.",
            symmetric=True,
        ),
        RelationType(
            "related",
            "related to",
            "related to",
            "Associated in some other way worth following.",
            symmetric=True,
        ),
    ]
    return {row.name: row for row in rows}


RELATIONS: dict[str, RelationType] = _build()
"""Every relation type, by name, in the order concept pages show them."""

ACYCLIC: tuple[str, ...] = ("is_a", "part_of", "requires")
"""Relation types that must not form a cycle."""

"""Plain-text rendering of one concept for the terminal (``mesakb show``).

Examples:
    >>> import mesakb
    >>> print(format_concept(mesakb.load(), "mesa-optimizer").splitlines()[0])
    mesa-optimizer  [concept, stable]
"""

from __future__ import annotations

import textwrap

from mesakb.kb.base import KnowledgeBase

__all__ = ["format_concept"]


def _wrap(text: str, indent: str = "  ") -> str:
    return textwrap.fill(
        " ".join(text.split()), width=88, initial_indent=indent, subsequent_indent=indent
    )


def format_concept(kb: KnowledgeBase, id: str) -> str:
    """Return a concept as readable text: term, aliases, definitions, relations.

    Raises:
        UnknownConceptError: No such id.
    """
    concept = kb.concept(id)
    lines = [f"{concept.term}  [{concept.kind}, {concept.status}]"]
    if concept.replaced_by:
        lines.append(f"  replaced by: {concept.replaced_by}")
    if concept.aliases:
        lines.append("  also: " + "; ".join(f"{a.label} ({a.scope})" for a in concept.aliases))
    lines += ["", _wrap(concept.summary)]
    for definition in concept.definitions:
        source = kb.sources.get(definition.source)
        title = source.title if source else definition.source
        lines += [
            "",
            f"  {definition.rank} definition — {title}, {definition.locator}:",
            _wrap(f"“{definition.quote}”", "    "),
        ]
        if definition.note:
            lines.append(_wrap(f"note: {definition.note}", "    "))
    links = kb.links(id)
    if links:
        lines += ["", "  relations:"]
        lines += [f"    {link.label}: {link.concept}" for link in links]
    return "\n".join(lines)

r"""``graph/mesakb.obo``: the knowledge base in OBO 1.4, for pronto, obonet, OAK and ROBOT.

One ``[Term]`` per concept, id ``mesakb:<id>``: ``name`` (the term), ``def`` (the
preferred quotation, its cross-references naming the source with the locator, and
the secondary text it was checked against), ``comment`` (the summary), one
``synonym`` per alias with its scope (EXACT, BROAD, NARROW, RELATED), ``is_a``, and
every other relation as ``relationship: <type> <id>``, each type declared in a
``[Typedef]`` with its name and whether it is transitive or symmetric. The other
definitions follow as ``property_value: mkbv:definition "..." xsd:string`` lines
with the same cross-references in a trailing ``{xref="..."}``. A tombstone is
``is_obsolete: true`` with ``replaced_by``. Sources are cross-referenced as
``source:<key>``.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> text = obo_text(mesakb.load(Path("tests/fixtures/kb")))
    >>> print(text.split("\n\n")[2])
    [Term]
    id: mesakb:mesa-optimizer
    name: mesa-optimizer
    def: "A mesa-optimizer is a learned algorithm that is itself an optimizer." [source:paper "sec. 1"]
    comment: A learned algorithm that is itself an optimizer.
    synonym: "inner optimizer" EXACT []
    property_value: mkbv:kind "concept" xsd:string
    property_value: mkbv:cites source:paper
    is_a: mesakb:optimizer ! optimizer
    is_a: mesakb:learned-algorithm ! learned algorithm
    relationship: requires mesakb:objective ! objective
"""  # noqa: E501

from __future__ import annotations

from typing import TYPE_CHECKING

from mesakb.urls import scheme_iri, vocab_iri
from mesakb.vocab import RELATIONS
from mesakb.write.rdf import LICENSE_URL

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Concept, Definition

__all__ = ["SCOPES", "cited_sources", "obo_id", "obo_text", "quote_obo"]

SCOPES = {"exact": "EXACT", "broad": "BROAD", "narrow": "NARROW", "related": "RELATED"}
"""Alias scope → OBO synonym scope."""


def obo_id(cid: str) -> str:
    """Return the OBO id (a CURIE) of a concept.

    Examples:
        >>> obo_id("mesa-optimizer")
        'mesakb:mesa-optimizer'
    """
    return f"mesakb:{cid}"


def quote_obo(text: str) -> str:
    r"""Return ``text`` as an OBO quoted string: one line, ``\`` and ``"`` escaped.

    Examples:
        >>> quote_obo('say "hi"\nnow')
        '"say \\"hi\\" now"'
    """
    flat = " ".join(text.split())
    return '"' + flat.replace("\\", "\\\\").replace('"', '\\"') + '"'


def _unquoted(text: str) -> str:
    """A value written unquoted (names, comments): one line; OBO special characters escaped."""
    flat = " ".join(text.split())
    for char in ("\\", "{", "}", "!"):
        flat = flat.replace(char, "\\" + char)
    return flat


def _xrefs(definition: Definition) -> str:
    refs = [f"source:{definition.source} {quote_obo(definition.locator)}"]
    if definition.via is not None:
        refs.append(f"source:{definition.via} {quote_obo('checked against')}")
    return ", ".join(refs)


def cited_sources(concept: Concept) -> list[str]:
    """Return the keys of the sources a concept's definitions quote or were checked against."""
    return list(
        dict.fromkeys(k for d in concept.definitions for k in (d.source, d.via) if k is not None)
    )


def _term(kb: KnowledgeBase, concept: Concept) -> list[str]:
    lines = ["[Term]", f"id: {obo_id(concept.id)}", f"name: {_unquoted(concept.term)}"]
    preferred = concept.preferred
    if preferred is not None:
        lines.append(f"def: {quote_obo(preferred.quote)} [{_xrefs(preferred)}]")
    lines.append(f"comment: {_unquoted(concept.summary)}")
    for alias in concept.aliases:
        lines.append(f"synonym: {quote_obo(alias.label)} {SCOPES[alias.scope]} []")
    lines.append(f'property_value: mkbv:kind "{concept.kind}" xsd:string')
    for key in cited_sources(concept):
        lines.append(f"property_value: mkbv:cites source:{key}")
    for definition in concept.definitions:
        if definition is preferred:
            continue
        xrefs = ", ".join(f"xref={quote_obo(x)}" for x in _xrefs(definition).split(", "))
        lines.append(
            f"property_value: mkbv:definition {quote_obo(definition.quote)} xsd:string "
            f"{{rank={quote_obo(definition.rank)}, {xrefs}}}"
        )
    if concept.status == "deprecated":
        lines.append("is_obsolete: true")
        if concept.replaced_by is not None:
            lines.append(f"replaced_by: {obo_id(concept.replaced_by)}")
        return lines
    for target in concept.relations.is_a:
        lines.append(f"is_a: {obo_id(target)} ! {_unquoted(kb.concepts[target].term)}")
    for relation, targets in concept.relations.items():
        if relation == "is_a":
            continue
        for target in targets:
            term = _unquoted(kb.concepts[target].term)
            lines.append(f"relationship: {relation} {obo_id(target)} ! {term}")
    return lines


def _typedef(name: str) -> list[str]:
    rel = RELATIONS[name]
    lines = [
        "[Typedef]",
        f"id: {name}",
        f"name: {_unquoted(rel.label)}",
        f"def: {quote_obo(rel.description)} []",
        f"xref: mkbv:{name}",
    ]
    if rel.transitive:
        lines.append("is_transitive: true")
    if rel.symmetric:
        lines.append("is_symmetric: true")
    return lines


def obo_text(kb: KnowledgeBase) -> str:
    """Return the OBO 1.4 file: a header, one [Term] per concept, one [Typedef] per relation.

    Args:
        kb: The knowledge base.

    Returns:
        The file's text, terms in id order, typedefs in vocabulary order.
    """
    header = [
        "format-version: 1.4",
        f"data-version: {kb.version}",
        "ontology: mesakb",
        "default-namespace: mesakb",
        f'idspace: mesakb {scheme_iri()} "mesakb concepts"',
        f'idspace: mkbv {vocab_iri()} "mesakb vocabulary"',
        f"property_value: http://purl.org/dc/terms/license {LICENSE_URL} xsd:anyURI",
        f"property_value: http://www.w3.org/2002/07/owl#versionInfo {quote_obo(kb.version)} "
        "xsd:string",
        f"remark: mesakb {kb.version}, the knowledge base of learned optimization "
        f"({_unquoted(scheme_iri())}). Generated by mesakb export; do not edit.",
    ]
    stanzas = [header]
    stanzas += [_term(kb, kb.concepts[cid]) for cid in sorted(kb.concepts)]
    stanzas += [_typedef(name) for name in RELATIONS if name != "is_a"]
    return "\n\n".join("\n".join(lines) for lines in stanzas) + "\n"

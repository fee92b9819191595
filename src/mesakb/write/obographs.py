"""``graph/mesakb.obographs.json``: the knowledge base as OBO-Graphs JSON.

The JSON form of OBO ontologies read by OAK (``obograph:`` adapter), ROBOT and
obographviz. Node ids are CURIEs (``mesakb:<id>``) as in the OBO file; each
concept node has its label, the preferred definition with its sources as xrefs,
synonyms with their scope, the summary as a comment, the other definitions as
property values with their own xrefs, and for a tombstone ``deprecated`` and
``IAO:0100001`` (term replaced by). Edges are ``is_a`` or the relation's id, each
relation a ``PROPERTY`` node with its label.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> doc = obographs(mesakb.load(Path("tests/fixtures/kb")))
    >>> graph = doc["graphs"][0]
    >>> [n["lbl"] for n in graph["nodes"] if n["id"] == "mesakb:mesa-optimizer"]
    ['mesa-optimizer']
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from mesakb.urls import edition_iri, scheme_iri
from mesakb.vocab import RELATIONS
from mesakb.write.obo import cited_sources, obo_id
from mesakb.write.rdf import LICENSE_URL, PREFIXES
from mesakb.write.serial import json_bytes

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase
    from mesakb.model import Concept, Definition

__all__ = ["obographs", "obographs_bytes"]

_OIO = PREFIXES["oboInOwl"]
_SYNONYM = {
    "exact": "hasExactSynonym",
    "broad": "hasBroadSynonym",
    "narrow": "hasNarrowSynonym",
    "related": "hasRelatedSynonym",
}


def _xrefs(definition: Definition) -> list[str]:
    refs = [f"source:{definition.source}"]
    if definition.via is not None:
        refs.append(f"source:{definition.via}")
    return refs


def _node(concept: Concept) -> dict[str, Any]:
    meta: dict[str, Any] = {"comments": [" ".join(concept.summary.split())]}
    preferred = concept.preferred
    if preferred is not None:
        meta["definition"] = {"val": preferred.quote, "xrefs": _xrefs(preferred)}
    if concept.aliases:
        meta["synonyms"] = [
            {"pred": _SYNONYM[a.scope], "val": a.label, "xrefs": []} for a in concept.aliases
        ]
    values: list[dict[str, Any]] = [
        {"pred": f"{PREFIXES['mkbv']}kind", "val": concept.kind},
    ]
    values += [
        {"pred": f"{PREFIXES['mkbv']}cites", "val": f"source:{key}"}
        for key in cited_sources(concept)
    ]
    for definition in concept.definitions:
        if definition is not preferred:
            values.append(
                {
                    "pred": f"{PREFIXES['mkbv']}definition",
                    "val": definition.quote,
                    "xrefs": _xrefs(definition),
                    "meta": {
                        "basicPropertyValues": [
                            {"pred": f"{PREFIXES['mkbv']}locator", "val": definition.locator},
                            {"pred": f"{PREFIXES['mkbv']}rank", "val": definition.rank},
                        ]
                    },
                }
            )
    if concept.status == "deprecated":
        meta["deprecated"] = True
        if concept.replaced_by is not None:
            values.append(
                {
                    "pred": "http://purl.obolibrary.org/obo/IAO_0100001",
                    "val": obo_id(concept.replaced_by),
                }
            )
    meta["basicPropertyValues"] = values
    return {"id": obo_id(concept.id), "lbl": concept.term, "type": "CLASS", "meta": meta}


def obographs(kb: KnowledgeBase) -> dict[str, Any]:
    """Return the OBO-Graphs document (one graph) as plain data.

    Args:
        kb: The knowledge base.

    Returns:
        ``{"graphs": [graph]}`` with nodes in id order and edges in
        (subject, predicate, object) order.
    """
    nodes = [_node(kb.concepts[cid]) for cid in sorted(kb.concepts)]
    for name, rel in RELATIONS.items():
        if name != "is_a":
            nodes.append(
                {
                    "id": name,
                    "lbl": rel.label,
                    "type": "PROPERTY",
                    "meta": {"definition": {"val": rel.description, "xrefs": []}},
                }
            )
    edges = sorted(
        (
            {"sub": obo_id(cid), "pred": relation, "obj": obo_id(target)}
            for cid, concept in kb.concepts.items()
            if concept.status != "deprecated"
            for relation, targets in concept.relations.items()
            for target in targets
        ),
        key=lambda e: (e["sub"], e["pred"], e["obj"]),
    )
    graph = {
        "id": scheme_iri(),
        "meta": {
            "version": edition_iri(kb.version),
            "basicPropertyValues": [
                {"pred": "http://purl.org/dc/terms/license", "val": LICENSE_URL},
                {"pred": "http://www.w3.org/2002/07/owl#versionInfo", "val": kb.version},
                {"pred": f"{_OIO}default-namespace", "val": "mesakb"},
            ],
        },
        "nodes": nodes,
        "edges": edges,
    }
    return {"graphs": [graph]}


def obographs_bytes(kb: KnowledgeBase) -> bytes:
    """Return the OBO-Graphs JSON file."""
    return json_bytes(obographs(kb))

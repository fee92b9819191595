"""The knowledge base as a plain ``networkx.MultiDiGraph``, with nothing left out.

Imported only when :attr:`mesakb.KnowledgeBase.graph` is first used, so loading
stays free of networkx's import cost.

Nodes are concepts (keyed by id, tombstones included) and sources (keyed by
``source:<key>``). Edges run subject → object, and the edge *key* says what the
edge is, as in obonet:

======================  =========================  =======================================
key                     from → to                  attributes
======================  =========================  =======================================
``is_a``, ``part_of``,  concept → concept          none (the key is the relation type,
… (every relation)                                 see :data:`mesakb.vocab.RELATIONS`)
``defines:<i>``         concept → source           ``index`` (*i*, the position in
                                                   ``concept.definitions``), ``quote``,
                                                   ``locator``, ``rank``, and when set
                                                   ``note``, ``speaker``, ``via``
``checked_via:<i>``     concept → source           ``index`` (*i*), ``source`` (the key
                                                   the quotation comes from)
``replaced_by``         tombstone → concept        none
======================  =========================  =======================================

A source node's in-edges from concepts (``defines:*`` and ``checked_via:*``) are
exactly :meth:`mesakb.KnowledgeBase.concepts_citing`. Every attribute value is a
str, int or bool, so GraphML holds the graph as it is.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from mesakb.model import Concept, Source

__all__ = [
    "CHECKED_VIA",
    "DEFINES",
    "REPLACED_BY",
    "build_graph",
    "edge_index",
    "source_node",
]

DEFINES = "defines"
"""Prefix of the key of a definition edge: ``defines:<i>``."""

CHECKED_VIA = "checked_via"
"""Prefix of the key of an edge to the secondary text a quotation was checked against."""

REPLACED_BY = "replaced_by"
"""Key of the edge from a tombstone to the concept that replaces it."""


def source_node(key: str) -> str:
    """Return the node id of a source in the graph.

    Examples:
        >>> source_node("hubinger2019risks")
        'source:hubinger2019risks'
    """
    return f"source:{key}"


def edge_index(key: str) -> tuple[str, int | None]:
    """Split an edge key into its kind and the definition index, if any.

    Examples:
        >>> edge_index("defines:2"), edge_index("is_a")
        (('defines', 2), ('is_a', None))
    """
    kind, _, index = key.partition(":")
    return kind, (int(index) if index else None)


def _source_attrs(source: Source) -> dict[str, str | int]:
    attrs: dict[str, str | int] = {"type": "source", "title": source.title}
    if source.issued is not None:
        attrs["year"] = source.issued.date_parts[0][0]
    return attrs


def build_graph(
    concepts: Mapping[str, Concept], sources: Mapping[str, Source], version: str
) -> nx.MultiDiGraph[str]:
    """Build the graph: concept and source nodes; keyed edges subject → object.

    Args:
        concepts: The concepts, by id.
        sources: The sources, by key.
        version: The knowledge base version, kept as a graph attribute.

    Returns:
        A new graph; see the module docstring for its nodes and edges.

    Examples:
        >>> from mesakb.model import Concept, Source
        >>> paper = Source(id="p", type="article", title="P", checked=True)
        >>> d = {"quote": "An x.", "source": "p", "locator": "sec. 1", "rank": "preferred"}
        >>> x = Concept(id="x", term="x", kind="concept", summary="An x.",
        ...             definitions=[d, {**d, "rank": "alternative", "locator": "sec. 2"}])
        >>> g = build_graph({"x": x}, {"p": paper}, "1.0")
        >>> sorted(g["x"]["source:p"])
        ['defines:0', 'defines:1']
        >>> g.edges["x", "source:p", "defines:1"]["locator"]
        'sec. 2'
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="mesakb", version=version)
    for key, source in sources.items():
        graph.add_node(source_node(key), **_source_attrs(source))
    for cid, concept in concepts.items():
        graph.add_node(
            cid,
            type="concept",
            term=concept.term,
            kind=concept.kind,
            status=concept.status,
            summary=concept.summary,
        )
    for cid, concept in concepts.items():
        for relation, targets in concept.relations.items():
            for target in targets:
                graph.add_edge(cid, target, key=relation)
        for index, definition in enumerate(concept.definitions):
            attrs: dict[str, str | int] = {
                "index": index,
                "quote": definition.quote,
                "locator": definition.locator,
                "rank": definition.rank,
            }
            for name in ("note", "speaker", "via"):
                value = getattr(definition, name)
                if value is not None:
                    attrs[name] = value
            graph.add_edge(cid, source_node(definition.source), key=f"{DEFINES}:{index}", **attrs)
            if definition.via is not None:
                graph.add_edge(
                    cid,
                    source_node(definition.via),
                    key=f"{CHECKED_VIA}:{index}",
                    index=index,
                    source=definition.source,
                )
        if concept.replaced_by is not None:
            graph.add_edge(cid, concept.replaced_by, key=REPLACED_BY)
    return graph

"""The knowledge base as a plain ``networkx.MultiDiGraph``.

Imported only when :attr:`mesakb.KnowledgeBase.graph` is first used, so loading
stays free of networkx's import cost.
"""

from __future__ import annotations

from collections.abc import Mapping

import networkx as nx

from mesakb.model import Concept, Source

__all__ = ["build_graph", "source_node"]


def source_node(key: str) -> str:
    """Return the node id of a source in the graph.

    Examples:
        >>> source_node("hubinger2019risks")
        'source:hubinger2019risks'
    """
    return f"source:{key}"


def build_graph(
    concepts: Mapping[str, Concept], sources: Mapping[str, Source], version: str
) -> nx.MultiDiGraph[str]:
    """Build the graph: concept and source nodes; typed edges subject → object.

    Args:
        concepts: The concepts, by id.
        sources: The sources, by key.
        version: The knowledge base version, kept as a graph attribute.

    Returns:
        A new graph; edge keys are relation types, or ``cites`` from a concept to
        a source its definitions quote (with ``locator`` and ``rank``).
    """
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph(name="mesakb", version=version)
    for key, source in sources.items():
        graph.add_node(source_node(key), type="source", title=source.title)
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
        for definition in concept.definitions:
            graph.add_edge(
                cid,
                source_node(definition.source),
                key="cites",
                locator=definition.locator,
                rank=definition.rank,
            )
    return graph

"""``graph/mesakb.graphml``: :attr:`mesakb.KnowledgeBase.graph` as GraphML.

Read it with ``networkx.read_graphml(path, force_multigraph=True)``, Gephi, yEd or
Cytoscape. Each edge carries its key also as a ``relation`` attribute, for tools
that show edge data but not GraphML edge ids.
"""

from __future__ import annotations

import json
from typing import TYPE_CHECKING, Any

from mesakb.write.serial import text_bytes

if TYPE_CHECKING:
    import networkx as nx

    from mesakb.kb.base import KnowledgeBase

__all__ = ["graphml_bytes", "graphml_graph"]


def _graphml_value(value: Any) -> str | int | float | bool:
    if isinstance(value, str | int | float | bool):
        return value
    return json.dumps(value, sort_keys=True, ensure_ascii=False)


def graphml_graph(kb: KnowledgeBase) -> nx.MultiDiGraph[str]:
    """Return a copy of ``kb.graph`` whose attribute values GraphML can hold.

    Values that are not str, int, float or bool become JSON text; None is dropped.
    Each edge also carries its key as a ``relation`` attribute, for tools (Gephi,
    yEd) that show edge data but not GraphML edge ids, where networkx keeps keys.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> g = graphml_graph(mesakb.load(Path("tests/fixtures/kb")))
        >>> g.graph["name"], g.number_of_nodes()
        ('mesakb', 5)
    """
    import networkx as nx

    source = kb.graph
    graph: nx.MultiDiGraph[str] = nx.MultiDiGraph()
    graph.graph.update(
        {k: _graphml_value(v) for k, v in sorted(source.graph.items()) if v is not None}
    )
    for node, data in source.nodes(data=True):
        graph.add_node(node, **{k: _graphml_value(v) for k, v in data.items() if v is not None})
    for u, v, key, data in source.edges(keys=True, data=True):
        attrs = {k: _graphml_value(x) for k, x in data.items() if x is not None}
        graph.add_edge(u, v, key=key, relation=key, **attrs)
    return graph


def graphml_bytes(kb: KnowledgeBase) -> bytes:
    """Return the GraphML file, pretty-printed."""
    import networkx as nx

    return text_bytes("\n".join(nx.generate_graphml(graphml_graph(kb), prettyprint=True)))

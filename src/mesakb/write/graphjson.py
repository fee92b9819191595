"""``graph/mesakb.json``: node-link JSON of :attr:`mesakb.KnowledgeBase.graph`.

Read it back with ``networkx.node_link_graph(data, edges="links")``: the same
``MultiDiGraph``, edge keys included (``is_a``, ``defines:0``, ``checked_via:0``,
``replaced_by``). Any JSON reader (jq, JavaScript) sees ``nodes`` and ``links``.

Examples:
    >>> import json, mesakb
    >>> from pathlib import Path
    >>> data = json.loads(node_link_json(mesakb.load(Path("tests/fixtures/kb"))))
    >>> sorted(data)
    ['directed', 'graph', 'links', 'multigraph', 'nodes']
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesakb.write.serial import json_bytes

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase

__all__ = ["node_link_json"]


def node_link_json(kb: KnowledgeBase) -> bytes:
    """Return the graph as node-link JSON (networkx's format, edges under ``links``)."""
    import networkx as nx

    return json_bytes(nx.node_link_data(kb.graph, edges="links"))

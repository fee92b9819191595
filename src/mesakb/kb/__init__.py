"""The knowledge base: lookup, queries, the graph view and search; no output formats.

:func:`load` checks a folder (:mod:`mesakb.read`) and builds a :class:`KnowledgeBase`
from it; :attr:`KnowledgeBase.graph` is the same content as a ``networkx.MultiDiGraph``
(:mod:`mesakb.kb.graph`), and :meth:`KnowledgeBase.search` ranks concepts by label and
text (:mod:`mesakb.kb.search`).
"""

from mesakb.kb.base import KnowledgeBase, Link, Step
from mesakb.kb.loading import load

__all__ = ["KnowledgeBase", "Link", "Step", "load"]

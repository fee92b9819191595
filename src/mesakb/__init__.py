"""mesakb: the citable, computable knowledge base of learned optimization.

Load the knowledge base and ask it questions::

    >>> import mesakb
    >>> kb = mesakb.load()
    >>> kb["mesa-optimizer"].term
    'mesa-optimizer'
    >>> [c.id for c in kb.more_general("mesa-optimizer")][:1]
    ['optimizer']
    >>> kb.search("inner optimizer")[0].id
    'mesa-optimizer'
    >>> kb.graph.has_edge("mesa-optimizer", "optimizer", key="is_a")
    True

Check a folder of your own and get every problem at once::

    >>> result = mesakb.check()
    >>> result.ok
    True

The public API is what ``__all__`` lists; everything else is internal.
"""

from __future__ import annotations

import logging

from mesakb.__about__ import __version__
from mesakb.cite import FORMATS, SITE_URL, cite, concept_url
from mesakb.diagnostics import CODES, Diagnostic, format_diagnostics
from mesakb.errors import (
    CheckError,
    ExampleError,
    MesakbError,
    NoPathError,
    UnknownConceptError,
    UnknownSourceError,
)
from mesakb.export import export, export_files
from mesakb.kb import KnowledgeBase, Link, Step
from mesakb.load import CheckResult, check, content_root, load
from mesakb.model import Alias, Concept, Definition, Formal, Name, Relations, Source, Symbol
from mesakb.relations import RELATIONS, RelationType
from mesakb.search import Hit
from mesakb.texescape import escape_tex

__all__ = [
    "CODES",
    "FORMATS",
    "RELATIONS",
    "SITE_URL",
    "Alias",
    "CheckError",
    "CheckResult",
    "Concept",
    "Definition",
    "Diagnostic",
    "ExampleError",
    "Formal",
    "Hit",
    "KnowledgeBase",
    "Link",
    "MesakbError",
    "Name",
    "NoPathError",
    "RelationType",
    "Relations",
    "Source",
    "Step",
    "Symbol",
    "UnknownConceptError",
    "UnknownSourceError",
    "__version__",
    "check",
    "cite",
    "concept_url",
    "content_root",
    "escape_tex",
    "export",
    "export_files",
    "format_diagnostics",
    "load",
]

logger = logging.getLogger("mesakb")
"""The package's one logger."""

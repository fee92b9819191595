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
from importlib import import_module
from typing import TYPE_CHECKING

from mesakb.__about__ import __version__
from mesakb.errors import (
    CheckError,
    DocumentError,
    ExampleError,
    MesakbError,
    NoPathError,
    NotAKnowledgeBaseError,
    SiteError,
    UnknownConceptError,
    UnknownExampleError,
    UnknownNameError,
    UnknownSourceError,
    UnsafeMarkupError,
    UsageError,
)

if TYPE_CHECKING:
    from mesakb.diagnostics import CODES, Diagnostic, format_diagnostics
    from mesakb.kb.base import KnowledgeBase, Link, Step
    from mesakb.kb.loading import load
    from mesakb.kb.search import Hit
    from mesakb.model import Alias, Concept, Definition, Formal, Name, Relations, Source, Symbol
    from mesakb.quotes import Verification, verify
    from mesakb.read.loader import CheckResult, FileCache, check, content_root
    from mesakb.urls import SITE_URL, concept_url
    from mesakb.vocab import RELATIONS, RelationType
    from mesakb.write.citation import FORMATS, cite
    from mesakb.write.release import export, export_files
    from mesakb.write.texescape import escape_tex
    from mesakb.write.triplestore import sparql

# Only the errors and the version are imported eagerly. The rest is imported on first
# use (PEP 562), because the command line imports this package before it parses its
# arguments, and `mesakb --help` should not pay for pydantic's model building (a fifth
# of a second). The block above gives type checkers the same names.
_LAZY = {
    "mesakb.diagnostics": ("CODES", "Diagnostic", "format_diagnostics"),
    "mesakb.kb.base": ("KnowledgeBase", "Link", "Step"),
    "mesakb.kb.loading": ("load",),
    "mesakb.kb.search": ("Hit",),
    "mesakb.model": (
        "Alias",
        "Concept",
        "Definition",
        "Formal",
        "Name",
        "Relations",
        "Source",
        "Symbol",
    ),
    "mesakb.quotes": ("Verification", "verify"),
    "mesakb.read.loader": ("CheckResult", "FileCache", "check", "content_root"),
    "mesakb.urls": ("SITE_URL", "concept_url"),
    "mesakb.vocab": ("RELATIONS", "RelationType"),
    "mesakb.write.citation": ("FORMATS", "cite"),
    "mesakb.write.release": ("export", "export_files"),
    "mesakb.write.triplestore": ("sparql",),
    "mesakb.write.texescape": ("escape_tex",),
}
_HOME = {name: module for module, names in _LAZY.items() for name in names}


def __getattr__(name: str) -> object:
    """Import a public name on first use."""
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'mesakb' has no attribute {name!r}")
    value = getattr(import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *__all__})


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
    "DocumentError",
    "ExampleError",
    "FileCache",
    "Formal",
    "Hit",
    "KnowledgeBase",
    "Link",
    "MesakbError",
    "Name",
    "NoPathError",
    "NotAKnowledgeBaseError",
    "RelationType",
    "Relations",
    "SiteError",
    "Source",
    "Step",
    "Symbol",
    "UnknownConceptError",
    "UnknownExampleError",
    "UnknownNameError",
    "UnknownSourceError",
    "UnsafeMarkupError",
    "UsageError",
    "Verification",
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
    "sparql",
    "verify",
]

logger = logging.getLogger("mesakb")
"""The package's one logger."""

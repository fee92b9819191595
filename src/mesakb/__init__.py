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
import sys
import types
from importlib import import_module
from typing import TYPE_CHECKING

from mesakb.__about__ import __version__
from mesakb.errors import (
    CheckError,
    ExampleError,
    MesakbError,
    NoPathError,
    UnknownConceptError,
    UnknownSourceError,
)

if TYPE_CHECKING:
    from mesakb.cite import FORMATS, SITE_URL, cite, concept_url
    from mesakb.diagnostics import CODES, Diagnostic, format_diagnostics
    from mesakb.export import export, export_files
    from mesakb.kb import KnowledgeBase, Link, Step
    from mesakb.load import CheckResult, check, content_root, load
    from mesakb.model import Alias, Concept, Definition, Formal, Name, Relations, Source, Symbol
    from mesakb.relations import RELATIONS, RelationType
    from mesakb.search import Hit
    from mesakb.texescape import escape_tex

# The public names are imported when first used (PEP 562), so that ``mesakb --help``
# does not pay for pydantic's model building (a fifth of a second) before it prints.
_LAZY = {
    "mesakb.cite": ("FORMATS", "SITE_URL", "cite", "concept_url"),
    "mesakb.diagnostics": ("CODES", "Diagnostic", "format_diagnostics"),
    "mesakb.export": ("export", "export_files"),
    "mesakb.kb": ("KnowledgeBase", "Link", "Step"),
    "mesakb.load": ("CheckResult", "check", "content_root", "load"),
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
    "mesakb.relations": ("RELATIONS", "RelationType"),
    "mesakb.search": ("Hit",),
    "mesakb.texescape": ("escape_tex",),
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


class _Package(types.ModuleType):
    """The package module, keeping each public name bound to its function.

    ``load``, ``check``, ``cite`` and ``export`` are also submodule names, and
    importing a submodule would rebind the name to the module.
    """

    def __setattr__(self, name: str, value: object) -> None:
        if name in _HOME and isinstance(value, types.ModuleType):
            return
        super().__setattr__(name, value)


sys.modules[__name__].__class__ = _Package

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

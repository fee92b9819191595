"""Opening a knowledge base: check a folder, then build the queryable whole from it."""

from __future__ import annotations

from pathlib import Path

from mesakb.errors import CheckError
from mesakb.kb.base import KnowledgeBase
from mesakb.read.loader import FileCache, check

__all__ = ["load"]


def load(
    path: str | Path | None = None, *, strict: bool = False, cache: FileCache | None = None
) -> KnowledgeBase:
    """Load a knowledge base, or raise with every problem found.

    Args:
        path: The folder holding ``concepts/`` and ``sources/``; by default the
            content shipped with mesakb.
        strict: Treat warnings as errors.
        cache: Files read before, to skip parsing those that did not change.

    Returns:
        The knowledge base, with any warnings in ``kb.diagnostics``.

    Raises:
        CheckError: The content has errors (or warnings, when strict); its
            ``diagnostics`` attribute lists them all.

    Examples:
        >>> kb = load()
        >>> kb["mesa-optimizer"].term
        'mesa-optimizer'
    """
    result = check(path, cache=cache)
    if not result.ok or (strict and result.diagnostics):
        raise CheckError(result.diagnostics)
    return KnowledgeBase(result.concepts, result.sources, result.diagnostics, result.root)

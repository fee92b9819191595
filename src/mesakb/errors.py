"""The exceptions mesakb raises. All derive from :class:`MesakbError`.

Examples:
    >>> err = UnknownConceptError("mesa-optimiser", ("mesa-optimizer",))
    >>> print(err)
    unknown concept 'mesa-optimiser' (did you mean 'mesa-optimizer'?)
    >>> isinstance(err, KeyError), isinstance(err, MesakbError)
    (True, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from mesakb.diagnostics import Diagnostic

__all__ = [
    "CheckError",
    "ExampleError",
    "MesakbError",
    "NoPathError",
    "UnknownConceptError",
    "UnknownSourceError",
]


class MesakbError(Exception):
    """Base class of every error mesakb raises on purpose."""


def _did_you_mean(suggestions: Sequence[str]) -> str:
    if not suggestions:
        return ""
    return " (did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?)"


class UnknownConceptError(MesakbError, KeyError):
    """A concept id that is not in the knowledge base.

    Attributes:
        id: The id asked for.
        suggestions: Close ids that do exist, best first.
    """

    def __init__(self, id: str, suggestions: Sequence[str] = ()) -> None:
        self.id = id
        self.suggestions = tuple(suggestions)
        super().__init__(id)

    def __str__(self) -> str:
        """Return the message with suggestions."""
        return f"unknown concept '{self.id}'{_did_you_mean(self.suggestions)}"


class UnknownSourceError(MesakbError, KeyError):
    """A source key that is not in the knowledge base.

    Attributes:
        key: The key asked for.
        suggestions: Close keys that do exist, best first.
    """

    def __init__(self, key: str, suggestions: Sequence[str] = ()) -> None:
        self.key = key
        self.suggestions = tuple(suggestions)
        super().__init__(key)

    def __str__(self) -> str:
        """Return the message with suggestions."""
        return f"unknown source '{self.key}'{_did_you_mean(self.suggestions)}"


class NoPathError(MesakbError):
    """No chain of relations connects two concepts.

    Attributes:
        source: Where the path was to start.
        target: Where it was to end.
    """

    def __init__(self, source: str, target: str) -> None:
        self.source = source
        self.target = target
        super().__init__(f"no path between '{source}' and '{target}'")


class CheckError(MesakbError):
    """The knowledge base has errors; nothing was loaded or written.

    Attributes:
        diagnostics: Every problem found, sorted.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics))
        errors = [d for d in self.diagnostics if d.severity == "error"]
        first = str(errors[0]) if errors else "no errors"
        more = f" (and {len(errors) - 1} more)" if len(errors) > 1 else ""
        super().__init__(f"{first}{more}")


class ExampleError(MesakbError):
    """A worked example failed, ran out of time, or ran out of memory.

    Attributes:
        example: The id of the example.
    """

    def __init__(self, example: str, reason: str) -> None:
        self.example = example
        super().__init__(f"worked example '{example}': {reason}")

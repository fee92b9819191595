"""The exceptions mesakb raises. All derive from :class:`MesakbError`.

Each carries its context as attributes, so a program can act on it without parsing
the message; the message is one line a person can act on. The command line catches
:class:`MesakbError` at its edge and prints it; anything else that escapes is a bug.

Examples:
    >>> err = UnknownConceptError("mesa-optimiser", ("mesa-optimizer",))
    >>> print(err)
    unknown concept 'mesa-optimiser' (did you mean 'mesa-optimizer'?)
    >>> isinstance(err, KeyError), isinstance(err, MesakbError)
    (True, True)
    >>> err.id, err.suggestions
    ('mesa-optimiser', ('mesa-optimizer',))
    >>> print(UnknownExampleError("deceptive", ("deceptive-toy",)))
    worked example 'deceptive': no such example (did you mean 'deceptive-toy'?)
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from mesakb.suggest import did_you_mean

if TYPE_CHECKING:
    from mesakb.diagnostics import Diagnostic

__all__ = [
    "CheckError",
    "DocumentError",
    "ExampleError",
    "MesakbError",
    "NoPathError",
    "NotAKnowledgeBaseError",
    "OutputError",
    "SiteError",
    "UnknownConceptError",
    "UnknownExampleError",
    "UnknownNameError",
    "UnknownSourceError",
    "UnsafeMarkupError",
    "UsageError",
]


class MesakbError(Exception):
    """Base class of every error mesakb raises on purpose."""

    def __reduce__(self) -> tuple[object, ...]:
        """Pickle with the attributes, not by calling ``__init__`` again.

        Errors cross process boundaries (pages rendered in worker processes); the
        subclasses' ``__init__`` take other arguments than the message they store.
        """
        return (_rebuild, (type(self), self.args, self.__dict__))


def _rebuild(cls: type[MesakbError], args: tuple[object, ...], state: dict[str, object]) -> object:
    """Recreate a pickled error from its class, arguments and attributes."""
    error = cls.__new__(cls, *args)
    error.args = args
    error.__dict__.update(state)
    return error


class UnknownNameError(MesakbError, KeyError):
    """A name (concept id, source key, example, format, relation, page) that does not exist.

    Attributes:
        what: What kind of name it is, e.g. ``concept``.
        name: The name asked for.
        suggestions: Close names that do exist, best first.
    """

    what = "name"

    def __init__(self, name: str, suggestions: Sequence[str] = ()) -> None:
        self.name = name
        self.suggestions = tuple(suggestions)
        super().__init__(name)

    def __str__(self) -> str:
        """Return the message with suggestions (not the quoted key, as a KeyError would)."""
        return f"unknown {self.what} '{self.name}'{did_you_mean(self.suggestions)}"


class UnknownConceptError(UnknownNameError):
    """A concept id that is not in the knowledge base.

    Attributes:
        id: The id asked for (also ``name``).
    """

    what = "concept"

    @property
    def id(self) -> str:
        """The id asked for."""
        return self.name


class UnknownSourceError(UnknownNameError):
    """A source key that is not in the knowledge base.

    Attributes:
        key: The key asked for (also ``name``).
    """

    what = "source"

    @property
    def key(self) -> str:
        """The key asked for."""
        return self.name


class UsageError(MesakbError, ValueError):
    """An argument that is not one mesakb accepts (a format, a relation type, a term).

    Attributes:
        argument: The name of the argument, e.g. ``format``.
        value: The value given.
    """

    def __init__(self, argument: str, value: object, message: str) -> None:
        self.argument = argument
        self.value = value
        super().__init__(message)


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


class NotAKnowledgeBaseError(MesakbError):
    """A folder that holds no ``concepts/`` folder.

    Attributes:
        path: The folder.
    """

    def __init__(self, path: object) -> None:
        self.path = path
        super().__init__(f"{path}: no 'concepts' folder here; is this a mesakb knowledge base?")


class DocumentError(MesakbError):
    """A file could not be read as a strict YAML mapping.

    Attributes:
        diagnostics: What was wrong, with positions.
    """

    def __init__(self, diagnostics: Sequence[Diagnostic]) -> None:
        self.diagnostics = tuple(sorted(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))


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


class UnsafeMarkupError(MesakbError, ValueError):
    """Text could not be turned into safe HTML (e.g. TeX that asks for a link or style).

    Attributes:
        text: The offending input.
        reason: Why it was refused.
    """

    def __init__(self, text: str, reason: str) -> None:
        super().__init__(f"unsafe markup refused: {reason}")
        self.text = text
        self.reason = reason


class ExampleError(MesakbError):
    """A worked example failed, ran out of time, or ran out of memory.

    Attributes:
        example: The id of the example.
        reason: What went wrong.
    """

    def __init__(self, example: str, reason: str) -> None:
        self.example = example
        self.reason = reason
        super().__init__(f"worked example '{example}': {reason}")


class OutputError(MesakbError, OSError):
    """An output folder or file that mesakb refuses to write, or could not write.

    Also an :class:`OSError`, which it replaces when writing fails.

    Attributes:
        path: The folder or file.
        reason: Why (one line).
    """

    def __init__(self, path: object, reason: str) -> None:
        self.path = path
        self.reason = reason
        super().__init__(f"{path}: {reason}")


class SiteError(MesakbError):
    """The site could not be built or served (the message says why)."""


class UnknownExampleError(ExampleError, KeyError):
    """A worked example id that is not in the registry.

    Attributes:
        example: The id asked for.
        suggestions: Close ids that do exist, best first.
    """

    def __init__(self, example: str, suggestions: Sequence[str] = ()) -> None:
        self.suggestions = tuple(suggestions)
        super().__init__(example, f"no such example{did_you_mean(self.suggestions)}")

    def __str__(self) -> str:
        """Return the message (not the quoted key, as a KeyError would)."""
        return str(self.args[0])

"""Did-you-mean: the close names offered when a name is unknown, in one place.

Every message that suggests a name (an unknown concept, source, field, relation,
example or citation format) uses these two functions, so they all suggest alike.

Examples:
    >>> close_names("mesa-optimiser", ["mesa-optimizer", "base-objective"])
    ['mesa-optimizer']
    >>> did_you_mean(close_names("isa", ["is_a", "part_of"]))
    " (did you mean 'is_a'?)"
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Sequence

__all__ = ["close_names", "did_you_mean"]


def close_names(name: str, choices: Iterable[str], *, n: int = 3, cutoff: float = 0.6) -> list[str]:
    """Return up to ``n`` names from ``choices`` that look like ``name``, closest first.

    Args:
        name: The unknown name.
        choices: The names that exist.
        n: The most suggestions to return.
        cutoff: How alike (0 to 1, difflib's ratio) a suggestion must be.

    Examples:
        >>> close_names("sumary", ["summary", "body"], n=1)
        ['summary']
        >>> close_names("zzz", ["summary"])
        []
    """
    return difflib.get_close_matches(name, sorted(choices), n=n, cutoff=cutoff)


def did_you_mean(suggestions: Sequence[str]) -> str:
    """Return `` (did you mean 'a' or 'b'?)``, or nothing when there is no suggestion.

    Examples:
        >>> did_you_mean(["a", "b"])
        " (did you mean 'a' or 'b'?)"
        >>> did_you_mean([])
        ''
    """
    if not suggestions:
        return ""
    return " (did you mean " + " or ".join(f"'{s}'" for s in suggestions) + "?)"

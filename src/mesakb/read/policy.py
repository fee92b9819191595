r"""The one character policy for everything read from a contributor's file.

A file's raw text and every string value (and key) after YAML unescaping pass
the same test, so a character refused when typed is refused when written as an
escape (``"\e"``, ``"\u202e"``, ``"\0"``, ``"\L"``, ``"\x7f"``) too. Refused:

- control characters (Unicode category Cc) other than tab and line feed (and, in
  raw text only, carriage return, which YAML reads as a line break);
- format characters (Cf): bidirectional marks, embeddings, overrides and
  isolates, zero-width spaces and joiners, soft hyphens, tag characters;
- line and paragraph separators (U+2028, U+2029), surrogates, private-use
  characters, noncharacters (U+FFFE, U+FFFF, U+FDD0..U+FDEF, ...) and code points
  not assigned in the Unicode version of this Python (no font can show them);
- the other *default-ignorable* code points that render as nothing (Hangul
  fillers, variation selectors, the combining grapheme joiner).

These characters make text that reads as something it is not (a term that looks
like another, a line that displays in another order), forge lines of terminal or
diagnostic output, or make XML exports ill-formed.

Examples:
    >>> forbidden("plain text, café, “quotes” and a\ttab\n")
    []
    >>> [(i, f"U+{ord(c):04X}") for i, c in forbidden("A \u202egniht \u200b x\x1b[31m")]
    [(2, 'U+202E'), (9, 'U+200B'), (12, 'U+001B')]
    >>> forbidden("a\rb"), forbidden("a\rb", raw=True)
    ([(1, '\r')], [])
    >>> describe("\u2028")
    'U+2028 (LINE SEPARATOR)'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["describe", "forbidden", "is_forbidden"]

_ASCII = re.compile("[\x00-\x08\x0b-\x1f\x7f]")
_ASCII_RAW = re.compile("[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]")
_NON_ASCII = re.compile("[^\x00-\x7f]")
_REFUSED_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
# Default_Ignorable_Code_Point (Unicode DerivedCoreProperties) outside category Cf.
_IGNORABLE = (
    (0x034F, 0x034F),
    (0x115F, 0x1160),
    (0x17B4, 0x17B5),
    (0x180B, 0x180F),
    (0x3164, 0x3164),
    (0xFE00, 0xFE0F),
    (0xFFA0, 0xFFA0),
    (0xFFF0, 0xFFF8),
    (0x1BCA0, 0x1BCA3),
    (0x1D173, 0x1D17A),
    (0xE0000, 0xE0FFF),
)


def is_forbidden(char: str) -> bool:
    """Return whether one non-ASCII character is refused (see the module docs).

    Examples:
        >>> is_forbidden("é"), is_forbidden("\u200d"), is_forbidden("\ufe0f")
        (False, True, True)
    """
    code = ord(char)
    if unicodedata.category(char) in _REFUSED_CATEGORIES:
        return True
    if (code & 0xFFFE) == 0xFFFE or 0xFDD0 <= code <= 0xFDEF:
        return True
    return any(low <= code <= high for low, high in _IGNORABLE)


def forbidden(text: str, *, raw: bool = False) -> list[tuple[int, str]]:
    """Return the refused characters of ``text`` as ``(offset, character)``, in order.

    Args:
        text: A string value, or (``raw=True``) a file's whole text.
        raw: Allow carriage returns, which only a file's line endings may hold.

    Returns:
        One entry per refused character; empty when the text is clean.
    """
    found = [(m.start(), m.group()) for m in (_ASCII_RAW if raw else _ASCII).finditer(text)]
    if not text.isascii():
        found += [
            (m.start(), m.group()) for m in _NON_ASCII.finditer(text) if is_forbidden(m.group())
        ]
        found.sort()
    return found


def describe(char: str) -> str:
    """Return ``U+XXXX (NAME)`` for a character, to name it in a message."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" ({name})" if name else "")

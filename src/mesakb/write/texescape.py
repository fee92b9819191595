r"""TeX text escaping: turn any string into inert LaTeX/BibTeX text, and back.

Every writer of TeX or BibTeX (:mod:`mesakb.cite`, :mod:`mesakb.export`) passes
content through :func:`escape_tex`. Its output contains no TeX special character
outside a fixed set of text macros, so contributor text can never run a command
(``\input``, ``\write18``), open a group, start a comment or switch to math. Braces
become ``\textbraceleft{}`` and ``\textbraceright{}`` rather than ``\{`` and ``\}``:
BibTeX counts braces even after a backslash, so ``\{`` alone would unbalance an
entry. All the macros are lower case, so BibTeX's case changes leave them alone.

Non-ASCII characters are kept as UTF-8 (LaTeX reads UTF-8 by default since 2018;
biber and pybtex read it too). Runs of white space and control characters become
one space, as TeX would read them anyway, so a field never holds a blank line.

Examples:
    >>> print(escape_tex(r"\input{/etc/passwd}"))
    \textbackslash{}input\textbraceleft{}/etc/passwd\textbraceright{}
    >>> print(escape_tex("50% & #1_x^2 ~ $5"))
    50\% \& \#1\_x\textasciicircum{}2 \textasciitilde{} \$5
    >>> unescape_tex(escape_tex("café {x} \\ 100%"))
    'café {x} \\ 100%'
"""

from __future__ import annotations

import re
import unicodedata

__all__ = ["escape_tex", "escape_tex_url", "unescape_tex"]

_TEX: dict[str, str] = {
    "\\": r"\textbackslash{}",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "%": r"\%",
    "#": r"\#",
    "&": r"\&",
    "$": r"\$",
    "_": r"\_",
    "^": r"\textasciicircum{}",
    "~": r"\textasciitilde{}",
    "<": r"\textless{}",
    ">": r"\textgreater{}",
    "|": r"\textbar{}",
}
_SPECIAL = re.compile("[" + re.escape("".join(_TEX)) + "]")
_UNTEX = {tex: char for char, tex in _TEX.items()}
_MACRO = re.compile("|".join(re.escape(tex) for tex in sorted(_UNTEX, key=len, reverse=True)))
_URL_UNSAFE = re.compile(r"[^A-Za-z0-9\-._~:/?\[\]@!$&'()*+,;=%#]")


def _clean_space(text: str) -> str:
    chars = (" " if unicodedata.category(c) in ("Cc", "Zl", "Zp") else c for c in text)
    return " ".join("".join(chars).split())


def escape_tex(text: str) -> str:
    r"""Return ``text`` as LaTeX/BibTeX text that prints it and does nothing else.

    Args:
        text: Any string (a term, title, summary, name or locator).

    Returns:
        The escaped text: TeX specials replaced by text macros, white space
        collapsed, everything else (including non-ASCII) unchanged.

    Examples:
        >>> escape_tex(r"\write18{touch /tmp/pwned}")
        '\\textbackslash{}write18\\textbraceleft{}touch /tmp/pwned\\textbraceright{}'
        >>> escape_tex("two\n\nparagraphs")
        'two paragraphs'
    """
    return _SPECIAL.sub(lambda m: _TEX[m.group()], _clean_space(text))


def unescape_tex(tex: str) -> str:
    r"""Invert :func:`escape_tex` (for reading back files mesakb wrote).

    Args:
        tex: Text produced by :func:`escape_tex`.

    Returns:
        The original text, with white space collapsed.

    Examples:
        >>> unescape_tex(r"\textbraceleft{}a\textbraceright{} \& b\_c")
        '{a} & b_c'
    """
    return _MACRO.sub(lambda m: _UNTEX[m.group()], tex)


def escape_tex_url(url: str) -> str:
    r"""Return a URL in a form safe inside a BibTeX ``url`` field or ``\href``.

    Characters that RFC 3986 does not allow in a URI (braces, backslash, caret,
    bar, quotes, spaces, non-ASCII) are percent-encoded, which names the same
    resource; ``%``, ``#``, ``~``, ``&`` and ``_`` are valid in URLs and the
    ``url``/``hyperref`` packages and biblatex read them verbatim.

    Examples:
        >>> escape_tex_url("https://arxiv.org/a{b}\\c?q=1#frag")
        'https://arxiv.org/a%7Bb%7D%5Cc?q=1#frag'
        >>> escape_tex_url("https://arxiv.org/café")
        'https://arxiv.org/caf%C3%A9'
    """
    return _URL_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group().encode("utf-8")), url)

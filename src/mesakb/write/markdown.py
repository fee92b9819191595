r"""Markdown citations: a link per concept, or per original source with its locator.

Plain Markdown, for writers without a bibliography tool; with pandoc, cite
``[@mesakb:<id>]`` (or ``[@key, sec. 4]``) against the CSL-JSON or BibTeX file instead
(:func:`mesakb.write.csl.pandoc_citation`).

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> from mesakb.write.works import collect
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> print(markdown(kb, collect(kb, ["optimizer"], original=True)))  # doctest: +ELLIPSIS
    [A Paper About Optimizers](<https://...>), sec. 1
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from mesakb.urls import permanent_concept_url
from mesakb.write.texescape import escape_tex_url
from mesakb.write.works import KB_NAME, Cited, source_url

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase

__all__ = ["escape_markdown", "markdown"]

# Backslash escapes that both CommonMark and Python-Markdown honour; the other specials
# become character references, since Python-Markdown shows "\<", "\&", "\|" as written.
_MD_SPECIAL = re.compile(r"([\\`*_{}\[\]>()#+!])|([<&|~$])")
_MD_ENTITY = {"<": "&lt;", "&": "&amp;", "|": "&#124;", "~": "&#126;", "$": "&#36;"}
_MD_BLOCK_START = re.compile(r"^(\d*)([-.=)])")


def escape_markdown(text: str) -> str:
    r"""Return text that Markdown shows literally (backslash before punctuation).

    Examples:
        >>> print(escape_markdown("a *b* [c](javascript:x) <i>"))
        a \*b\* \[c\]\(javascript:x\) &lt;i\>
        >>> print(escape_markdown("1. not a list"), escape_markdown("- nor this"))
        1\. not a list \- nor this
    """
    escaped = _MD_SPECIAL.sub(
        lambda m: "\\" + m[1] if m[1] else _MD_ENTITY[m[2]], " ".join(text.split())
    )
    return _MD_BLOCK_START.sub(r"\1\\\2", escaped)


def markdown(kb: KnowledgeBase, cited: Cited) -> str:
    """Return one Markdown line per concept (or per reference to an original source)."""
    if cited.original:
        lines = []
        for ref in cited.references:
            source = kb.source(ref.key)
            url = source_url(source)
            title = escape_markdown(source.title)
            link = f"[{title}](<{escape_tex_url(url)}>)" if url is not None else f"*{title}*"
            lines.append(f"{link}, {escape_markdown(ref.locator or '')}".rstrip(", "))
        return "\n".join(lines)
    ed = cited.edition
    return "\n".join(
        f"[{escape_markdown(c.term)}]({permanent_concept_url(c.id, ed.version)}) "
        f"({KB_NAME}, version {ed.version}, {ed.released})"
        for c in cited.concepts
    )

r"""HTML islands: finished HTML in a generated page that Markdown never parses again.

Contributor Markdown is converted to safe HTML once, by
:func:`mesakb.site.html.markdown_html`; the page around it is Markdown (headings,
the cite box's code fences) that mkdocs converts. :func:`island` marks a piece of
finished HTML, and :class:`IslandExtension` (listed under ``markdown_extensions`` in
``mkdocs.yml``) takes every marked piece out of the page before any other Markdown
processing and puts it back, byte for byte, after all of it: no attribute list, no
emphasis, no tab expansion, no paragraph can form inside. So the HTML need not guard
against a second pass (no encoded braces), and an island need not start with a
block-level tag or end with a blank line.

Without the extension (plain Python-Markdown), the markers are HTML comments and the
islands, which all start with a block-level tag, are raw HTML blocks.

Examples:
    >>> import markdown
    >>> page = "# Title\n\n" + island('<p class="x">*as is* {: .y}\t</p>') + "*em*\n"
    >>> markdown.markdown(page, extensions=[IslandExtension(), "attr_list"])
    '<h1>Title</h1>\n<p class="x">*as is* {: .y}\t</p>\n<p><em>em</em></p>'
"""

from __future__ import annotations

import re
import secrets
from typing import Any

from markdown import Markdown
from markdown.extensions import Extension
from markdown.preprocessors import Preprocessor

__all__ = ["IslandExtension", "island", "makeExtension"]

_OPEN = "<!-- mesakb:island -->"
_CLOSE = "<!-- /mesakb:island -->"
_ISLAND = re.compile(re.escape(_OPEN) + r"\n(.*?)\n" + re.escape(_CLOSE) + r"\n", re.DOTALL)


def island(html: str) -> str:
    r"""Return finished HTML marked as an island: its own block, never parsed as Markdown.

    Args:
        html: Safe HTML. It must not contain the closing marker (safe HTML from
            :mod:`mesakb.site.html` holds no comments at all).

    Examples:
        >>> island("<p>x</p>")
        '\n<!-- mesakb:island -->\n<p>x</p>\n<!-- /mesakb:island -->\n\n'
    """
    if _CLOSE in html:
        raise ValueError("an HTML island cannot contain its closing marker")
    return f"\n{_OPEN}\n{html}\n{_CLOSE}\n\n"


class _TakeOut(Preprocessor):
    """Before anything else: replace each island with a token, keep its HTML."""

    def __init__(self, md: Markdown, held: dict[str, str]) -> None:
        super().__init__(md)
        self.held = held

    def run(self, lines: list[str]) -> list[str]:
        self.held.clear()
        nonce = secrets.token_hex(8)

        def take(match: re.Match[str]) -> str:
            token = f"mesakb-island-{nonce}-{len(self.held)}"
            self.held[token] = match.group(1)
            return f"\n{token}\n\n"

        return _ISLAND.sub(take, "\n".join(lines) + "\n").split("\n")


class _PutBack(Preprocessor):
    """After white space is normalised: stash each island's HTML as a raw block."""

    def __init__(self, md: Markdown, held: dict[str, str]) -> None:
        super().__init__(md)
        self.held = held

    def run(self, lines: list[str]) -> list[str]:
        if not self.held:
            return lines
        return [
            self.md.htmlStash.store(self.held[line]) if line in self.held else line
            for line in lines
        ]


class IslandExtension(Extension):
    """The Python-Markdown extension that keeps islands out of Markdown processing."""

    def extendMarkdown(self, md: Markdown) -> None:  # noqa: N802 - Python-Markdown's name
        """Register the two preprocessors around Python-Markdown's own."""
        held: dict[str, str] = {}
        # normalize_whitespace runs at 30 (it would expand tabs and drop the stash's
        # STX/ETX markers), html_block at 20 (it would parse the HTML).
        md.preprocessors.register(_TakeOut(md, held), "mesakb_islands_out", 40)
        md.preprocessors.register(_PutBack(md, held), "mesakb_islands_back", 25)


def makeExtension(**kwargs: Any) -> IslandExtension:  # noqa: N802 - Python-Markdown's name
    """Return the extension (Python-Markdown's entry point for ``mesakb.site.islands``)."""
    return IslandExtension(**kwargs)

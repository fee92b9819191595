"""Term links: known terms in running text link to their concept page, with a tooltip.

A reader who meets "base objective" in the explanation of *mesa-optimizer* should be one
click (or one hover) away from its definition. :class:`TermIndex` holds every term and
exact alias of a knowledge base as a trie of words; :func:`TermIndex.link` walks safe
HTML (the output of :func:`mesakb.site.html.markdown_html`) and wraps mentions in links.

The rules, as a reader expects them:

- only the **first mention** of a concept on a page is linked (the caller keeps one
  ``seen`` set per page), and never the page's own concept;
- the **longest match wins**: in "deceptive alignment" the whole phrase is one mention,
  and "alignment" inside it is not linked on its own;
- matching ignores case, white space and hyphens between words, and a plural ending
  ("mesa-optimizers"), but never cuts a hyphenated word ("mesa-optimizer" is not a
  mention of "optimizer");
- nothing is linked inside headings, code, math or existing links.

The input is HTML that :mod:`mesakb.site.html` rebuilt from an allow list, so tags are
well formed and attribute values escaped; the links added carry only an ``href`` built
from a checked concept id, a fixed class and a twice-escaped ``title`` (see
:func:`mesakb.site.html.title_attribute`).

Examples:
    >>> index = TermIndex({"optimizer": ["optimizer"], "mesa-optimizer": ["mesa-optimizer"],
    ...                    "base-objective": ["base objective"]})
    >>> seen = {"mesa-optimizer"}
    >>> index.link("<p>Mesa-optimizers have a base objective; a base objective.</p>", seen,
    ...            href=lambda id: f"../{id}/",
    ...            tip=lambda id: "What the base optimizer optimizes.")
    ... # doctest: +NORMALIZE_WHITESPACE
    '<p>Mesa-optimizers have a <a class="mesakb-term" href="../base-objective/"
    title="What the base optimizer optimizes.">base objective</a>; a base objective.</p>'
    >>> sorted(seen)
    ['base-objective', 'mesa-optimizer']
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable, Iterable, Mapping
from typing import Any

from mesakb.site.html import escape, title_attribute

__all__ = ["TermIndex", "singular"]

_TAG = re.compile(r"(<[^>]*>)")
_TAG_NAME = re.compile(r"</?([a-zA-Z0-9]+)")
# A word, or an HTML character reference (which is never part of a term).
_TOKEN = re.compile(r"&#?\w+;|[^\W_]+")
_GAP = re.compile(r"[ \t\n]*-?[ \t\n]*")
_SKIP = frozenset({"a", "code", "pre", "kbd", "math", "h1", "h2", "h3", "h4", "h5", "h6"})
_MIN_LABEL = 3
# The trie key that marks the end of a label. It must be a string no token can
# normalise to: a character reference normalises to "" (see _normal), and "" as the end
# marker once made "optimizer &amp;" look up the concept id string as a subtrie.
_END = "#"
_Url = Callable[[str], str]


def singular(word: str) -> str:
    """Return a crude singular of a lower-case English word, for matching only.

    Applied the same way to terms and text, so it need only be consistent, not right.

    Examples:
        >>> [singular(w) for w in ["optimizers", "searches", "proxies", "process", "s"]]
        ['optimizer', 'search', 'proxy', 'process', 's']
    """
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 4 and word.endswith(("ches", "shes", "sses", "xes", "zes")):
        return word[:-2]
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


@functools.lru_cache(maxsize=65_536)
def _normal(token: str) -> str:
    """Return the form a token is matched by: singular, case-folded; "" for a reference."""
    return "" if token.startswith("&") else singular(token.casefold())


def _words(label: str) -> list[str]:
    return [w for w in map(_normal, _TOKEN.findall(label)) if w]


class TermIndex:
    """Every label of a knowledge base, as a trie of words, for linking mentions.

    Args:
        labels: For each concept id, the labels that mention it (term, exact aliases).

    A label shared by two concepts links to neither: a mention of it is ambiguous.
    """

    def __init__(self, labels: Mapping[str, Iterable[str]]) -> None:
        owners: dict[tuple[str, ...], set[str]] = {}
        for id, names in labels.items():
            for name in names:
                words = tuple(_words(name))
                if words and len(" ".join(words)) >= _MIN_LABEL:
                    owners.setdefault(words, set()).add(id)
        self._trie: dict[str, Any] = {}  # word -> subtrie; _END -> concept id or None
        for words, ids in owners.items():
            node = self._trie
            for word in words:
                node = node.setdefault(word, {})
            node[_END] = next(iter(ids)) if len(ids) == 1 else None

    def _longest(
        self, text: str, tokens: list[re.Match[str]], words: list[str], start: int
    ) -> tuple[int, str | None]:
        """Return (tokens used, concept id) of the longest label starting at ``start``."""
        node: dict[str, Any] | None = self._trie.get(words[start])
        best: tuple[int, str | None] = (0, None)
        i = start
        while node is not None:
            if _END in node and not _joined(text, tokens[i].end()):
                best = (i - start + 1, node[_END])
            i += 1
            if i == len(tokens) or not _GAP.fullmatch(text, tokens[i - 1].end(), tokens[i].start()):
                break
            node = node.get(words[i]) if words[i] else None
        return best

    def _link_text(self, text: str, seen: set[str], href: _Url, tip: _Url) -> str:
        tokens = list(_TOKEN.finditer(text))
        # Character references ("&amp;") are never part of a label: "" matches nothing.
        words = [_normal(t.group()) for t in tokens]
        out: list[str] = []
        done = 0  # characters of text already copied to out
        i = 0
        while i < len(tokens):
            word = words[i]
            if not word or word not in self._trie or _joined_before(text, tokens[i].start()):
                i += 1
                continue
            used, id = self._longest(text, tokens, words, i)
            if not used:
                i += 1
                continue
            if id is not None and id not in seen:
                seen.add(id)
                start, end = tokens[i].start(), tokens[i + used - 1].end()
                title = title_attribute(tip(id))  # the theme reads titles as HTML
                out.append(text[done:start])
                out.append(
                    f'<a class="mesakb-term" href="{escape(href(id))}" title="{title}">'
                    f"{text[start:end]}</a>"
                )
                done = end
            i += used
        out.append(text[done:])
        return "".join(out)

    def link(self, html: str, seen: set[str], *, href: _Url, tip: _Url) -> str:
        """Link the first mention of each concept not in ``seen`` in safe HTML.

        Args:
            html: HTML from :func:`mesakb.site.html.markdown_html`.
            seen: Concept ids already linked on this page (or not to link); updated.
            href: The URL of a concept page, from its id (relative to the page).
            tip: The tooltip of a concept (plain text, escaped here), from its id.

        Returns:
            The HTML with ``<a class="mesakb-term">`` links added.
        """
        parts = _TAG.split(html)
        skipping: list[str] = []
        for n, part in enumerate(parts):
            if n % 2:  # a tag
                name = _TAG_NAME.match(part)
                if name and name.group(1).lower() in _SKIP:
                    if part.startswith("</"):
                        if skipping:
                            skipping.pop()
                    elif not part.endswith("/>"):
                        skipping.append(name.group(1))
            elif part and not skipping:
                parts[n] = self._link_text(part, seen, href, tip)
        return "".join(parts)


def _joined(text: str, end: int) -> bool:
    """Whether a hyphen or underscore glues the word ending at ``end`` to what follows."""
    after = text[end : end + 1]
    return after == "_" or (after == "-" and text[end + 1 : end + 2].isalnum())


def _joined_before(text: str, start: int) -> bool:
    """Whether a hyphen or underscore glues the word starting at ``start`` to what precedes."""
    before = text[start - 1 : start] if start else ""
    return before == "_" or (before == "-" and start >= 2 and text[start - 2].isalnum())

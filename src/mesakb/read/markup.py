"""What contributor Markdown may contain: no raw HTML, no attribute lists, safe links.

Contributor text is untrusted. Rather than clean a page after rendering, the
loader refuses text that would put markup or script on a page; the site renderer
escapes as well, so a file that slipped past still renders inert.

Examples:
    >>> markdown_problems("See [the paper](https://arxiv.org/abs/1906.01820).")
    []
    >>> markdown_problems('Click <a href="#" onclick="x()">me</a>')[0]
    (6, 'KB301', "raw HTML '<a' is not allowed; write Markdown")
    >>> markdown_problems("[x](JaVaScRiPt:alert(1))")[0][1:]
    ('KB302', "link to 'javascript:' is not allowed; use an https:// or relative link")
"""

from __future__ import annotations

import html
import re

__all__ = ["SAFE_SCHEMES", "markdown_problems", "safe_url"]

SAFE_SCHEMES = frozenset(("http", "https", "mailto"))
"""URL schemes a link may use; anything else with a scheme is refused."""

_CODE = re.compile(r"(?ms)^(```|~~~).*?^\1|`[^`\n]*`")
_AUTOLINK = re.compile(r"<(?:https?|mailto):[^<>\s]+>")
_HTML = re.compile(r"<(?:/?[A-Za-z][A-Za-z0-9-]*|!|\?)")
_ATTR_LIST = re.compile(r"\{\s*:|\{\s*[.#][\w-]+|\{[^{}\n]*\b[\w-]+\s*=")
# Two patterns, not one alternation: a pattern that starts with a literal ("](") is
# found by a fast scan, which keeps the check linear and cheap on long bodies.
_INLINE_LINK = re.compile(r"\]\(\s*<?([^)>\s]*)")
_REFERENCE_LINK = re.compile(r"^\s{0,3}\[[^\]]+\]:\s*<?(\S+?)>?(?:\s|$)", re.MULTILINE)
_SCHEME = re.compile(r"^([a-z][a-z0-9+.-]*):")
_INVISIBLE = re.compile(r"[\x00-\x20\x7f]+")


def safe_url(url: str) -> bool:
    r"""Return whether a link target is safe to put on a page.

    Entities are decoded and blanks removed first, as a browser would.

    Examples:
        >>> safe_url("https://arxiv.org"), safe_url("../optimizer/"), safe_url("#top")
        (True, True, True)
        >>> safe_url("&#106;avascript:alert(1)"), safe_url("java\tscript:x"), safe_url("data:,x")
        (False, False, False)
    """
    decoded = _INVISIBLE.sub("", html.unescape(url)).lower()
    match = _SCHEME.match(decoded)
    return match is None or match.group(1) in SAFE_SCHEMES


def markdown_problems(text: str) -> list[tuple[int, str, str]]:
    """Return problems in contributor Markdown as ``(offset, code, message)``.

    Args:
        text: Markdown written by a contributor.

    Returns:
        One entry per problem, in order of position; empty when the text is safe.
    """
    # Each pattern needs one character to match; most text has none of them, and a
    # substring test is much cheaper than a regex scan (this runs on every text field).
    html_tag, attributes, link = "<" in text, "{" in text, "]" in text
    if not (html_tag or attributes or link):
        return []
    # Blank out code (shown literally) and autolinks, keeping offsets.
    masked = text
    if "`" in text or "~~~" in text:
        masked = _CODE.sub(lambda m: " " * len(m.group()), masked)
    if html_tag:
        masked = _AUTOLINK.sub(lambda m: " " * len(m.group()), masked)
    problems: list[tuple[int, str, str]] = []
    for m in _HTML.finditer(masked) if html_tag else ():
        tag = m.group()
        problems.append((m.start(), "KB301", f"raw HTML '{tag}' is not allowed; write Markdown"))
    for m in _ATTR_LIST.finditer(masked) if attributes else ():
        problems.append((m.start(), "KB301", "attribute list '{...}' is not allowed"))
    links = [*_INLINE_LINK.finditer(masked)] if "](" in masked else []
    if "]:" in masked:
        links += _REFERENCE_LINK.finditer(masked)
    for m in links:
        url = m.group(1)
        if url and not safe_url(url):
            scheme = _INVISIBLE.sub("", html.unescape(url)).lower().split(":", 1)[0]
            problems.append(
                (
                    m.start(1),
                    "KB302",
                    f"link to '{scheme}:' is not allowed; use an https:// or relative link",
                )
            )
    return sorted(problems)

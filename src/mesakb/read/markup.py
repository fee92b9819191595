"""What contributor Markdown may contain: no raw HTML, no attribute lists, safe links.

And nothing that makes rendering slow: brackets closed nearby and nested shallowly,
block quotes and indentation bounded (see :data:`MAX_BRACKET_SPAN`), so that every
text the check passes renders in time linear in its length.

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
import itertools
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
# A reference definition may sit inside block quotes and list items ("> [x]: url"),
# with its URL on the next line behind the same container marks.
_CONTAINER = r"(?:[ \t]*(?:>|[-+*](?=[ \t])|[0-9]{1,9}[.)](?=[ \t])))*"
_REFERENCE_LINK = re.compile(
    rf"^{_CONTAINER}[ \t]*\[[^\]]+\]:[ \t]*(?:\n{_CONTAINER}[ \t]*)?<?(\S+?)>?(?:\s|$)",
    re.MULTILINE,
)
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


MAX_BRACKET_SPAN = 300
"""The farthest a ``[`` may be from its ``]``, and a link's ``](`` from its ``)``."""

MAX_BRACKET_DEPTH = 4
"""The deepest nesting of ``[`` accepted."""

MAX_QUOTE_DEPTH = 8
"""The deepest nesting of block quotes (``> > >``) accepted."""

MAX_INDENT = 64
"""The widest leading indentation accepted, in columns (32 levels of nested lists)."""

MAX_HEADINGS = 64
"""The most headings (``# ...`` lines) one text may hold."""

_HEADING = re.compile(r"^[ \t>]*#", re.MULTILINE)
_QUOTE_MARKS = re.compile(r"^(?:[ \t]*+>)++", re.MULTILINE)  # possessive: no backtracking
_INDENT = re.compile(rf"^[ \t]{{{MAX_INDENT + 1},}}(?=\S)", re.MULTILINE)


def _bracket_problem(masked: str) -> tuple[int, str, str] | None:
    """Return the first bracket or link that would make rendering slow, if any.

    Python-Markdown looks for the ``]`` of every ``[`` (and the ``)`` of every
    ``](``) to the end of the paragraph, so text with many unclosed brackets takes
    time quadratic in its length (19,000 ``[`` take minutes). Each ``[`` must be
    closed within :data:`MAX_BRACKET_SPAN` characters, nested at most
    :data:`MAX_BRACKET_DEPTH` deep, and each ``](`` closed as soon; one linear pass.
    """
    stack: list[int] = []
    i, end = 0, len(masked)
    while i < end:
        if not stack:  # outside brackets only a '[' matters: jump to the next one
            i = masked.find("[", i)
            if i < 0:
                break
            k = i
            while k and masked[k - 1] == "\\":
                k -= 1
            if (i - k) % 2:  # an escaped '\\[' is text
                i += 1
                continue
        char = masked[i]
        if stack and i - stack[0] > MAX_BRACKET_SPAN:
            return (
                stack[0],
                "KB304",
                f"'[' not closed by ']' within {MAX_BRACKET_SPAN} characters; "
                "write a literal bracket as '\\['",
            )
        if char == "\\":
            i += 2
            continue
        if char == "[":
            stack.append(i)
            if len(stack) > MAX_BRACKET_DEPTH:
                return (i, "KB304", f"brackets nested deeper than {MAX_BRACKET_DEPTH}")
        elif char == "]":
            stack.pop()
            if masked.startswith("](", i):
                close = masked.find(")", i + 2, i + 2 + MAX_BRACKET_SPAN)
                if close < 0:
                    return (
                        i,
                        "KB304",
                        f"link '](' not closed by ')' within {MAX_BRACKET_SPAN} characters",
                    )
        i += 1
    if stack:
        return (
            stack[0],
            "KB304",
            f"'[' not closed by ']' within {MAX_BRACKET_SPAN} characters; "
            "write a literal bracket as '\\['",
        )
    return None


def _nesting_problems(masked: str) -> list[tuple[int, str, str]]:
    """Block quotes nested too deep, or indentation too wide (both slow to render)."""
    problems: list[tuple[int, str, str]] = []
    if ">" in masked:
        for m in _QUOTE_MARKS.finditer(masked):
            if m.group().count(">") > MAX_QUOTE_DEPTH:
                problems.append(
                    (m.start(), "KB304", f"block quotes nested deeper than {MAX_QUOTE_DEPTH}")
                )
                break
    headings = sum(1 for _ in itertools.islice(_HEADING.finditer(masked), MAX_HEADINGS + 1))
    if headings > MAX_HEADINGS:
        problems.append((0, "KB304", f"more than {MAX_HEADINGS} headings"))
    wide = _INDENT.search(masked)
    if wide is not None:
        problems.append((wide.start(), "KB304", f"line indented by more than {MAX_INDENT} columns"))
    return problems


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
    bracket = link or "[" in text
    nesting = ">" in text or "#" in text or "\n " in text or "\n\t" in text
    nesting = nesting or text[:1] in (" ", "\t")
    if not (html_tag or attributes or bracket or nesting):
        return []
    # Blank out code (shown literally) and autolinks, keeping offsets.
    masked = text
    if "`" in text or "~~~" in text:
        masked = _CODE.sub(lambda m: " " * len(m.group()), masked)
    if html_tag:
        masked = _AUTOLINK.sub(lambda m: " " * len(m.group()), masked)
    problems: list[tuple[int, str, str]] = []
    if bracket:
        # On the text itself, not the masked one: where a code span ends is subtle
        # ("`[``[`"), and a bracket the renderer sees must never be hidden from this.
        found = _bracket_problem(text)
        if found is not None:
            problems.append(found)
    if nesting:
        problems += _nesting_problems(masked)
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

"""Term linking over thousands of generated inputs: it only ever wraps text in links.

Each input is random Markdown built from the words of the labels, punctuation, HTML
specials (``&``, ``<``, ``>``, quotes), code spans, headings, links and emphasis, converted
by :func:`mesakb.site.html.markdown_html` exactly as a concept page's body is; some
inputs are random HTML fragments instead. For every one, linking must not raise, must
give well-formed HTML, must keep the text content exactly, and must add links only
where a reader can follow them (never inside code, math, links or headings).
"""

from __future__ import annotations

import random
from html.parser import HTMLParser

import pytest

from mesakb.site.html import markdown_html
from mesakb.site.termlinks import TermIndex

LABELS = {
    "optimizer": ["optimizer", "optimiser"],
    "mesa-optimizer": ["mesa-optimizer", "inner optimizer"],
    "base-objective": ["base objective"],
    "objective": ["objective"],
    "search": ["search"],
    "a": ["proxy"],
    "b": ["proxy"],
    "amp": ["amp"],  # a word that is also the name of a character reference
    "x-y": ["x y z"],
}
INDEX = TermIndex(LABELS)
WORDS = [
    "optimizer",
    "optimizers",
    "Optimiser",
    "mesa",
    "mesa-optimizer",
    "mesa-optimizers",
    "inner",
    "base",
    "objective",
    "objectives",
    "search",
    "searches",
    "proxy",
    "amp",
    "lt",
    "x",
    "y",
    "z",
    "non-optimizer",
    "optimizer_x",
    "the",
    "a",
    "café",
    "42",
]
PUNCT = [
    " ",
    " ",
    " ",
    "-",
    " - ",
    "\n",
    "\n\n",
    "&",
    " & ",
    "<",
    " < ",
    ">",
    " > ",
    "&amp;",
    "&lt;",
    "&#38;",
    '"',
    "'",
    ".",
    ",",
    ";",
    "_",
    "*",
    "`",
    "#",
    "{",
    "}",
    "\\",
    "[",
    "]",
    "(",
    ")",
    "|",
]
SKIP = {"a", "code", "pre", "kbd", "math", "h1", "h2", "h3", "h4", "h5", "h6"}


def _phrase(rng: random.Random, n: int) -> str:
    out = []
    for _ in range(n):
        out.append(rng.choice(WORDS))
        out.append(rng.choice(PUNCT) if rng.random() < 0.4 else " ")
    return "".join(out).strip() or "optimizer"


def _markdown(rng: random.Random) -> str:
    """Return a random Markdown text, mixing blocks and inline markup."""
    blocks = []
    for _ in range(rng.randint(1, 4)):
        kind = rng.random()
        words = _phrase(rng, rng.randint(1, 12))
        if kind < 0.1:
            blocks.append("## " + words.replace("\n", " "))
        elif kind < 0.2:
            blocks.append("```\n" + words + "\n```")
        elif kind < 0.3:
            blocks.append("- " + words.replace("\n", " ") + "\n- " + _phrase(rng, 3))
        elif kind < 0.4:
            blocks.append("> " + words.replace("\n", " "))
        else:
            inline = []
            for _ in range(rng.randint(1, 4)):
                piece = _phrase(rng, rng.randint(1, 5)).replace("`", "")
                style = rng.random()
                if style < 0.15:
                    piece = f"`{piece}`"
                elif style < 0.3:
                    piece = f"*{piece.strip('*_ ')}*" if piece.strip("*_ ") else piece
                elif style < 0.4:
                    piece = f"[{piece.strip('[]')}](https://example.org/x)"
                inline.append(piece)
            blocks.append(" ".join(inline))
    return "\n\n".join(blocks)


def _html(rng: random.Random) -> str:
    """Return a random, well-formed HTML fragment with escaped text."""
    out = []
    for _ in range(rng.randint(1, 5)):
        text = _phrase(rng, rng.randint(1, 8))
        text = text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")
        tag = rng.choice(["p", "p", "em", "code", "h2", "a", "kbd", "math", "li", "td"])
        attrs = ' href="https://example.org/?a=1&amp;b=2"' if tag == "a" else ""
        out.append(f"<{tag}{attrs}>{text}</{tag}>" if rng.random() < 0.8 else text)
    return "".join(out)


class _Checker(HTMLParser):
    """Collect the text content, check nesting, and find where term links sit."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.stack: list[str] = []
        self.text: list[str] = []
        self.problems: list[str] = []
        self.links: list[tuple[str, str]] = []  # (href, text)
        self._link: list[str] | None = None
        self._href = ""

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("br", "hr"):
            return
        found = dict(attrs)
        if tag == "a" and found.get("class") == "mesakb-term":
            inside = [t for t in self.stack if t in SKIP]
            if inside:
                self.problems.append(f"term link inside <{inside[-1]}>")
            self._link = []
            self._href = found.get("href") or ""
        self.stack.append(tag)

    def handle_endtag(self, tag: str) -> None:
        if not self.stack or self.stack[-1] != tag:
            self.problems.append(f"</{tag}> closes {self.stack[-1:] or 'nothing'}")
            return
        self.stack.pop()
        if tag == "a" and self._link is not None:
            self.links.append((self._href, "".join(self._link)))
            self._link = None

    def handle_data(self, data: str) -> None:
        self.text.append(data)
        if self._link is not None:
            self._link.append(data)


def _check(html_in: str, seen: set[str]) -> None:
    before = set(seen)
    out = INDEX.link(html_in, seen, href=lambda i: f"#{i}", tip=lambda i: f"<tip & {i}>")
    source, result = _Checker(), _Checker()
    source.feed(html_in)
    source.close()
    result.feed(out)
    result.close()
    assert not result.problems, (html_in, out, result.problems)
    assert not result.stack, (html_in, out, "unclosed", result.stack)
    # Linking only wraps text: the text content is the same, character for character.
    assert "".join(result.text) == "".join(source.text), (html_in, out)
    linked = [href[1:] for href, _ in result.links if href.startswith("#")]
    assert len(linked) == len(set(linked)), (html_in, out, "a concept linked twice")
    assert not set(linked) & before, (html_in, out, "a concept in seen was linked")
    assert "a" not in linked, "an ambiguous label was linked"
    assert "b" not in linked, "an ambiguous label was linked"
    assert seen == before | set(linked)
    # Removing the links added gives back the input exactly.
    stripped = out
    for href, _ in result.links:
        if href.startswith("#"):
            start = stripped.index(f'<a class="mesakb-term" href="{href}"')
            open_end = stripped.index(">", start) + 1
            close = stripped.index("</a>", open_end)
            stripped = stripped[:start] + stripped[open_end:close] + stripped[close + 4 :]
    assert stripped == html_in, (html_in, out)


@pytest.mark.parametrize("seed", range(4))
def test_linking_generated_markdown_only_wraps_text(seed: int) -> None:
    rng = random.Random(seed)
    for _ in range(1500):
        seen = {rng.choice(list(LABELS))} if rng.random() < 0.3 else set()
        _check(markdown_html(_markdown(rng)), seen)


def test_linking_generated_html_only_wraps_text() -> None:
    rng = random.Random(1234)
    for _ in range(3000):
        _check(_html(rng), set())


@pytest.mark.parametrize(
    "text",
    [
        "mesa-optimizer & friends",
        "the optimizer < the base objective > search",
        "optimizer &amp; objective",
        "inner optimizer&",
        "amp & amp",
        "x y z &lt; z",
    ],
)
def test_a_term_followed_by_an_html_special_is_linked(text: str) -> None:
    seen: set[str] = set()
    _check(markdown_html(text), seen)
    assert seen  # the first term of each text is a mention


def test_the_generators_reach_the_cases_that_matter() -> None:
    """The generated inputs include terms right before &, < and >, and every skip tag."""
    rng = random.Random(0)
    samples = [markdown_html(_markdown(rng)) for _ in range(1500)]
    joined = "\n".join(samples)
    for special in ("optimizer &amp;", "optimizer &lt;", "optimizer &gt;"):
        assert special in joined
    for tag in ("<code>", "<h2>", "<a ", "<pre>", "<li>", "<blockquote>", "<em>"):
        assert tag in joined

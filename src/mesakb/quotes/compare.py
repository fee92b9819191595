"""Checking quotations word for word against plain-text copies of their sources.

A quotation matches when its text appears in the source after both are brought to
one form: Unicode NFKC, typographic quotes and dashes made plain, and every run of
white space (line breaks included) made one space. An elision written ``…`` or
``[...]`` matches any text in between. A mismatch is reported with the closest
passage of the source, so a typo is easy to see.

Examples:
    >>> text = "In the language of this paper, the minimax algorithm is a “mesa optimizer”."
    >>> find_quote('the minimax algorithm is a "mesa optimizer"', text)
    True
    >>> find_quote("the minimax algorithm is a mesa-optimizer", text)
    False
    >>> closest_passage("the minimax algorithm is a mesa-optimizer", text)[0]
    'the minimax algorithm is a “mesa optimizer”.'
"""

from __future__ import annotations

import difflib
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mesakb.diagnostics import Diagnostic
from mesakb.read.loader import CheckResult

__all__ = [
    "QuoteReport",
    "closest_passage",
    "find_quote",
    "normalize_text",
    "read_source_text",
    "verify_quotes",
]

_PLAIN = str.maketrans(
    {
        "‘": "'",
        "’": "'",
        "‚": "'",
        "‛": "'",
        "′": "'",
        "“": '"',
        "”": '"',
        "„": '"',
        "‟": '"',
        "″": '"',
        "‐": "-",
        "‑": "-",
        "‒": "-",
        "–": "-",
        "—": "-",
        "―": "-",
        "−": "-",
        "\u00ad": None,
        "\u200b": None,
    }
)
_SPACE = re.compile(r"\s+")
_DASH_SPACE = re.compile(r" ?- ?")
_ELISION = re.compile(r"\s*(?:\[\s*(?:…|\.\.\.)\s*\]|…|\.\.\.)\s*")


def normalize_text(text: str) -> str:
    r"""Return text in the form quotations are compared in.

    Examples:
        >>> normalize_text("a  “quoted”\n— dash")
        'a "quoted"-dash'
    """
    text = unicodedata.normalize("NFKC", text).translate(_PLAIN).replace("…", "...")
    text = _SPACE.sub(" ", text).strip()
    return _DASH_SPACE.sub("-", text)


def find_quote(quote: str, text: str) -> bool:
    """Return whether ``quote`` occurs in ``text``, modulo the normal form.

    Elisions (``…``, ``...``, ``[...]``) in the quote match any text between parts.
    """
    haystack = normalize_text(text)
    start = 0
    for part in _ELISION.split(quote):
        needle = normalize_text(part)
        if not needle:
            continue
        found = haystack.find(needle, start)
        if found < 0:
            return False
        start = found + len(needle)
    return True


def closest_passage(quote: str, text: str) -> tuple[str, float]:
    """Return the passage of ``text`` most like ``quote``, and how alike (0 to 1).

    The search anchors on the longest run of words shared by both, then widens it
    to the quotation's length.
    """
    words = text.split()
    wanted = normalize_text(quote).split()
    if not words or not wanted:
        return "", 0.0
    plain = [normalize_text(w) for w in words]
    matcher = difflib.SequenceMatcher(None, plain, wanted, autojunk=False)
    match = matcher.find_longest_match(0, len(plain), 0, len(wanted))
    begin = max(0, match.a - match.b)
    target = " ".join(wanted)
    best = ("", -1.0)
    for size in range(max(1, len(wanted) - 2), len(wanted) + 3):
        passage = " ".join(words[begin : begin + size])
        ratio = difflib.SequenceMatcher(None, normalize_text(passage), target).ratio()
        if ratio > best[1]:
            best = (passage, ratio)
    return best


@dataclass(frozen=True, slots=True)
class QuoteReport:
    """The outcome of checking quotations against a corpus.

    Attributes:
        checked: Quotations compared with a plain-text copy.
        skipped: Quotations whose source has no plain-text copy.
        diagnostics: Every mismatch or missing copy, sorted.
    """

    checked: int
    skipped: int
    diagnostics: tuple[Diagnostic, ...]

    @property
    def summary(self) -> str:
        """One line: how many were checked, matched and skipped."""
        failed = sum(d.code == "KB501" for d in self.diagnostics)
        plural = "" if self.checked == 1 else "s"
        return (
            f"{self.checked} quotation{plural} checked, {self.checked - failed} found verbatim, "
            f"{failed} not found, {self.skipped} skipped (no plain-text copy of the source)"
        )


def read_source_text(path: Path) -> str:
    r"""Return the text quotations are checked against: a .tex file's running text.

    Examples:
        >>> import tempfile
        >>> folder = Path(tempfile.mkdtemp())
        >>> _ = (folder / "p.tex").write_text(r"an \textit{optimizer}", encoding="utf-8")
        >>> read_source_text(folder / "p.tex")
        'an optimizer'
    """
    text = path.read_text(encoding="utf-8")
    if path.suffix == ".tex":
        from mesakb.quotes.latextext import latex_to_text

        return latex_to_text(text)
    return text


def verify_quotes(result: CheckResult, corpus: str | Path | Sequence[str | Path]) -> QuoteReport:
    """Check every quotation whose source (or ``via`` text) has a copy in ``corpus``.

    Args:
        result: The checked knowledge base (:func:`mesakb.check`).
        corpus: A folder of plain-text copies of sources, or several (searched in
            order).

    Returns:
        What was checked, with a KB501 diagnostic per quotation not found, and a
        KB502 warning per source whose copy is missing from the corpus.
    """
    folders = [Path(corpus)] if isinstance(corpus, str | Path) else [Path(c) for c in corpus]
    shown_folders = ", ".join(str(f) for f in folders)
    texts: dict[str, str | None] = {}
    problems: list[Diagnostic] = []
    checked = skipped = 0
    for key, source in result.sources.items():
        if source.text_file is None:
            continue
        found = [f / source.text_file for f in folders if (f / source.text_file).is_file()]
        if found:
            try:
                texts[key] = read_source_text(found[0])
            except (OSError, UnicodeDecodeError) as exc:
                texts[key] = None
                why = (
                    f"not valid UTF-8 (byte 0x{exc.object[exc.start]:02x} at offset {exc.start});"
                    " save it as UTF-8"
                    if isinstance(exc, UnicodeDecodeError)
                    else exc.strerror or str(exc)
                )
                line, col = result.documents[f"sources/{key}.yaml"].position(("text_file",))
                problems.append(
                    Diagnostic(
                        f"sources/{key}.yaml",
                        line,
                        col,
                        "KB001",
                        f"cannot read the source text '{found[0]}': {why}",
                    )
                )
        else:
            texts[key] = None
            line, col = result.documents[f"sources/{key}.yaml"].position(("text_file",))
            problems.append(
                Diagnostic(
                    f"sources/{key}.yaml",
                    line,
                    col,
                    "KB502",
                    f"no file '{source.text_file}' in {shown_folders}; "
                    "its quotations were not checked",
                )
            )
    for cid, concept in result.concepts.items():
        doc = result.documents[f"concepts/{cid}.yaml"]
        for index, definition in enumerate(concept.definitions):
            # A quotation from a text we hold is checked against it; one from a text we
            # do not hold (the paper) is checked against the secondary text that quotes it.
            key = definition.source
            if texts.get(key) is None and definition.via is not None:
                key = definition.via
            text = texts.get(key)
            if text is None:
                skipped += 1
                continue
            checked += 1
            if find_quote(definition.quote, text):
                continue
            passage, ratio = closest_passage(definition.quote, text)
            line, col = doc.position(("definitions", index, "quote"))
            shown = passage if len(passage) <= 200 else passage[:197] + "..."
            problems.append(
                Diagnostic(
                    doc.path,
                    line,
                    col,
                    "KB501",
                    f"definitions[{index}].quote not found verbatim in '{key}'; "
                    f'closest passage ({ratio:.0%} alike): "{shown}"',
                )
            )
    return QuoteReport(checked, skipped, tuple(sorted(problems)))

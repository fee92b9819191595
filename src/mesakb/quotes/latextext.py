r"""The running text of a LaTeX source, for checking quotations against a paper.

A paper's authors often publish its LaTeX source rather than a plain-text copy.
Quotations are checked against what a reader sees, so the markup goes: comments,
citations, labels and figures are dropped; ``\textit{x}`` becomes ``x``;
````x''`` becomes “x”, ``---`` an em dash; ``\cref{sec:2}`` becomes
“section 2”. A footnote is taken out of its sentence (the sentence then reads
on, as it does in print) and put after the paragraph, so quotations from either
are found. Nothing is expanded or executed: this only rewrites text.

Examples:
    >>> latex_to_text(r"a \textit{mesa-optimizer}\footnote{See \cite{x}.} is ``learned''---so % no")
    'a mesa-optimizer is “learned”—so\n\nSee .'
    >>> latex_to_text(r"as in \cref{sec:3.1}, and \Cref{fig:1}")
    'as in section 3.1, and Figure 1'
"""

from __future__ import annotations

import re

__all__ = ["latex_to_text"]

# Hand-written rather than pylatexenc: on the paper's 127 kB source pylatexenc takes
# 4.6 s (and 0.3 s to import) against 0.13 s here, and would still need this module's
# handling of \cref, footnotes and citations (measured 2026-12-03).
_COMMENT = re.compile(r"(?<!\\)%[^\n]*")
_DROP_WITH_ARGUMENT = (
    "cite",
    "citep",
    "citet",
    "label",
    "includegraphics",
    "bibliography",
    "bibliographystyle",
    "usepackage",
    "documentclass",
    "setcounter",
    "setcitestyle",
    "thanks",
    "newcommand",
)
_REFERENCE = re.compile(r"\\(cref|Cref)\{(sec|fig|table):([^}]*)\}")
_COMMAND = re.compile(r"\\([A-Za-z]+)\*?(\[[^\]]*\])?")
_PLAIN = (
    ("``", "“"),
    ("''", "”"),
    ("`", "‘"),
    ("---", "—"),
    ("--", "–"),
    ("~", " "),
    ("\\%", "%"),
    ("\\&", "&"),
    ("\\$", "$"),
    ("\\#", "#"),
    ("\\_", "_"),
    ("\\\\", " "),
    ("\\,", " "),
    ("\\ ", " "),
)


def _group_end(text: str, start: int) -> int:
    """Return the index just past the brace group that opens at ``text[start]``."""
    depth = 0
    for index in range(start, len(text)):
        char = text[index]
        if char == "\\":
            continue
        if char == "{" and (index == 0 or text[index - 1] != "\\"):
            depth += 1
        elif char == "}" and text[index - 1] != "\\":
            depth -= 1
            if depth == 0:
                return index + 1
    return len(text)


def _drop_commands(text: str, names: tuple[str, ...]) -> str:
    r"""Remove ``\name[opt]{arg}`` (with its argument) for each name."""
    pattern = re.compile(r"\\(?:" + "|".join(names) + r")\*?(?:\[[^\]]*\])?(?=\{)")
    out: list[str] = []
    position = 0
    while (m := pattern.search(text, position)) is not None:
        out.append(text[position : m.start()])
        position = _group_end(text, m.end())
        # \newcommand{\x}[1]{body}: the body is a second group.
        while position < len(text) and text[position] in "[{":
            if text[position] == "[":
                position = text.find("]", position) + 1 or len(text)
            else:
                position = _group_end(text, position)
    out.append(text[position:])
    return "".join(out)


def _move_footnotes(paragraph: str) -> str:
    r"""Take each ``\footnote{...}`` out of the paragraph and append it after it."""
    notes: list[str] = []
    out: list[str] = []
    position = 0
    while (start := paragraph.find("\\footnote{", position)) >= 0:
        out.append(paragraph[position:start])
        end = _group_end(paragraph, start + len("\\footnote"))
        notes.append(_move_footnotes(paragraph[start + len("\\footnote{") : end - 1]))
        position = end
    out.append(paragraph[position:])
    return "\n\n".join(["".join(out), *notes])


def latex_to_text(source: str) -> str:
    r"""Return the running text of a LaTeX document, markup removed.

    Args:
        source: The LaTeX source.

    Returns:
        Plain text, paragraphs separated by blank lines, footnotes after their
        paragraph. Math is kept as written.

    Examples:
        >>> latex_to_text(r"\section{Glossary} \textbf{Base objective:} the \emph{criterion}.")
        'Glossary Base objective: the criterion.'
    """
    text = _COMMENT.sub("", source)
    text = _drop_commands(text, _DROP_WITH_ARGUMENT)
    text = _REFERENCE.sub(
        lambda m: (
            f"{'S' if m[1] == 'Cref' else 's'}ection {m[3]}"
            if m[2] == "sec"
            else f"{'F' if m[1] == 'Cref' else 'f'}igure {m[3]}"
            if m[2] == "fig"
            else f"{'T' if m[1] == 'Cref' else 't'}able {m[3]}"
        ),
        text,
    )
    paragraphs = re.split(r"\n\s*\n", text)
    text = "\n\n".join(_move_footnotes(p) for p in paragraphs)
    text = re.sub(r"\\(?:begin|end)\{[^}]*\}", " ", text)
    text = re.sub(r"\\item\b", "\n", text)
    for markup, plain in _PLAIN:
        text = text.replace(markup, plain)
    text = _COMMAND.sub("", text)
    text = re.sub(r"(?<!\\)[{}]", "", text)
    text = re.sub(r"[ \t]+", " ", text)
    return re.sub(r" *\n *", "\n", text).strip()

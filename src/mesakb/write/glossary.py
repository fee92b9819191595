r"""The glossary files for writers: LaTeX ``glossaries`` and Markdown.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> md = glossary_md(mesakb.load(Path("tests/fixtures/kb")))
    >>> md.splitlines()[0]
    '# mesakb glossary'
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesakb.urls import permanent_concept_url
from mesakb.write.markdown import escape_markdown
from mesakb.write.serial import HEADER, text_bytes
from mesakb.write.texescape import escape_tex
from mesakb.write.works import KB_NAME, KB_TITLE

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase

__all__ = ["bib_file", "glossary_md", "glossary_tex"]

_HEADER = HEADER


def bib_file(kb: KnowledgeBase, entries: list[str]) -> bytes:
    """Return a ``.bib`` file: a comment naming the version, then the entries."""
    header = "% " + _HEADER.format(version=kb.version).replace("`", "")
    return text_bytes("\n\n".join([header, *entries]))


def _glossary_description(summary: str) -> str:
    r"""Return a summary without its final full stop: the glossary style adds one.

    ``glossaries`` ends every description with ``\glspostdescription`` (a full stop in
    the default styles), so a summary ending with one would print two.

    Examples:
        >>> _glossary_description("An optimizer. "), _glossary_description("Why?")
        ('An optimizer', 'Why?')
    """
    text = summary.strip()
    return text[:-1] if text.endswith(".") and not text.endswith("..") else text


def glossary_tex(kb: KnowledgeBase) -> str:
    r"""Return a LaTeX ``glossaries`` file: one ``\newglossaryentry`` per concept.

    Load it with ``\usepackage{glossaries}`` and ``\input{glossary.tex}``, then
    write ``\gls{mesa-optimizer}``. Every value is escaped with
    :func:`mesakb.write.texescape.escape_tex`; the sort key is the (ASCII) id.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> tex = glossary_tex(mesakb.load(Path("tests/fixtures/kb")))
        >>> tex.splitlines()[3][:50]
        '\\newglossaryentry{learned-algorithm}{name={learned'
    """
    lines = [
        "% " + _HEADER.format(version=kb.version).replace("`", ""),
        r"% Use: \usepackage{glossaries} \input{glossary} ... \gls{<id>}",
        f"% Concepts: {permanent_concept_url('<id>')}",
    ]
    for concept in kb.concepts.values():
        lines.append(
            f"\\newglossaryentry{{{concept.id}}}{{name={{{escape_tex(concept.term)}}},"
            f"description={{{escape_tex(_glossary_description(concept.summary))}}},"
            f"sort={{{concept.id}}}}}"
        )
    return "\n".join(lines) + "\n"


def glossary_md(kb: KnowledgeBase) -> str:
    """Return a Markdown glossary: every concept by term, with aliases and a link.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> md = glossary_md(mesakb.load(Path("tests/fixtures/kb")))
        >>> print(md.split("## ")[2].strip())
        mesa-optimizer
        <BLANKLINE>
        A learned algorithm that is itself an optimizer.
        <BLANKLINE>
        Also: inner optimizer.
        <BLANKLINE>
        [mesa-optimizer on mesakb](https://w3id.org/mesakb/concept/mesa-optimizer)
    """
    out = [
        f"# {KB_NAME} glossary",
        "",
        f"{escape_markdown(KB_TITLE)}, version {kb.version}. {_HEADER.format(version=kb.version)}",
    ]
    ordered = sorted(kb.concepts.values(), key=lambda c: (c.term.casefold(), c.id))
    for concept in ordered:
        out += ["", f"## {escape_markdown(concept.term)}", ""]
        out.append(escape_markdown(concept.summary))
        labels = [a.label for a in concept.aliases]
        if labels:
            out += ["", "Also: " + ", ".join(escape_markdown(label) for label in labels) + "."]
        if concept.status == "deprecated" and concept.replaced_by is not None:
            out += ["", f"Deprecated: see `{concept.replaced_by}`."]
        out += ["", f"[{concept.id} on {KB_NAME}]({permanent_concept_url(concept.id)})"]
    return "\n".join(out) + "\n"


# -- graph/ -------------------------------------------------------------------

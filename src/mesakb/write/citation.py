r"""Citing concepts, or the original sources of their definitions, in a writer's format.

:func:`cite` takes one or more concept ids and writes ONE bibliography in which every
work appears once: the concept entries, or (``original=True``) the sources their
preferred definitions quote. Locators belong to the citations in the text, which
:func:`in_text` writes (``\cite[sec.~4]{key}``, ``[@key, sec. 4]``, CSL ``locator``).

A concept entry names the edition (version), its release date, the permanent address
of the concept in that edition, and the permanent address of the concept
(:mod:`mesakb.urls`). Each format lives in its own module; :data:`FORMATS` maps a
format's name to the function that writes it:

- ``bibtex``, ``biblatex``, ``latex``: :mod:`mesakb.write.bibtex`
- ``csl-json``, ``apa``, ``chicago``: :mod:`mesakb.write.csl` (APA and Chicago rendered
  by a CSL processor from the shipped CSL files, as pandoc renders them)
- ``ris``: :mod:`mesakb.write.ris`
- ``markdown``: :mod:`mesakb.write.markdown`

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> print(cite(kb, "optimizer", "markdown"))  # doctest: +ELLIPSIS
    [optimizer](https://.../edition/0.1.0/concept/optimizer) (mesakb, version 0.1.0, ...)
    >>> print(in_text(kb, ["optimizer", "mesa-optimizer"], "latex", original=True))
    \cite[sec.~1]{paper}
    \cite[sec.~1]{paper}
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Literal

from mesakb.errors import MesakbError
from mesakb.write import bibtex, csl, markdown, ris
from mesakb.write.works import collect

if TYPE_CHECKING:
    from collections.abc import Callable, Sequence

    from mesakb.kb.base import KnowledgeBase
    from mesakb.write.works import Cited

    Writer = Callable[[KnowledgeBase, Cited], str]

__all__ = ["FORMATS", "IN_TEXT", "cite", "in_text"]

FORMATS: dict[str, Writer] = {
    "bibtex": bibtex.bibtex,
    "biblatex": bibtex.biblatex,
    "csl-json": csl.csl_json,
    "ris": ris.ris,
    "apa": csl.apa,
    "chicago": csl.chicago,
    "markdown": markdown.markdown,
    "latex": bibtex.latex,
}
"""Every format :func:`cite` writes, and the function that writes it."""

IN_TEXT = ("latex", "pandoc")
"""The kinds of in-text citation :func:`in_text` writes."""


def _ids(ids: str | Sequence[str]) -> list[str]:
    return [ids] if isinstance(ids, str) else list(ids)


def cite(
    kb: KnowledgeBase,
    ids: str | Sequence[str],
    format: str = "bibtex",
    *,
    original: bool = False,
) -> str:
    r"""Return one bibliography citing concepts, or the original sources of their definitions.

    Args:
        kb: The knowledge base.
        ids: A concept id, or several.
        format: A key of :data:`FORMATS`: ``bibtex`` (``@misc``), ``biblatex``
            (``@online``), ``csl-json``, ``ris``, ``apa``, ``chicago`` (author-date),
            ``markdown`` (links) or ``latex`` (links, or ``\cite`` commands).
        original: Cite the sources quoted by the preferred definitions instead, each
            once. The locators are in the citations, never in the entries: BibTeX and
            biblatex start with the ``\cite[...]{...}`` commands as comments, APA and
            Chicago with the in-text citations, Markdown and LaTeX are citations.

    Returns:
        The text, without a trailing newline.

    Raises:
        UnknownConceptError: No such concept.
        MesakbError: Unknown format, no ids, or ``original`` for a concept with no
            preferred definition.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> print(cite(kb, "mesa-optimizer", "apa"))  # doctest: +ELLIPSIS
        The mesakb contributors. (2026, December 3). mesa-optimizer. Mesakb: ... https://.../edition/0.1.0/concept/mesa-optimizer
        >>> both = ["mesa-optimizer", "optimizer"]
        >>> print(cite(kb, both, "apa", original=True))  # doctest: +ELLIPSIS
        (Doe, 2019, Section 1)
        (Doe, 2019, Section 1)
        Doe, J. (2019). A Paper About Optimizers. https://...
    """
    writer = FORMATS.get(format)
    if writer is None:
        raise MesakbError(
            f"unknown citation format '{format}'; expected one of {', '.join(FORMATS)}"
        )
    return writer(kb, collect(kb, _ids(ids), original=original))


def in_text(
    kb: KnowledgeBase,
    ids: str | Sequence[str],
    kind: Literal["latex", "pandoc"] = "latex",
    *,
    original: bool = False,
) -> str:
    r"""Return the in-text citations matching :func:`cite`, one per line, locators included.

    Args:
        kb: The knowledge base.
        ids: A concept id, or several.
        kind: ``latex`` (``\cite[sec.~4]{key}``, for natbib and biblatex) or ``pandoc``
            (``[@key, sec. 4]``).
        original: Cite the sources quoted by the preferred definitions.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> print(in_text(kb, ["optimizer"], "pandoc"), in_text(kb, "optimizer", "pandoc", original=True))
        [@mesakb:optimizer] [@paper, sec. 1]
    """  # noqa: E501
    if kind not in IN_TEXT:
        raise MesakbError(
            f"unknown in-text citation '{kind}'; expected one of {', '.join(IN_TEXT)}"
        )
    cited = collect(kb, _ids(ids), original=original)
    write = bibtex.cite_command if kind == "latex" else csl.pandoc_citation
    return "\n".join(write(ref) for ref in cited.references)

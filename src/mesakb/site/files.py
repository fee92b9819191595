"""The table of generated files: every page the site builds from the knowledge base.

:func:`site_pages` lists them all (in a stable order); :func:`site_page` renders any
one of them by its path, exactly as :func:`site_pages` does, which is what the
incremental rebuild uses.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from dataclasses import dataclass

from mesakb.errors import UnknownNameError
from mesakb.kb.base import KnowledgeBase
from mesakb.site.indexes import (
    concepts_index,
    explorer_data,
    explorer_page,
    glossary_page,
    names_data,
    search_data,
    sources_index,
)
from mesakb.site.pages import concept_page, source_page
from mesakb.urls import Urls, concept_file, source_file

__all__ = ["INDEX_PAGES", "GeneratedFile", "UnknownPageError", "site_page", "site_pages"]


@dataclass(frozen=True, slots=True)
class GeneratedFile:
    """One file of the site, generated in memory.

    Attributes:
        src_uri: Path inside the docs folder, e.g. ``concepts/mesa-optimizer.md``.
        content: The Markdown (or JSON) text.
        edit_path: Repository path of the file to edit for this page, if any.
    """

    src_uri: str
    content: str
    edit_path: str | None = None


class UnknownPageError(UnknownNameError):
    """A path that is not one of the generated files of the site."""

    what = "generated page"


INDEX_PAGES: dict[str, Callable[..., str]] = {
    "concepts/index.md": concepts_index,
    "sources/index.md": sources_index,
    "glossary/index.md": glossary_page,
    "explore/index.md": explorer_page,
    "explore/graph.json": explorer_data,
    "search/concepts.json": search_data,
    "concepts/names.json": names_data,
}
"""The generated files that list every concept or source, and the functions rendering them."""


def site_page(kb: KnowledgeBase, src_uri: str, *, urls: Urls = Urls()) -> str:
    """Return the content of one generated file, exactly as :func:`site_pages` makes it.

    Args:
        kb: The knowledge base.
        src_uri: The file's path in the docs folder, e.g. ``concepts/mesa-optimizer.md``.
        urls: The URL style of the site.

    Raises:
        UnknownPageError: ``src_uri`` is not a file :func:`site_pages` makes for ``kb``.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> site_page(kb, "concepts/optimizer.md") == concept_page(kb, "optimizer")
        True
    """
    index = INDEX_PAGES.get(src_uri)
    if index is not None:
        return index(kb, urls=urls)
    folder, _, name = src_uri.partition("/")
    stem = name.removesuffix(".md")
    if folder == "concepts" and src_uri == concept_file(stem) and stem in kb.concepts:
        return concept_page(kb, stem, urls=urls)
    if folder == "sources" and src_uri == source_file(stem) and stem in kb.sources:
        return source_page(kb, stem, urls=urls)
    raise UnknownPageError(src_uri)


def site_pages(kb: KnowledgeBase, *, urls: Urls = Urls(), workers: int = 1) -> list[GeneratedFile]:
    """Return every generated file of the site, in a stable order.

    Args:
        kb: The knowledge base.
        urls: The URL style of the site.
        workers: Render concept pages in this many forked processes (same output;
            see :mod:`mesakb.site.pool` for when that is safe).

    Returns:
        Concept, source, glossary and explorer pages, plus the explorer's JSON and the
        search index.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> files = site_pages(mesakb.load(Path("tests/fixtures/kb")))
        >>> [f.src_uri for f in files][:3]
        ['concepts/index.md', 'concepts/learned-algorithm.md', 'concepts/mesa-optimizer.md']
        >>> files[1].edit_path
        'concepts/learned-algorithm.yaml'
    """
    from mesakb.site.pool import fork_map

    def index(uri: str) -> GeneratedFile:
        return GeneratedFile(uri, INDEX_PAGES[uri](kb, urls=urls))

    files = [index("concepts/index.md")]
    ids = list(kb.concepts)
    pages = fork_map(functools.partial(concept_page, kb, urls=urls), ids, workers=workers)
    files += [
        GeneratedFile(concept_file(id), page, f"concepts/{id}.yaml")
        for id, page in zip(ids, pages, strict=True)
    ]
    files.append(index("sources/index.md"))
    files += [
        GeneratedFile(source_file(key), source_page(kb, key, urls=urls), f"sources/{key}.yaml")
        for key in kb.sources
    ]
    files += [
        index(uri)
        for uri in (
            "glossary/index.md",
            "explore/index.md",
            "explore/graph.json",
            "concepts/names.json",
        )
    ]
    files.append(index("search/concepts.json"))
    return files

"""Incremental rebuilds for ``mesakb serve``: render and index only what an edit changed.

A clean build renders every page with :func:`mesakb.site.pages.site_pages` and hands all
of them to mkdocs. While serving, an edit usually touches one concept, and almost every
page stays byte for byte what it was. Three plain functions (no mkdocs here) let the
hook do only the work that can matter:

* :func:`render_site` renders again only the pages an edit may have changed
  (:func:`stale_pages`) and reuses the rest; when in doubt it renders everything.
* The hook then compares each page with what the output folder already holds and lets
  mkdocs skip the identical ones (``mkdocs serve --dirty``).
* :func:`merge_search_docs` completes the search index of such a partial build with
  the previous entries of the pages that were not built again.

Examples:
    >>> from pathlib import Path
    >>> import mesakb
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> first = render_site(kb)
    >>> again = render_site(kb, previous=first)   # nothing changed: nothing rendered
    >>> again.pages == first.pages
    True
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass
from typing import Any

from mesakb.kb.base import KnowledgeBase
from mesakb.model import Concept
from mesakb.site.files import INDEX_PAGES, GeneratedFile, site_page, site_pages
from mesakb.urls import Urls, concept_file, source_file

__all__ = ["Rendered", "merge_search_docs", "render_site", "stale_pages"]

_DIRECTORY_URLS = Urls()


@dataclass(frozen=True, slots=True)
class Rendered:
    """The generated files of a site and the knowledge base they were rendered from.

    Attributes:
        kb: The knowledge base.
        urls: The URL style the pages were rendered with.
        pages: Every generated file, in the order of :func:`mesakb.site.pages.site_pages`.
    """

    kb: KnowledgeBase
    urls: Urls
    pages: tuple[GeneratedFile, ...]


def render_site(
    kb: KnowledgeBase, *, urls: Urls = _DIRECTORY_URLS, previous: Rendered | None = None
) -> Rendered:
    """Return every generated file of the site, rendering again only what may have changed.

    The result is always what :func:`mesakb.site.pages.site_pages` returns for ``kb``;
    ``previous`` only saves work. Pages that :func:`stale_pages` clears are taken from
    ``previous`` as they are; everything is rendered when there is no ``previous``,
    when the URL style changed, when the edit changed what many pages show (a term,
    an alias, a status, a concept or source added or removed), or when ``previous``
    holds a page :func:`mesakb.site.pages.site_page` does not know.

    Args:
        kb: The knowledge base to render.
        urls: The URL style of the site.
        previous: What the last call returned, for an earlier state of the content.

    Returns:
        The pages of ``kb``, with the knowledge base and URL style they belong to.

    Examples:
        >>> from pathlib import Path
        >>> import mesakb
        >>> kb = mesakb.load(Path("tests/fixtures/kb"))
        >>> render_site(kb).pages == tuple(site_pages(kb))
        True
    """
    if previous is None or previous.urls != urls:
        return Rendered(kb, urls, tuple(site_pages(kb, urls=urls)))
    contents = {page.src_uri: page.content for page in previous.pages}
    stale = stale_pages(previous.kb, kb, contents)
    if stale is None:
        return Rendered(kb, urls, tuple(site_pages(kb, urls=urls)))
    try:
        pages = tuple(
            GeneratedFile(page.src_uri, site_page(kb, page.src_uri, urls=urls), page.edit_path)
            if page.src_uri in stale
            else page
            for page in previous.pages
        )
    except KeyError:  # a page site_page does not know: render everything
        return Rendered(kb, urls, tuple(site_pages(kb, urls=urls)))
    return Rendered(kb, urls, pages)


def stale_pages(
    old: KnowledgeBase, new: KnowledgeBase, contents: Mapping[str, str]
) -> set[str] | None:
    """Return the generated pages that may differ between two states of the content.

    A concept or source that changed without changing what every page may show
    (its term, aliases, status and replacement) makes stale: its own page; the pages of
    its neighbours, of the concepts that read it first and of the sources it quotes, in
    either state; every page that mentions its id (links, term links with their
    tooltips, reading paths and neighbourhood pictures all carry the linked page's id);
    and the :data:`mesakb.site.pages.INDEX_PAGES`.

    Args:
        old: The content the ``contents`` were rendered from.
        new: The content now.
        contents: The Markdown of every generated page of ``old``, by ``src_uri``.

    Returns:
        The ``src_uri`` of every page to render again, or ``None`` for all of them:
        concepts or sources were added or removed, or a term, alias, status or
        replacement changed (any page may link a term).

    Examples:
        >>> from pathlib import Path
        >>> import mesakb
        >>> old = mesakb.load(Path("tests/fixtures/kb"))
        >>> contents = {p.src_uri: p.content for p in site_pages(old)}
        >>> stale_pages(old, old, contents)
        set()
        >>> concepts = dict(old.concepts)
        >>> concepts["objective"] = concepts["objective"].model_copy(update={"summary": "New."})
        >>> new = mesakb.KnowledgeBase(concepts, old.sources)
        >>> for uri in sorted(stale_pages(old, new, contents) - INDEX_PAGES.keys()):
        ...     print(uri)
        concepts/learned-algorithm.md
        concepts/mesa-optimizer.md
        concepts/objective.md
        concepts/optimizer.md
        sources/paper.md
        >>> concepts["objective"] = concepts["objective"].model_copy(update={"term": "goal"})
        >>> stale_pages(old, mesakb.KnowledgeBase(concepts, old.sources), contents) is None
        True
    """
    if (
        old.version != new.version
        or old.concepts.keys() != new.concepts.keys()
        or old.sources.keys() != new.sources.keys()
    ):
        return None
    concepts = [id for id, concept in new.concepts.items() if concept != old.concepts[id]]
    sources = [key for key, source in new.sources.items() if source != old.sources[key]]
    if any(
        _shown_everywhere(old.concepts[id]) != _shown_everywhere(new.concepts[id])
        for id in concepts
    ):
        return None
    stale: set[str] = set()
    for id in concepts:
        stale.add(concept_file(id))
        for kb in (old, new):
            stale.update(concept_file(link.concept) for link in kb.links(id))
            stale.update(concept_file(c.id) for c in kb.dependents(id))
            stale.update(source_file(s.id) for s in kb.sources_of(id))
    stale.update(source_file(key) for key in sources)
    for name in (*concepts, *sources):
        stale.update(uri for uri, text in contents.items() if _mentions(text, name))
    if stale:
        stale.update(INDEX_PAGES)
    return stale


def merge_search_docs(
    pages: Sequence[str],
    built: Iterable[str],
    current: Iterable[Mapping[str, Any]],
    previous: Iterable[Mapping[str, Any]],
) -> list[Mapping[str, Any]]:
    """Return the search entries of a whole site after a build that skipped some pages.

    An entry belongs to the page whose URL its ``location`` starts with, up to the
    ``#``. Pages that were built get this build's entries (none, if the page is now
    excluded from search); the others keep their previous entries; pages that no
    longer exist lose theirs. Entries come in page order, as a clean build lists them.

    Args:
        pages: The URL of every page of the site, in build order.
        built: The URLs of the pages built this time.
        current: The entries this build made.
        previous: The entries of the last complete index.

    Returns:
        The entries of every page.

    Examples:
        >>> merge_search_docs(
        ...     ["", "a/", "b/"],
        ...     built=["a/"],
        ...     current=[{"location": "a/", "text": "new"}],
        ...     previous=[{"location": "", "text": "home"}, {"location": "a/", "text": "old"},
        ...               {"location": "a/#x", "text": "old"}, {"location": "c/", "text": "gone"}],
        ... )
        [{'location': '', 'text': 'home'}, {'location': 'a/', 'text': 'new'}]
    """
    built = set(built)
    fresh = _by_page(current)
    kept = _by_page(previous)
    docs: list[Mapping[str, Any]] = []
    for url in pages:
        docs += fresh.get(url, []) if url in built else kept.get(url, [])
    return docs


# -- helpers --------------------------------------------------------------------------


def _shown_everywhere(concept: Concept) -> tuple[object, ...]:
    """Return what a concept shows on pages that do not link it (term links, the glossary).

    The term and exact aliases decide which words of any page link the concept; the
    status and replacement whether they do, and how every link to it reads.
    """
    return (concept.term, concept.aliases, concept.status, concept.replaced_by)


_ID_CHAR = r"[A-Za-z0-9_-]"


def _mentions(text: str, name: str) -> bool:
    """Return whether ``text`` holds ``name`` as a whole id, not as part of a longer one.

    Examples:
        >>> _mentions('<a href="../optimizer/">', "optimizer")
        True
        >>> _mentions('<a href="../mesa-optimizer/">', "optimizer")
        False
    """
    if name not in text:
        return False
    return re.search(rf"(?<!{_ID_CHAR}){re.escape(name)}(?!{_ID_CHAR})", text) is not None


def _by_page(entries: Iterable[Mapping[str, Any]]) -> dict[str, list[Mapping[str, Any]]]:
    groups: dict[str, list[Mapping[str, Any]]] = {}
    for entry in entries:
        groups.setdefault(str(entry["location"]).partition("#")[0], []).append(entry)
    return groups

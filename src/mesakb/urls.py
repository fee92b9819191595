"""The URL scheme of the site and the address it is published at: one place for both.

Pages live at fixed paths (directory URLs): ``concepts/<id>/``, ``sources/<key>/``,
``glossary/`` and ``explore/``; each is built from a generated Markdown file of the
same stem (``concepts/<id>.md``). Links between pages are relative, so a build works
from any base URL and from ``file://``; citations use the published address,
:data:`SITE_URL`.

Examples:
    >>> concept_url("mesa-optimizer")
    'https://mesakb.example.org/concepts/mesa-optimizer/'
    >>> Urls().concept("mesa-optimizer"), concept_file("mesa-optimizer")
    ('concepts/mesa-optimizer/', 'concepts/mesa-optimizer.md')
"""

from __future__ import annotations

import functools
import posixpath
from dataclasses import dataclass

__all__ = [
    "RESERVED_NAMES",
    "SITE_URL",
    "Urls",
    "concept_file",
    "concept_url",
    "edition_iri",
    "scheme_iri",
    "source_file",
    "source_iri",
    "vocab_iri",
]

SITE_URL = "https://mesakb.example.org/"
"""The base URL of the published site; concept pages live at ``concepts/<id>/``."""


RESERVED_NAMES: dict[str, str] = {
    "index": "the index page of concepts/ and sources/ is built from 'index.md'",
    "constructor": "a JavaScript built-in name; the graph explorer looks ids up by name",
    "prototype": "a JavaScript built-in name; the graph explorer looks ids up by name",
    "__proto__": "a JavaScript built-in name; the graph explorer looks ids up by name",
}
"""Names no concept id or source key may take, with the reason: ``concepts/<id>.md``
and ``sources/<key>.md`` must never replace a page the site generates itself, and
ids are keys in the explorer's data. (Top-level pages such as ``search/``,
``glossary/`` or ``explore/`` cannot collide: concept and source pages live one
folder down, so ``search`` stays a valid concept id.)"""


def concept_url(id: str) -> str:
    """Return the stable URL of a concept's page.

    Examples:
        >>> concept_url("mesa-optimizer")
        'https://mesakb.example.org/concepts/mesa-optimizer/'
    """
    return f"{SITE_URL}concepts/{id}/"


@dataclass(frozen=True, slots=True)
class Urls:
    """Where pages live: directory URLs (``concepts/x/``) or file URLs (``concepts/x.html``).

    Directory URLs are the default and the stable, citable form; file URLs are for the
    offline build that is browsed from ``file://``.

    Attributes:
        directory: Use directory URLs.
    """

    directory: bool = True

    def page(self, stem: str) -> str:
        """Return the site-relative URL of the page built from ``<stem>.md``.

        Examples:
            >>> Urls().page("concepts/mesa-optimizer"), Urls(False).page("concepts/index")
            ('concepts/mesa-optimizer/', 'concepts/index.html')
            >>> Urls().page("concepts/index"), Urls().page("index")
            ('concepts/', '')
        """
        if self.directory:
            if stem == "index" or stem.endswith("/index"):
                return stem[: -len("index")]
            return stem + "/"
        return stem + ".html"

    def concept(self, id: str) -> str:
        """Return the site-relative URL of a concept page.

        Examples:
            >>> Urls().concept("mesa-optimizer")
            'concepts/mesa-optimizer/'
        """
        return self.page(f"concepts/{id}")

    def source(self, key: str) -> str:
        """Return the site-relative URL of a source page.

        Examples:
            >>> Urls(directory=False).source("hubinger2019risks")
            'sources/hubinger2019risks.html'
        """
        return self.page(f"sources/{key}")

    def rel(self, here: str, to: str) -> str:
        """Return a relative link from page URL ``here`` to site URL ``to``.

        Examples:
            >>> Urls().rel("concepts/a/", "concepts/b/")
            '../b/'
            >>> Urls().rel("glossary/", "concepts/b/#x")
            '../concepts/b/#x'
            >>> Urls(False).rel("concepts/a.html", "sources/k.html")
            '../sources/k.html'
            >>> Urls().rel("concepts/a/", "")
            '../../'
        """
        return _relative(here, to)


@functools.lru_cache(maxsize=262_144)
def _relative(here: str, to: str) -> str:
    # Cached: every page links to its neighbours, and posixpath.relpath is slow.
    path, _, anchor = to.partition("#")
    base = here.rstrip("/") if here.endswith("/") else posixpath.dirname(here)
    rel = posixpath.relpath(path.rstrip("/") or ".", base or ".")
    if path.endswith("/") or path == "":
        rel = "./" if rel == "." else rel + "/"
    return rel + (f"#{anchor}" if anchor else "")


def concept_file(id: str) -> str:
    """Return the path of a concept's generated page in the docs folder.

    Examples:
        >>> concept_file("mesa-optimizer")
        'concepts/mesa-optimizer.md'
    """
    return f"concepts/{id}.md"


def source_file(key: str) -> str:
    """Return the path of a source's generated page in the docs folder.

    Examples:
        >>> source_file("hubinger2019risks")
        'sources/hubinger2019risks.md'
    """
    return f"sources/{key}.md"


# -- linked data -----------------------------------------------------------------
# Every IRI the RDF, OBO and OBO-Graphs exports mint is built here, from the same
# published address as the pages, so changing the address scheme changes them all.


def scheme_iri() -> str:
    """Return the IRI of the knowledge base as a SKOS concept scheme and OWL ontology.

    Examples:
        >>> scheme_iri()
        'https://mesakb.example.org/concepts/'
    """
    return f"{SITE_URL}concepts/"


def source_iri(key: str) -> str:
    """Return the IRI of a cited work (its page on the site).

    Examples:
        >>> source_iri("hubinger2019risks")
        'https://mesakb.example.org/sources/hubinger2019risks/'
    """
    return f"{SITE_URL}sources/{key}/"


def vocab_iri(name: str = "") -> str:
    """Return the IRI of a term of mesakb's own RDF vocabulary (``mkbv:``).

    Examples:
        >>> vocab_iri("quote")
        'https://mesakb.example.org/vocab#quote'
    """
    return f"{SITE_URL}vocab#{name}"


def edition_iri(version: str) -> str:
    """Return the IRI of one edition of the knowledge base (``owl:versionIRI``).

    Examples:
        >>> edition_iri("0.1.0")
        'https://mesakb.example.org/releases/0.1.0/'
    """
    return f"{SITE_URL}releases/{version}/"

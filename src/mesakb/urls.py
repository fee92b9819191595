"""The address scheme: permanent identifiers, the hosting address, page paths. One place.

Three kinds of address, all derived here:

- **Permanent identifiers**, the ones to cite, under :data:`PERMANENT_URL` (a w3id.org
  namespace): ``concept/<id>``, ``source/<key>``, ``edition/<version>/`` and
  ``edition/<version>/concept/<id>``. They never change; forwarding rules
  (:func:`forwarding_rules`, written by ``mesakb export`` into ``w3id/``) send them to
  wherever the site is hosted.
- **The hosting address**, :data:`SITE_URL`: the latest edition at ``concepts/<id>/``,
  ``sources/<key>/``; every frozen edition at ``editions/<version>/...``.
- **Page paths** inside a build (:class:`Urls`), relative, so a build works from any
  base URL and from ``file://``.

Both base addresses are configuration, not code: they are read from ``mesakb.toml``
(at the repository root, shipped in the wheel as ``mesakb/_content/mesakb.toml``).

Examples:
    >>> permanent_concept_url("mesa-optimizer") == PERMANENT_URL + "concept/mesa-optimizer"
    True
    >>> concept_url("mesa-optimizer") == SITE_URL + "concepts/mesa-optimizer/"
    True
    >>> Urls().concept("mesa-optimizer"), concept_file("mesa-optimizer")
    ('concepts/mesa-optimizer/', 'concepts/mesa-optimizer.md')
"""

from __future__ import annotations

import functools
import posixpath
import tomllib
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

__all__ = [
    "ADDRESSES",
    "CONFIG_FILE",
    "EDITIONS_PATH",
    "PERMANENT_URL",
    "RESERVED_NAMES",
    "SITE_URL",
    "Addresses",
    "ForwardingRule",
    "Urls",
    "concept_file",
    "concept_iri",
    "concept_url",
    "config_path",
    "edition_concept_url",
    "edition_iri",
    "edition_url",
    "forwarding_rules",
    "load_addresses",
    "permanent_concept_url",
    "permanent_edition_url",
    "permanent_source_url",
    "scheme_iri",
    "source_file",
    "source_iri",
    "source_page_url",
    "vocab_iri",
]

CONFIG_FILE = "mesakb.toml"
"""The name of the configuration file that holds the addresses."""

EDITIONS_PATH = "editions/"
"""Where frozen editions live under the hosting address: ``editions/<version>/``."""


@dataclass(frozen=True, slots=True)
class Addresses:
    """The two base addresses: permanent identifiers and the hosting address.

    Attributes:
        permanent: The namespace of permanent identifiers (ends with ``/``).
        site: Where the latest edition of the site is hosted (ends with ``/``).
    """

    permanent: str
    site: str


def config_path() -> Path:
    """Return the path of ``mesakb.toml``: inside the installed package, else the checkout.

    Examples:
        >>> config_path().name
        'mesakb.toml'
    """
    package = Path(__file__).resolve().parent
    packaged = package / "_content" / CONFIG_FILE
    return packaged if packaged.is_file() else package.parents[1] / CONFIG_FILE


def load_addresses(path: Path) -> Addresses:
    r"""Read the ``[addresses]`` table of a ``mesakb.toml`` file.

    Args:
        path: The configuration file.

    Returns:
        The addresses, each ending with a slash.

    Raises:
        ValueError: A missing address, or one that is not an ``https://`` URL ending
            with ``/``.

    Examples:
        >>> import tempfile
        >>> with tempfile.TemporaryDirectory() as d:
        ...     f = Path(d) / "mesakb.toml"
        ...     _ = f.write_text('[addresses]\npermanent = "https://w3id.org/x/"\n'
        ...                      'site = "https://x.github.io/x/"\n')
        ...     load_addresses(f).site
        'https://x.github.io/x/'
    """
    with path.open("rb") as stream:
        table = tomllib.load(stream).get("addresses", {})
    values = {}
    for name in ("permanent", "site"):
        value = table.get(name)
        if not isinstance(value, str) or not value.startswith("https://") or value[-1] != "/":
            raise ValueError(
                f"{path}: [addresses] {name} must be an https:// URL ending with '/', "
                f"found {value!r}"
            )
        values[name] = value
    return Addresses(**values)


ADDRESSES = load_addresses(config_path())
"""The addresses configured in ``mesakb.toml``."""

PERMANENT_URL = ADDRESSES.permanent
"""The namespace of permanent identifiers, e.g. ``https://w3id.org/mesakb/``."""

SITE_URL = ADDRESSES.site
"""The hosting address of the latest edition; concept pages live at ``concepts/<id>/``."""


def permanent_concept_url(id: str, version: str | None = None) -> str:
    """Return the permanent identifier of a concept (of one edition, if ``version``).

    Examples:
        >>> permanent_concept_url("x").removeprefix(PERMANENT_URL)
        'concept/x'
        >>> permanent_concept_url("x", "0.1.0").removeprefix(PERMANENT_URL)
        'edition/0.1.0/concept/x'
    """
    if version is None:
        return f"{PERMANENT_URL}concept/{id}"
    return f"{PERMANENT_URL}edition/{version}/concept/{id}"


def permanent_source_url(key: str) -> str:
    """Return the permanent identifier of a source's page.

    Examples:
        >>> permanent_source_url("paper").removeprefix(PERMANENT_URL)
        'source/paper'
    """
    return f"{PERMANENT_URL}source/{key}"


def permanent_edition_url(version: str) -> str:
    """Return the permanent identifier of an edition.

    Examples:
        >>> permanent_edition_url("0.1.0").removeprefix(PERMANENT_URL)
        'edition/0.1.0/'
    """
    return f"{PERMANENT_URL}edition/{version}/"


def edition_url(version: str, site: str | None = None) -> str:
    """Return the hosting address of a frozen edition.

    Examples:
        >>> edition_url("0.1.0", "https://h.org/")
        'https://h.org/editions/0.1.0/'
    """
    return f"{site or SITE_URL}{EDITIONS_PATH}{version}/"


def edition_concept_url(version: str, id: str) -> str:
    """Return the hosting address of a concept's page in a frozen edition.

    Examples:
        >>> edition_concept_url("0.1.0", "x").removeprefix(SITE_URL)
        'editions/0.1.0/concepts/x/'
    """
    return f"{edition_url(version)}concepts/{id}/"


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
    """Return the hosting address of a concept's page in the latest edition.

    Cite :func:`permanent_concept_url` instead: it outlives a move of the site.

    Examples:
        >>> concept_url("mesa-optimizer").removeprefix(SITE_URL)
        'concepts/mesa-optimizer/'
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


def source_page_url(key: str) -> str:
    """Return the hosting address of a source's page in the latest edition.

    Examples:
        >>> source_page_url("paper").removeprefix(SITE_URL)
        'sources/paper/'
    """
    return f"{SITE_URL}sources/{key}/"


@dataclass(frozen=True, slots=True)
class ForwardingRule:
    """One forwarding rule from a permanent identifier to a hosting address.

    Attributes:
        pattern: An anchored regular expression (Apache ``RewriteRule`` syntax, which
            Python's :mod:`re` reads the same way here) matched against the path under
            the permanent namespace, e.g. ``^concept/([a-z0-9-]+)$``.
        target: The address it forwards to, with ``$1``, ``$2`` for the groups.
        comment: What the rule is for.
    """

    pattern: str
    target: str
    comment: str


_ID = r"([a-z0-9]+(?:-[a-z0-9]+)*)"
_KEY = r"([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)"
_VERSION = r"([0-9]+(?:\.[0-9a-z]+)*)"


def forwarding_rules(
    tombstones: Mapping[str, str] | None = None, site: str | None = None
) -> list[ForwardingRule]:
    """Return the rules that forward every permanent identifier to the site, in order.

    The first rule that matches wins. Retired concepts (tombstones) forward to their
    replacement in the latest edition; in a frozen edition, an id forwards to that
    edition's own page (a tombstone page there, if it was one then).

    Args:
        tombstones: Retired concept id → the id that replaces it.
        site: The hosting address (default: :data:`SITE_URL`).

    Returns:
        The rules, most specific first.

    Examples:
        >>> rules = forwarding_rules({"old": "new"}, site="https://h.org/")
        >>> rules[0].pattern, rules[0].target
        ('^concept/old/?$', 'https://h.org/concepts/new/')
        >>> [r.target for r in rules if r.pattern.startswith("^concept/(")]
        ['https://h.org/concepts/$1/']
    """
    site = site or SITE_URL
    rules = [
        ForwardingRule(
            f"^concept/{old}/?$", f"{site}concepts/{new}/", f"{old} was replaced by {new}"
        )
        for old, new in sorted((tombstones or {}).items())
    ]
    editions = f"{site}{EDITIONS_PATH}"
    return [
        *rules,
        ForwardingRule(f"^concept/{_ID}/?$", f"{site}concepts/$1/", "a concept, latest edition"),
        ForwardingRule(f"^source/{_KEY}/?$", f"{site}sources/$1/", "a source, latest edition"),
        ForwardingRule(
            f"^edition/{_VERSION}/concept/{_ID}/?$",
            f"{editions}$1/concepts/$2/",
            "a concept in a frozen edition",
        ),
        ForwardingRule(
            f"^edition/{_VERSION}/source/{_KEY}/?$",
            f"{editions}$1/sources/$2/",
            "a source in a frozen edition",
        ),
        ForwardingRule(f"^edition/{_VERSION}/?$", f"{editions}$1/", "a frozen edition"),
        ForwardingRule("^$", site, "the namespace itself: the latest edition"),
    ]


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

    It is also the OBO id space: ``mesakb:<id>`` expands to the concept's permanent
    identifier.

    Examples:
        >>> scheme_iri().removeprefix(PERMANENT_URL)
        'concept/'
        >>> scheme_iri() + "x" == permanent_concept_url("x")
        True
    """
    return f"{PERMANENT_URL}concept/"


def concept_iri(id: str) -> str:
    """Return the IRI of a concept in the linked data: its permanent identifier.

    Examples:
        >>> concept_iri("x") == permanent_concept_url("x")
        True
    """
    return permanent_concept_url(id)


def source_iri(key: str) -> str:
    """Return the IRI of a cited work: the permanent identifier of its page.

    Examples:
        >>> source_iri("hubinger2019risks").removeprefix(PERMANENT_URL)
        'source/hubinger2019risks'
    """
    return permanent_source_url(key)


def vocab_iri(name: str = "") -> str:
    """Return the IRI of a term of mesakb's own RDF vocabulary (``mkbv:``).

    Examples:
        >>> vocab_iri("quote").removeprefix(PERMANENT_URL)
        'vocab#quote'
    """
    return f"{PERMANENT_URL}vocab#{name}"


def edition_iri(version: str) -> str:
    """Return the IRI of one edition of the knowledge base (``owl:versionIRI``).

    Examples:
        >>> edition_iri("0.1.0") == permanent_edition_url("0.1.0")
        True
    """
    return permanent_edition_url(version)

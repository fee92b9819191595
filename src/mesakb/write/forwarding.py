r"""Forwarding rules for permanent identifiers: ``w3id/.htaccess`` and ``w3id/_redirects``.

The permanent identifiers (``https://w3id.org/mesakb/concept/<id>`` …) forward to the
hosting address (:mod:`mesakb.urls`); a retired concept forwards to its replacement.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from mesakb.urls import SITE_URL, forwarding_rules, permanent_concept_url
from mesakb.write.serial import HEADER as _HEADER

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase

__all__ = ["htaccess", "netlify_redirects"]


def _tombstones(kb: KnowledgeBase) -> dict[str, str]:
    return {
        c.id: c.replaced_by
        for c in kb.concepts.values()
        if c.status == "deprecated" and c.replaced_by is not None
    }


def htaccess(kb: KnowledgeBase, site: str | None = None) -> str:
    r"""Return the Apache rules that forward permanent identifiers to the site (w3id.org).

    The file goes to the w3id.org repository as ``mesakb/.htaccess``; it is the
    configuration of :func:`mesakb.urls.forwarding_rules` in Apache's syntax.

    Args:
        kb: The knowledge base (for its tombstones).
        site: The hosting address (default: the configured one).

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> text = htaccess(mesakb.load(Path("tests/fixtures/kb")), "https://h.org/")
        >>> [line for line in text.splitlines() if "^source/" in line]
        ['RewriteRule ^source/([a-z][a-z0-9]*(?:[-_][a-z0-9]+)*)/?$ https://h.org/sources/$1/ [R=302,L]']
    """  # noqa: E501
    lines = [
        "# " + _HEADER.format(version=kb.version).replace("`", ""),
        f"# Permanent identifiers of mesakb ({permanent_concept_url('<id>')} and so on),",
        "# forwarded to where the site is hosted. Install as mesakb/.htaccess in",
        "# https://github.com/perma-id/w3id.org. The first rule that matches wins.",
        "Options +FollowSymLinks",
        "RewriteEngine on",
    ]
    for rule in forwarding_rules(_tombstones(kb), site):
        lines += [f"# {rule.comment}", f"RewriteRule {rule.pattern} {rule.target} [R=302,L]"]
    return "\n".join(lines) + "\n"


def netlify_redirects(kb: KnowledgeBase, site: str | None = None) -> str:
    """Return the same forwarding as a ``_redirects`` file (Netlify, Cloudflare Pages).

    For a static host that serves the permanent namespace itself. Placeholders stand
    for the groups of :func:`mesakb.urls.forwarding_rules`, which is why only its
    tombstones need a line each.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> text = netlify_redirects(mesakb.load(Path("tests/fixtures/kb")), "https://h.org/")
        >>> text.splitlines()[1]
        '/concept/:id https://h.org/concepts/:id/ 302'
    """
    site = site or SITE_URL
    lines = [f"# {_HEADER.format(version=kb.version).replace('`', '')}"]
    lines += [
        f"/concept/{old} {site}concepts/{new}/ 302" for old, new in sorted(_tombstones(kb).items())
    ]
    lines += [
        f"/concept/:id {site}concepts/:id/ 302",
        f"/source/:key {site}sources/:key/ 302",
        f"/edition/:version/concept/:id {site}editions/:version/concepts/:id/ 302",
        f"/edition/:version/source/:key {site}editions/:version/sources/:key/ 302",
        f"/edition/:version {site}editions/:version/ 302",
        f"/ {site} 302",
    ]
    return "\n".join(lines) + "\n"


# -- everything ---------------------------------------------------------------

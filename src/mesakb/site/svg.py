"""A concept's neighbourhood as a small inline SVG, laid out at build time.

The concept sits in the middle; the concepts it links to (either way) sit on a
circle around it, each edge labelled from the centre's point of view. No JavaScript
and no external library: the picture is plain SVG with links, so it works offline
and in print.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> svg = neighbourhood_svg(mesakb.load(Path("tests/fixtures/kb")), "mesa-optimizer")
    >>> svg.startswith("<svg") and "../optimizer/" in svg
    True
"""

from __future__ import annotations

import math
from collections.abc import Callable

from mesakb.kb.base import KnowledgeBase
from mesakb.site.html import escape

__all__ = ["neighbourhood_svg"]

WIDTH, HEIGHT = 640, 400
MAX_NEIGHBOURS = 12


def _label(text: str, limit: int = 28) -> str:
    return text if len(text) <= limit else text[: limit - 1] + "…"


def neighbourhood_svg(
    kb: KnowledgeBase, id: str, link: Callable[[str], str] = lambda other: f"../{other}/"
) -> str:
    """Return an SVG of a concept and its direct neighbours, or ``""`` if it has none.

    Args:
        kb: The knowledge base.
        id: The concept at the centre.
        link: Gives the href of another concept's page, relative to this one.

    Returns:
        An ``<svg>`` element whose nodes link to the neighbours' pages (at most
        twelve neighbours; the page lists them all).
    """
    links = kb.links(id)[:MAX_NEIGHBOURS]
    if not links:
        return ""
    cx, cy, radius = WIDTH / 2, HEIGHT / 2, min(WIDTH, HEIGHT) / 2 - 50
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {HEIGHT}" '
        f'class="mesakb-neighbourhood" role="img" '
        f'aria-label="{escape(kb.concepts[id].term)} and its neighbours">'
    ]
    nodes: list[str] = []
    for i, item in enumerate(links):
        angle = 2 * math.pi * i / len(links) - math.pi / 2
        x, y = cx + radius * math.cos(angle) * 1.35, cy + radius * math.sin(angle)
        mx, my = (cx + x) / 2, (cy + y) / 2
        css = "inverse" if item.inverse else "forward"
        parts.append(
            f'<line class="mesakb-edge {css}" x1="{cx:.1f}" y1="{cy:.1f}" '
            f'x2="{x:.1f}" y2="{y:.1f}"/>'
            f'<text class="mesakb-edge-label" x="{mx:.1f}" y="{my:.1f}" '
            f'text-anchor="middle">{escape(item.label)}</text>'
        )
        term = kb.concepts[item.concept].term
        nodes.append(
            f'<a href="{escape(link(item.concept))}"><title>{escape(term)}</title>'
            f'<circle class="mesakb-node" cx="{x:.1f}" cy="{y:.1f}" r="6"/>'
            f'<text class="mesakb-node-label" x="{x:.1f}" y="{y + 20:.1f}" '
            f'text-anchor="middle">{escape(_label(term))}</text></a>'
        )
    parts.extend(nodes)
    parts.append(
        f'<circle class="mesakb-node mesakb-centre" cx="{cx:.1f}" cy="{cy:.1f}" r="9"/>'
        f'<text class="mesakb-node-label mesakb-centre-label" x="{cx:.1f}" y="{cy - 16:.1f}" '
        f'text-anchor="middle">{escape(_label(kb.concepts[id].term, 40))}</text>'
    )
    parts.append("</svg>")
    return "".join(parts)

"""A concept's neighbourhood as a small inline SVG, laid out at build time.

The concept sits on the left; each concept it links to (either way) sits once in a
column on the right, with how it relates written above its name and an arrow giving
the direction of the edge as written (subject → object). The picture is drawn at its
natural size (it never scales up, and fits a 360 px phone column without scaling
down), so its labels are at least 11 px wherever it is shown. No JavaScript and no
external library: plain SVG with links, so it works offline and in print.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> svg = neighbourhood_svg(mesakb.load(Path("tests/fixtures/kb")), "mesa-optimizer")
    >>> svg.startswith("<svg") and "../optimizer/" in svg and "marker-end" in svg
    True
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field

from mesakb.kb.base import KnowledgeBase
from mesakb.site.html import escape
from mesakb.vocab import RELATIONS

__all__ = ["Neighbour", "neighbourhood_svg", "neighbours"]

WIDTH = 340
ROW = 34
TOP = 8
CENTRE_X = 22
NODE_X = 150
TEXT_X = NODE_X + 10
MAX_NEIGHBOURS = 12
LABEL_CHARS = 25
"""At 13 px, 25 characters of a term fit between the node and the right edge."""


@dataclass
class Neighbour:
    """One concept linked to the centre, with every relation between them.

    Attributes:
        id: The other concept.
        labels: How each link reads from the centre ("is a", "more specific").
        outgoing: Some directed edge runs centre → neighbour.
        incoming: Some directed edge runs neighbour → centre (symmetric relations,
            such as ``related``, have no direction and set neither).
    """

    id: str
    labels: list[str] = field(default_factory=list)
    outgoing: bool = False
    incoming: bool = False


def neighbours(kb: KnowledgeBase, id: str) -> list[Neighbour]:
    """Return each concept linked to ``id`` once, its relations merged, in link order.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> items = neighbours(mesakb.load(Path("tests/fixtures/kb")), "optimizer")
        >>> for n in items:
        ...     print(n.id, n.labels, n.outgoing, n.incoming)
        objective ['related to'] False False
        learned-algorithm ['related to'] False False
        mesa-optimizer ['more specific'] False True
    """
    found: dict[str, Neighbour] = {}
    for link in kb.links(id):
        item = found.setdefault(link.concept, Neighbour(link.concept))
        if link.label not in item.labels:
            item.labels.append(link.label)
        if RELATIONS[link.relation].symmetric:
            continue
        if link.inverse:
            item.incoming = True
        else:
            item.outgoing = True
    return list(found.values())


def _label(text: str, limit: int = LABEL_CHARS) -> str:
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
        twelve neighbours; the page lists them all). It repeats the relations listed
        on the page, so it is hidden from screen readers and its links from the Tab
        order.
    """
    items = neighbours(kb, id)[:MAX_NEIGHBOURS]
    if not items:
        return ""
    height = TOP * 2 + ROW * (len(items) + 1) - 10
    y0 = TOP + 14

    def row(i: int) -> float:
        return TOP + ROW * i + 20

    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {WIDTH} {height}" '
        f'width="{WIDTH}" height="{height}" class="mesakb-neighbourhood" aria-hidden="true">'
        "<defs>"
        '<marker id="mesakb-arrow" viewBox="0 0 10 10" refX="9" refY="5" markerWidth="8" '
        'markerHeight="8" markerUnits="userSpaceOnUse" orient="auto-start-reverse">'
        '<path class="mesakb-arrowhead" d="M0,0L10,5L0,10z"/></marker></defs>',
        # The trunk stands for the centre: every neighbour hangs off it on its own row.
        f'<line class="mesakb-edge mesakb-trunk" x1="{CENTRE_X}" y1="{y0:.1f}" '
        f'x2="{CENTRE_X}" y2="{row(len(items)):.1f}"/>',
        f'<circle class="mesakb-node mesakb-centre" cx="{CENTRE_X}" cy="{y0:.1f}" r="8"/>',
        f'<text class="mesakb-node-label mesakb-centre-label" x="{CENTRE_X + 16}" '
        f'y="{y0 + 5:.1f}">{escape(_label(kb.concepts[id].term, 34))}</text>',
    ]
    for i, item in enumerate(items, start=1):
        y = row(i)
        arrows = ""
        if item.outgoing:
            arrows += ' marker-end="url(#mesakb-arrow)"'
        if item.incoming:
            arrows += ' marker-start="url(#mesakb-arrow)"'
        term = kb.concepts[item.id].term
        relation = " · ".join(item.labels)
        css = "mesakb-edge" if item.outgoing or item.incoming else "mesakb-edge undirected"
        parts.append(
            f'<line class="{css}" x1="{CENTRE_X + 1}" y1="{y:.1f}" '
            f'x2="{NODE_X - 7}" y2="{y:.1f}"{arrows}/>'
            f'<a href="{escape(link(item.id))}" tabindex="-1"><title>{escape(term)}</title>'
            f'<circle class="mesakb-node" cx="{NODE_X}" cy="{y:.1f}" r="5"/>'
            f'<text class="mesakb-edge-label" x="{(CENTRE_X + NODE_X) // 2}" y="{y - 6:.1f}" '
            f'text-anchor="middle">{escape(_label(relation, 20))}</text>'
            f'<text class="mesakb-node-label" x="{TEXT_X}" y="{y + 5:.1f}">'
            f"{escape(_label(term))}</text></a>"
        )
    parts.append("</svg>")
    return "".join(parts)

"""A small knowledge base whose text tries to break every export format."""

from __future__ import annotations

from pathlib import Path

import yaml

HOSTILE_ID = "hostile-concept"


def hostile_texts(pwned: Path) -> dict[str, str]:
    """Return the hostile strings, with ``pwned`` as the file \\write18 would create."""
    tex = rf"\input{{/etc/passwd}} \write18{{touch {pwned}}}"
    return {
        "term": f'Mesa {{opt}} 100% #1 & "q" café_^~$ {tex}',
        "summary": (
            f'A {{summary}} with 50% & #2, "quotes", naïve “curly” … text, \\relax and {tex}.'
        ),
        "alias": r"alias {x} \& \textbf{bold} } {",
        "title": f'A "Title" {{with}} }}unbalanced{{ braces & 100% #3 — Ünïcode {tex}',
        "family": "Ng & {Co}",
        "given": r"Zoë \relax",
        "locator": r"sec. 2 ] [x] {y} 5% \relax",
        "url": "https://example.org/a{b}%20c#frag",
    }


def write_hostile_kb(root: Path, pwned: Path) -> dict[str, str]:
    """Write the hostile knowledge base under ``root``; return its strings."""
    texts = hostile_texts(pwned)
    (root / "concepts").mkdir(parents=True)
    (root / "sources").mkdir(parents=True)
    source = {
        "id": "hostile2020source",
        "type": "article-journal",
        "title": texts["title"],
        "author": [{"family": texts["family"], "given": texts["given"]}, {"literal": "A & B"}],
        "container-title": r"Journal of {Braces} & \Macros",
        "issued": {"date-parts": [[2020, 2, 29]]},
        "URL": texts["url"],
        "checked": True,
    }
    hostile = {
        "id": HOSTILE_ID,
        "term": texts["term"],
        "aliases": [{"label": texts["alias"], "scope": "exact"}],
        "kind": "concept",
        "summary": texts["summary"],
        "definitions": [
            {
                "quote": "A quoted definition.",
                "source": "hostile2020source",
                "locator": texts["locator"],
                "rank": "preferred",
            }
        ],
        "relations": {"is_a": ["plain-concept"], "related": ["other-concept"]},
    }
    plain = {
        "id": "plain-concept",
        "term": "plain concept",
        "kind": "concept",
        "summary": "A concept with nothing odd about it.",
        "definitions": [
            {
                "quote": "Plain.",
                "source": "hostile2020source",
                "locator": "sec. 1",
                "rank": "preferred",
            }
        ],
        "relations": {"related": ["other-concept", HOSTILE_ID]},
    }
    other = {
        "id": "other-concept",
        "term": "other concept",
        "kind": "property",
        "summary": "Another plain concept.",
        "relations": {"contrasts_with": ["plain-concept"]},
        "status": "draft",
    }
    for data, folder in ((source, "sources"), (hostile, "concepts")):
        path = root / folder / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    for data in (plain, other):
        path = root / "concepts" / f"{data['id']}.yaml"
        path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    return texts

"""Stored script injection, tried in headless Chromium on a built site: nothing runs.

A contributor adds concept files whose summaries hold HTML written as character
references or inside code spans, and a link title holding escaped markup. Such files
pass the check (they are text, not markup); the danger is the theme's tooltips,
which insert an element's ``title`` with ``innerHTML``. Every page that mentions
the terms is opened, every element with a title hovered and focused, and the test
asserts: no marker set by a payload (``window.__pwned``), no dialog, no element
made from the payload, no request leaving 127.0.0.1, no console error.

Uses Debian's chromium via Playwright (see ``tests/test_site_browser.py``); fails,
never skips, without them.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mesakb.read.loader import check
from mesakb.site.build import build
from site_tools import parse, serve
from test_site_browser import ARGS, CHROMIUM, FIXTURE, _need_browser

PAYLOADS = {
    "payload-entity": (
        "payload entity",
        'Looks plain: &lt;img src=x onerror="window.__pwned=1;alert(1)"&gt; and '
        "&#60;svg onload=window.__pwned=11&#62;.",
    ),
    "payload-code": (
        "payload code",
        'Shows `<img src=x onerror="window.__pwned=2;alert(2)">` as code.',
    ),
    "payload-title": (
        "payload title",
        'Links with a title: [see](https://example.org/ "&lt;img src=x '
        'onerror=window.__pwned=3&gt;").',
    ),
}

CONCEPT = """\
id: {id}
term: {term}
kind: concept
summary: '{summary}'
definitions:
  - quote: A payload is a payload.
    source: paper
    locator: sec. 1
    rank: preferred
relations:
  related: [optimizer, objective]
"""


def write_payload_kb(root: Path) -> None:
    """Copy the fixture knowledge base and add the payload concepts, mentioned elsewhere."""
    shutil.copytree(FIXTURE, root)
    for cid, (term, summary) in PAYLOADS.items():
        text = CONCEPT.format(id=cid, term=term, summary=summary.replace("'", "''"))
        (root / "concepts" / f"{cid}.yaml").write_text(text, encoding="utf-8")
    optimizer = root / "concepts" / "optimizer.yaml"
    optimizer.write_text(
        optimizer.read_text(encoding="utf-8")
        + "body: An optimizer is not a payload entity, a payload code or a payload title.\n",
        encoding="utf-8",
    )


@pytest.fixture(scope="module")
def payload_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    _need_browser()
    root = tmp_path_factory.mktemp("kb") / "kb"
    write_payload_kb(root)
    assert check(root).ok, "the payload files must pass the check to reach the site"
    folder = build(root, tmp_path_factory.mktemp("site") / "site")
    with serve(folder) as base:
        yield base, folder


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


PAGES = [
    "concepts/optimizer/",
    "concepts/payload-entity/",
    "concepts/payload-code/",
    "concepts/payload-title/",
    "concepts/",
    "glossary/",
]


@pytest.mark.parametrize("path", PAGES)
def test_no_payload_runs_on_a_page_or_its_tooltips(
    browser: Any, payload_site: tuple[str, Path], path: str
) -> None:
    base, _ = payload_site
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    outside: list[str] = []
    dialogs: list[str] = []
    errors: list[str] = []

    def on_request(route: Any) -> None:
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", on_request)
    page.on("dialog", lambda d: (dialogs.append(d.message), d.dismiss()))
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.goto(base + path)
    # Handles, not a locator: the theme moves a title out of its element while shown.
    titled = page.query_selector_all("article [title]")
    shown = []
    assert len(titled) >= (3 if path == "concepts/optimizer/" else 0)
    for element in titled:
        if element.is_visible():
            element.scroll_into_view_if_needed()
            element.hover()
        element.evaluate("e => e.focus()")
        page.wait_for_timeout(150)
        shown += [t.text_content() or "" for t in page.query_selector_all(".md-tooltip2__inner")]
    page.wait_for_timeout(300)
    pwned = page.evaluate("window.__pwned")
    made = page.evaluate("document.querySelectorAll('img[src=x], svg[onload]').length")
    context.close()
    assert pwned is None
    assert dialogs == []
    assert made == 0
    assert outside == []
    # Material logs a 404 for nothing here; any console error is a finding.
    assert errors == []
    if path == "concepts/optimizer/":
        assert any("<img src=x" in tip for tip in shown)  # the tooltip shows it as text


def test_no_event_handler_attribute_reaches_any_built_page(
    payload_site: tuple[str, Path],
) -> None:
    _, folder = payload_site
    found = []
    for html_file in sorted(folder.rglob("*.html")):
        for tag, name, value in parse(html_file).attrs:
            if name.startswith("on") or (tag == "img" and value == "x"):
                found.append(f"{html_file.relative_to(folder)}: <{tag} {name}={value!r}>")
    assert found == []

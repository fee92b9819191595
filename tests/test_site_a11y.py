"""The reader's site for everyone: axe-core, keyboard, touch, both themes, phone and desktop.

Headless Debian chromium driven by Playwright (never ``playwright install``), on the
real content built and served on 127.0.0.1. axe-core is the copy shipped inside the
``axe-playwright-python`` package (a pinned dev dependency), injected into each page:
nothing is downloaded at run time. Without chromium, playwright or axe the tests fail.
"""

from __future__ import annotations

import functools
import http.server
import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mesakb.site.build import build
from test_site_browser import ARGS, CHROMIUM, REPO, _need_browser

THEMES = ("light", "dark")
WIDTHS = (1280, 390)
PAGES = [
    "",
    "concepts/deceptive-alignment/",
    "concepts/mesa-objective/",
    "concepts/mesa-optimizer/",
    "concepts/",
    "glossary/",
    "explore/",
    "explore/?focus=deceptive-alignment",
    "sources/",
    "sources/hubinger2019risks/",
    "guides/python/",
    "guides/citing/",
    "guides/authoring/",
    "no/such/page/",
]


def _axe_source() -> str:
    from axe_playwright_python import __file__ as package

    return (Path(package).parent / "axe.min.js").read_text(encoding="utf-8")


def _serve_with_404(folder: Path) -> tuple[http.server.ThreadingHTTPServer, str]:
    """Serve a folder as a static host does: a missing path gets 404.html, status 404."""

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def send_error(
            self, code: int, message: str | None = None, explain: str | None = None
        ) -> None:
            page = folder / "404.html"
            if code != 404 or not page.is_file():
                super().send_error(code, message, explain)
                return
            body = page.read_bytes()
            self.send_response(404)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

    handler = functools.partial(Handler, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server, f"http://127.0.0.1:{server.server_port}/"


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The repository's own content, built and served with a 404 page."""
    _need_browser()
    folder = build(REPO, tmp_path_factory.mktemp("a11y-site"))
    server, base = _serve_with_404(folder)
    try:
        yield base
    finally:
        server.shutdown()
        server.server_close()


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    _need_browser()
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@contextmanager
def _page(
    browser: Any, *, width: int = 1280, theme: str = "light", **options: Any
) -> Iterator[Any]:
    """A page in a fresh context; fails on console errors or requests off 127.0.0.1."""
    height = 900 if width > 600 else 844
    context = browser.new_context(
        viewport={"width": width, "height": height}, color_scheme=theme, **options
    )
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []

    def on_request(route: Any) -> None:
        if urlsplit(route.request.url).hostname != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", on_request)
    page.on("pageerror", lambda e: errors.append(str(e)))
    page.on(
        "console",
        lambda m: (
            errors.append(m.text)
            if m.type == "error" and "404" not in m.text  # the 404 page's own status
            else None
        ),
    )
    try:
        yield page
    finally:
        context.close()
    assert outside == [], outside
    assert errors == [], errors


def _serious(page: Any) -> list[str]:
    page.evaluate(_axe_source())
    result = page.evaluate("axe.run(document, {resultTypes: ['violations']})")
    return [
        f"{v['id']} ({v['impact']}) x{len(v['nodes'])}: {v['nodes'][0]['target']}"
        for v in result["violations"]
        if v["impact"] in ("serious", "critical")
    ]


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("theme", THEMES)
def test_no_serious_axe_violations_on_any_kind_of_page(
    browser: Any, site: str, theme: str, width: int
) -> None:
    found = {}
    with _page(browser, width=width, theme=theme) as page:
        for path in PAGES:
            page.goto(site + path)
            if path.startswith("explore/"):
                page.wait_for_selector(".mesakb-explorer-graph .node")
            if path.startswith("no/"):
                page.wait_for_selector("#mesakb-suggest li")
            scheme = page.evaluate("document.body.getAttribute('data-md-color-scheme')")
            assert scheme == ("slate" if theme == "dark" else "default")
            problems = _serious(page)
            if problems:
                found[path or "home"] = problems
    assert found == {}


_FOCUSED = """() => {
  const e = document.activeElement;
  if (!e || e === document.body) return null;
  const shown = (x) => { const r = x.getBoundingClientRect();
    return r.width > 0 && r.height > 0
      && x.checkVisibility({opacityProperty: true, visibilityProperty: true}); };
  const label = e.labels && e.labels.length ? e.labels[0] : null;
  const text = (e.textContent || "").trim().slice(0, 30);
  return {name: e.tagName + "." + (e.getAttribute("class") || "") + " " + text,
          visible: shown(e) || (label !== null && shown(label))};
}"""


@pytest.mark.parametrize("path", ["concepts/mesa-optimizer/", "explore/", ""])
def test_every_tab_stop_is_visible(browser: Any, site: str, path: str) -> None:
    with _page(browser) as page:
        page.goto(site + path)
        page.wait_for_timeout(300)
        hidden = []
        for _ in range(45):
            page.keyboard.press("Tab")
            focused = page.evaluate(_FOCUSED)
            if focused and not focused["visible"]:
                page.wait_for_timeout(400)  # fade-in transitions (permalinks)
                focused = page.evaluate(_FOCUSED)
            # The skip link is drawn only while it has the focus, off the layout flow.
            if focused and not focused["visible"] and "md-skip" not in focused["name"]:
                hidden.append(focused["name"])
        assert hidden == []


def test_skip_link_then_a_few_tabs_reach_the_cite_button(browser: Any, site: str) -> None:
    with _page(browser) as page:
        page.goto(site + "concepts/mesa-optimizer/")
        page.keyboard.press("Tab")
        assert page.evaluate("document.activeElement.className").startswith("md-skip")
        page.keyboard.press("Enter")
        presses = 0
        while page.evaluate("document.activeElement.textContent.trim()") != "Cite this concept":
            presses += 1
            assert presses <= 3, "the Cite button is more than 3 Tab presses past the skip link"
            page.keyboard.press("Tab")
        page.keyboard.press("Enter")
        assert urlsplit(page.url).fragment == "cite-this"
        assert page.locator("#cite-this ~ .highlight code").first.is_visible()


@pytest.mark.parametrize("width", WIDTHS)
@pytest.mark.parametrize("path", ["concepts/deceptive-alignment/", "concepts/mesa-optimizer/"])
def test_concept_page_leads_with_what_matters(
    browser: Any, site: str, path: str, width: int
) -> None:
    with _page(browser, width=width) as page:
        page.goto(site + path)
        height = page.viewport_size["height"]
        for selector in (
            "h1#term",
            ".mesakb-meta .mesakb-alias",
            ".mesakb-summary",
            "a.md-button[href='#cite-this']",
            "blockquote.mesakb-preferred .mesakb-attribution",
        ):
            box = page.locator(selector).first.bounding_box()
            assert box is not None, selector
            assert box["y"] + box["height"] <= height, f"{selector} is below the first screen"
        # Competing definitions read on a phone: cards, no sideways scrolling, no rank column.
        assert page.locator("table.mesakb-definitions").count() == 0
        cards = page.locator("li.mesakb-card")
        assert cards.count() >= 1
        for card in cards.all():
            assert card.evaluate("c => c.scrollWidth <= c.clientWidth + 1")
            assert "— " in card.locator(".mesakb-attribution").inner_text()


@pytest.mark.parametrize("width", WIDTHS)
def test_neighbourhood_is_legible_at_its_shown_size(browser: Any, site: str, width: int) -> None:
    with _page(browser, width=width) as page:
        page.goto(site + "concepts/mesa-optimizer/")
        svg = page.locator("svg.mesakb-neighbourhood")
        sizes = svg.evaluate(
            """s => [...s.querySelectorAll("text")].map(t => {
                 const scale = s.getBoundingClientRect().width / s.viewBox.baseVal.width;
                 return parseFloat(getComputedStyle(t).fontSize) * scale; })"""
        )
        assert sizes
        assert min(sizes) >= 11
        hrefs = svg.evaluate("s => [...s.querySelectorAll('a')].map(a => a.getAttribute('href'))")
        assert len(hrefs) == len(set(hrefs))  # each neighbour once
        assert svg.locator("line[marker-end], line[marker-start]").count() >= 1
        labels = svg.evaluate(
            "s => [...s.querySelectorAll('.mesakb-edge-label')].map(t => t.textContent)"
        )
        assert "is a" in labels
        link = page.locator("figure.mesakb-graph a", has_text="Explore the graph")
        assert link.get_attribute("href") == "../../explore/?focus=mesa-optimizer"


def _contrast(page: Any, selector: str, prop: str) -> list[float]:
    return list(
        page.evaluate(
            """([selector, prop]) => {
  const rgb = (c) => { const x = document.createElement("canvas").getContext("2d");
    x.fillStyle = c; x.fillRect(0, 0, 1, 1); return x.getImageData(0, 0, 1, 1).data; };
  const lum = (c) => { const [r, g, b] = [c[0], c[1], c[2]].map(v => { v /= 255;
    return v <= 0.03928 ? v / 12.92 : Math.pow((v + 0.055) / 1.055, 2.4); });
    return 0.2126 * r + 0.7152 * g + 0.0722 * b; };
  const bg = lum(rgb(getComputedStyle(document.body).backgroundColor));
  return [...document.querySelectorAll(selector)].map(e => {
    const l = lum(rgb(getComputedStyle(e)[prop]));
    return (Math.max(l, bg) + 0.05) / (Math.min(l, bg) + 0.05); });
}""",
            [selector, prop],
        )
    )


@pytest.mark.parametrize("theme", THEMES)
def test_explorer_starts_focused_readable_and_labelled(browser: Any, site: str, theme: str) -> None:
    with _page(browser, theme=theme) as page:
        page.goto(site + "explore/")
        page.wait_for_selector(".mesakb-explorer-graph .node")
        ids = page.locator(".mesakb-explorer-graph .node").evaluate_all(
            "ns => ns.map(n => n.dataset.id)"
        )
        assert "mesa-optimizer" in ids
        assert 3 <= len(ids) <= 30  # focused, not all 75
        boxes = page.locator(".mesakb-explorer-graph text").evaluate_all(
            "ts => ts.map(t => { const r = t.getBoundingClientRect(); "
            "return [r.left, r.top, r.right, r.bottom]; })"
        )
        overlapping = [
            (a, b)
            for i, a in enumerate(boxes)
            for b in boxes[i + 1 :]
            if a[0] < b[2] - 1 and b[0] < a[2] - 1 and a[1] < b[3] - 1 and b[1] < a[3] - 1
        ]
        assert overlapping == []
        assert page.locator(".mesakb-explorer-graph line[marker-end]").count() >= 1
        assert page.locator(".mesakb-explorer-graph .mesakb-edge-label").count() >= 3
        assert page.locator("ul.mesakb-legend li").count() >= 3
        assert page.locator("table.mesakb-edges tbody tr").count() > 50
        for selector, prop in (
            (".mesakb-explorer-graph .mesakb-node", "fill"),
            (".mesakb-explorer-graph .mesakb-edge", "stroke"),
            (".mesakb-explorer-graph .mesakb-arrowhead", "fill"),
        ):
            ratios = _contrast(page, selector, prop)
            assert ratios, selector
            assert min(ratios) >= 3, (selector, min(ratios))


def test_explorer_works_from_the_keyboard_in_a_few_tab_presses(browser: Any, site: str) -> None:
    with _page(browser) as page:
        page.goto(site + "explore/?focus=deceptive-alignment")
        page.wait_for_selector(".mesakb-explorer-graph .node")
        page.locator("select[name=focus]").focus()
        stops = []
        for _ in range(8):
            page.keyboard.press("Tab")
            stops.append(
                page.evaluate("document.activeElement.closest('#mesakb-explorer') !== null")
            )
            if not stops[-1]:
                break
        assert not stops[-1]
        assert len(stops) <= 5  # select, depth, filters, graph, out
        # Back into the graph: one stop, arrow keys move, Space re-centres, Enter opens.
        page.keyboard.press("Shift+Tab")
        assert page.evaluate("document.activeElement.dataset.id") == "deceptive-alignment"
        page.keyboard.press("ArrowDown")
        other = page.evaluate("document.activeElement.dataset.id")
        assert other
        assert other != "deceptive-alignment"
        page.keyboard.press(" ")
        assert f"focus={other}" in page.url
        assert page.evaluate("document.activeElement.dataset.id") == other
        page.keyboard.press("Enter")
        page.wait_for_url(f"**/concepts/{other}/")


def test_term_previews_work_on_touch(browser: Any, site: str) -> None:
    with _page(browser, width=390, has_touch=True, is_mobile=True) as page:
        page.goto(site + "concepts/deceptive-alignment/")
        link = page.locator(".mesakb-body a.mesakb-term").first
        link.scroll_into_view_if_needed()
        before = page.url
        link.tap()
        page.locator(".md-tooltip--active, .md-tooltip2--active").wait_for()
        assert page.url == before  # the first tap previews
        href = str(link.get_attribute("href"))
        with page.expect_navigation():
            link.tap()  # the second follows
        assert page.url.endswith("/concepts/" + href.strip("./").split("/")[-1] + "/")
        assert page.url != before


def test_missing_page_suggests_concepts(browser: Any, site: str) -> None:
    with _page(browser) as page:
        response = page.goto(site + "concepts/decepitve-alignmnt/")
        assert response is not None
        assert response.status == 404
        first = page.locator("#mesakb-suggest a").first
        first.wait_for()
        assert first.get_attribute("href") == "/concepts/deceptive-alignment/"


def test_home_page_starts_a_reading_path(browser: Any, site: str) -> None:
    with _page(browser) as page:
        page.goto(site)
        path = page.locator("h2#start-here ~ ol").first.locator("a")
        assert path.count() >= 5
        hrefs = path.evaluate_all("as => as.map(a => a.getAttribute('href'))")
        assert all(h.startswith("concepts/") for h in hrefs)
        names = json.loads(page.request.get(site + "concepts/names.json").text())
        assert {h.split("/")[1] for h in hrefs} <= {n["id"] for n in names}

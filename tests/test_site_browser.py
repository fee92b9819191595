"""What a reader does, in headless Chromium: search, read a concept, copy a citation.

Uses Debian's chromium (``apt-get install chromium``) driven by Playwright; never
``playwright install``. The site is built from the fixture knowledge base and served
on 127.0.0.1; every request must stay there. Screenshots go to build/screenshots/.
Without chromium the tests skip locally and fail when ``CI=true``.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mesakb.site import build
from site_tools import serve

CHROMIUM = "/usr/bin/chromium"
ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
FIXTURE = Path(__file__).parent / "fixtures" / "kb"
SHOTS = Path(__file__).resolve().parents[1] / "build" / "screenshots"


def _need_browser() -> None:
    missing = []
    if not shutil.which("chromium") and not Path(CHROMIUM).is_file():
        missing.append("chromium (apt-get install -y chromium)")
    try:
        import playwright.sync_api  # noqa: F401
    except ImportError:
        missing.append("playwright (pip install playwright)")
    if missing:
        message = "browser tests need " + " and ".join(missing)
        pytest.fail(message)


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    _need_browser()
    folder = build(FIXTURE, tmp_path_factory.mktemp("site"))
    with serve(folder) as base:
        yield base


@pytest.fixture(scope="module")
def browser(site: str) -> Iterator[Any]:
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield b
        b.close()


@pytest.fixture
def page(browser: Any, site: str) -> Iterator[Any]:
    """A fresh page that records console errors and any request leaving 127.0.0.1."""
    context = browser.new_context(viewport={"width": 1280, "height": 900})
    page = context.new_page()
    errors: list[str] = []
    outside: list[str] = []

    def on_request(route: Any) -> None:
        host = urlsplit(route.request.url).hostname
        if host != "127.0.0.1":
            outside.append(route.request.url)
            route.abort()
        else:
            route.continue_()

    context.route("**/*", on_request)
    page.on("console", lambda m: errors.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: errors.append(str(e)))
    yield page
    context.close()
    assert outside == [], f"requests left localhost: {outside}"
    assert errors == [], f"console errors: {errors}"


def search(page: Any, site: str, text: str) -> list[str]:
    page.goto(site)
    page.locator("input.md-search__input").click()
    page.keyboard.type(text, delay=10)
    page.wait_for_selector(".md-search-result__item, .mesakb-typo-hit", timeout=5000)
    page.wait_for_timeout(300)
    hits = page.locator(".md-search-result__item a, a.mesakb-typo-hit")
    return [str(h.get_attribute("href")) for h in hits.all()]


def test_search_for_an_alias_finds_its_concept(page: Any, site: str) -> None:
    hrefs = search(page, site, "inner optimizer")
    assert any("concepts/mesa-optimizer/" in h for h in hrefs[:3])


@pytest.mark.parametrize("typo", ["inner optimzer", "mesa-optimzer", "lerned algoritm"])
def test_search_with_a_typo_finds_the_concept(page: Any, site: str, typo: str) -> None:
    search(page, site, typo)
    typo_hits = page.locator("a.mesakb-typo-hit")
    first = str(typo_hits.first.get_attribute("href"))
    expected = "learned-algorithm" if "lerned" in typo else "mesa-optimizer"
    assert f"concepts/{expected}/" in first


def test_concept_page_shows_definition_math_and_citation(page: Any, site: str) -> None:
    from pybtex.database import parse_string

    page.goto(site + "concepts/mesa-optimizer/")
    definition = page.locator("blockquote.mesakb-definition").first
    assert "learned algorithm that is itself an optimizer" in definition.inner_text()
    assert definition.locator("a", has_text="Doe 2019").get_attribute("href") == (
        "../../sources/paper/"
    )
    assert page.locator(".mesakb-formal math").count() == 1
    assert page.locator("math mi", has_text="X").count() >= 1
    bib = page.locator("#cite-this ~ .highlight code").first.inner_text()
    entries = parse_string(bib, "bibtex").entries
    entry = entries["mesakb:mesa-optimizer"]
    assert entry.fields["url"] == "https://mesakb.example.org/concepts/mesa-optimizer/"
    assert "0.1.0" in entry.fields["howpublished"]
    page.wait_for_selector("#cite-this ~ .highlight button[data-md-type=copy]", state="attached")
    page.locator("figure.mesakb-graph a").first.wait_for()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize("path", ["concepts/mesa-optimizer/", "glossary/", "explore/"])
def test_screenshots(page: Any, site: str, path: str, width: int) -> None:
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(site + path)
    if path == "explore/":
        page.wait_for_selector(".mesakb-explorer-graph .node")
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "-") or "home"
    page.screenshot(path=str(SHOTS / f"{name}-{width}.png"), full_page=True)


def test_explorer_focus_and_filter_live_in_the_hash(page: Any, site: str) -> None:
    page.goto(site + "explore/#focus=optimizer&depth=1&rel=is_a")
    page.wait_for_selector(".mesakb-explorer-graph .node")
    ids = {n.get_attribute("data-id") for n in page.locator(".mesakb-explorer-graph .node").all()}
    assert ids == {"optimizer", "mesa-optimizer"}
    page.locator(".mesakb-explorer-graph .node[data-id=mesa-optimizer]").click()
    assert "focus=mesa-optimizer" in page.url
    assert page.locator("table.mesakb-edges tr").count() > 1


def test_glossary_and_source_pages_work(page: Any, site: str) -> None:
    page.goto(site + "glossary/")
    page.locator("dl.mesakb-glossary a", has_text="mesa-optimizer").first.click()
    assert page.url.endswith("concepts/mesa-optimizer/")
    page.goto(site + "sources/paper/")
    assert page.locator("ul.mesakb-citing a", has_text="mesa-optimizer").count() == 1

"""What a reader does, in headless Chromium: search, read a concept, copy a citation.

Uses Debian's chromium (``apt-get install chromium``) driven by Playwright; never
``playwright install``. Two sites are built and served on 127.0.0.1: the small fixture
knowledge base (plus a retired concept, to follow its redirect) and the real content
of the repository. Every request must stay on 127.0.0.1 and no page may log a console
error. Screenshots of the real site go to build/screenshots/. Without chromium or
playwright the tests fail (they never skip).
"""

from __future__ import annotations

import shutil
import textwrap
from collections.abc import Iterator
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import pytest

from mesakb.__about__ import __released__
from mesakb.site.build import build
from mesakb.urls import permanent_concept_url
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
REPO = Path(__file__).resolve().parents[1]
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


RETIRED = """\
id: inner-optimiser
term: inner optimiser
kind: concept
summary: An old entry, merged into mesa-optimizer.
status: deprecated
replaced_by: mesa-optimizer
"""


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """The fixture knowledge base, with one retired concept, built and served."""
    _need_browser()
    root = tmp_path_factory.mktemp("kb") / "kb"
    shutil.copytree(FIXTURE, root)
    (root / "concepts" / "inner-optimiser.yaml").write_text(textwrap.dedent(RETIRED))
    folder = build(root, tmp_path_factory.mktemp("site"))
    with serve(folder) as base:
        yield base


@pytest.fixture(scope="module")
def real_site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """The repository's own content, built and served: (base URL, output folder)."""
    _need_browser()
    folder = build(REPO, tmp_path_factory.mktemp("real-site"))
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


@pytest.fixture
def page(browser: Any) -> Iterator[Any]:
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
    page.on(
        "console", lambda m: errors.append(f"{page.url}: {m.text}") if m.type == "error" else None
    )
    page.on("pageerror", lambda e: errors.append(f"{page.url}: {e}"))
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
    # Copy the BibTeX with its button, as a reader would, and parse the clipboard.
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    page.locator("#cite-this ~ .highlight button[data-md-type=copy]").first.click()
    bib = page.evaluate("navigator.clipboard.readText()")
    assert bib.strip() == page.locator("#cite-this ~ .highlight code").first.inner_text().strip()
    entries = parse_string(bib, "bibtex").entries
    entry = entries["mesakb:mesa-optimizer"]
    pinned = permanent_concept_url("mesa-optimizer", "0.1.0")
    assert entry.fields["url"] == pinned
    assert "0.1.0" in entry.fields["howpublished"]
    markdown = page.locator("#cite-this ~ .highlight code", has_text="](").first.inner_text()
    assert markdown.strip() == f"[mesa-optimizer]({pinned}) (mesakb, version 0.1.0, {__released__})"
    page.locator("figure.mesakb-graph a").first.wait_for()


@pytest.mark.parametrize("width", [1280, 390])
@pytest.mark.parametrize(
    "path",
    ["", "concepts/deceptive-alignment/", "glossary/", "explore/", "sources/hubinger2019risks/"],
)
def test_screenshots(page: Any, real_site: tuple[str, Path], path: str, width: int) -> None:
    base, _ = real_site
    page.set_viewport_size({"width": width, "height": 900})
    page.goto(base + path)
    if path == "explore/":
        page.wait_for_selector(".mesakb-explorer-graph .node")
    SHOTS.mkdir(parents=True, exist_ok=True)
    name = path.strip("/").replace("/", "-") or "home"
    shot = SHOTS / f"{name}-{width}.png"
    page.screenshot(path=str(shot), full_page=True)
    assert shot.stat().st_size > 10_000  # a page with content, not a blank one


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


def test_a_retired_concept_redirects_to_its_replacement(page: Any, site: str) -> None:
    page.goto(site + "concepts/inner-optimiser/")
    page.wait_for_url("**/concepts/mesa-optimizer/")
    assert page.locator("h1#term").inner_text() == "mesa-optimizer"


def test_real_search_finds_a_typo_and_shows_the_matched_alias(
    page: Any, real_site: tuple[str, Path]
) -> None:
    base, _ = real_site
    hrefs = search(page, base, "decepitve alignment")
    assert "concepts/deceptive-alignment/" in hrefs[0]
    search(page, base, "inner optimiser")
    box = page.locator(".mesakb-typo")
    assert "concepts/mesa-optimizer/" in str(box.locator("a").first.get_attribute("href"))
    assert "(inner optimizer)" in box.inner_text()


def test_real_search_ranks_the_term_above_pages_that_mention_it(
    page: Any, real_site: tuple[str, Path]
) -> None:
    base, _ = real_site
    search(page, base, "base objective")
    # The concept list above the full-text results names the concept first; the
    # concept's own page is also among Material's full-text results (whose order is
    # lunr's: its stemmer matches "based" in a title to "base", so a page titled
    # "internals-based selection" can come first there).
    page.wait_for_selector("a.mesakb-typo-hit")
    first = page.locator("a.mesakb-typo-hit").first
    assert "concepts/base-objective/" in str(first.get_attribute("href"))
    page.wait_for_selector(".md-search-result__item")
    links = page.locator(".md-search-result__item a")
    hrefs = [str(links.nth(i).get_attribute("href")) for i in range(links.count())]
    assert any("concepts/base-objective/" in href for href in hrefs), hrefs


def _ready_search(page: Any, base: str, path: str = "") -> Any:
    """Open a page, focus the search box and wait until the concept index is loaded."""
    page.goto(base + path)
    box = page.locator("input.md-search__input")
    box.click()
    page.wait_for_function("window.mesakbSearch && window.mesakbSearch('x') !== null")
    return box


def _shown(page: Any, box: Any, text: str) -> list[str]:
    """Type a query; return the concept ids the search box shows, best first."""
    box.fill(text)
    page.wait_for_function(
        "q => { const b = document.querySelector('.mesakb-typo');"
        " return b && b.getAttribute('data-query') === q; }",
        arg=text,
    )
    return [
        str(a.get_attribute("data-id"))
        for a in page.locator(".mesakb-typo a.mesakb-typo-hit").all()
    ]


def test_the_query_table_gives_the_same_results_in_the_browser_as_in_python(
    page: Any, real_site: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    """One search: the built site's search box ranks every query of the table as kb.search."""
    import mesakb
    from search_table import load_table, score

    kb = mesakb.load()
    table = load_table()
    base, _ = real_site
    box = _ready_search(page, base, "concepts/mesa-optimizer/")
    shown, in_browser = score(table, lambda text: _shown(page, box, text)[:3])
    in_python, python_ids = score(table, lambda text: [h.id for h in kb.search(text, limit=3)])
    with capsys.disabled():
        print("\n" + shown.report("site search box") + "\n" + in_python.report("kb.search"))
    assert in_browser == python_ids
    assert shown.top3 == shown.total
    assert shown.top1 >= 0.9 * shown.total
    # Not only the top three: every hit, its score, field and matched label agree.
    for q in table:
        js = page.evaluate("q => window.mesakbSearch(q)", q.query)
        py = kb.search(q.query, limit=10_000)
        assert [(h["id"], h["score"], h["field"], h["matched"]) for h in js] == [
            (h.id, h.score, h.field, h.matched) for h in py
        ], q.query


def test_search_loads_its_indexes_only_when_the_reader_searches(
    page: Any, real_site: tuple[str, Path], capsys: pytest.CaptureFixture[str]
) -> None:
    base, folder = real_site
    fetched: list[str] = []
    page.on("request", lambda r: fetched.append(urlsplit(r.url).path))
    page.goto(base + "concepts/deceptive-alignment/")
    page.wait_for_load_state("networkidle")
    indexes = ("/search/search_index.json", "/search/concepts.json")
    assert not [p for p in fetched if p in indexes]
    page.locator("input.md-search__input").click()
    page.locator("input.md-search__input").fill("inner optimizer")
    page.locator(".mesakb-typo a.mesakb-typo-hit").first.wait_for()
    # Marks set by the page: the box got focus (index requested), concepts first shown.
    load, shown = page.evaluate(
        "['mesakb-search-load', 'mesakb-search-shown']"
        ".map(n => performance.getEntriesByName(n)[0].startTime)"
    )
    first = (shown - load) / 1000
    assert "concepts/mesa-optimizer/" in str(
        page.locator(".mesakb-typo a.mesakb-typo-hit").first.get_attribute("href")
    )
    page.locator(".md-search-result__item").first.wait_for()  # full text still works
    assert [p for p in indexes if p in fetched] == list(indexes)
    size = (folder / "search" / "concepts.json").stat().st_size
    with capsys.disabled():
        print(f"\nfirst search: concepts shown {first * 1000:.0f} ms after focus; index {size:,} B")
    assert first < 5


def test_a_query_naming_no_concept_says_so_and_offers_a_way_on(
    page: Any, real_site: tuple[str, Path]
) -> None:
    base, _ = real_site
    box = _ready_search(page, base)
    assert _shown(page, box, "quantum annealing") == []
    missing = page.locator(".mesakb-typo .mesakb-concept-missing")
    assert "is not in the knowledge base" in missing.inner_text()
    assert _shown(page, box, "quantum optimizer") == []  # one word of a label is not enough
    assert page.locator(".mesakb-typo a.mesakb-concept-near").count() >= 1
    propose = page.locator(".mesakb-typo a.mesakb-concept-propose")
    href = str(propose.get_attribute("href"))
    response = page.goto(href if href.startswith("http") else base + href.lstrip("/"))
    assert response is not None
    assert response.status == 200
    assert "guides/authoring/" in page.url


def test_enter_opens_the_first_concept(page: Any, real_site: tuple[str, Path]) -> None:
    base, _ = real_site
    box = _ready_search(page, base + "glossary/")
    assert _shown(page, box, "optimisation daemon")[0] == "mesa-optimizer"
    page.locator(".md-search-result__item").first.wait_for()
    box.press("End")
    box.press("Enter")
    page.wait_for_url("**/concepts/mesa-optimizer/")
    # With no concept to show, the message's links never take Enter from Material (no
    # console error either: the page fixture checks).
    box = _ready_search(page, base)
    assert _shown(page, box, "quantum optimizer") == []
    box.press("End")
    box.press("Enter")
    page.wait_for_load_state()


def test_full_text_snippets_leave_formulas_out(site: str) -> None:
    """Material's index flattens MathML (3x⁴ would read "3x4"): formulas are kept out."""
    import json
    import urllib.request

    with urllib.request.urlopen(site + "search/search_index.json") as response:
        docs = json.load(response)["docs"]
    text = " ".join(doc["text"] for doc in docs)
    assert "learned algorithm" in text  # the index is there
    assert "∈" not in text
    assert "argmax" not in text


def test_real_concept_page_links_terms_with_a_tooltip(
    page: Any, real_site: tuple[str, Path]
) -> None:
    import mesakb

    base, _ = real_site
    page.goto(base + "concepts/deceptive-alignment/")
    link = page.locator(".mesakb-body a.mesakb-term", has_text="mesa-optimizer").first
    assert link.get_attribute("href") == "../mesa-optimizer/"
    link.hover()
    tooltip = page.locator(".md-tooltip--active, .md-tooltip2--active")
    tooltip.wait_for()
    summary = " ".join(mesakb.load()["mesa-optimizer"].summary.split())
    assert summary[:40] in " ".join(tooltip.inner_text().split())
    assert page.locator(".mesakb-formal math").count() == 1
    assert page.locator("h2#worked-example").count() == 1


def _forwards(html: Path) -> bool:
    return 'http-equiv="refresh"' in html.read_text(encoding="utf-8")


def test_every_real_page_loads_cleanly_and_fits_a_phone(
    page: Any, real_site: tuple[str, Path]
) -> None:
    base, folder = real_site
    pages = sorted(p.relative_to(folder).parent.as_posix() for p in folder.rglob("index.html"))
    assert len(pages) > 90
    # A retired concept's page forwards at once (its redirect has its own test); the
    # page it forwards to is in the list.
    pages = [p for p in pages if not _forwards(folder / p / "index.html")]
    page.set_viewport_size({"width": 390, "height": 900})
    wide = []
    for path in pages:
        response = page.goto(base + ("" if path == "." else path + "/"))
        assert response is not None
        assert response.status == 200, path
        # A phone reader scrolls down, never across: wide tables and math scroll inside.
        overflow = page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
        if overflow > 0:
            wide.append(f"{path}: {overflow}px too wide")
    assert wide == []
    # The page fixture fails the test on any console error or request off 127.0.0.1.

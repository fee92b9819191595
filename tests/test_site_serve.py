"""``mesakb serve`` rebuilds incrementally, and the result is what a full build makes.

The serve tests run mkdocs's own build the way ``mkdocs serve --dirty`` (what
``mesakb serve`` runs) does, without the server: one session, several builds into the
same folder. The render tests check :func:`mesakb.site.incremental.render_site`
against :func:`mesakb.site.pages.site_pages` on a synthetic knowledge base.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from mkdocs.commands.build import build as mkdocs_build
from mkdocs.config import load_config
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import Abort

import mesakb
from mesakb.model import Concept
from mesakb.site.build import OFFLINE_ENV, ROOT_ENV, build, config_file
from mesakb.site.files import site_pages
from mesakb.site.incremental import render_site, stale_pages
from mesakb.vocab import RELATIONS

SERVE_URL = "http://127.0.0.1:8000/"

UNRELATED = """\
id: gradient-descent
term: gradient descent
kind: concept
summary: A way to train a model by following the slope of its loss.
definitions:
  - quote: Training follows the slope of the loss.
    source: paper
    locator: sec. 2
    rank: preferred
"""


@pytest.fixture
def kb(kb_copy: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """The fixture knowledge base plus a concept nothing links to, as the site's content."""
    (kb_copy / "concepts" / "gradient-descent.yaml").write_text(UNRELATED, encoding="utf-8")
    monkeypatch.setenv(ROOT_ENV, str(kb_copy))
    monkeypatch.setenv(OFFLINE_ENV, "false")
    return kb_copy


@contextmanager
def serving(site: Path) -> Iterator[Callable[[], None]]:
    """Yield a function that builds into ``site`` as each rebuild of ``mesakb serve`` does.

    Mirrors ``mkdocs.commands.serve.serve``: the configuration is loaded anew for each
    build, with the local address as site URL, and built with ``dirty=True``.
    """

    def config() -> MkDocsConfig:
        cfg = load_config(str(config_file()), site_dir=str(site), strict=True)
        cfg.site_url = SERVE_URL
        return cfg

    startup = config()
    startup.plugins.on_startup(command="serve", dirty=True)
    try:
        yield lambda: mkdocs_build(config(), serve_url=SERVE_URL, dirty=True)
    finally:
        startup.plugins.on_shutdown()


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{path} has no {old!r}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def outputs(site: Path) -> dict[str, bytes]:
    # The sitemap holds the build date; everything else must match byte for byte.
    return {
        p.relative_to(site).as_posix(): p.read_bytes()
        for p in sorted(site.rglob("*"))
        if p.is_file() and not p.name.startswith("sitemap.xml")
    }


def differences(got: dict[str, bytes], want: dict[str, bytes]) -> list[str]:
    return sorted(
        [f"missing {name}" for name in want.keys() - got.keys()]
        + [f"stale {name}" for name in got.keys() - want.keys()]
        + [f"differs {name}" for name in got.keys() & want.keys() if got[name] != want[name]]
    )


def search_index(site: Path) -> list[dict[str, str]]:
    docs: list[dict[str, str]] = json.loads((site / "search/search_index.json").read_text())["docs"]
    return docs


# -- serving: the output after a rebuild is the output of a full build ------------------


EDITS: dict[str, Callable[[Path], None]] = {
    "summary": lambda kb: edit(
        kb / "concepts/objective.yaml", "summary: ", "summary: Freshly edited summary. "
    ),
    "body": lambda kb: edit(
        kb / "concepts/mesa-optimizer.yaml", "not written.", "not written but grown."
    ),
    "relation added": lambda kb: edit(
        kb / "concepts/objective.yaml",
        "relations:\n",
        "relations:\n  part_of: [learned-algorithm]\n",
    ),
    "relation removed": lambda kb: edit(
        kb / "concepts/mesa-optimizer.yaml", "  requires: [objective]\n", ""
    ),
    "term": lambda kb: edit(kb / "concepts/objective.yaml", "term: objective", "term: goal"),
    "source": lambda kb: edit(kb / "sources/paper.yaml", "title: A Paper", "title: The Paper"),
    "concept removed": lambda kb: (kb / "concepts/gradient-descent.yaml").unlink(),
    "concept added": lambda kb: (kb / "concepts/stochastic-gradient-descent.yaml").write_text(
        UNRELATED.replace("gradient-descent", "stochastic-gradient-descent").replace(
            "term: gradient", "term: stochastic gradient"
        ),
        encoding="utf-8",
    ),
}


@pytest.mark.parametrize("change", EDITS.values(), ids=EDITS.keys())
def test_rebuild_after_an_edit_equals_a_full_build(
    kb: Path, tmp_path: Path, change: Callable[[Path], None]
) -> None:
    with serving(tmp_path / "served") as rebuild:
        rebuild()
        change(kb)
        rebuild()
    with serving(tmp_path / "fresh") as rebuild:
        rebuild()
    got, want = outputs(tmp_path / "served"), outputs(tmp_path / "fresh")
    assert differences(got, want) == []


def test_rebuild_writes_only_what_the_edit_changed(kb: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with serving(site) as rebuild:
        rebuild()
        pages_before = {doc["location"].partition("#")[0] for doc in search_index(site)}
        # Mark every output with a time no build writes: what is written again loses it.
        mark = time.time_ns() + 86_400 * 10**9
        for path in site.rglob("*"):
            if path.is_file():
                os.utime(path, ns=(mark, mark))
        edit(kb / "concepts/objective.yaml", "summary: ", "summary: Freshly edited summary. ")
        edit(
            kb / "concepts/objective.yaml",
            "relations:\n",
            "relations:\n  part_of: [learned-algorithm]\n",
        )
        rebuild()

    def written(page: str) -> str | None:
        path = site / page
        return path.read_text(encoding="utf-8") if path.stat().st_mtime_ns != mark else None

    edited = written("concepts/objective/index.html")
    assert edited is not None
    assert "Freshly edited summary." in edited
    related = written("concepts/optimizer/index.html")  # lists objective with its summary
    assert related is not None
    assert "Freshly edited summary." in related
    part = written("concepts/learned-algorithm/index.html")  # gains a backlink
    assert part is not None
    assert RELATIONS["part_of"].inverse_label in part
    glossary = written("glossary/index.html")
    assert glossary is not None
    assert "Freshly edited summary." in glossary
    assert written("concepts/gradient-descent/index.html") is None
    assert written("guides/cli/index.html") is None
    assert written("index.html") is None

    docs = search_index(site)
    assert {doc["location"].partition("#")[0] for doc in docs} == pages_before
    objective = [doc for doc in docs if doc["location"] == "concepts/objective/"]
    assert len(objective) == 1
    assert "Freshly edited summary." in objective[0]["text"]
    assert len(docs) == len({doc["location"] for doc in docs})  # no page indexed twice


def test_removed_concept_leaves_the_served_site(kb: Path, tmp_path: Path) -> None:
    site = tmp_path / "site"
    with serving(site) as rebuild:
        rebuild()
        assert (site / "concepts/gradient-descent/index.html").is_file()
        (kb / "concepts/gradient-descent.yaml").unlink()
        rebuild()
    assert not (site / "concepts/gradient-descent").exists()
    assert "gradient-descent" not in (site / "glossary/index.html").read_text()
    assert "gradient-descent" not in (site / "concepts/index.html").read_text()
    assert not [doc for doc in search_index(site) if "gradient-descent" in doc["location"]]


def test_broken_edit_stops_the_rebuild_and_the_fix_resumes_it(
    kb: Path, tmp_path: Path, caplog: pytest.LogCaptureFixture
) -> None:
    site = tmp_path / "site"
    concept = kb / "concepts/objective.yaml"
    with serving(site) as rebuild:
        rebuild()
        before = outputs(site)
        edit(concept, "relations:\n", "relations:\n  part_of: [no-such-concept]\n")
        with pytest.raises(Abort):
            rebuild()
        assert "unknown concept 'no-such-concept'" in caplog.text
        assert outputs(site) == before
        edit(concept, "  part_of: [no-such-concept]\n", "  part_of: [learned-algorithm]\n")
        rebuild()
    with serving(tmp_path / "fresh") as rebuild:
        rebuild()
    assert differences(outputs(site), outputs(tmp_path / "fresh")) == []


def test_clean_build_after_a_serve_session_is_unchanged(kb: Path, tmp_path: Path) -> None:
    first = outputs(build(kb, tmp_path / "first"))
    with serving(tmp_path / "served") as rebuild:
        rebuild()
        edit(kb / "concepts/objective.yaml", "summary: ", "summary: Edited. ")
        rebuild()
        edit(kb / "concepts/objective.yaml", "summary: Edited. ", "summary: ")
        rebuild()
    assert differences(outputs(build(kb, tmp_path / "again")), first) == []


# -- rendering: only the pages an edit may change are rendered again --------------------


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> mesakb.KnowledgeBase:
    out = tmp_path_factory.mktemp("synthetic")
    synth = Path(__file__).resolve().parents[1] / "benchmarks" / "synth.py"
    subprocess.run([sys.executable, str(synth), "60", str(out)], check=True)
    return mesakb.load(out)


def changed(kb: mesakb.KnowledgeBase, id: str, **fields: object) -> mesakb.KnowledgeBase:
    concepts = dict(kb.concepts)
    concepts[id] = Concept.model_validate({**kb.concepts[id].model_dump(), **fields})
    return mesakb.KnowledgeBase(concepts, kb.sources)


CONCEPT_EDITS: dict[str, Callable[[Concept], dict[str, object]]] = {
    "summary": lambda c: {"summary": "A freshly edited summary."},
    "body": lambda c: {"body": "A freshly edited body."},
    "kind": lambda c: {"kind": "property" if c.kind != "property" else "problem"},
    "relation added": lambda c: {
        "relations": {**dict(c.relations.items()), "contrasts_with": ["concept-00001"]}
    },
    "relations removed": lambda c: {"relations": {}},
    "definitions": lambda c: {"definitions": [c.definitions[0].model_dump() | {"locator": "p. 9"}]},
}


@pytest.mark.parametrize("change", CONCEPT_EDITS.values(), ids=CONCEPT_EDITS.keys())
def test_render_site_renders_few_pages_and_equals_site_pages(
    synthetic: mesakb.KnowledgeBase, change: Callable[[Concept], dict[str, object]]
) -> None:
    id = "concept-00030"
    previous = render_site(synthetic)
    new = changed(synthetic, id, **change(synthetic.concepts[id]))
    contents = {page.src_uri: page.content for page in previous.pages}
    stale = stale_pages(synthetic, new, contents)
    assert stale is not None
    assert f"concepts/{id}.md" in stale
    assert len(stale) < len(contents) / 2
    assert render_site(new, previous=previous).pages == tuple(site_pages(new))


@pytest.mark.parametrize("fields", [{"term": "fresh term"}, {"aliases": []}])
def test_render_site_renders_everything_when_a_term_changes(
    synthetic: mesakb.KnowledgeBase, fields: dict[str, object]
) -> None:
    new = changed(synthetic, "concept-00030", **fields)
    previous = render_site(synthetic)
    contents = {page.src_uri: page.content for page in previous.pages}
    assert stale_pages(synthetic, new, contents) is None
    assert render_site(new, previous=previous).pages == tuple(site_pages(new))


def test_render_site_updates_a_term_link_tooltip_on_an_unrelated_page(
    synthetic: mesakb.KnowledgeBase,
) -> None:
    target = synthetic.concepts["concept-00059"]  # the last: nothing requires it
    page = next(  # a concept whose page shows nothing of the target
        c.id
        for c in synthetic
        if c != target
        and target.id not in {link.concept for link in synthetic.links(c.id)}
        and target not in synthetic.prerequisites(c.id)
    )
    old = changed(synthetic, page, body=f"Compare the {target.term} here.")
    new = changed(old, target.id, summary="A freshly edited summary.")
    previous = render_site(old)
    result = render_site(new, previous=previous)
    before, after = (
        next(p.content for p in pages if p.src_uri == f"concepts/{page}.md")
        for pages in (previous.pages, result.pages)
    )
    assert "A freshly edited summary." in after
    assert before != after
    assert result.pages == tuple(site_pages(new))


def test_render_site_renders_everything_for_another_url_style(
    synthetic: mesakb.KnowledgeBase,
) -> None:
    from mesakb.urls import Urls

    previous = render_site(synthetic)
    result = render_site(synthetic, urls=Urls(directory=False), previous=previous)
    assert result.pages == tuple(site_pages(synthetic, urls=Urls(directory=False)))


def test_loading_with_a_file_cache_gives_the_same_result(kb: Path) -> None:
    from mesakb.read.loader import FileCache, check

    cache = FileCache()
    check(kb, cache=cache)
    edit(
        kb / "concepts/objective.yaml", "relations:\n", "relations:\n  part_of: [no-such-concept]\n"
    )
    (kb / "concepts/optimizer.yaml").write_text("id: [unclosed\n", encoding="utf-8")
    cached, fresh = check(kb, cache=cache), check(kb)
    assert cached.diagnostics == fresh.diagnostics
    assert any(d.code == "KB201" for d in cached.diagnostics)  # the broken reference
    assert (cached.concepts, cached.sources) == (fresh.concepts, fresh.sources)
    assert cached.documents.keys() == fresh.documents.keys()
    assert len(cache) == len(list(kb.glob("*/*.yaml")))


# -- the real command: `mesakb serve` as a process, on 127.0.0.1 -------------------------


def _get(url: str) -> str | None:
    import urllib.error
    import urllib.request

    try:
        with urllib.request.urlopen(url, timeout=5) as response:
            text: str = response.read().decode("utf-8")
            return text
    except (urllib.error.URLError, ConnectionError, TimeoutError):
        return None


def _wait_for(url: str, text: str, seconds: float) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        page = _get(url)
        if page is not None and text in page:
            return True
        time.sleep(0.1)
    return False


def test_mesakb_serve_shows_an_edit_without_a_restart(kb_copy: Path) -> None:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    command = [sys.executable, "-m", "mesakb.cli", "--root", str(kb_copy), "serve"]
    server = subprocess.Popen(
        [*command, "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
        text=True,
    )
    url = f"http://127.0.0.1:{port}/concepts/objective/"
    try:
        assert _wait_for(url, "<h1", 120), "mesakb serve never served the concept page"
        edit(kb_copy / "concepts/objective.yaml", "summary: ", "summary: Served after an edit. ")
        assert _wait_for(url, "Served after an edit.", 60), "the edit never reached the page"
        # The neighbour's page shows the new summary too, and the search index has it.
        neighbour = f"http://127.0.0.1:{port}/concepts/mesa-optimizer/"
        assert _wait_for(neighbour, "Served after an edit.", 10)
        index = _get(f"http://127.0.0.1:{port}/search/search_index.json")
        assert index is not None
        assert "Served after an edit." in index
    finally:
        server.terminate()
        _, errors = server.communicate(timeout=30)
    assert "Traceback" not in errors

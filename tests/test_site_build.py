"""The whole site, built with mkdocs (strict) from the fixture and the real content."""

from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
import yaml

import mesakb
from mesakb.site.build import build
from site_tools import broken_links, parse
from test_site_render import executable, hostile_kb

REPO = Path(__file__).resolve().parents[1]
FIXTURE = Path(__file__).parent / "fixtures" / "kb"


@pytest.fixture(scope="module")
def fixture_site(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return build(FIXTURE, tmp_path_factory.mktemp("site"))


def test_fixture_site_has_every_page(fixture_site: Path) -> None:
    for path in (
        "index.html",
        "concepts/index.html",
        "concepts/mesa-optimizer/index.html",
        "sources/paper/index.html",
        "glossary/index.html",
        "explore/index.html",
        "explore/graph.json",
        "guides/authoring/index.html",
        "search/search_index.json",
    ):
        assert (fixture_site / path).is_file(), path


def test_fixture_site_links_resolve(fixture_site: Path) -> None:
    assert broken_links(fixture_site) == []


def test_concept_page_edit_link_points_at_its_yaml(fixture_site: Path) -> None:
    html_text = (fixture_site / "concepts/mesa-optimizer/index.html").read_text()
    assert 'href="https://github.com/mesakb/mesakb/edit/main/concepts/mesa-optimizer.yaml"' in (
        html_text
    )


def test_authoring_guide_lists_the_error_codes(fixture_site: Path) -> None:
    html_text = (fixture_site / "guides/authoring/index.html").read_text()
    assert all(f"<code>{code}</code>" in html_text for code in mesakb.CODES)


def test_search_index_includes_aliases(fixture_site: Path) -> None:
    index = json.loads((fixture_site / "search/search_index.json").read_text())
    docs = [d for d in index["docs"] if d["location"] == "concepts/mesa-optimizer/"]
    assert docs
    assert "inner optimizer" in docs[0]["text"]
    # The labels around the aliases (kind, status, "also called") stay out of the index.
    assert "stable" not in docs[0]["text"]
    assert "also called" not in docs[0]["text"]


def test_site_loads_nothing_from_the_network(fixture_site: Path) -> None:
    for html_file in fixture_site.rglob("*.html"):
        for tag, attr, value in parse(html_file).refs:
            external = value.startswith(("http", "//"))
            canonical = tag == "link" and value.startswith(mesakb.SITE_URL)
            if tag in ("script", "link", "img", "iframe") and external and not canonical:
                pytest.fail(f"{html_file}: {tag}[{attr}]={value}")
    assert "fonts.googleapis" not in (fixture_site / "index.html").read_text()


def test_site_url_matches_the_citations() -> None:
    from mesakb.urls import SITE_URL

    config = (REPO / "mkdocs.yml").read_text()
    assert f"site_url: {SITE_URL}\n" in config


def test_hostile_content_builds_inert(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    kb = hostile_kb()
    monkeypatch.setattr(sys.modules["mesakb.kb.loading"], "load", lambda root: kb)
    site = build(FIXTURE, tmp_path / "site")
    for page in ("concepts/bad", "concepts/good", "sources/evil", "glossary"):
        html_text = (site / page / "index.html").read_text()
        article = html_text.split("<article", 1)[1].split("</article>", 1)[0]
        assert executable("<article" + article) == [], page
        assert "alert(1)" not in "".join(
            text for _, text in parse(site / page / "index.html").scripts
        )
        title = re.search(r"<title>(.*?)</title>", html_text)
        assert title
        assert "<" not in title.group(1)


def test_offline_build_uses_file_urls_and_links_resolve(tmp_path: Path) -> None:
    site = build(FIXTURE, tmp_path / "site", offline=True)
    assert (site / "concepts/mesa-optimizer.html").is_file()
    assert (site / "search/search_index.js").is_file()
    assert broken_links(site) == []


def test_broken_content_stops_the_build(kb_copy: Path, tmp_path: Path) -> None:
    path = kb_copy / "concepts" / "optimizer.yaml"
    data = yaml.safe_load(path.read_text())
    data["relations"]["related"].append("no-such-concept")
    path.write_text(yaml.safe_dump(data))
    with pytest.raises(mesakb.CheckError) as info:
        build(kb_copy, tmp_path / "site")
    assert any(d.code == "KB201" for d in info.value.diagnostics)
    assert not (tmp_path / "site" / "index.html").exists()


def test_real_content_builds_and_links_resolve(tmp_path: Path) -> None:
    site = build(REPO, tmp_path / "site")
    kb = mesakb.load(REPO)
    for concept in kb:
        assert (site / "concepts" / concept.id / "index.html").is_file()
    assert broken_links(site) == []


def test_cli_build(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from mesakb.cli import main

    assert main(["--root", str(FIXTURE), "build", "--site-dir", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "concepts" / "mesa-optimizer" / "index.html").is_file()
    assert "built the site" in capsys.readouterr().err


def test_every_hand_written_page_is_in_the_nav() -> None:
    class Loader(yaml.SafeLoader):
        pass

    Loader.add_constructor("!ENV", lambda loader, node: None)
    config = yaml.load((REPO / "mkdocs.yml").read_text(), Loader=Loader)

    def targets(items: object) -> list[str]:
        if isinstance(items, str):
            return [items]
        if isinstance(items, list):
            return [t for item in items for t in targets(item)]
        if isinstance(items, dict):
            return [t for value in items.values() for t in targets(value)]
        return []

    in_nav = set(targets(config["nav"]))
    pages = {p.relative_to(REPO / "site").as_posix() for p in (REPO / "site").rglob("*.md")}
    assert pages - in_nav == set()

"""Permanent addresses: the forwarding rules `mesakb export` writes, applied by a local
web server to two built editions, resolve every concept id, every tombstone (to its
replacement), every source and every edition to the right page. And nothing shipped
names a host that does not exist."""

from __future__ import annotations

import functools
import http.server
import re
import shutil
import subprocess
import threading
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

import mesakb
from mesakb.site.build import build
from mesakb.urls import EDITIONS_PATH, PERMANENT_URL, SITE_URL
from mesakb.write.release import export_files, htaccess, netlify_redirects

ROOT = Path(__file__).parent.parent
FIXTURE = Path(__file__).parent / "fixtures" / "kb"
OLD = "0.1.0"  # the frozen edition
RETIRED, REPLACEMENT = "learned-algorithm", "optimizer"


def _retire(root: Path) -> None:
    """The latest edition retires a concept: its file becomes a tombstone."""
    path = root / "concepts" / f"{RETIRED}.yaml"
    text = path.read_text("utf-8")
    text = re.sub(
        r"(?m)^kind: (.*)$", rf"kind: \1\nstatus: deprecated\nreplaced_by: {REPLACEMENT}", text
    )
    path.write_text(text, "utf-8")


def _rules(text: str) -> list[tuple[re.Pattern[str], str]]:
    """Read the RewriteRules of an .htaccess file, in order, as Apache does."""
    rules = []
    for line in text.splitlines():
        if line.startswith("RewriteRule "):
            _, pattern, target, flags = line.split(" ")
            assert flags == "[R=302,L]", line
            rules.append((re.compile(pattern), target))
    assert text.count("RewriteEngine on") == 1
    return rules


def _forward(rules: list[tuple[re.Pattern[str], str]], path: str) -> str | None:
    for pattern, target in rules:
        match = pattern.search(path)
        if match:
            return match.expand(re.sub(r"\$(\d)", r"\\g<\1>", target))
    return None


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory,
) -> Iterator[tuple[str, str, mesakb.KnowledgeBase]]:
    """A local host serving /w3id/mesakb/ (the generated rules) and /site/ (two editions)."""
    tmp = tmp_path_factory.mktemp("addresses")
    old_root, new_root = tmp / "old", tmp / "new"
    shutil.copytree(FIXTURE, old_root)
    shutil.copytree(FIXTURE, new_root)
    _retire(new_root)
    kb = mesakb.load(new_root)
    site = tmp / "public"
    build(new_root, site)
    build(old_root, site / EDITIONS_PATH / OLD)
    rules: list[tuple[re.Pattern[str], str]] = []

    class Handler(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

        def do_GET(self) -> None:
            if self.path.startswith("/w3id/mesakb/"):
                target = _forward(rules, self.path.removeprefix("/w3id/mesakb/"))
                if target is None:
                    self.send_error(404)
                    return
                self.send_response(302)
                self.send_header("Location", target)
                self.end_headers()
                return
            if not self.path.startswith("/site/"):
                self.send_error(404)
                return
            self.path = self.path.removeprefix("/site")
            super().do_GET()

    server = http.server.ThreadingHTTPServer(
        ("127.0.0.1", 0), functools.partial(Handler, directory=str(site))
    )
    base = f"http://127.0.0.1:{server.server_port}/"
    rules += _rules(htaccess(kb, site=base + "site/"))
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield base + "w3id/mesakb/", base + "site/", kb
    finally:
        server.shutdown()
        server.server_close()
        thread.join()


def _get(url: str) -> tuple[str, str]:
    with urllib.request.urlopen(url, timeout=10) as response:  # follows the 302
        return response.geturl(), response.read().decode("utf-8")


def _h1(html_text: str) -> str:
    match = re.search(r"<h1[^>]*>(.*?)</h1>", html_text, re.S)
    assert match is not None
    return re.sub(r"<[^>]+>", "", match.group(1)).strip()


def test_every_permanent_concept_id_resolves_to_its_latest_page(
    server: tuple[str, str, mesakb.KnowledgeBase],
) -> None:
    w3id, site, kb = server
    for cid, concept in kb.concepts.items():
        final, page = _get(f"{w3id}concept/{cid}")
        if cid == RETIRED:
            assert final == f"{site}concepts/{REPLACEMENT}/"
            assert _h1(page) == kb.concepts[REPLACEMENT].term
        else:
            assert final == f"{site}concepts/{cid}/"
            assert _h1(page) == concept.term


def test_every_source_resolves(server: tuple[str, str, mesakb.KnowledgeBase]) -> None:
    w3id, site, kb = server
    for key, source in kb.sources.items():
        final, page = _get(f"{w3id}source/{key}")
        assert final == f"{site}sources/{key}/"
        assert source.title in page


def test_edition_pinned_ids_resolve_to_the_frozen_edition(
    server: tuple[str, str, mesakb.KnowledgeBase],
) -> None:
    w3id, site, kb = server
    for cid in kb.concepts:
        final, page = _get(f"{w3id}edition/{OLD}/concept/{cid}")
        assert final == f"{site}{EDITIONS_PATH}{OLD}/concepts/{cid}/"
        # In the frozen edition the retired concept is still a full page, not a tombstone.
        assert "mesakb-tombstone" not in page
    final, page = _get(f"{w3id}edition/{OLD}/")
    assert final == f"{site}{EDITIONS_PATH}{OLD}/"
    assert "<h1" in page
    final, _ = _get(f"{w3id}edition/{OLD}/source/paper")
    assert final == f"{site}{EDITIONS_PATH}{OLD}/sources/paper/"
    final, _ = _get(w3id)
    assert final == site


def test_the_latest_edition_shows_the_tombstone_itself(
    server: tuple[str, str, mesakb.KnowledgeBase],
) -> None:
    _, site, _ = server
    _, page = _get(f"{site}concepts/{RETIRED}/")
    assert "mesakb-tombstone" in page


def test_unknown_and_malformed_ids_are_not_forwarded(
    server: tuple[str, str, mesakb.KnowledgeBase],
) -> None:
    w3id, _, _ = server
    for path in ("concept/Not_An_Id", "concept/a/../../etc", "nothing/x", "edition/x/"):
        with pytest.raises(urllib.error.HTTPError) as caught:
            _get(w3id + path)
        assert caught.value.code == 404
        caught.value.close()


def test_committed_forwarding_rules_use_the_configured_addresses() -> None:
    files = export_files(mesakb.load())
    text = files["w3id/.htaccess"].decode()
    targets = [target for _, target in _rules(text)]
    assert targets
    assert all(target.startswith(SITE_URL) for target in targets)
    assert f"{PERMANENT_URL}concept/" in text
    redirects = files["w3id/_redirects"].decode()
    assert f"/concept/:id {SITE_URL}concepts/:id/ 302" in redirects.splitlines()


def test_netlify_redirects_list_tombstones_before_the_general_rule(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "kb")
    _retire(tmp_path / "kb")
    lines = netlify_redirects(mesakb.load(tmp_path / "kb"), "https://h.org/").splitlines()
    assert lines.index(f"/concept/{RETIRED} https://h.org/concepts/{REPLACEMENT}/ 302") < (
        lines.index("/concept/:id https://h.org/concepts/:id/ 302")
    )


def _shipped_files() -> list[str]:
    out = subprocess.run(
        ["git", "ls-files", "--cached", "--others", "--exclude-standard"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    return [name for name in out.splitlines() if (ROOT / name).is_file()]


def test_nothing_shipped_names_example_org() -> None:
    """Test fixtures (and this test) are the only files that may name example.org."""
    allowed = ("tests/", "benchmarks/")  # fixtures and synthetic test data
    offenders = []
    for name in _shipped_files():
        if name.startswith(allowed):
            continue
        text = (ROOT / name).read_bytes().decode("utf-8", errors="replace")
        if "example.org" in text or "example.com" in text:
            offenders.append(name)
    assert offenders == []

"""Helpers for the site tests: build with mkdocs, check links, serve a folder."""

from __future__ import annotations

import functools
import http.server
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urljoin, urlsplit


class _Page(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: set[str] = set()
        self.refs: list[tuple[str, str, str]] = []  # (tag, attribute, value)
        self.scripts: list[tuple[dict[str, str | None], str]] = []
        self.attrs: list[tuple[str, str, str]] = []
        self._script: dict[str, str | None] | None = None
        self._text: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            self.attrs.append((tag, name, value or ""))
            if name in ("id", "name") and value:
                self.ids.add(value)
            if name in ("href", "src") and value is not None:
                self.refs.append((tag, name, value))
        if tag == "script":
            self._script = dict(attrs)
            self._text = []

    def handle_data(self, data: str) -> None:
        if self._script is not None:
            self._text.append(data)

    def handle_endtag(self, tag: str) -> None:
        if tag == "script" and self._script is not None:
            self.scripts.append((self._script, "".join(self._text)))
            self._script = None


@functools.cache
def parse(path: Path) -> _Page:
    page = _Page()
    page.feed(path.read_text(encoding="utf-8"))
    return page


def broken_links(site: Path) -> list[str]:
    """Return every internal href/src (and #anchor) of the built site that does not resolve."""
    problems = []
    for html_file in sorted(site.rglob("*.html")):
        rel = html_file.relative_to(site).as_posix()
        page_url = "http://site.invalid/" + rel
        for tag, attr, value in parse(html_file).refs:
            parts = urlsplit(value)
            if parts.scheme or value.startswith("//"):
                continue  # external: not ours to check (and never fetched by the tests)
            target = urlsplit(urljoin(page_url, value))
            path = unquote(target.path).lstrip("/")
            file = site / path
            if path == "" or path.endswith("/"):
                file = file / "index.html"
            if not file.is_file():
                problems.append(f"{rel}: {tag}[{attr}]={value!r} -> missing {path or '/'}")
                continue
            if target.fragment and file.suffix == ".html":
                fragment = unquote(target.fragment)
                if fragment not in parse(file).ids:
                    problems.append(f"{rel}: {tag}[{attr}]={value!r} -> no #{fragment}")
    return problems


@contextmanager
def serve(folder: Path) -> Iterator[str]:
    """Serve a folder on 127.0.0.1 in a thread; yield the base URL."""

    class Quiet(http.server.SimpleHTTPRequestHandler):
        def log_message(self, format: str, *args: object) -> None:
            pass

    handler = functools.partial(Quiet, directory=str(folder))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_port}/"
    finally:
        server.shutdown()
        server.server_close()
        thread.join()

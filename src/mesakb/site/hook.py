"""The mkdocs hook: hands the pages rendered by :mod:`mesakb.site.pages` to mkdocs.

Listed under ``hooks:`` in ``mkdocs.yml``. Thin on purpose: it loads the knowledge
base, asks :func:`mesakb.site.pages.site_pages` for every generated file, and adds
them to mkdocs's file collection in memory. Nothing is written to the docs folder.

While serving, a rebuild does only what an edit changed. ``mesakb serve`` runs
``mkdocs serve --dirty``, which skips the pages whose file is not modified; this hook
renders again only the pages the edit may have changed
(:func:`mesakb.site.incremental.render_site`), tells mkdocs that a generated page is
not modified when the output folder already holds exactly its Markdown's page, and
completes the search index with the entries of the pages that were skipped. A change
to ``mkdocs.yml``, to the theme or to the set of hand-written pages, and any failed
build, makes the next build a full one into an emptied folder. mkdocs loads a hook
module once per process (it caches hooks across configuration reloads), so the state
of a serve session lives here, as ``_command`` always has.
"""

from __future__ import annotations

import gc
import hashlib
import json
import logging
import os
import posixpath
from pathlib import Path
from typing import Any

import jinja2
import jinja2.bccache
from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import CombinedEvent, event_priority
from mkdocs.structure.files import File, Files, InclusionLevel
from mkdocs.utils import clean_directory

from mesakb.kb.base import KnowledgeBase
from mesakb.read.loader import FileCache
from mesakb.site.files import GeneratedFile
from mesakb.site.incremental import Rendered, merge_search_docs, render_site
from mesakb.urls import Urls

log = logging.getLogger("mkdocs.plugins.mesakb")


_command = "build"
_home: str = ""
"""The home page's generated part (reading path, latest additions), from the last load."""


class _TemplateCache(jinja2.BytecodeCache):
    """Compiled theme templates, kept in memory for a serve session.

    mkdocs makes a new Jinja environment for every build, which compiles every
    template again; Jinja checks a cached template against its source's checksum, so
    an edited template is compiled afresh.
    """

    def __init__(self) -> None:
        self._code: dict[str, bytes] = {}

    def load_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        code = self._code.get(bucket.key)
        if code is not None:
            bucket.bytecode_from_string(code)

    def dump_bytecode(self, bucket: jinja2.bccache.Bucket) -> None:
        self._code[bucket.key] = bucket.bytecode_to_string()


class _UnchangedFile(File):
    """A generated file a dirty build skips when the output folder already holds it."""

    unchanged = False

    def is_modified(self) -> bool:
        """Return whether mkdocs must write this file (always, unless unchanged and present)."""
        return not (self.unchanged and os.path.isfile(self.abs_dest_path))


class _DirtyBuildWarning(logging.Filter):
    """Drop mkdocs's warning that a dirty build may leave stale pages.

    Strict mode would abort on it; the session makes sure it does not apply: a page is
    skipped only when its Markdown and everything else it depends on are unchanged.
    """

    def filter(self, record: logging.LogRecord) -> bool:
        return not record.getMessage().startswith("A 'dirty' build is being performed")


_DIRTY_WARNING = _DirtyBuildWarning()


class _Session:
    """A ``mesakb serve`` session: what it knows between rebuilds, and each build's steps.

    Attributes:
        rendered: The last rendering of the site, to render the next one from.
        written: The generated files the output folder holds, by ``src_uri``; ``None``
            when unknown (before the first build, during a build, after a failed one):
            the next build then starts from an empty folder.
        environment: A digest of what every page depends on besides its Markdown.
        search_docs: The entries of the last complete search index.
        templates: The compiled theme templates.
        parsed: The content files read so far.
    """

    def __init__(self) -> None:
        self.rendered: Rendered | None = None
        self.written: dict[str, GeneratedFile] | None = None
        self.environment = ""
        self.search_docs: list[Any] = []
        self.templates = _TemplateCache()
        self.parsed = FileCache()
        # This build's files, what they hold, the pages written and their search entries.
        self._files = Files([])
        self._writing: dict[str, GeneratedFile] = {}
        self._destinations: dict[str, str] = {}
        self._built: list[str] = []
        self._entries: list[Any] = []

    def add_pages(self, kb: KnowledgeBase, urls: Urls, files: Files, config: MkDocsConfig) -> Files:
        """Add the generated pages, marking those the output folder holds as unchanged."""
        self.rendered = render_site(kb, urls=urls, previous=self.rendered)
        environment = _environment(config, files)
        written = self.written
        if written is None or environment != self.environment:
            clean_directory(config.site_dir)
            written, self.search_docs = {}, []
        self.environment = environment
        self.written = None  # until this build completes
        for uri in written.keys() - {page.src_uri for page in self.rendered.pages}:
            _remove_output(self._destinations[uri], config.site_dir)
        self._files, self._writing, self._built = files, {}, []
        for page in self.rendered.pages:
            file = _generated_file(config, page, _UnchangedFile)
            assert isinstance(file, _UnchangedFile)
            file.unchanged = written.get(page.src_uri) == page
            _add(files, file)
            self._writing[page.src_uri] = page
            self._destinations[page.src_uri] = file.abs_dest_path
        return files

    def page_built(self, url: str) -> None:
        """Note that this build writes the page at ``url``."""
        self._built.append(url)

    def take_search_entries(self, config: MkDocsConfig) -> None:
        """Keep the search entries of the pages this build wrote."""
        self._entries = list(_search_entries(config) or ())

    def complete(self, config: MkDocsConfig) -> None:
        """Write the search index of the whole site; remember what the folder holds."""
        index = Path(config.site_dir) / "search" / "search_index.json"
        if _search_entries(config) is not None and index.is_file():
            pages = self._files.documentation_pages(inclusion=InclusionLevel.is_in_serve)
            docs = merge_search_docs(
                [page.url for page in pages], self._built, self._entries, self.search_docs
            )
            data = json.loads(index.read_text(encoding="utf-8"))
            data["docs"] = docs
            # As Material writes it (material/plugins/search/plugin.py).
            text = json.dumps(data, separators=(",", ":"), default=str)
            index.write_text(text, encoding="utf-8")
            self.search_docs = docs
        self.written = self._writing


_session: _Session | None = None
"""The serve session, while ``mkdocs serve --dirty`` (``mesakb serve``) runs."""


def on_startup(command: str, dirty: bool) -> None:
    """Remember the command (``serve`` sets site_url to the local address); start a session.

    ``mkdocs serve --dirty`` (what ``mesakb serve`` runs) rebuilds incrementally.
    """
    global _command, _session  # noqa: PLW0603 - mkdocs hooks are module functions
    _command = command
    _session = _Session() if command == "serve" and dirty else None
    if _session is not None:
        logging.getLogger("mkdocs.commands.build").addFilter(_DIRTY_WARNING)


def on_shutdown() -> None:
    """End the serve session."""
    global _session  # noqa: PLW0603 - mkdocs hooks are module functions
    _session = None
    logging.getLogger("mkdocs.commands.build").removeFilter(_DIRTY_WARNING)


@event_priority(-100)  # after Material's offline plugin, which sets polyfills and URLs
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the site URL matches the citations and drop CDN polyfills."""
    from mesakb.urls import SITE_URL

    if _command != "serve" and config.site_url != SITE_URL:
        raise PluginError(
            f"site_url is {config.site_url!r} but citations use {SITE_URL!r} "
            "(site in mesakb.toml, mesakb.urls.SITE_URL); make them the same"
        )
    # The offline plugin adds a shim from unpkg.com for file:// search; we load nothing
    # from the network, so search needs http:// (mesakb serve, or any static server).
    polyfills = config.extra.get("polyfills", [])
    config.extra["polyfills"] = [p for p in polyfills if "://" not in str(p)]
    return config


@event_priority(50)  # early: other plugins (search, offline) must see the generated pages
def on_files(files: Files, config: MkDocsConfig) -> Files:
    """Load the knowledge base and add every generated page to the site."""
    from mesakb.errors import CheckError
    from mesakb.kb.loading import load
    from mesakb.site.build import kb_root
    from mesakb.site.files import site_pages
    from mesakb.site.pool import available_workers

    root = kb_root(config.config_file_path)
    try:
        kb = load(root) if _session is None else load(root, cache=_session.parsed)
    except CheckError as exc:
        from mesakb.diagnostics import format_diagnostics

        raise PluginError(
            f"the knowledge base in {root} has errors:\n{format_diagnostics(exc.diagnostics)}"
        ) from exc
    for diagnostic in kb.diagnostics:
        log.info("%s", diagnostic)
    global _home
    from mesakb.site.indexes import start_here

    home, _home = _home, start_here(kb, _newest_concepts(root))
    if _session is not None and home != _home:
        # The home page is hand-written, so a dirty build would skip it; its reading
        # path comes from the content, which changed.
        home_file = files.get_file_from_path("index.md")
        if home_file is not None:
            home_file.is_modified = lambda: True  # type: ignore[method-assign]
    urls = Urls(directory=bool(config.use_directory_urls))
    if _session is not None:
        return _session.add_pages(kb, urls, files, config)
    if _command == "build":
        # The knowledge base lives until the build ends: keep the cyclic collector from
        # scanning it again and again while mkdocs renders thousands of pages. (Not when
        # serving: frozen objects are never freed, and each rebuild loads anew.)
        gc.freeze()
    # A clean build renders concept pages on every CPU (mesakb.site.pool; one-threaded only).
    workers = available_workers() if _command == "build" else 1
    for page in site_pages(kb, urls=urls, workers=workers):
        _add(files, _generated_file(config, page, File))
    return files


def on_env(env: jinja2.Environment, config: MkDocsConfig, files: Files) -> jinja2.Environment:
    """Reuse compiled templates from the previous builds (while serving)."""
    if _session is not None:
        env.bytecode_cache = _session.templates
    return env


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Fill the generated tables (error codes, relation types) into the guides."""
    from mesakb.site.indexes import fill_tables

    if page.edit_url and "/../" in page.edit_url:
        scheme, _, rest = page.edit_url.partition("://")
        host, _, path = rest.partition("/")
        page.edit_url = f"{scheme}://{host}{posixpath.normpath('/' + path)}"

    return fill_tables(markdown).replace(START_HERE, _home)


START_HERE = "<!-- mesakb:start-here -->"
"""Marker in the home page where the reading path goes."""


def on_page_content(html: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Keep formulas out of Material's full-text search snippets."""
    from mesakb.site.indexes import exclude_math_from_search

    return exclude_math_from_search(html)


def on_page_context(context: Any, page: Any, config: MkDocsConfig, nav: Any) -> Any:
    """Note which pages this build writes (while serving)."""
    if _session is not None:
        _session.page_built(page.url)
    return context


@event_priority(50)  # before Material's search plugin merges and writes its index
def _take_search_entries(config: MkDocsConfig) -> None:
    if _session is not None:
        _session.take_search_entries(config)


@event_priority(-50)  # after Material's search plugin wrote its index, before offline
def _complete_build(config: MkDocsConfig) -> None:
    if _session is not None:
        _session.complete(config)


on_post_build = CombinedEvent(_take_search_entries, _complete_build)
"""After the pages are written: complete the search index (while serving)."""


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when concept or source files change."""
    from mesakb.site.build import kb_root

    root = kb_root(config.config_file_path)
    for folder in ("concepts", "sources"):
        path = root / folder
        if path.is_dir():
            server.watch(os.fspath(path))
    return server


# -- helpers ---------------------------------------------------------------------------


def _generated_file(config: MkDocsConfig, page: GeneratedFile, kind: type[File]) -> File:
    file = kind.generated(config, page.src_uri, content=page.content)
    if page.edit_path is not None:
        # edit_uri points into the docs folder (site/); step out to the repository root.
        file.edit_uri = "../" + page.edit_path
    return file


def _add(files: Files, file: File) -> None:
    existing = files.get_file_from_path(file.src_uri)
    if existing is not None:
        files.remove(existing)
    files.append(file)


def _environment(config: MkDocsConfig, files: Files) -> str:
    """Return a digest of what every page depends on besides its own Markdown.

    The configuration file, the theme overrides and the hand-written pages (the
    navigation is built from them).
    """
    digest = hashlib.sha256(Path(config.config_file_path).read_bytes())
    for file in files.documentation_pages(inclusion=InclusionLevel.is_in_serve):
        digest.update(file.src_uri.encode() + b"\0")
    theme = config.theme.custom_dir
    if theme:
        for folder, _, names in sorted(os.walk(theme)):
            for name in sorted(names):
                stat = os.stat(os.path.join(folder, name))
                digest.update(f"{folder}/{name}:{stat.st_mtime_ns}:{stat.st_size}\0".encode())
    return digest.hexdigest()


def _newest_concepts(root: Path) -> list[tuple[str, str]]:
    """Return ``(id, date)`` of the concept files as git saw them added, newest first.

    Empty without git or outside a repository (the home page then lists none).
    """
    import subprocess

    try:
        log_text = subprocess.run(
            ["git", "log", "--diff-filter=A", "--format=%x00%cs", "--name-only", "--", "concepts"],  # noqa: S607 - git from PATH
            cwd=root,
            capture_output=True,
            text=True,
            timeout=20,
            check=True,
        ).stdout
    except (OSError, subprocess.SubprocessError):
        return []
    found: list[tuple[str, str]] = []
    for commit in log_text.split("\0")[1:]:
        day, *names = commit.strip().splitlines()
        for name in names:
            stem = Path(name).stem
            if name.startswith("concepts/") and name.endswith(".yaml") and stem not in dict(found):
                found.append((stem, day))
    return found


def _remove_output(path: str, site_dir: str) -> None:
    """Delete the output of a page that no longer exists, and its folder if now empty."""
    if os.path.isfile(path):
        os.remove(path)
    folder = os.path.dirname(path)
    inside = os.path.abspath(folder) != os.path.abspath(site_dir)
    if inside and os.path.isdir(folder) and not os.listdir(folder):
        os.rmdir(folder)


def _search_entries(config: MkDocsConfig) -> list[Any] | None:
    """Return the entries Material's search plugin collected in this build, if it runs."""
    from material.plugins.search.plugin import SearchPlugin  # type: ignore[import-untyped]

    for plugin in config.plugins.values():
        if isinstance(plugin, SearchPlugin) and plugin.config.enabled:
            entries: list[Any] = plugin.search_index.entries
            return entries
    return None

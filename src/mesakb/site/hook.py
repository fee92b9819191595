"""The mkdocs hook: hands the pages rendered by :mod:`mesakb.render` to mkdocs.

Listed under ``hooks:`` in ``mkdocs.yml``. Thin on purpose: it loads the knowledge
base, asks :func:`mesakb.render.site_pages` for every generated file, and adds
them to mkdocs's file collection in memory. Nothing is written to the docs folder.
"""

from __future__ import annotations

import gc
import logging
import os
import posixpath
from typing import Any

from mkdocs.config.defaults import MkDocsConfig
from mkdocs.exceptions import PluginError
from mkdocs.plugins import event_priority
from mkdocs.structure.files import File, Files

log = logging.getLogger("mkdocs.plugins.mesakb")


_command = "build"


def on_startup(command: str, dirty: bool) -> None:
    """Remember whether this is ``serve`` (which sets site_url to the local address)."""
    global _command  # noqa: PLW0603 - mkdocs hooks are module functions
    _command = command


@event_priority(-100)  # after Material's offline plugin, which sets polyfills and URLs
def on_config(config: MkDocsConfig) -> MkDocsConfig:
    """Check the site URL matches the citations and drop CDN polyfills."""
    from mesakb.cite import SITE_URL

    if _command != "serve" and config.site_url != SITE_URL:
        raise PluginError(
            f"site_url is {config.site_url!r} but citations use {SITE_URL!r} "
            "(mesakb.cite.SITE_URL); make them the same"
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
    from mesakb.load import load
    from mesakb.render import Urls, site_pages
    from mesakb.site import kb_root

    root = kb_root(config.config_file_path)
    try:
        kb = load(root)
    except CheckError as exc:
        from mesakb.diagnostics import format_diagnostics

        raise PluginError(
            f"the knowledge base in {root} has errors:\n{format_diagnostics(exc.diagnostics)}"
        ) from exc
    for diagnostic in kb.diagnostics:
        log.info("%s", diagnostic)
    if _command == "build":
        # The knowledge base lives until the build ends: keep the cyclic collector from
        # scanning it again and again while mkdocs renders thousands of pages. (Not when
        # serving: frozen objects are never freed, and each rebuild loads anew.)
        gc.freeze()
    urls = Urls(directory=bool(config.use_directory_urls))
    for page in site_pages(kb, urls=urls):
        existing = files.get_file_from_path(page.src_uri)
        if existing is not None:
            files.remove(existing)
        file = File.generated(config, page.src_uri, content=page.content)
        if page.edit_path is not None:
            # edit_uri points into the docs folder (site/); step out to the repository root.
            file.edit_uri = "../" + page.edit_path
        files.append(file)
    return files


def on_page_markdown(markdown: str, page: Any, config: MkDocsConfig, files: Files) -> str:
    """Fill the generated tables (error codes, relation types) into the guides."""
    from mesakb.render import fill_tables

    if page.edit_url and "/../" in page.edit_url:
        scheme, _, rest = page.edit_url.partition("://")
        host, _, path = rest.partition("/")
        page.edit_url = f"{scheme}://{host}{posixpath.normpath('/' + path)}"

    return fill_tables(markdown)


def on_serve(server: Any, config: MkDocsConfig, builder: Any) -> Any:
    """Rebuild when concept or source files change."""
    from mesakb.site import kb_root

    root = kb_root(config.config_file_path)
    for folder in ("concepts", "sources"):
        path = root / folder
        if path.is_dir():
            server.watch(os.fspath(path))
    return server

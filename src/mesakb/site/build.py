"""Build and serve the website with mkdocs: the only package that imports mkdocs.

The pages themselves come from :mod:`mesakb.site.pages` (pure functions returning
Markdown); :mod:`mesakb.site.hook` hands them to mkdocs. This module finds the
configuration, points the hook at a knowledge base folder and runs mkdocs.

Examples:
    >>> config_file().name
    'mkdocs.yml'
"""

from __future__ import annotations

import os
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from mesakb.errors import SiteError

__all__ = ["ROOT_ENV", "SiteError", "build", "config_file", "kb_root", "serve"]

ROOT_ENV = "MESAKB_ROOT"
"""Environment variable naming the knowledge base folder the site is built from."""

POLL_SECONDS = 0.2
"""How often ``serve`` looks for changed files (mkdocs's default is 0.5 s): an edit shows
sooner, for a directory scan of the content five times a second."""

OFFLINE_ENV = "MESAKB_OFFLINE"
"""Set to ``true`` to build for browsing from ``file://`` (file URLs, inlined search index)."""


def config_file() -> Path:
    """Return the ``mkdocs.yml`` of the repository checkout.

    Raises:
        SiteError: mesakb is not running from a checkout that has ``mkdocs.yml``.
    """
    path = Path(__file__).resolve().parents[3] / "mkdocs.yml"
    if not path.is_file():
        raise SiteError(f"{path}: not found; build the site from a mesakb checkout")
    return path


def kb_root(config_path: str | Path | None = None) -> Path:
    """Return the knowledge base folder to build the site from.

    The ``MESAKB_ROOT`` environment variable wins; otherwise the folder of the
    mkdocs configuration (the repository root).

    Examples:
        >>> (kb_root() / "mkdocs.yml").is_file() or ROOT_ENV in os.environ
        True
    """
    if os.environ.get(ROOT_ENV):
        return Path(os.environ[ROOT_ENV])
    if config_path is not None:
        return Path(config_path).resolve().parent
    return config_file().parent


def _show_mkdocs_log(level: int) -> None:
    """Print mkdocs's messages (errors name the file) when no one else set up logging."""
    import logging

    logger = logging.getLogger("mkdocs")
    if not logger.handlers:
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("%(levelname)-7s -  %(message)s"))
        logger.addHandler(handler)
        logger.setLevel(level)


@contextmanager
def _environment(root: str | Path | None, offline: bool) -> Iterator[None]:
    saved = {name: os.environ.get(name) for name in (ROOT_ENV, OFFLINE_ENV)}
    if root is not None:
        os.environ[ROOT_ENV] = str(Path(root).resolve())
    os.environ[OFFLINE_ENV] = "true" if offline else "false"
    try:
        yield
    finally:
        for name, value in saved.items():
            if value is None:
                os.environ.pop(name, None)
            else:
                os.environ[name] = value


def build(
    root: str | Path | None = None,
    site_dir: str | Path | None = None,
    *,
    offline: bool = False,
    config: str | Path | None = None,
) -> Path:
    """Build the site with ``mkdocs build --strict``.

    Args:
        root: Knowledge base folder (default: the repository, or ``MESAKB_ROOT``).
        site_dir: Output folder (default: ``build/site``).
        offline: Build for ``file://`` browsing (file URLs instead of directory URLs).
        config: The mkdocs configuration file (default: the repository's).

    Returns:
        The output folder.

    Raises:
        SiteError: mkdocs reported an error or, being strict, a warning.
        CheckError: The knowledge base has errors.
        OutputError: The output folder is, holds or lies inside the knowledge base's
            content (see :func:`mesakb.write.output.guard_output`).
    """
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import Abort, ConfigurationError, PluginError

    from mesakb.errors import CheckError
    from mesakb.write.output import guard_output, staged_folder

    path = Path(config) if config is not None else config_file()
    with _environment(root, offline):
        try:
            if site_dir is None:
                cfg = load_config(str(path), strict=True)
            else:
                cfg = load_config(str(path), strict=True, site_dir=str(site_dir))
            target = Path(cfg.site_dir)
            guard_output(target, kb_root(path), roots=(path.resolve().parent,))
            # Build beside the target and swap it in only when complete: a failed
            # build keeps the previous good site, and nothing is ever half-written.
            with staged_folder(target) as staging:
                cfg["site_dir"] = str(staging)
                # As `mkdocs build` does: plugins outlive a configuration within a
                # process, so tell them (and the hook) that this is a clean build.
                cfg.plugins.on_startup(command="build", dirty=False)
                try:
                    mkdocs_build(cfg)
                finally:
                    cfg.plugins.on_shutdown()
        except (Abort, ConfigurationError, PluginError) as exc:
            # mkdocs logs a hook's error and raises Abort; report the knowledge base's own
            # problems (CheckError, with every diagnostic) when that is what stopped it.
            seen: BaseException | None = exc
            while seen is not None:
                if isinstance(seen, CheckError):
                    raise seen from None
                seen = seen.__cause__ or seen.__context__
            raise SiteError(f"mkdocs: {exc}") from None
    return target


def serve(
    root: str | Path | None = None,
    *,
    host: str = "127.0.0.1",
    port: int = 8000,
    config: str | Path | None = None,
) -> None:  # pragma: no cover - interactive
    """Serve the site with live reload, rebuilding when content or pages change.

    Watches ``concepts/`` and ``sources/`` of the knowledge base as well as the
    hand-written pages. Rebuilds are incremental (``mkdocs serve --dirty``; see
    :mod:`mesakb.site.hook`): after an edit, only the pages it changed are rendered
    and written again. Stops on Ctrl-C.

    Args:
        root: Knowledge base folder (default: the repository, or ``MESAKB_ROOT``).
        host: Address to listen on.
        port: Port to listen on.
        config: The mkdocs configuration file (default: the repository's).
    """
    import logging

    from mkdocs.commands import serve as serve_command
    from mkdocs.exceptions import Abort, ConfigurationError
    from mkdocs.livereload import LiveReloadServer

    class Server(LiveReloadServer):
        """mkdocs's server, looking for changed files every POLL_SECONDS, not 0.5 s."""

        def __init__(self, *args: Any, **kwargs: Any) -> None:
            kwargs.setdefault("polling_interval", POLL_SECONDS)
            super().__init__(*args, **kwargs)

    _show_mkdocs_log(logging.INFO)
    path = Path(config) if config is not None else config_file()
    # mkdocs.commands.serve makes its server with no way to set the polling interval.
    saved = serve_command.LiveReloadServer  # type: ignore[attr-defined]
    serve_command.LiveReloadServer = Server  # type: ignore[attr-defined]
    with _environment(root, offline=False):
        try:
            serve_command.serve(
                str(path),
                dev_addr=f"{host}:{port}",
                livereload=True,
                build_type="dirty",
                strict=True,
            )
        except (Abort, ConfigurationError) as exc:
            raise SiteError(f"mkdocs: {exc}") from None
        finally:
            serve_command.LiveReloadServer = saved  # type: ignore[attr-defined]

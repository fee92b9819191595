"""Where mesakb may write: output folders that can never touch the knowledge base.

The site build and the export write generated files. A mistyped ``--site-dir`` or
``--out`` must not delete or overwrite content, so every output folder is checked
first, with symbolic links resolved: it may not be, contain or lie inside
``concepts/`` or ``sources/``, and it may not be or contain the knowledge base
root or the repository root.

Examples:
    >>> import tempfile
    >>> with tempfile.TemporaryDirectory() as tmp:
    ...     kb = Path(tmp)
    ...     (kb / "concepts").mkdir()
    ...     ok = guard_output(kb / "build" / "site", kb)
    ...     try:
    ...         guard_output(kb / "concepts", kb)
    ...     except OutputError as exc:
    ...         print(exc.reason)
    refusing to write into the knowledge base's concepts/ folder
"""

from __future__ import annotations

import os
import shutil
import tempfile
from collections.abc import Iterable, Iterator
from contextlib import contextmanager
from pathlib import Path

from mesakb.errors import OutputError

__all__ = ["OutputError", "guard_output", "staged_folder"]

CONTENT_FOLDERS = ("concepts", "sources")
"""Folders of a knowledge base that hold contributor files and are never written."""


def _resolved(path: Path) -> Path:
    try:
        return path.resolve()
    except (OSError, RuntimeError) as exc:  # a symlink loop
        raise OutputError(path, f"cannot resolve the path ({exc})") from None


def guard_output(out: str | Path, kb_root: str | Path, roots: Iterable[str | Path] = ()) -> Path:
    """Return ``out`` resolved, or refuse it when writing there could touch content.

    Args:
        out: The output folder.
        kb_root: The knowledge base root (holding ``concepts/`` and ``sources/``).
        roots: Other roots (the repository): their content folders are guarded too,
            and they may not be the output or inside it.

    Returns:
        The resolved output folder.

    Raises:
        OutputError: ``out`` is, contains or lies inside a content folder, or is or
            contains the knowledge base root or a folder in ``roots``, or is not a folder.
    """
    target = _resolved(Path(out))
    guarded = [_resolved(Path(kb_root)), *(_resolved(Path(r)) for r in roots)]
    for root in guarded:
        for name in CONTENT_FOLDERS:
            content = _resolved(root / name)
            if target.is_relative_to(content):
                raise OutputError(
                    out, f"refusing to write into the knowledge base's {name}/ folder"
                )
            if content.is_relative_to(target):
                raise OutputError(
                    out,
                    f"refusing to write here: it holds the knowledge base's {name}/ folder, "
                    "which the output would replace",
                )
    for root in guarded:
        if root.is_relative_to(target):
            raise OutputError(out, f"refusing to write over the folder {root} (it holds content)")
    if target.exists() and not target.is_dir():
        raise OutputError(out, "exists and is not a folder")
    return target


@contextmanager
def staged_folder(target: Path) -> Iterator[Path]:
    """Yield a fresh folder beside ``target``; on success swap it in, on failure drop it.

    The previous content of ``target`` stays in place until the new one is complete,
    so a failed build keeps the last good output.

    Raises:
        OutputError: The folder beside ``target`` cannot be made, or the swap fails.
    """
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        staging = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.new-"))
    except OSError as exc:
        raise OutputError(target, f"cannot create a folder beside it: {exc.strerror}") from None
    try:
        yield staging
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    old: Path | None = None
    try:
        if os.path.lexists(target):
            old = Path(tempfile.mkdtemp(dir=target.parent, prefix=f".{target.name}.old-"))
            os.rmdir(old)
            target.rename(old)
        staging.chmod(0o755)
        staging.rename(target)
    except OSError as exc:
        if old is not None and not os.path.lexists(target):
            old.rename(target)
        shutil.rmtree(staging, ignore_errors=True)
        raise OutputError(target, f"cannot replace the folder: {exc.strerror}") from None
    if old is not None:
        if old.is_dir() and not old.is_symlink():
            shutil.rmtree(old, ignore_errors=True)
        else:
            old.unlink(missing_ok=True)

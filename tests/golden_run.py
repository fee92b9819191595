"""Run one golden case: lay out its files over the fixture knowledge base, run the CLI.

Shared by ``tests/test_golden.py`` (which asserts) and ``tests/golden_cases.py``
(which records). A case is a mapping with these keys, all optional:

- ``files`` / ``raw``: text written into the knowledge base (UTF-8 / Latin-1 bytes);
- ``outside``: files written next to the knowledge base folder (``<tmp>/<name>``);
  ``corpus_bytes`` the same as Latin-1 bytes (binary or non-UTF-8 files);
- ``dirs``, ``fifos``: folders and named pipes made in the knowledge base;
- ``links``: symbolic links, path to target (as given, relative or absolute);
- ``remove``: fixture paths removed before the run;
- ``argv``: the command after ``--root <kb>`` (default ``["check"]``), run with the
  knowledge base as the working folder; ``strict`` adds ``--strict`` to ``check``;
- ``expected`` / ``stdout`` / ``exit``: what the run prints and returns, with the
  knowledge base folder shown as ``<root>``;
- ``written``: files the command adds (everything else must be unchanged, byte for byte).
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import stat
from pathlib import Path
from typing import Any

from mesakb.cli import main

HERE = Path(__file__).parent
FIXTURE = HERE / "fixtures" / "kb"


def snapshot(root: Path) -> dict[str, object]:
    """Every entry under ``root`` (not following links): bytes, link target or kind."""
    seen: dict[str, object] = {}
    for folder, dirs, names in os.walk(root, followlinks=False):
        for name in [*dirs, *names]:
            path = Path(folder, name)
            rel = str(path.relative_to(root))
            mode = path.lstat().st_mode
            if stat.S_ISLNK(mode):
                seen[rel] = ("link", os.readlink(path))
            elif stat.S_ISREG(mode):
                seen[rel] = path.read_bytes()
            else:
                seen[rel] = ("dir" if stat.S_ISDIR(mode) else "special", stat.S_IFMT(mode))
    return seen


def lay_out(case: dict[str, Any], tmp: Path) -> Path:
    """Write the case's knowledge base under ``tmp``; return its root."""
    root = tmp / "kb"
    shutil.copytree(FIXTURE, root)
    for rel in case.get("remove", []):
        target = root / rel
        shutil.rmtree(target) if target.is_dir() else target.unlink()
    for rel, text in case.get("outside", {}).items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_bytes(text.encode("utf-8"))
    for rel, text in case.get("corpus_bytes", {}).items():
        (tmp / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp / rel).write_bytes(text.encode("latin-1"))
    for rel in case.get("dirs", []):
        (root / rel).mkdir(parents=True, exist_ok=True)
    for rel, text in case.get("files", {}).items():
        (root / rel).parent.mkdir(parents=True, exist_ok=True)
        (root / rel).write_bytes(text.encode("utf-8"))
    for rel, text in case.get("raw", {}).items():
        (root / rel).write_bytes(text.encode("latin-1"))
    for rel in case.get("fifos", []):
        os.mkfifo(root / rel)
    for rel, target in case.get("links", {}).items():
        os.symlink(target, root / rel)
    return root


def run(case: dict[str, Any], root: Path) -> tuple[int, str, str]:
    """Run the case's command on ``root``; return exit code, stdout, stderr."""
    argv = list(case.get("argv", ["check"]))
    if case.get("strict"):
        argv.append("--strict")
    out, err = io.StringIO(), io.StringIO()
    cwd = Path.cwd()
    os.chdir(root)
    try:
        with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
            code = main(["--root", str(root), *argv])
    finally:
        os.chdir(cwd)

    def shown(text: str) -> str:
        for folder, name in ((root.resolve(), "<root>"), (root, "<root>")):
            text = text.replace(str(folder), name)
        return text.replace(str(root.parent.resolve()), "<tmp>").replace(str(root.parent), "<tmp>")

    return code, shown(out.getvalue()), shown(err.getvalue())

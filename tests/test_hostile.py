"""Nothing lost, nothing forged: writes that fail keep the last good output.

The golden cases (``tests/golden``) hold the hostile inputs that give one exact
diagnostic; these tests need a build or an export that first succeeds, then fails.
"""

from __future__ import annotations

import os
import shutil
import time
from pathlib import Path

import pytest

import mesakb
from golden_run import snapshot
from mesakb.errors import CheckError, OutputError
from mesakb.site.build import build
from mesakb.write.output import guard_output, staged_folder
from mesakb.write.release import export

FIXTURE = Path(__file__).parent / "fixtures" / "kb"

BROKEN = "id: broken\nterm: [unclosed\n"


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    return root


def test_a_failed_build_keeps_the_previous_site_byte_for_byte(
    kb_copy: Path, tmp_path: Path
) -> None:
    out = tmp_path / "out" / "site"
    assert build(kb_copy, out) == out
    good = snapshot(out)
    assert "index.html" in good
    assert "concepts/optimizer/index.html" in good
    (kb_copy / "concepts" / "broken.yaml").write_text(BROKEN, encoding="utf-8")

    with pytest.raises(CheckError):
        build(kb_copy, out)

    assert snapshot(out) == good
    assert sorted(p.name for p in out.parent.iterdir()) == ["site"]  # no staging left


def test_a_build_replaces_the_old_site_whole(kb_copy: Path, tmp_path: Path) -> None:
    out = tmp_path / "site"
    out.mkdir()
    (out / "stale.html").write_text("old", encoding="utf-8")
    build(kb_copy, out)
    assert not (out / "stale.html").exists()
    assert (out / "concepts" / "optimizer" / "index.html").is_file()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["kb", "site"]


def test_staged_folder_drops_the_new_output_when_the_body_fails(tmp_path: Path) -> None:
    target = tmp_path / "out"
    target.mkdir()
    (target / "keep.txt").write_text("good", encoding="utf-8")

    def half_build() -> None:
        with staged_folder(target) as staging:
            (staging / "half.txt").write_text("half", encoding="utf-8")
            raise RuntimeError("build failed half-way")

    with pytest.raises(RuntimeError):
        half_build()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["out"]
    assert [p.name for p in target.iterdir()] == ["keep.txt"]


@pytest.mark.parametrize("where", [".", "concepts", "sources", "concepts/x", "..", "../.."])
def test_guard_refuses_folders_that_hold_or_lie_in_content(kb_copy: Path, where: str) -> None:
    with pytest.raises(OutputError):
        guard_output(kb_copy / where, kb_copy)


def test_guard_resolves_symbolic_links(kb_copy: Path, tmp_path: Path) -> None:
    link = tmp_path / "innocent"
    link.symlink_to(kb_copy / "concepts")
    with pytest.raises(OutputError, match="concepts/ folder"):
        guard_output(link / "site", kb_copy)
    loop = tmp_path / "loop"
    loop.symlink_to(loop)
    with pytest.raises(OutputError):
        guard_output(loop, kb_copy)


def test_guard_accepts_an_ordinary_output_folder(kb_copy: Path) -> None:
    assert guard_output(kb_copy / "build" / "site", kb_copy) == (kb_copy / "build/site").resolve()


def test_export_over_a_folder_target_changes_nothing(kb_copy: Path) -> None:
    kb = mesakb.load(kb_copy)
    export(kb, kb_copy)
    (kb_copy / "graph" / "mesakb.ttl").unlink()
    (kb_copy / "graph" / "mesakb.ttl").mkdir()
    (kb_copy / "glossary" / "glossary.md").write_text("stale\n", encoding="utf-8")
    before = snapshot(kb_copy)
    with pytest.raises(OutputError, match="not a regular file"):
        export(kb, kb_copy)
    assert snapshot(kb_copy) == before


def test_export_failing_half_way_through_the_renames_puts_the_old_set_back(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = mesakb.load(kb_copy)
    export(kb, kb_copy)
    for path in [*kb_copy.glob("glossary/*"), *kb_copy.glob("graph/*")]:
        path.write_bytes(b"old release of " + path.name.encode() + b"\n")
    before = snapshot(kb_copy)
    real = Path.replace
    calls = 0

    def third_fails(self: Path, target: str | Path) -> Path:
        nonlocal calls
        calls += 1
        if calls == 3:
            raise OSError(5, "Input/output error")
        return real(self, target)

    monkeypatch.setattr(Path, "replace", third_fails)
    with pytest.raises(OutputError, match="Input/output error"):
        export(kb, kb_copy)
    monkeypatch.undo()
    assert calls > 3  # two renames were done, then undone
    assert snapshot(kb_copy) == before


def test_export_never_leaves_temporary_files(
    kb_copy: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    kb = mesakb.load(kb_copy)
    real = os.replace
    calls = 0

    def failing_replace(src: str | Path, dst: str | Path) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(13, "Permission denied")
        real(src, dst)

    monkeypatch.setattr(os, "replace", failing_replace)
    monkeypatch.setattr(Path, "replace", failing_replace)
    with pytest.raises(OutputError, match="Permission denied"):
        export(kb, kb_copy)
    leftovers = [p for p in kb_copy.rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


SLOW_UNITS = ["[", "![", "[a](b ", "[](", "`[`", "[^", "*[", "_[", "> ", "[a]["]
"""Repeated to 19,000 characters, each took from 30 s to minutes to render."""

FAST_UNITS = ["<_", "&#1", "\\[", "[a](b) ", "**a", "`a ", "- a\n", "# a\n"]


@pytest.mark.parametrize("unit", SLOW_UNITS)
def test_markdown_that_renders_slowly_is_refused_by_the_check(unit: str) -> None:
    from mesakb.read.markup import markdown_problems

    problems = markdown_problems(unit * (19_000 // len(unit)))
    assert [code for _, code, _ in problems][:1] == ["KB304"]


@pytest.mark.parametrize("unit", FAST_UNITS)
def test_what_the_check_passes_renders_in_bounded_time(unit: str) -> None:
    from mesakb.read.markup import markdown_problems
    from mesakb.site.html import markdown_html

    text = unit * (min(19_000, 64 * len(unit)) // len(unit) if "#" in unit else 19_000 // len(unit))
    assert markdown_problems(text) == []
    start = time.perf_counter()
    markdown_html(text)
    assert time.perf_counter() - start < 5.0  # linear: under 0.5 s; quadratic: minutes


@pytest.mark.parametrize(
    "argv",
    [
        ["search", "\x1b[2J\x1b]0;pwned\x07"],
        ["show", "x\u202eyaml.exe"],
        ["path", "a\nmesa-optimizer —is a→ optimizer", "optimizer"],
        ["cite", "x\x1b[31m"],
    ],
)
def test_terminal_output_escapes_what_the_user_typed(
    argv: list[str], capsys: pytest.CaptureFixture[str]
) -> None:
    from mesakb.cli import main

    code = main(["--root", str(FIXTURE), *argv])
    out, err = capsys.readouterr()
    assert code != 0
    printed = out + err
    assert printed.count("\n") == 1  # one line: nothing forged a second one
    assert not any(c in printed for c in "\x1b\x07\u202e")
    assert "\\x1b" in printed or "\\u202e" in printed or "\\x0a" in printed

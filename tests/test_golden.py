"""Golden cases: each malformed or hostile file gives exactly the reviewed diagnostics.

Each ``tests/golden/<case>.yml`` holds the files written over a copy of the fixture
knowledge base, the exact output of ``mesakb check`` and its exit code. A case
also proves that checking writes nothing and never shows a traceback.
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
import yaml

from mesakb.cli import main

HERE = Path(__file__).parent
CASES = sorted((HERE / "golden").glob("*.yml"))


def snapshot(root: Path) -> dict[str, bytes]:
    return {
        str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*")) if p.is_file()
    }


def test_there_are_at_least_forty_golden_cases() -> None:
    assert len(CASES) >= 40


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_golden_case_gives_exactly_the_expected_diagnostics(
    case_file: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    root = tmp_path / "kb"
    shutil.copytree(HERE / "fixtures" / "kb", root)
    for rel, text in case.get("files", {}).items():
        (root / rel).write_bytes(text.encode("utf-8"))
    for rel, text in case.get("raw", {}).items():
        (root / rel).write_bytes(text.encode("latin-1"))
    before = snapshot(root)
    argv = ["--root", str(root), "check"] + (["--strict"] if case.get("strict") else [])

    code = main(argv)

    out, err = capsys.readouterr()
    assert err == case["expected"]
    assert out == ""
    assert code == case["exit"]
    assert "Traceback" not in err
    assert snapshot(root) == before

"""Golden cases: each malformed or hostile file gives exactly the reviewed diagnostics.

Each ``tests/golden/<case>.yml`` holds the files written over a copy of the fixture
knowledge base (and links, pipes and folders: see ``tests/golden_run.py``), the exact
output of the command (``mesakb check`` unless the case names another) and its exit
code. A case also proves that the command writes nothing it should not (the tree is
unchanged byte for byte but for the files a case expects) and never shows a traceback.
Cases marked ``hostile`` are the attacks of issue 16.
"""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from golden_run import lay_out, run, snapshot

HERE = Path(__file__).parent
CASES = sorted((HERE / "golden").glob("*.yml"))


def test_there_are_at_least_forty_golden_cases() -> None:
    assert len(CASES) >= 40


def test_there_are_at_least_a_hundred_hostile_cases() -> None:
    hostile = [c for c in CASES if yaml.safe_load(c.read_text(encoding="utf-8")).get("hostile")]
    assert len(hostile) >= 100


@pytest.mark.parametrize("case_file", CASES, ids=[c.stem for c in CASES])
def test_golden_case_gives_exactly_the_expected_diagnostics(
    case_file: Path, tmp_path: Path
) -> None:
    case = yaml.safe_load(case_file.read_text(encoding="utf-8"))
    root = lay_out(case, tmp_path)
    before = snapshot(root)

    code, out, err = run(case, root)

    assert err == case["expected"]
    assert out == case.get("stdout", "")
    assert code == case["exit"]
    assert "Traceback" not in err + out
    written = {rel: text.encode("utf-8") for rel, text in case.get("written", {}).items()}
    assert snapshot(root) == {**before, **written}

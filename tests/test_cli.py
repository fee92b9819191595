"""The command line: what it prints, where, and with which exit code."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

import mesakb
from mesakb.cli import main


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, str, str]:
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_check_clean_kb_exits_zero(capsys: pytest.CaptureFixture[str], kb_copy: Path) -> None:
    code, out, err = run(capsys, "--root", str(kb_copy), "check")
    assert (code, out, err) == (0, "", "0 errors, 0 warnings in 5 files\n")


def test_check_json_format_is_valid_json(capsys: pytest.CaptureFixture[str], kb_copy: Path) -> None:
    (kb_copy / "concepts" / "x.yaml").write_text("id: x\n")
    code, out, _ = run(capsys, "--root", str(kb_copy), "check", "--format", "json")
    data = json.loads(out)
    assert code == 1
    assert {d["code"] for d in data["diagnostics"]} == {"KB101"}
    assert data["summary"].startswith("3 errors")


def test_check_github_format_annotates(capsys: pytest.CaptureFixture[str], kb_copy: Path) -> None:
    (kb_copy / "concepts" / "x.yaml").write_text("id: x\n")
    _, _, err = run(capsys, "--root", str(kb_copy), "check", "--format", "github")
    assert err.splitlines()[0].startswith("::error file=concepts/x.yaml,line=1,col=1,title=KB101::")


def test_show_unknown_id_is_one_line_with_hint(
    capsys: pytest.CaptureFixture[str], kb_copy: Path
) -> None:
    code, out, err = run(capsys, "--root", str(kb_copy), "show", "optimiser")
    assert code == 1
    assert out == ""
    assert err == "mesakb: error: unknown concept 'optimiser' (did you mean 'optimizer'?)\n"


def test_show_prints_definition_and_relations(
    capsys: pytest.CaptureFixture[str], kb_copy: Path
) -> None:
    code, out, _ = run(capsys, "--root", str(kb_copy), "show", "mesa-optimizer")
    assert code == 0
    assert "A mesa-optimizer is a learned algorithm that is itself an optimizer." in out
    assert "is a: optimizer" in out


def test_search_path_and_usage(capsys: pytest.CaptureFixture[str], kb_copy: Path) -> None:
    code, out, _ = run(capsys, "--root", str(kb_copy), "search", "inner", "optimiser")
    assert code == 0
    assert (
        out.splitlines()[0] == "mesa-optimizer\tmesa-optimizer  (matched alias 'inner optimizer')"
    )
    code, out, _ = run(capsys, "--root", str(kb_copy), "path", "mesa-optimizer", "objective")
    assert (code, out) == (0, "mesa-optimizer —requires→ objective\n")
    with pytest.raises(SystemExit) as info:
        main(["--root", str(kb_copy), "nonsense"])
    assert info.value.code == 2


def test_check_on_broken_kb_loads_nothing_for_queries(
    capsys: pytest.CaptureFixture[str], kb_copy: Path
) -> None:
    (kb_copy / "concepts" / "x.yaml").write_text("id: [\n")
    code, _, err = run(capsys, "--root", str(kb_copy), "show", "optimizer")
    assert code == 1
    assert err.startswith("concepts/x.yaml:2:1: KB005 YAML syntax error")


def test_new_writes_a_skeleton_that_passes_check(
    capsys: pytest.CaptureFixture[str], kb_copy: Path
) -> None:
    code, _, err = run(capsys, "--root", str(kb_copy), "new", "goal-directedness")
    assert code == 0
    path = kb_copy / "concepts" / "goal-directedness.yaml"
    assert f"wrote {path}" in err
    code, _, err = run(capsys, "--root", str(kb_copy), "check")
    assert code == 0
    assert "KB212 concept is a draft" in err
    before = path.read_bytes()
    code, _, err = run(capsys, "--root", str(kb_copy), "new", "goal-directedness")
    assert (code, path.read_bytes()) == (1, before)
    assert "already exists" in err


@pytest.mark.parametrize("bad", ["../escape", "Upper", "a/b", "x" * 81])
def test_new_refuses_bad_ids(capsys: pytest.CaptureFixture[str], kb_copy: Path, bad: str) -> None:
    before = sorted(p.name for p in (kb_copy / "concepts").iterdir())
    code, _, err = run(capsys, "--root", str(kb_copy), "new", bad)
    assert code == 1
    assert "is not a valid id" in err
    assert sorted(p.name for p in (kb_copy / "concepts").iterdir()) == before


def test_schema_validates_every_shipped_concept_file(capsys: pytest.CaptureFixture[str]) -> None:
    import jsonschema

    code, out, _ = run(capsys, "schema", "concept")
    schema = json.loads(out)
    assert code == 0
    files = sorted((mesakb.content_root() / "concepts").glob("*.yaml"))
    assert files
    for file in files:
        jsonschema.validate(yaml.safe_load(file.read_text(encoding="utf-8")), schema)
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate({"id": "x", "term": "x", "kind": "nope", "summary": "s"}, schema)


def test_version_flag(capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["--version"])
    assert info.value.code == 0
    assert capsys.readouterr().out == f"mesakb {mesakb.__version__}\n"


def test_process_shows_no_traceback_and_exits_one(kb_copy: Path) -> None:
    (kb_copy / "concepts" / "x.yaml").write_bytes(b"id: \xff\n")
    proc = subprocess.run(
        [sys.executable, "-m", "mesakb.cli", "--root", str(kb_copy), "check"],
        capture_output=True,
        text=True,
        check=False,
        env={**os.environ, "PYTHONWARNINGS": "error"},
    )
    assert proc.returncode == 1
    assert "Traceback" not in proc.stderr
    assert proc.stderr.splitlines()[0] == "concepts/x.yaml:1:5: KB001 not valid UTF-8: byte 0xff"

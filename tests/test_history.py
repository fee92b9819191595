"""A concept's history, read from git: added, last changed, each change; shallow says so."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path

import pytest

from mesakb.read.history import concept_history

FIXTURE = Path(__file__).parent / "fixtures" / "kb"


def _git(cwd: Path, *args: str, date: str = "2026-01-01T12:00:00") -> None:
    env = {
        **os.environ,
        "GIT_AUTHOR_DATE": date,
        "GIT_COMMITTER_DATE": date,
        "GIT_AUTHOR_NAME": "t",
        "GIT_AUTHOR_EMAIL": "t@localhost",
        "GIT_COMMITTER_NAME": "t",
        "GIT_COMMITTER_EMAIL": "t@localhost",
    }
    subprocess.run(["git", *args], cwd=cwd, env=env, check=True, capture_output=True)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    if shutil.which("git") is None:
        pytest.fail("git is missing")
    root = tmp_path / "repo"
    shutil.copytree(FIXTURE, root)
    _git(root, "init", "-q", "-b", "main")
    _git(root, "add", ".")
    _git(root, "commit", "-qm", "add the knowledge base", date="2026-01-01T12:00:00")
    path = root / "concepts" / "optimizer.yaml"
    path.write_text(
        path.read_text().replace("related: [objective, learned-algorithm]", "related: [objective]")
    )
    _git(root, "commit", "-qam", "optimizer: fewer relations", date="2026-02-02T12:00:00")
    path.write_text(path.read_text().replace("high-scoring elements", "high-scoring items"))
    _git(root, "commit", "-qam", "optimizer: definition", date="2026-03-03T12:00:00")
    return root


def test_history_dates_the_addition_and_the_last_changes(repo: Path) -> None:
    history = concept_history(repo, "optimizer")
    assert history is not None
    assert not history.shallow
    assert [c.date for c in history.changes] == ["2026-01-01", "2026-02-02", "2026-03-03"]
    assert history.added == "2026-01-01"
    assert history.last_changed("relations") == "2026-02-02"
    assert history.last_changed("definitions") == "2026-03-03"
    assert history.last_changed("relations", "definitions") == "2026-03-03"
    assert history.changes[1].fields == ("relations",)
    assert "id" in history.changes[0].fields
    untouched = concept_history(repo, "objective")
    assert untouched is not None
    assert untouched.last_changed() == "2026-01-01"


def test_shallow_clone_says_so_instead_of_inventing_a_date(repo: Path, tmp_path: Path) -> None:
    clone = tmp_path / "clone"
    _git(tmp_path, "clone", "-q", "--depth", "1", f"file://{repo}", str(clone))
    history = concept_history(clone, "optimizer")
    assert history is not None
    assert history.shallow
    assert history.added is None
    assert [c.date for c in history.changes] == ["2026-03-03"]


def test_no_history_outside_a_checkout(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE, tmp_path / "kb")
    assert concept_history(tmp_path / "kb", "optimizer") is None

from __future__ import annotations

import shutil
from pathlib import Path

import pytest

import mesakb

FIXTURE = Path(__file__).parent / "fixtures" / "kb"


@pytest.fixture(scope="session")
def fixture_kb() -> mesakb.KnowledgeBase:
    return mesakb.load(FIXTURE)


@pytest.fixture
def kb_copy(tmp_path: Path) -> Path:
    root = tmp_path / "kb"
    shutil.copytree(FIXTURE, root)
    return root

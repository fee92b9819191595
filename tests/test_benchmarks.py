"""The benchmark tooling works: the synthetic knowledge base is deterministic and valid.

Correctness only; the benchmarks themselves are run by hand (``benchmarks/run.py``).
"""

from __future__ import annotations

import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

import mesakb

BENCHMARKS = Path(__file__).resolve().parents[1] / "benchmarks"
N = 50


def generate(n: int, out: Path, seed: int = 0) -> Path:
    subprocess.run(
        [sys.executable, str(BENCHMARKS / "synth.py"), str(n), str(out), "--seed", str(seed)],
        check=True,
    )
    return out


def snapshot(root: Path) -> dict[str, bytes]:
    return {str(p.relative_to(root)): p.read_bytes() for p in sorted(root.rglob("*.yaml"))}


@pytest.fixture(scope="module")
def synthetic(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return generate(N, tmp_path_factory.mktemp("synth"))


@pytest.fixture(scope="module")
def kb(synthetic: Path) -> mesakb.KnowledgeBase:
    return mesakb.load(synthetic, strict=True)


def test_same_seed_gives_identical_bytes(synthetic: Path, tmp_path: Path) -> None:
    assert snapshot(generate(N, tmp_path / "again")) == snapshot(synthetic)


def test_another_seed_gives_other_content(synthetic: Path, tmp_path: Path) -> None:
    assert snapshot(generate(N, tmp_path / "other", seed=1)) != snapshot(synthetic)


def test_check_passes_with_no_diagnostics(synthetic: Path) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "mesakb.cli", "--root", str(synthetic), "check", "--strict"],
        check=False,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert "0 errors, 0 warnings" in done.stderr


def test_concepts_have_the_realistic_shape(kb: mesakb.KnowledgeBase) -> None:
    assert len(kb) == N
    assert len(kb.sources) >= 3
    for concept in kb:
        assert 1 <= len(concept.aliases) <= 3
        assert 2 <= len(concept.definitions) <= 3
        assert [d.rank for d in concept.definitions].count("preferred") == 1
        assert concept.body is not None
        assert 1000 <= len(concept.body.encode()) <= 2300
        assert "](https://" in concept.body
        assert concept.formal is not None
        assert concept.formal.latex
        assert concept.formal.symbols


def test_relations_are_typed_and_about_five(kb: mesakb.KnowledgeBase) -> None:
    counts = [sum(len(t) for _, t in c.relations.items()) for c in kb]
    assert all(2 <= n <= 5 for n in counts)
    assert sum(counts) / len(counts) >= 4.5
    assert all(c.relations.is_a and c.relations.requires for c in list(kb)[1:])
    assert all(c.relations.related for c in kb)


def edges(kb: mesakb.KnowledgeBase, relation: str) -> Iterator[tuple[str, str]]:
    for concept in kb:
        for target in getattr(concept.relations, relation):
            yield concept.id, target


@pytest.mark.parametrize("relation", ["is_a", "requires"])
def test_hierarchies_are_acyclic(kb: mesakb.KnowledgeBase, relation: str) -> None:
    import networkx as nx

    graph: nx.DiGraph[str] = nx.DiGraph(edges(kb, relation))
    assert nx.is_directed_acyclic_graph(graph)


def test_is_a_is_a_tree(kb: mesakb.KnowledgeBase) -> None:
    assert all(len(c.relations.is_a) == 1 for c in list(kb)[1:])
    assert all(len(kb.more_general(c.id)) <= 3 for c in kb)


def test_runner_prints_its_help() -> None:
    done = subprocess.run(
        [sys.executable, str(BENCHMARKS / "run.py"), "--help"],
        capture_output=True,
        text=True,
        check=True,
    )
    assert "--quick" in done.stdout

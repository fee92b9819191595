"""OAK, pronto and obonet read the OBO, OBO-Graphs and Turtle exports unchanged.

The knowledge base is the shipped content plus one tombstone (``inner-optimiser``,
replaced by ``mesa-optimizer``), exported to a temporary folder.
"""

from __future__ import annotations

import shutil
import textwrap
import warnings
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import obonet
import pronto
import pytest

import mesakb
from mesakb.kb.base import KnowledgeBase
from mesakb.read.loader import content_root
from mesakb.urls import concept_iri
from mesakb.write.release import export

RETIRED = """\
id: inner-optimiser
term: inner optimiser
kind: concept
summary: An old entry, merged into mesa-optimizer.
status: deprecated
replaced_by: mesa-optimizer
"""


@pytest.fixture(scope="module")
def exported(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeBase, Path]:
    root = tmp_path_factory.mktemp("kb")
    for folder in ("concepts", "sources"):
        shutil.copytree(content_root() / folder, root / folder)
    (root / "concepts" / "inner-optimiser.yaml").write_text(textwrap.dedent(RETIRED))
    kb = mesakb.load(root)
    out = tmp_path_factory.mktemp("out")
    export(kb, out)
    return kb, out / "graph"


def _ancestors(kb: KnowledgeBase, cid: str) -> list[str]:
    ancestors = sorted(f"mesakb:{c.id}" for c in kb.more_general(cid))
    assert ancestors, "deceptive-alignment has more general concepts"
    return ancestors


def _definition(kb: KnowledgeBase) -> str:
    preferred = kb["mesa-optimizer"].preferred
    assert preferred is not None
    return preferred.quote


# -- pronto ---------------------------------------------------------------------------


def test_pronto_reads_labels_definitions_ancestors_and_obsoletes(
    exported: tuple[KnowledgeBase, Path],
) -> None:
    kb, graph = exported
    ontology = pronto.Ontology(graph / "mesakb.obo", encoding="utf-8")
    term = ontology["mesakb:mesa-optimizer"]
    assert term.name == "mesa-optimizer"
    assert str(term.definition) == _definition(kb)
    assert {x.id for x in term.definition.xrefs} == {
        "source:hubinger2019risks",
        "source:grey2024atlas",
    }
    scopes = {s.description: s.scope for s in term.synonyms}
    assert scopes["inner optimizer"] == "EXACT"
    assert scopes["learned optimizer"] == "BROAD"
    deceptive = ontology["mesakb:deceptive-alignment"]
    assert sorted(t.id for t in deceptive.superclasses(with_self=False)) == _ancestors(
        kb, "deceptive-alignment"
    )
    relations = {(r.id, t.id) for r, ts in deceptive.relationships.items() for t in ts}
    assert ("requires", "mesakb:base-objective") in relations
    assert ontology.get_relationship("requires").transitive
    retired = ontology["mesakb:inner-optimiser"]
    assert retired.obsolete
    assert [t.id for t in retired.replaced_by] == ["mesakb:mesa-optimizer"]


# -- obonet ---------------------------------------------------------------------------


def test_obonet_reads_a_multidigraph_keyed_by_relation(
    exported: tuple[KnowledgeBase, Path],
) -> None:
    kb, graph = exported
    g = obonet.read_obo(graph / "mesakb.obo")
    node = g.nodes["mesakb:mesa-optimizer"]
    assert node["name"] == "mesa-optimizer"
    assert node["def"].startswith(f'"{_definition(kb)}" [source:hubinger2019risks ')
    assert g.graph["ontology"] == "mesakb"
    assert g.graph["data-version"] == kb.version
    import networkx as nx

    # obonet's edges run child → parent: the ancestors are the descendants in networkx.
    is_a = nx.MultiDiGraph((u, v) for u, v, key in g.edges(keys=True) if key == "is_a")
    assert sorted(nx.descendants(is_a, "mesakb:deceptive-alignment")) == _ancestors(
        kb, "deceptive-alignment"
    )
    assert g.has_edge("mesakb:deceptive-alignment", "mesakb:base-objective", key="requires")
    assert "mesakb:inner-optimiser" not in g  # obonet leaves obsolete terms out by default
    retired = obonet.read_obo(graph / "mesakb.obo", ignore_obsolete=False).nodes[
        "mesakb:inner-optimiser"
    ]
    assert retired["is_obsolete"] == "true"
    assert retired["replaced_by"] == ["mesakb:mesa-optimizer"]


# -- OAK ------------------------------------------------------------------------------


@contextmanager
def _quiet() -> Iterator[None]:
    # oaklib and its dependencies (pandas, sssom, linkml) warn on import about their
    # own deprecations; none of it concerns our files.
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        yield


def _adapter(spec: str) -> Any:
    with _quiet():
        from oaklib import get_adapter

        return get_adapter(spec)


def _retired(kb: KnowledgeBase) -> list[str]:
    """The tombstones, inner-optimiser among them: every id an ontology tool sees as obsolete."""
    retired = sorted(c.id for c in kb if c.status == "deprecated")
    assert "inner-optimiser" in retired
    return retired


@pytest.mark.parametrize(
    "scheme", ["simpleobo:mesakb.obo", "pronto:mesakb.obo", "obograph:mesakb.obographs.json"]
)
def test_oak_reads_the_obo_and_obographs_files(
    exported: tuple[KnowledgeBase, Path], scheme: str
) -> None:
    kb, graph = exported
    kind, name = scheme.split(":")
    with _quiet():
        oak = _adapter(f"{kind}:{graph / name}")
        assert oak.label("mesakb:mesa-optimizer") == "mesa-optimizer"
        assert oak.definition("mesakb:mesa-optimizer") == _definition(kb)
        ancestors = oak.ancestors(
            "mesakb:deceptive-alignment", predicates=["rdfs:subClassOf"], reflexive=False
        )
        assert sorted(ancestors) == _ancestors(kb, "deceptive-alignment")
        # simpleobo names a relation by its Typedef's xref (mkbv:requires), the others by id.
        outgoing = {
            (p.removeprefix("mkbv:"), o)
            for p, o in oak.outgoing_relationships("mesakb:deceptive-alignment")
        }
        assert ("requires", "mesakb:base-objective") in outgoing
        assert sorted(oak.obsoletes()) == [f"mesakb:{c}" for c in _retired(kb)]
        if kind != "obograph":  # OAK's obograph adapter has no migration relationships
            assert list(oak.obsoletes_migration_relationships(["mesakb:inner-optimiser"])) == [
                ("mesakb:inner-optimiser", "IAO:0100001", "mesakb:mesa-optimizer")
            ]


def test_oak_reads_the_turtle(exported: tuple[KnowledgeBase, Path]) -> None:
    kb, graph = exported
    mesa = concept_iri("mesa-optimizer")
    with _quiet():
        oak = _adapter(str(graph / "mesakb.ttl"))
        assert oak.label(mesa) == "mesa-optimizer"
        assert oak.definition(mesa) == _definition(kb)
        ancestors = oak.ancestors(
            concept_iri("deceptive-alignment"), predicates=["rdfs:subClassOf"], reflexive=False
        )
        assert sorted(ancestors) == sorted(
            concept_iri(c.id) for c in kb.more_general("deceptive-alignment")
        )
        assert sorted(oak.obsoletes()) == [concept_iri(c) for c in _retired(kb)]


def test_pronto_reads_hostile_text_exactly(tmp_path: Path) -> None:
    from hostile import HOSTILE_ID, write_hostile_kb

    texts = write_hostile_kb(tmp_path / "kb", tmp_path / "pwned")
    export(mesakb.load(tmp_path / "kb"), tmp_path / "out")
    ontology = pronto.Ontology(tmp_path / "out" / "graph" / "mesakb.obo", encoding="utf-8")
    term = ontology[f"mesakb:{HOSTILE_ID}"]
    assert term.name == texts["term"]
    assert [s.description for s in term.synonyms] == [texts["alias"]]
    assert [(x.id, x.description) for x in term.definition.xrefs] == [
        ("source:hostile2020source", texts["locator"])
    ]
    assert [t.id for t in term.superclasses(with_self=False)] == ["mesakb:plain-concept"]
    assert not (tmp_path / "pwned").exists()

"""The Python API on the small fixture knowledge base."""

from __future__ import annotations

from pathlib import Path

import networkx as nx
import pytest

import mesakb


def test_load_returns_every_concept_and_source(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert sorted(c.id for c in fixture_kb) == [
        "learned-algorithm",
        "mesa-optimizer",
        "objective",
        "optimizer",
    ]
    assert list(fixture_kb.sources) == ["paper"]
    assert fixture_kb.diagnostics == ()


def test_unknown_id_raises_with_suggestion(fixture_kb: mesakb.KnowledgeBase) -> None:
    with pytest.raises(mesakb.UnknownConceptError) as info:
        fixture_kb["mesa-optimiser"]
    assert info.value.suggestions == ("mesa-optimizer",)
    assert "did you mean 'mesa-optimizer'" in str(info.value)


@pytest.mark.parametrize(
    ("query", "kwargs", "expected"),
    [
        ("more_general", {}, ["optimizer", "learned-algorithm"]),
        ("more_general", {"reflexive": True}, ["mesa-optimizer", "optimizer", "learned-algorithm"]),
        (
            "more_general",
            {"relations": ("is_a", "requires")},
            ["optimizer", "learned-algorithm", "objective"],
        ),
        ("prerequisites", {}, ["learned-algorithm", "objective", "optimizer"]),
    ],
)
def test_queries_from_mesa_optimizer(
    fixture_kb: mesakb.KnowledgeBase, query: str, kwargs: dict[str, object], expected: list[str]
) -> None:
    result = getattr(fixture_kb, query)("mesa-optimizer", **kwargs)
    assert [c.id for c in result] == expected


def test_more_specific_is_the_inverse_of_more_general(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert [c.id for c in fixture_kb.more_specific("optimizer")] == ["mesa-optimizer"]
    assert [c.id for c in fixture_kb.dependents("objective")] == ["mesa-optimizer"]


def test_prerequisites_come_before_what_needs_them(tmp_path: Path, kb_copy: Path) -> None:
    text = (kb_copy / "concepts" / "objective.yaml").read_text()
    text = text.replace("relations:\n", "relations:\n  requires: [optimizer]\n")
    (kb_copy / "concepts" / "objective.yaml").write_text(text)
    kb = mesakb.load(kb_copy)
    order = [c.id for c in kb.prerequisites("mesa-optimizer")]
    assert order.index("optimizer") < order.index("objective")


def test_unknown_relation_filter_is_refused(fixture_kb: mesakb.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="unknown relation type 'isa'"):
        fixture_kb.more_general("mesa-optimizer", relations=("isa",))


def test_related_follows_symmetric_relations_both_ways(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert [c.id for c in fixture_kb.related("objective")] == ["optimizer", "learned-algorithm"]


def test_links_read_each_way(fixture_kb: mesakb.KnowledgeBase) -> None:
    labels = {(link.label, link.concept) for link in fixture_kb.links("optimizer")}
    assert ("more specific", "mesa-optimizer") in labels
    assert ("related to", "objective") in labels


def test_path_goes_against_edge_direction_when_needed(fixture_kb: mesakb.KnowledgeBase) -> None:
    steps = fixture_kb.path("optimizer", "mesa-optimizer", relations=("is_a",))
    assert [str(s) for s in steps] == ["optimizer —more specific→ mesa-optimizer"]
    assert fixture_kb.path("optimizer", "optimizer") == []


def test_path_between_unconnected_concepts_raises(fixture_kb: mesakb.KnowledgeBase) -> None:
    with pytest.raises(mesakb.NoPathError):
        fixture_kb.path("objective", "mesa-optimizer", relations=("is_a",))


def test_sources_and_citing_concepts(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert [s.id for s in fixture_kb.sources_of("optimizer")] == ["paper"]
    assert len(fixture_kb.concepts_citing("paper")) == 4
    with pytest.raises(mesakb.UnknownSourceError):
        fixture_kb.concepts_citing("nope")


def test_graph_is_a_plain_multidigraph_keyed_by_relation(fixture_kb: mesakb.KnowledgeBase) -> None:
    graph = fixture_kb.graph
    assert type(graph) is nx.MultiDiGraph
    assert graph.has_edge("mesa-optimizer", "optimizer", key="is_a")
    assert graph.has_edge("mesa-optimizer", "source:paper", key="defines:0")
    assert graph.nodes["optimizer"]["term"] == "optimizer"
    assert graph.number_of_nodes() == 5


def test_load_raises_with_every_problem(kb_copy: Path) -> None:
    (kb_copy / "concepts" / "bad.yaml").write_text("id: bad\n")
    (kb_copy / "concepts" / "worse.yaml").write_text("- a list\n")
    with pytest.raises(mesakb.CheckError) as info:
        mesakb.load(kb_copy)
    assert {d.path for d in info.value.diagnostics} == {"concepts/bad.yaml", "concepts/worse.yaml"}


def test_strict_load_refuses_warnings(kb_copy: Path) -> None:
    text = (kb_copy / "concepts" / "objective.yaml").read_text()
    (kb_copy / "concepts" / "objective.yaml").write_text(text.replace(", learned-algorithm]", "]"))
    assert mesakb.load(kb_copy).diagnostics[0].code == "KB210"
    with pytest.raises(mesakb.CheckError):
        mesakb.load(kb_copy, strict=True)


def test_models_are_frozen(fixture_kb: mesakb.KnowledgeBase) -> None:
    with pytest.raises(ValueError, match="frozen"):
        fixture_kb["optimizer"].term = "x"  # type: ignore[misc]


@pytest.mark.parametrize("relations", [None, ("is_a", "requires")])
def test_path_is_a_shortest_chain_of_real_edges(relations: tuple[str, ...] | None) -> None:
    import random

    kb = mesakb.load()
    chosen = relations or tuple(mesakb.RELATIONS)
    either: nx.Graph[str] = nx.Graph()
    either.add_nodes_from(kb.concepts)
    for c in kb:
        for relation, targets in c.relations.items():
            if relation in chosen:
                either.add_edges_from((c.id, t) for t in targets)
    rng = random.Random(7)
    ids = sorted(kb.concepts)
    for _ in range(300):
        start, end = rng.choice(ids), rng.choice(ids)
        if not nx.has_path(either, start, end):
            with pytest.raises(mesakb.NoPathError):
                kb.path(start, end, relations)
            continue
        steps = kb.path(start, end, relations)
        assert len(steps) == nx.shortest_path_length(either, start, end)
        here = start
        for step in steps:
            assert step.start == here
            subject, obj = (step.end, step.start) if step.inverse else (step.start, step.end)
            assert obj in dict(kb[subject].relations.items()).get(step.relation, ())
            assert step.relation in chosen
            here = step.end
        assert here == end

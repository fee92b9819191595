"""kb.graph keeps every definition, check and relation; every export agrees with it."""

from __future__ import annotations

import json
import warnings
from collections import defaultdict
from pathlib import Path

import networkx as nx
import obonet
import pytest
import rdflib

import mesakb
from mesakb.kb.base import KnowledgeBase
from mesakb.kb.graph import source_node
from mesakb.model import Concept
from mesakb.urls import source_iri
from mesakb.write.release import export_files

Citing = dict[str, set[str]]


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return mesakb.load()


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, bytes]:
    return export_files(kb)


def test_every_definition_is_its_own_edge_with_all_its_fields(kb: KnowledgeBase) -> None:
    graph = kb.graph
    count = 0
    for cid, concept in kb.concepts.items():
        for index, definition in enumerate(concept.definitions):
            data = graph.edges[cid, source_node(definition.source), f"defines:{index}"]
            expected = {
                "index": index,
                **{k: v for k, v in definition.model_dump().items() if v is not None},
            }
            del expected["source"]
            assert data == expected
            count += 1
    defines = [k for _, _, k in graph.edges(keys=True) if k.startswith("defines:")]
    assert len(defines) == count
    pairs = [(c.id, d.source) for c in kb for d in c.definitions]
    assert len(set(pairs)) < len(pairs), "the content has several definitions from one source"


def test_secondary_texts_are_edges(kb: KnowledgeBase) -> None:
    checked = [(c.id, i, d) for c in kb for i, d in enumerate(c.definitions) if d.via]
    assert checked, "the content has quotations checked via a secondary text"
    for cid, index, definition in checked:
        assert definition.via is not None
        data = kb.graph.edges[cid, source_node(definition.via), f"checked_via:{index}"]
        assert data == {"index": index, "source": definition.source}


def test_every_relation_is_an_edge(kb: KnowledgeBase) -> None:
    expected = sorted((c.id, t, r) for c in kb for r, ts in c.relations.items() for t in ts)
    relations = set(mesakb.RELATIONS)
    found = sorted((u, v, k) for u, v, k in kb.graph.edges(keys=True) if k in relations)
    assert found == expected


def test_a_tombstone_has_a_replaced_by_edge() -> None:
    new = Concept(id="new", term="new", kind="concept", summary="New.")
    old = Concept(
        id="old",
        term="old",
        kind="concept",
        summary="Old.",
        status="deprecated",
        replaced_by="new",
    )
    graph = KnowledgeBase({"new": new, "old": old}, {}).graph
    assert list(graph.edges(keys=True)) == [("old", "new", "replaced_by")]
    assert graph.nodes["old"]["status"] == "deprecated"


# -- per source, every export names the same concepts ------------------------------


def _from_networkx(graph: nx.MultiDiGraph[str]) -> Citing:
    citing: Citing = defaultdict(set)
    for u, v, key in graph.edges(keys=True):
        if key.split(":")[0] in ("defines", "checked_via"):
            citing[v.removeprefix("source:")].add(u)
    return citing


def _from_rdf(graph: rdflib.Graph) -> Citing:
    query = """
        SELECT ?key ?id WHERE {
          ?c mkbv:definition ?d ; dcterms:identifier ?id .
          { ?d prov:wasQuotedFrom ?s } UNION { ?d mkbv:checkedAgainst ?s }
          ?s dcterms:identifier ?key .
        }"""
    from mesakb.write.rdf import PREFIXES

    citing: Citing = defaultdict(set)
    subjects = {str(s) for s in graph.subjects()}
    for row in graph.query(query, initNs=PREFIXES):
        key, cid = (str(x) for x in row)  # type: ignore[union-attr]
        assert source_iri(key) in subjects
        citing[key].add(cid)
    return citing


def _from_obo(path: Path) -> Citing:
    graph = obonet.read_obo(path)
    citing: Citing = defaultdict(set)
    for node, data in graph.nodes(data=True):
        for value in data.get("property_value", []):
            predicate, _, obj = value.partition(" ")
            if predicate == "mkbv:cites":
                citing[obj.removeprefix("source:")].add(node.removeprefix("mesakb:"))
    return citing


def _from_obographs(data: bytes) -> Citing:
    citing: Citing = defaultdict(set)
    for node in json.loads(data)["graphs"][0]["nodes"]:
        for value in node.get("meta", {}).get("basicPropertyValues", []):
            if value["pred"].endswith("#cites"):
                citing[value["val"].removeprefix("source:")].add(node["id"].removeprefix("mesakb:"))
    return citing


def test_concepts_citing_the_graph_and_every_export_agree(
    kb: KnowledgeBase, files: dict[str, bytes], tmp_path: Path
) -> None:
    api: Citing = {key: {c.id for c in kb.concepts_citing(key)} for key in kb.sources}
    api = {key: ids for key, ids in api.items() if ids}
    assert sum(len(ids) for ids in api.values()) > len(kb.sources)
    node_link = nx.node_link_graph(json.loads(files["graph/mesakb.json"]), edges="links")
    (tmp_path / "g.graphml").write_bytes(files["graph/mesakb.graphml"])
    graphml = nx.read_graphml(tmp_path / "g.graphml", force_multigraph=True)
    turtle = rdflib.Graph().parse(data=files["graph/mesakb.ttl"], format="turtle")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        jsonld = rdflib.Graph().parse(data=files["graph/mesakb.jsonld"], format="json-ld")
    (tmp_path / "kb.obo").write_bytes(files["graph/mesakb.obo"])
    views = {
        "kb.graph": _from_networkx(kb.graph),
        "graph/mesakb.json": _from_networkx(node_link),
        "graph/mesakb.graphml": _from_networkx(graphml),
        "graph/mesakb.ttl": _from_rdf(turtle),
        "graph/mesakb.jsonld": _from_rdf(jsonld),
        "graph/mesakb.obo": _from_obo(tmp_path / "kb.obo"),
        "graph/mesakb.obographs.json": _from_obographs(files["graph/mesakb.obographs.json"]),
    }
    for name, view in views.items():
        assert dict(view) == api, name


def test_graph_readme_names_every_graph_file_with_what_reads_it(files: dict[str, bytes]) -> None:
    readme = (Path(__file__).parent.parent / "graph" / "README.md").read_text("utf-8")
    rows = {line.split("|")[1].strip() for line in readme.splitlines() if line.startswith("| `")}
    named = {name.strip("` ") for row in rows for name in row.split(",")}
    graph_files = {name.removeprefix("graph/") for name in files if name.startswith("graph/")}
    assert graph_files <= named

"""The RDF exports round-trip, conform to their SHACL shapes and to SKOS's integrity rules."""

from __future__ import annotations

import warnings
from pathlib import Path

import pyshacl
import pytest
import rdflib
from rdflib.namespace import OWL, RDF, RDFS, SKOS

import mesakb
from mesakb.kb.base import KnowledgeBase
from mesakb.model import Concept
from mesakb.urls import concept_iri, scheme_iri, vocab_iri
from mesakb.write.rdf import LICENSE_URL, PREFIXES, read_rdf
from mesakb.write.release import export_files

MKBV = rdflib.Namespace(vocab_iri())


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return mesakb.load()


@pytest.fixture(scope="module")
def files(kb: KnowledgeBase) -> dict[str, bytes]:
    return export_files(kb)


@pytest.fixture(scope="module")
def turtle(files: dict[str, bytes]) -> rdflib.Graph:
    return rdflib.Graph().parse(data=files["graph/mesakb.ttl"], format="turtle")


def _jsonld(files: dict[str, bytes]) -> rdflib.Graph:
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        return rdflib.Graph().parse(data=files["graph/mesakb.jsonld"], format="json-ld")


# -- round trip ----------------------------------------------------------------------


def test_turtle_rebuilds_the_knowledge_base_field_by_field(
    kb: KnowledgeBase, turtle: rdflib.Graph
) -> None:
    concepts, sources = read_rdf(turtle)
    assert list(concepts) == sorted(kb.concepts)
    assert list(sources) == sorted(kb.sources)
    for cid, concept in kb.concepts.items():
        for field in type(concept).model_fields:
            assert getattr(concepts[cid], field) == getattr(concept, field), (cid, field)
    for key, source in kb.sources.items():
        for field in type(source).model_fields:
            assert getattr(sources[key], field) == getattr(source, field), (key, field)
    assert concepts == kb.concepts
    assert sources == kb.sources


def test_json_ld_rebuilds_the_same_knowledge_base(
    kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    concepts, sources = read_rdf(_jsonld(files))
    assert concepts == kb.concepts
    assert sources == kb.sources


def test_a_changed_triple_changes_the_rebuilt_knowledge_base(
    kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    graph = rdflib.Graph().parse(data=files["graph/mesakb.ttl"], format="turtle")
    definition = rdflib.URIRef(concept_iri("mesa-optimizer") + "#definition-1")
    graph.set((definition, MKBV.locator, rdflib.Literal("sec. 99")))
    concepts, _ = read_rdf(graph)
    assert concepts["mesa-optimizer"].preferred is not None
    assert concepts["mesa-optimizer"].preferred.locator == "sec. 99"
    assert concepts != kb.concepts


# -- what the triples say ---------------------------------------------------------


def test_every_link_between_concepts_is_a_triple(kb: KnowledgeBase, turtle: rdflib.Graph) -> None:
    links = {
        (concept_iri(c.id), vocab_iri(r), concept_iri(t))
        for c in kb
        for r, targets in c.relations.items()
        for t in targets
    }
    relations = {rdflib.URIRef(vocab_iri(r)) for r in mesakb.RELATIONS}
    found = {(str(s), str(p), str(o)) for s, p, o in turtle if p in relations}
    assert found == links
    assert len(links) > 200


def test_the_quoted_definition_not_the_summary_is_the_skos_definition(
    kb: KnowledgeBase, turtle: rdflib.Graph
) -> None:
    for concept in kb:
        node = rdflib.URIRef(concept_iri(concept.id))
        definitions = [str(d) for d in turtle.objects(node, SKOS.definition)]
        assert definitions == ([concept.preferred.quote] if concept.preferred else [])


def test_relation_types_are_declared_with_label_inverse_and_characteristics(
    turtle: rdflib.Graph,
) -> None:
    for name, rel in mesakb.RELATIONS.items():
        node = MKBV[name]
        assert str(turtle.value(node, RDFS.label)) == rel.label
        assert ((node, RDF.type, OWL.TransitiveProperty) in turtle) == rel.transitive
        assert ((node, RDF.type, OWL.SymmetricProperty) in turtle) == rel.symmetric
        inverse = turtle.value(node, OWL.inverseOf)
        assert inverse is not None
        assert str(turtle.value(inverse, RDFS.label)) == rel.inverse_label


def test_the_scheme_carries_edition_and_licence(kb: KnowledgeBase, turtle: rdflib.Graph) -> None:
    scheme = rdflib.URIRef(scheme_iri())
    assert str(turtle.value(scheme, OWL.versionInfo)) == kb.version
    assert kb.version in str(turtle.value(scheme, OWL.versionIRI))
    license_ = rdflib.URIRef(LICENSE_URL)
    assert (scheme, rdflib.URIRef(PREFIXES["dcterms"] + "license"), license_) in turtle


def test_every_mkbv_term_used_is_declared_with_label_and_comment(
    files: dict[str, bytes], turtle: rdflib.Graph
) -> None:
    vocab = rdflib.Graph().parse(data=files["graph/vocab.ttl"], format="turtle")
    used = {t for triple in turtle for t in triple if str(t).startswith(vocab_iri())}
    used.discard(rdflib.URIRef(vocab_iri()))
    assert len(used) > 30
    for term in used:
        assert vocab.value(term, RDFS.label) is not None, term
        assert vocab.value(term, RDFS.comment) is not None, term


# -- SHACL ----------------------------------------------------------------------------


def _validate(data: rdflib.Graph, shapes: bytes) -> tuple[bool, str]:
    shapes_graph = rdflib.Graph().parse(data=shapes, format="turtle")
    conforms, _, text = pyshacl.validate(data, shacl_graph=shapes_graph, inference="none")
    return bool(conforms), str(text)


def test_the_export_conforms_to_its_shacl_shapes(
    files: dict[str, bytes], turtle: rdflib.Graph
) -> None:
    conforms, report = _validate(turtle, files["graph/shapes.ttl"])
    assert conforms, report


def test_the_shapes_catch_a_definition_without_a_source(
    files: dict[str, bytes], turtle: rdflib.Graph
) -> None:
    broken = rdflib.Graph()
    for triple in turtle:
        broken.add(triple)
    definition = rdflib.URIRef(concept_iri("mesa-optimizer") + "#definition-1")
    broken.remove((definition, rdflib.URIRef(PREFIXES["prov"] + "wasQuotedFrom"), None))
    broken.add((rdflib.URIRef(concept_iri("optimizer")), SKOS.prefLabel, rdflib.Literal("x")))
    conforms, report = _validate(broken, files["graph/shapes.ttl"])
    assert not conforms
    assert "wasQuotedFrom" in report
    assert "prefLabel" in report


# -- SKOS integrity conditions (SKOS Reference, S13, S14, S27; S9) ---------------------

SKOS_VIOLATIONS = {
    "S14 two prefLabels in one language": """
        SELECT ?c WHERE { ?c skos:prefLabel ?a, ?b .
                          FILTER (?a != ?b && lang(?a) = lang(?b)) }""",
    "S13 prefLabel, altLabel and hiddenLabel are disjoint": """
        SELECT ?c WHERE { { ?c skos:prefLabel ?l ; skos:altLabel ?l }
                          UNION { ?c skos:prefLabel ?l ; skos:hiddenLabel ?l }
                          UNION { ?c skos:altLabel ?l ; skos:hiddenLabel ?l } }""",
    "S27 related is disjoint from broaderTransitive": """
        SELECT ?c WHERE { ?c skos:related ?d . ?c skos:broader+ ?d }""",
    "S9 Concept and ConceptScheme are disjoint": """
        SELECT ?c WHERE { ?c a skos:Concept, skos:ConceptScheme }""",
    "no concept is related to itself": "SELECT ?c WHERE { ?c skos:related ?c }",
}


@pytest.mark.parametrize("name", sorted(SKOS_VIOLATIONS))
def test_the_export_meets_the_skos_integrity_conditions(
    name: str, files: dict[str, bytes], turtle: rdflib.Graph
) -> None:
    for graph in (turtle, _jsonld(files)):
        assert list(graph.query(SKOS_VIOLATIONS[name], initNs=PREFIXES)) == []


def test_the_skos_queries_find_a_violation(turtle: rdflib.Graph) -> None:
    broken = rdflib.Graph()
    for triple in turtle:
        broken.add(triple)
    mesa, optimizer = (rdflib.URIRef(concept_iri(c)) for c in ("mesa-optimizer", "optimizer"))
    broken.add((mesa, SKOS.related, optimizer))
    broken.add((mesa, SKOS.altLabel, broken.value(mesa, SKOS.prefLabel)))
    broken.add((mesa, SKOS.prefLabel, rdflib.Literal("another", lang="en")))
    found = {
        name
        for name, query in SKOS_VIOLATIONS.items()
        if list(broken.query(query, initNs=PREFIXES))
    }
    assert found == {
        "S14 two prefLabels in one language",
        "S13 prefLabel, altLabel and hiddenLabel are disjoint",
        "S27 related is disjoint from broaderTransitive",
    }


# -- every field, and hostile text ------------------------------------------------------


def _every_field_kb() -> KnowledgeBase:
    from mesakb.model import Source

    book = Source.model_validate(
        {
            "id": "editor2001book",
            "type": "chapter",
            "title": 'A Chapter: With {Braces} & "Quotes"',
            "author": [
                {"family": "Doe"},
                {"family": "Roe", "given": "Ann B."},
                {"literal": "ACME"},
            ],
            "editor": [{"family": "Ed", "given": "Itor"}],
            "issued": {"date-parts": [[2001]]},
            "container-title": "The Book",
            "publisher": "Press",
            "URL": "https://example.org/a{b}%20c|d#frag",
            "DOI": "10.1234/abc(1)",
            "arxiv": "0101.00001",
            "checked": False,
            "check_note": "Not checked.",
            "text_file": "book.txt",
        }
    )
    paper = Source.model_validate(
        {
            "id": "paper",
            "type": "article",
            "title": "P",
            "checked": True,
            "issued": {"date-parts": [[2019, 6]]},
        }
    )
    definition = {"quote": "A is\n  an  A.", "source": "paper", "locator": "p. 1"}
    concepts = [
        Concept.model_validate(
            {
                "id": "a",
                "term": "A",
                "kind": "claim",
                "summary": "An A.",
                "status": "draft",
                "aliases": [
                    {"label": s, "scope": s} for s in ("exact", "broad", "narrow", "related")
                ],
                "definitions": [
                    {**definition, "rank": "preferred", "via": "editor2001book"},
                    {**definition, "rank": "historical", "speaker": "Someone", "note": "Older."},
                    {**definition, "rank": "alternative", "source": "editor2001book"},
                ],
                "attributed_to": ["Zed", "Alpha"],
                "body": "Some *Markdown*.\n\nTwo paragraphs.",
                "formal": {
                    "latex": r"x \in X",
                    "symbols": [
                        {"symbol": "x", "meaning": "a thing"},
                        {"symbol": "X", "meaning": "all"},
                    ],
                    "note": "Leaves out time.",
                },
                "relations": {"is_a": ["c", "b"], "related": ["c", "b"], "supports": ["b"]},
            }
        ),
        Concept.model_validate(
            {
                "id": "b",
                "term": "B",
                "kind": "concept",
                "summary": "B.",
                "definitions": [{**definition, "rank": "preferred"}],
                "relations": {"contrasts_with": ["c"]},
            }
        ),
        Concept.model_validate(
            {
                "id": "c",
                "term": "C",
                "kind": "concept",
                "summary": "C.",
                "definitions": [{**definition, "rank": "preferred"}],
            }
        ),
        Concept.model_validate(
            {
                "id": "old",
                "term": "old",
                "kind": "concept",
                "summary": "Old.",
                "status": "deprecated",
                "replaced_by": "a",
            }
        ),
    ]
    return KnowledgeBase({c.id: c for c in concepts}, {"editor2001book": book, "paper": paper})


def test_every_optional_field_round_trips() -> None:
    from mesakb.write.rdf import rdf_graph

    kb = _every_field_kb()
    files = export_files(kb)
    for graph in (
        rdflib.Graph().parse(data=files["graph/mesakb.ttl"], format="turtle"),
        _jsonld(files),
        rdf_graph(kb),
    ):
        concepts, sources = read_rdf(graph)
        assert concepts == kb.concepts
        assert sources == kb.sources


def test_hostile_text_round_trips_through_turtle(tmp_path: Path) -> None:
    from hostile import write_hostile_kb

    root = tmp_path
    write_hostile_kb(root / "kb", root / "pwned")
    kb = mesakb.load(root / "kb")
    turtle = rdflib.Graph().parse(data=export_files(kb)["graph/mesakb.ttl"], format="turtle")
    concepts, sources = read_rdf(turtle)
    assert concepts == kb.concepts
    assert sources == kb.sources

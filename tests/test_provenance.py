"""Every quotation carries its provenance: how, and against what, it was checked."""

from __future__ import annotations

import json
from pathlib import Path

import mesakb
from mesakb.model import Concept, Definition, HandCheck, Source
from mesakb.quotes.ledger import quote_digest
from mesakb.quotes.provenance import KINDS, counts, provenances

ROOT = Path(__file__).resolve().parents[1]


def _source(key: str, text_file: str | None, held: str = "private") -> Source:
    return Source.model_validate(
        {
            "id": key,
            "type": "article",
            "title": key,
            "checked": False,
            "text_file": text_file,
            "text_held": held,
        }
    )


def _concept(cid: str, *definitions: Definition) -> Concept:
    return Concept(id=cid, term=cid, kind="concept", summary="S.", definitions=definitions)


def _definition(source: str, quote: str = "A quote.", **extra: object) -> Definition:
    return Definition.model_validate(
        {"quote": quote, "source": source, "locator": "sec. 1", "rank": "preferred", **extra}
    )


def test_each_kind_is_derived_from_the_data(tmp_path: Path) -> None:
    sources = {
        "shared": _source("shared", "s.txt", "project"),
        "private": _source("private", "p.txt"),
        "bare": _source("bare", None),
    }
    concepts = {
        "a": _concept("a", _definition("shared")),
        "b": _concept("b", _definition("private", "Verified words.")),
        "c": _concept("c", _definition("private", "Edited since.")),
        "d": _concept(
            "d",
            _definition(
                "bare", checked_by_hand=HandCheck(date="2026-12-01", url="https://example.com/p")
            ),
        ),
        "e": _concept("e", _definition("bare")),
        "f": _concept("f", _definition("bare", via="shared")),
    }
    ledger = tmp_path / "ledger.json"
    ledger.write_text(
        json.dumps(
            [
                {
                    "concept": "b",
                    "definition": 0,
                    "checked_against": "private",
                    "digest": quote_digest("Verified words."),
                },
                {
                    "concept": "c",
                    "definition": 0,
                    "checked_against": "private",
                    "digest": quote_digest("The old words."),
                },
            ]
        )
    )
    found = provenances(concepts, sources, ledger)
    assert {cid: found[cid, 0].kind for cid in concepts} == {
        "a": "source-text",
        "b": "ledger",
        "c": "unchecked",
        "d": "by-hand",
        "e": "unchecked",
        "f": "source-text",
    }
    assert found["f", 0].against == "shared"
    assert "2026-12-01" in found["d", 0].describe()
    assert counts(found).startswith("provenance: 2 against the project source texts, 1 ")


def test_without_a_ledger_nothing_counts_as_ledger() -> None:
    kb = mesakb.load()
    found = provenances(kb.concepts, kb.sources, None)
    assert all(p.kind != "ledger" for p in found.values())


def test_real_content_has_no_unchecked_quotation() -> None:
    kb = mesakb.load()
    found = provenances(kb.concepts, kb.sources, ROOT / "verified-quotes.json")
    assert len(found) == sum(len(c.definitions) for c in kb)
    assert {p.kind for p in found.values()} <= set(KINDS) - {"unchecked"}


def test_verify_warns_about_a_quotation_with_no_record(tmp_path: Path) -> None:
    for folder in ("concepts", "sources"):
        (tmp_path / folder).mkdir()
    (tmp_path / "sources/bare.yaml").write_text(
        "id: bare\ntype: article\ntitle: Bare\nchecked: false\n", encoding="utf-8"
    )
    (tmp_path / "concepts/x.yaml").write_text(
        "id: x\nterm: x\nkind: concept\nsummary: An x.\ndefinitions:\n"
        "  - {quote: Words., source: bare, locator: sec. 1, rank: preferred}\n",
        encoding="utf-8",
    )
    ledger = tmp_path / "ledger.json"
    ledger.write_text("[]\n", encoding="utf-8")
    outcome = mesakb.verify(mesakb.check(tmp_path), ledger=ledger)
    assert [(d.path, d.line, d.code) for d in outcome.diagnostics] == [
        ("concepts/x.yaml", 6, "KB504")
    ]
    assert outcome.summary[-1].endswith("1 not yet checked")


def test_turtle_export_carries_the_provenance_of_every_definition() -> None:
    import rdflib

    from mesakb.quotes.provenance import kb_ledger
    from mesakb.urls import vocab_iri

    kb = mesakb.load()
    graph = rdflib.Graph().parse(ROOT / "graph" / "mesakb.ttl", format="turtle")
    exported = {
        str(node): str(kind)
        for node, kind in graph.subject_objects(rdflib.URIRef(vocab_iri("provenance")))
    }
    expected = provenances(kb.concepts, kb.sources, kb_ledger(kb))
    assert len(exported) == len(expected)
    assert sorted(exported.values()) == sorted(p.kind for p in expected.values())

"""SPARQL over the embedded Oxigraph store answers as the Python API does."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

import mesakb
from mesakb.cli import main
from mesakb.kb.base import KnowledgeBase
from mesakb.write.triplestore import sparql

GUIDE = Path(__file__).parent.parent / "site" / "guides" / "sparql.md"


@pytest.fixture(scope="module")
def kb() -> KnowledgeBase:
    return mesakb.load()


def _guide_query(name: str) -> str:
    """The example query under the heading ``name`` in the SPARQL guide."""
    text = GUIDE.read_text("utf-8")
    match = re.search(rf"### {re.escape(name)}\n.*?```sparql\n(.*?)```", text, re.DOTALL)
    assert match, f"no query under '### {name}' in {GUIDE}"
    return match.group(1)


def test_ancestors_match_more_general(kb: KnowledgeBase) -> None:
    query = _guide_query("Ancestors")
    result = sparql(query, kb)
    assert result.variables[0] == "id"
    expected = sorted(c.id for c in kb.more_general("deceptive-alignment"))
    assert sorted(row[0] for row in result.rows if row[0]) == expected
    assert expected


@pytest.mark.parametrize("key", ["hubinger2019risks", "grey2024atlas"])
def test_concepts_citing_a_source_match_concepts_citing(kb: KnowledgeBase, key: str) -> None:
    query = _guide_query("Concepts citing a source")
    assert '"hubinger2019risks"' in query
    query = query.replace('"hubinger2019risks"', f'"{key}"')
    rows = sparql(query, kb).rows
    assert [row[0] for row in rows] == [c.id for c in kb.concepts_citing(key)]


def test_definitions_with_locators_match_the_models(kb: KnowledgeBase) -> None:
    rows = sparql(_guide_query("Definitions with their locators"), kb).rows
    expected = sorted(
        (c.id, d.source, d.locator, d.rank, d.quote) for c in kb for d in c.definitions
    )
    assert sorted(tuple(str(v) for v in row) for row in rows) == expected


def test_competing_definitions_are_the_concepts_with_alternatives(kb: KnowledgeBase) -> None:
    rows = sparql(_guide_query("Competing definitions"), kb).rows
    expected = sorted(
        (c.id, str(sum(d.rank == "alternative" for d in c.definitions)))
        for c in kb
        if any(d.rank == "alternative" for d in c.definitions)
    )
    assert sorted((str(a), str(b)) for a, b in rows) == expected


def test_cli_prints_tsv_and_json(capsys: pytest.CaptureFixture[str]) -> None:
    query = "SELECT ?id WHERE { ?c skos:prefLabel 'mesa-optimizer'@en ; dcterms:identifier ?id }"
    assert main(["sparql", query]) == 0
    assert capsys.readouterr().out == "id\nmesa-optimizer\n"
    assert main(["sparql", "--format", "json", query]) == 0
    data = json.loads(capsys.readouterr().out)
    assert data["results"]["bindings"] == [{"id": "mesa-optimizer"}]


def test_cli_reads_a_query_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (tmp_path / "q.rq").write_text("ASK { ?c mkbv:is_a ?d }", "utf-8")
    assert main(["sparql", f"@{tmp_path / 'q.rq'}"]) == 0
    assert capsys.readouterr().out == "true\n"


def test_a_bad_query_is_one_line_and_exit_2(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["sparql", "SELEKT ?x WHERE {}"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("mesakb: error: the SPARQL query does not parse")
    assert "Traceback" not in err
    assert main(["sparql", "@/nonexistent/q.rq"]) == 2
    assert "cannot read /nonexistent/q.rq" in capsys.readouterr().err


def test_without_pyoxigraph_the_error_says_what_to_install(
    monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import sys

    from mesakb.write import triplestore

    monkeypatch.setitem(sys.modules, "pyoxigraph", None)
    monkeypatch.setattr(triplestore, "_STORES", type(triplestore._STORES)())
    assert main(["sparql", "ASK { ?s ?p ?o }"]) == 2
    assert capsys.readouterr().err == (
        "mesakb: error: SPARQL needs pyoxigraph: pip install 'mesakb[sparql]'\n"
    )

from __future__ import annotations

import json
import os
import re
import shutil
import subprocess
import sys
import warnings
from pathlib import Path

import networkx as nx
import pytest
import rdflib
from pybtex.database import parse_bytes
from rdflib.namespace import RDF, SKOS

import mesakb
from hostile import HOSTILE_ID, write_hostile_kb
from mesakb.cli import main
from mesakb.kb.base import KnowledgeBase
from mesakb.urls import concept_iri, permanent_concept_url, scheme_iri
from mesakb.write.citation import cite
from mesakb.write.csl import render_csl
from mesakb.write.release import export, export_files, rdf_graph
from mesakb.write.schema import json_schema
from mesakb.write.texescape import unescape_tex

ROOT = Path(__file__).parent.parent
EXPECTED_FILES = [
    "glossary/concepts.bib",
    "glossary/concepts.csl.json",
    "glossary/glossary.md",
    "glossary/glossary.tex",
    "glossary/sources.bib",
    "glossary/sources.csl.json",
    "graph/concept.schema.json",
    "graph/mesakb.graphml",
    "graph/mesakb.json",
    "graph/mesakb.jsonld",
    "graph/mesakb.obo",
    "graph/mesakb.obographs.json",
    "graph/mesakb.ttl",
    "graph/shapes.ttl",
    "graph/source.schema.json",
    "graph/vocab.ttl",
    "w3id/.htaccess",
    "w3id/_redirects",
]


@pytest.fixture(scope="module")
def files(fixture_kb: KnowledgeBase) -> dict[str, bytes]:
    return export_files(fixture_kb)


@pytest.fixture(scope="module")
def hostile(
    tmp_path_factory: pytest.TempPathFactory,
) -> tuple[KnowledgeBase, dict[str, str], dict[str, bytes], Path]:
    root = tmp_path_factory.mktemp("hostile")
    pwned = root / "pwned"
    texts = write_hostile_kb(root / "kb", pwned)
    kb = mesakb.load(root / "kb")
    return kb, texts, export_files(kb), pwned


def _same_graph(a: nx.MultiDiGraph[str], b: nx.MultiDiGraph[str]) -> None:
    assert dict(a.nodes(data=True)) == dict(b.nodes(data=True))
    assert sorted(a.edges(keys=True, data=True), key=repr) == sorted(
        b.edges(keys=True, data=True), key=repr
    )
    defaults = ("node_default", "edge_default")  # added by read_graphml
    assert {k: v for k, v in a.graph.items() if k not in defaults} == b.graph


def _without_relation(graph: nx.MultiDiGraph[str]) -> nx.MultiDiGraph[str]:
    """Check and drop the ``relation`` attribute GraphML edges carry besides their key."""
    for _, _, key, data in graph.edges(keys=True, data=True):
        assert data.pop("relation") == key
    return graph


# -- shape and determinism -----------------------------------------------------------


def test_export_renders_every_release_file(files: dict[str, bytes]) -> None:
    assert list(files) == EXPECTED_FILES


@pytest.mark.parametrize("name", EXPECTED_FILES)
def test_files_are_utf8_with_one_trailing_newline_and_no_timestamp(
    files: dict[str, bytes], name: str
) -> None:
    text = files[name].decode("utf-8")
    assert text.endswith("\n")
    assert not text.endswith("\n\n")
    assert "\r" not in text
    assert not re.search(r"\b20\d\d-\d\d-\d\dT\d\d:", text)


def test_export_twice_writes_identical_bytes_and_then_nothing(
    fixture_kb: KnowledgeBase, tmp_path: Path
) -> None:
    written = export(fixture_kb, tmp_path / "a")
    assert len(written) == len(EXPECTED_FILES)
    export(fixture_kb, tmp_path / "b")
    for name in EXPECTED_FILES:
        assert (tmp_path / "a" / name).read_bytes() == (tmp_path / "b" / name).read_bytes()
    assert export(fixture_kb, tmp_path / "a") == []
    leftovers = [p for p in (tmp_path / "a").rglob("*") if p.name.endswith(".tmp")]
    assert leftovers == []


def test_export_is_independent_of_hash_seed(tmp_path: Path) -> None:
    fixture = Path(__file__).parent / "fixtures" / "kb"
    outputs = []
    for seed in ("1", "2"):
        out = tmp_path / seed
        env = {**os.environ, "PYTHONHASHSEED": seed}
        code = f"import mesakb; mesakb.export(mesakb.load({str(fixture)!r}), {str(out)!r})"
        subprocess.run([sys.executable, "-c", code], check=True, env=env)
        outputs.append({name: (out / name).read_bytes() for name in EXPECTED_FILES})
    assert outputs[0] == outputs[1]


def test_failed_export_leaves_nothing_half_written(
    fixture_kb: KnowledgeBase, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    export(fixture_kb, tmp_path)
    before = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    (tmp_path / "glossary" / "glossary.md").write_bytes(b"stale\n")
    before[tmp_path / "glossary" / "glossary.md"] = b"stale\n"
    calls = 0
    real = os.fsync

    def failing_fsync(fd: int) -> None:
        nonlocal calls
        calls += 1
        if calls == 1:
            raise OSError(28, "No space left on device")
        real(fd)

    monkeypatch.setattr(os, "fsync", failing_fsync)
    with pytest.raises(OSError, match="No space"):
        export(fixture_kb, tmp_path)
    after = {p: p.read_bytes() for p in tmp_path.rglob("*") if p.is_file()}
    assert after == before


def test_cli_export_writes_into_out(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    fixture = str(Path(__file__).parent / "fixtures" / "kb")
    assert main(["export", "--root", fixture, "--out", str(tmp_path)]) == 0
    written = sorted(str(p.relative_to(tmp_path)) for p in tmp_path.rglob("*") if p.is_file())
    assert written == EXPECTED_FILES
    assert capsys.readouterr().err.endswith(
        f"{len(EXPECTED_FILES)} file(s) changed in {tmp_path}\n"
    )
    assert main(["--root", fixture, "export", "--out", str(tmp_path)]) == 0
    assert capsys.readouterr().err == f"0 file(s) changed in {tmp_path}\n"


# -- glossary/ ---------------------------------------------------------------------


def test_bib_files_read_back_with_pybtex(
    fixture_kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    concepts = parse_bytes(files["glossary/concepts.bib"], "bibtex")
    assert list(concepts.entries) == [f"mesakb:{cid}" for cid in fixture_kb.concepts]
    for cid, concept in fixture_kb.concepts.items():
        entry = concepts.entries[f"mesakb:{cid}"]
        assert entry.type == "misc"
        assert unescape_tex(entry.fields["title"][1:-1]) == concept.term
        assert entry.fields["url"] == permanent_concept_url(cid, fixture_kb.version)
    sources = parse_bytes(files["glossary/sources.bib"], "bibtex")
    assert list(sources.entries) == sorted(fixture_kb.sources)
    assert sources.entries["paper"].fields["title"] == "A Paper About Optimizers"
    assert sources.entries["paper"].fields["month"] == "June"


def test_csl_json_items_render_in_apa(fixture_kb: KnowledgeBase, files: dict[str, bytes]) -> None:
    items = json.loads(files["glossary/concepts.csl.json"])
    assert [item["id"] for item in items] == [f"mesakb:{c}" for c in fixture_kb.concepts]
    for item in items:
        assert render_csl([item], "apa").endswith("/edition/0.1.0/concept/" + item["id"][7:])
    (source,) = json.loads(files["glossary/sources.csl.json"])
    assert render_csl([source], "apa") == (
        "Doe, J. (2019). A Paper About Optimizers. https://example.org/paper"
    )


def test_glossary_md_lists_every_concept_with_its_link(
    fixture_kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    text = files["glossary/glossary.md"].decode()
    headings = re.findall(r"^## (.+)$", text, re.MULTILINE)
    assert headings == sorted((c.term for c in fixture_kb), key=str.casefold)
    for cid in fixture_kb.concepts:
        assert f"({permanent_concept_url(cid)})" in text


def test_glossary_tex_has_one_entry_per_concept(
    fixture_kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    entries = _glossary_entries(files["glossary/glossary.tex"].decode())
    assert list(entries) == list(fixture_kb.concepts)
    for cid, fields in entries.items():
        assert unescape_tex(fields["name"]) == fixture_kb[cid].term
        # Without its final period: the glossary style adds one (no double periods).
        assert unescape_tex(fields["description"]) == fixture_kb[cid].summary.removesuffix(".")
        assert fields["sort"] == cid


def _glossary_entries(tex: str) -> dict[str, dict[str, str]]:
    """Parse the \\newglossaryentry lines by matching braces, as TeX groups them."""
    entries: dict[str, dict[str, str]] = {}
    for line in tex.splitlines():
        if line.startswith("%"):
            continue
        match = re.match(r"\\newglossaryentry\{([a-z0-9-]+)\}\{", line)
        assert match, line
        body, rest = _group(line[match.end() - 1 :])
        assert rest == ""
        fields: dict[str, str] = {}
        while body:
            key, _, body = body.partition("=")
            value, body = _group(body)
            fields[key] = value
            body = body.removeprefix(",")
        entries[match.group(1)] = fields
    return entries


def _group(text: str) -> tuple[str, str]:
    assert text[0] == "{"
    depth = 0
    for index, char in enumerate(text):
        depth += {"{": 1, "}": -1}.get(char, 0)
        if depth == 0:
            return text[1:index], text[index + 1 :]
    raise AssertionError(f"unbalanced braces in {text!r}")


# -- graph/ ------------------------------------------------------------------------


def test_node_link_json_reads_back_as_the_same_graph(
    fixture_kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    data = json.loads(files["graph/mesakb.json"])
    graph = nx.node_link_graph(data, edges="links")
    assert isinstance(graph, nx.MultiDiGraph)
    _same_graph(graph, fixture_kb.graph)


def test_graphml_reads_back_as_the_same_graph(
    fixture_kb: KnowledgeBase, files: dict[str, bytes], tmp_path: Path
) -> None:
    path = tmp_path / "g.graphml"
    path.write_bytes(files["graph/mesakb.graphml"])
    graph = nx.read_graphml(path, force_multigraph=True)
    _same_graph(_without_relation(graph), fixture_kb.graph)


def _triples(files: dict[str, bytes]) -> tuple[rdflib.Graph, rdflib.Graph]:
    turtle = rdflib.Graph().parse(data=files["graph/mesakb.ttl"], format="turtle")
    with warnings.catch_warnings():
        # rdflib 7.6's own JSON-LD parser wraps its sink in the ConjunctiveGraph it
        # deprecates; the warning is about rdflib's internals, not about our file.
        warnings.filterwarnings("ignore", "ConjunctiveGraph is deprecated", DeprecationWarning)
        jsonld = rdflib.Graph().parse(data=files["graph/mesakb.jsonld"], format="json-ld")
    return turtle, jsonld


def test_turtle_and_json_ld_hold_the_same_triples(
    fixture_kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    turtle, jsonld = _triples(files)
    assert set(turtle) == set(jsonld) == set(rdf_graph(fixture_kb))
    assert len(turtle) > 50


def test_rdf_is_skos_with_schema_org_terms(
    fixture_kb: KnowledgeBase, files: dict[str, bytes]
) -> None:
    graph, _ = _triples(files)
    schema = rdflib.Namespace("https://schema.org/")
    scheme = rdflib.URIRef(scheme_iri())
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    mesa = rdflib.URIRef(concept_iri("mesa-optimizer"))
    optimizer = rdflib.URIRef(concept_iri("optimizer"))
    assert (mesa, RDF.type, SKOS.Concept) in graph
    assert (mesa, RDF.type, schema.DefinedTerm) in graph
    assert (mesa, schema.inDefinedTermSet, scheme) in graph
    assert (mesa, SKOS.broader, optimizer) in graph
    assert (optimizer, SKOS.narrower, mesa) in graph
    assert (mesa, SKOS.altLabel, rdflib.Literal("inner optimizer", lang="en")) in graph
    objective = rdflib.URIRef(concept_iri("objective"))
    assert (objective, SKOS.related, optimizer) in graph
    assert (optimizer, SKOS.related, objective) in graph
    assert set(graph.subjects(RDF.type, SKOS.Concept)) == {
        rdflib.URIRef(concept_iri(c)) for c in fixture_kb.concepts
    }


def _check_skos_integrity(graph: rdflib.Graph) -> None:
    for concept in graph.subjects(RDF.type, SKOS.Concept):
        labels = list(graph.objects(concept, SKOS.prefLabel))
        languages = [label.language for label in labels]
        assert len(languages) == len(set(languages)) == 1, concept
        assert not set(labels) & set(graph.objects(concept, SKOS.altLabel)), concept
        broader = set(graph.transitive_objects(concept, SKOS.broader)) - {concept}
        narrower = set(graph.transitive_objects(concept, SKOS.narrower)) - {concept}
        related = set(graph.objects(concept, SKOS.related))
        assert not related & (broader | narrower), concept
        assert concept not in related


def test_rdf_meets_skos_integrity_conditions(files: dict[str, bytes]) -> None:
    for graph in _triples(files):
        _check_skos_integrity(graph)


def test_schema_files_are_the_json_schemas(files: dict[str, bytes]) -> None:
    for kind in ("concept", "source"):
        assert json.loads(files[f"graph/{kind}.schema.json"]) == json_schema(kind)


# -- hostile text ------------------------------------------------------------------


def test_hostile_text_reads_back_from_every_format(
    hostile: tuple[KnowledgeBase, dict[str, str], dict[str, bytes], Path],
) -> None:
    kb, texts, files, _ = hostile
    entry = parse_bytes(files["glossary/concepts.bib"], "bibtex").entries[f"mesakb:{HOSTILE_ID}"]
    assert unescape_tex(entry.fields["title"][1:-1]) == texts["term"]
    source = parse_bytes(files["glossary/sources.bib"], "bibtex").entries["hostile2020source"]
    assert unescape_tex(source.fields["title"]) == texts["title"]
    entries = _glossary_entries(files["glossary/glossary.tex"].decode())
    assert unescape_tex(entries[HOSTILE_ID]["name"]) == texts["term"]
    assert unescape_tex(entries[HOSTILE_ID]["description"]) == texts["summary"].removesuffix(".")
    items = json.loads(files["glossary/concepts.csl.json"])
    assert texts["term"] in [item["title"] for item in items]
    graph = nx.node_link_graph(json.loads(files["graph/mesakb.json"]), edges="links")
    assert graph.nodes[HOSTILE_ID]["term"] == texts["term"]
    _same_graph(graph, kb.graph)
    turtle, jsonld = _triples(files)
    assert set(turtle) == set(jsonld) == set(rdf_graph(kb))
    node = rdflib.URIRef(concept_iri(HOSTILE_ID))
    assert str(turtle.value(node, SKOS.prefLabel)) == texts["term"]
    assert str(turtle.value(node, SKOS.altLabel)) == texts["alias"]
    _check_skos_integrity(turtle)


def test_hostile_graphml_reads_back(
    hostile: tuple[KnowledgeBase, dict[str, str], dict[str, bytes], Path], tmp_path: Path
) -> None:
    kb, texts, files, _ = hostile
    path = tmp_path / "g.graphml"
    path.write_bytes(files["graph/mesakb.graphml"])
    graph = nx.read_graphml(path, force_multigraph=True)
    assert graph.nodes[HOSTILE_ID]["summary"] == texts["summary"]
    _same_graph(_without_relation(graph), kb.graph)


# -- LaTeX -------------------------------------------------------------------------

DOCUMENT = r"""\documentclass{article}
\usepackage{glossaries}
\input{glossary}
\begin{document}
%s
\end{document}
"""


def _pdflatex() -> str:
    found = shutil.which("pdflatex")
    if found is None:
        pytest.fail("pdflatex is missing: scripts/test.sh installs it (texlive-latex-extra)")
    return found


def _compile(tmp_path: Path, glossary: bytes, body: str) -> tuple[int, str]:
    (tmp_path / "glossary.tex").write_bytes(glossary)
    (tmp_path / "doc.tex").write_text(DOCUMENT % body, "utf-8")
    result = subprocess.run(
        [
            _pdflatex(),
            "-no-shell-escape",
            "-interaction=nonstopmode",
            "-halt-on-error",
            "doc.tex",
        ],
        cwd=tmp_path,
        capture_output=True,
        timeout=60,
        check=False,
    )
    log = (tmp_path / "doc.log").read_text("utf-8", errors="replace")
    return result.returncode, log


def _uses(ids: list[str]) -> str:
    return "\n\n".join(f"\\gls{{{cid}}}: \\glsentrydesc{{{cid}}}" for cid in ids)


def test_glossary_compiles_with_pdflatex(
    fixture_kb: KnowledgeBase, files: dict[str, bytes], tmp_path: Path
) -> None:
    code, log = _compile(tmp_path, files["glossary/glossary.tex"], _uses(list(fixture_kb.concepts)))
    assert code == 0, log[-2000:]
    assert (tmp_path / "doc.pdf").is_file()


def test_hostile_glossary_compiles_without_reading_files_or_running_commands(
    hostile: tuple[KnowledgeBase, dict[str, str], dict[str, bytes], Path], tmp_path: Path
) -> None:
    kb, _, files, pwned = hostile
    code, log = _compile(tmp_path, files["glossary/glossary.tex"], _uses(list(kb.concepts)))
    assert code == 0, log[-2000:]
    assert not pwned.exists()
    assert "(/etc/passwd" not in log
    assert "runsystem" not in log


BIB_DOCUMENT = r"""\documentclass{article}
\usepackage{natbib}
\usepackage{hyperref}
\begin{document}
%s
\nocite{*}
\bibliographystyle{plainnat}
\bibliography{concepts,sources}
\end{document}
"""


def test_hostile_bib_files_and_latex_snippets_run_through_bibtex_inertly(
    hostile: tuple[KnowledgeBase, dict[str, str], dict[str, bytes], Path], tmp_path: Path
) -> None:
    kb, _, files, pwned = hostile
    pdflatex = _pdflatex()
    for name in ("concepts.bib", "sources.bib"):
        (tmp_path / name).write_bytes(files[f"glossary/{name}"])
    body = f"{cite(kb, HOSTILE_ID, 'latex')} {cite(kb, HOSTILE_ID, 'latex', original=True)}"
    (tmp_path / "doc.tex").write_text(BIB_DOCUMENT % body, "utf-8")
    latex = [pdflatex, "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error", "doc"]
    bibtex = shutil.which("bibtex")
    assert bibtex is not None
    for command in (latex, [bibtex, "doc"], latex, latex):
        result = subprocess.run(command, cwd=tmp_path, capture_output=True, timeout=60, check=False)
        assert result.returncode == 0, result.stdout.decode(errors="replace")[-2000:]
    log = (tmp_path / "doc.log").read_text("utf-8", errors="replace")
    assert "(/etc/passwd" not in log
    assert "runsystem" not in log
    assert not pwned.exists()
    bbl = (tmp_path / "doc.bbl").read_text("utf-8")
    assert r"\bibitem[Ng~\&~\textbraceleft{}Co\textbraceright{}" in bbl


def test_the_passwd_check_would_notice_an_unescaped_input(tmp_path: Path) -> None:
    _, log = _compile(tmp_path, b"\\input{/etc/passwd}\n", "x")
    assert "(/etc/passwd" in log


# -- freshness ---------------------------------------------------------------------


def test_committed_exports_are_fresh() -> None:
    """Regenerate with ``mesakb export`` after changing content or exporters."""
    files = export_files(mesakb.load())
    stale = [name for name, data in files.items() if _read(ROOT / name) != data]
    assert stale == [], f"stale release files {stale}; run `mesakb export` and commit"


def test_shipped_glossary_compiles_with_pdflatex(tmp_path: Path) -> None:
    kb = mesakb.load()
    code, log = _compile(
        tmp_path, export_files(kb)["glossary/glossary.tex"], _uses(list(kb.concepts))
    )
    assert code == 0, log[-2000:]


def _read(path: Path) -> bytes | None:
    return path.read_bytes() if path.is_file() else None


def test_fixture_exports_match_the_golden_files(files: dict[str, bytes]) -> None:
    """Review format changes as diffs. Regenerate with
    ``mesakb --root tests/fixtures/kb export --out tests/fixtures/export`` and delete
    the two ``*.schema.json`` files (checked by test_schema_files_are_the_json_schemas)."""
    golden = Path(__file__).parent / "fixtures" / "export"
    exported = {name: data for name, data in files.items() if not name.endswith(".schema.json")}
    assert {name: _read(golden / name) for name in exported} == exported

"""Tests that fail on plausible one-line bugs: each pins one behaviour a reader relies on."""

from __future__ import annotations

import html
import json
import re
from pathlib import Path

import markdown
import pytest
import yaml
from markdown_it import MarkdownIt

import mesakb
from mesakb.cli import main
from mesakb.diagnostics import Diagnostic
from mesakb.model import Concept
from mesakb.quotes.latextext import latex_to_text
from mesakb.quotes.ledger import check_ledger, quoted_texts, write_ledger
from mesakb.site.pages import concept_page
from mesakb.write.citation import cite
from mesakb.write.texescape import escape_tex, unescape_tex

REPO = Path(__file__).resolve().parents[1]


def _concept(id: str, **fields: object) -> Concept:
    return Concept.model_validate(
        {"id": id, "term": id.replace("-", " "), "kind": "concept", "summary": "S.", **fields}
    )


# -- search: an exact term or alias comes first ---------------------------------


@pytest.fixture(scope="module")
def real_kb() -> mesakb.KnowledgeBase:
    return mesakb.load(REPO)


def test_an_exact_term_ranks_first(real_kb: mesakb.KnowledgeBase) -> None:
    wrong = [
        (c.term, [h.id for h in real_kb.search(c.term)[:3]])
        for c in real_kb
        if c.status != "deprecated" and real_kb.search(c.term)[0].id != c.id
    ]
    assert wrong == []


def test_an_exact_term_ranks_first_in_any_case_and_spacing(
    real_kb: mesakb.KnowledgeBase,
) -> None:
    for id in ("optimizer", "mesa-optimizer", "base-objective", "inner-alignment"):
        term = real_kb[id].term
        assert real_kb.search(term.upper())[0].id == id
        assert real_kb.search(f"  {term}  ")[0].id == id


def test_an_exact_term_beats_longer_terms_that_contain_it(real_kb: mesakb.KnowledgeBase) -> None:
    # "optimizer" is a word of "mesa-optimizer", "base optimizer", ...: it must still win.
    containing = [c.id for c in real_kb if "optimizer" in c.term.casefold() and c.id != "optimizer"]
    assert len(containing) >= 2
    assert real_kb.search("optimizer")[0].id == "optimizer"


# -- TeX escaping ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("char", "macro"), [("|", r"\textbar{}"), ("<", r"\textless{}"), (">", r"\textgreater{}")]
)
def test_tex_escapes_bar_and_angle_brackets(char: str, macro: str) -> None:
    # In OT1-encoded text |, < and > print as other glyphs (—, ¡, ¿): they must be macros.
    assert escape_tex(f"a{char}b") == f"a{macro}b"
    assert unescape_tex(escape_tex(f"a{char}b")) == f"a{char}b"


def test_tex_escape_leaves_no_special_character() -> None:
    text = "".join(chr(c) for c in range(33, 127))
    escaped = escape_tex(text)
    bare = re.sub(r"\\(?:text[a-z]+\{\}|[%#&$_])", "", escaped)
    assert not set(bare) & set("\\{}%#&$_^~<>|"), bare
    assert unescape_tex(escaped) == text


# -- a symmetric relation is listed once per page ---------------------------------


def test_a_symmetric_relation_stated_both_ways_is_listed_once() -> None:
    kb = mesakb.KnowledgeBase(
        {
            "alpha": _concept("alpha", relations={"related": ["beta"]}),
            "beta": _concept("beta", relations={"related": ["alpha"], "contrasts_with": ["gamma"]}),
            "gamma": _concept("gamma"),
        },
        {},
    )
    for id, other in (("alpha", "beta"), ("beta", "alpha")):
        links = kb.links(id)
        assert [(link.relation, link.concept) for link in links].count(("related", other)) == 1
        page = concept_page(kb, id)
        assert _relation_sections(page).count(f'href="../{other}/"') == 1
    # Stated one way only, it shows on both pages, once each.
    gamma = [(link.relation, link.concept) for link in kb.links("gamma")]
    assert gamma == [("contrasts_with", "beta")]
    assert _relation_sections(concept_page(kb, "gamma")).count('href="../beta/"') == 1
    assert _relation_sections(concept_page(kb, "beta")).count('href="../gamma/"') == 1


def _relation_sections(page: str) -> str:
    """Return the Relations and Backlinks sections of a concept page."""
    start = min(page.find(h) for h in ("## Relations", "## Backlinks") if h in page)
    return page[start : page.index("## Reading path")]


# -- reading order ---------------------------------------------------------------


def test_reading_order_follows_prerequisites_not_the_alphabet() -> None:
    # zeta needs beta, beta needs yankee, yankee needs alpha: alphabetical order is wrong.
    kb = mesakb.KnowledgeBase(
        {
            "zeta": _concept("zeta", relations={"requires": ["beta"]}),
            "beta": _concept("beta", relations={"requires": ["yankee"]}),
            "yankee": _concept("yankee", relations={"is_a": ["alpha"]}),
            "alpha": _concept("alpha"),
            "mike": _concept("mike", relations={"requires": ["alpha"]}),
        },
        {},
    )
    assert [c.id for c in kb.prerequisites("zeta")] == ["alpha", "yankee", "beta"]
    assert [c.id for c in kb.prerequisites("mike")] == ["alpha"]
    assert [c.id for c in kb.prerequisites("alpha")] == []


def test_in_the_real_reading_orders_each_concept_follows_its_needs(
    real_kb: mesakb.KnowledgeBase,
) -> None:
    for concept in real_kb:
        order = [c.id for c in real_kb.prerequisites(concept.id)]
        assert len(order) == len(set(order))
        assert concept.id not in order
        position = {c: n for n, c in enumerate(order)}
        for c in order:
            relations = real_kb[c].relations
            for need in (*relations.requires, *relations.is_a):
                if need in position:
                    assert position[need] < position[c], (concept.id, c, need)


# -- \Cref in LaTeX-to-text ------------------------------------------------------


@pytest.mark.parametrize(
    ("latex", "text"),
    [
        (r"\Cref{sec:2}", "Section 2"),
        (r"\cref{sec:2}", "section 2"),
        (r"see \Cref{fig:3.1} and \cref{table:4}.", "see Figure 3.1 and table 4."),
        (r"\Cref{table:1}", "Table 1"),
    ],
)
def test_cref_becomes_what_the_reader_sees(latex: str, text: str) -> None:
    assert latex_to_text(latex) == text


# -- the quotation ledger --------------------------------------------------------


def _kb_with_via(root: Path) -> None:
    """Quote 'paper' (no copy here) through 'atlas' (which has one)."""
    (root / "sources" / "atlas.yaml").write_text(
        "id: atlas\ntype: webpage\ntitle: An Atlas\nchecked: true\ntext_file: atlas.txt\n",
        encoding="utf-8",
    )
    concept = root / "concepts" / "optimizer.yaml"
    text = concept.read_text(encoding="utf-8")
    concept.write_text(text.replace("    source: paper\n", "    source: paper\n    via: atlas\n"))


def test_the_ledger_covers_quotations_checked_via_a_secondary_text(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _kb_with_via(kb_copy)
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "atlas.txt").write_text(
        "As they put it: An optimizer searches a space for high-scoring elements.",
        encoding="utf-8",
    )
    ledger = tmp_path / "ledger.json"
    root = ["--root", str(kb_copy), "verify-quotes"]
    assert main([*root, "--corpus", str(corpus), "--ledger", str(ledger), "--write-ledger"]) == 0
    rows = json.loads(ledger.read_text(encoding="utf-8"))
    assert [(r["concept"], r["checked_against"]) for r in rows] == [("optimizer", "atlas")]
    assert main([*root, "--ledger", str(ledger)]) == 0
    concept = kb_copy / "concepts" / "optimizer.yaml"
    concept.write_text(concept.read_text(encoding="utf-8").replace("searches", "scans"))
    capsys.readouterr()
    assert main([*root, "--ledger", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert "concepts/optimizer.yaml:" in err
    assert "KB503 definitions[0].quote has not been verified against 'atlas'" in err


def test_a_ledger_entry_no_quotation_matches_fails(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _kb_with_via(kb_copy)
    result = mesakb.check(kb_copy)
    entries = quoted_texts(result)
    assert len(entries) == 1
    ledger = tmp_path / "ledger.json"
    # An entry for a definition that was removed (index 1 of optimizer does not exist).
    stale = ("optimizer", 1, "atlas", "0123456789abcdef")
    write_ledger([*entries, stale], ledger)
    problems = check_ledger(result, ledger)
    assert [(d.path, d.code) for d in problems] == [(str(ledger), "KB503")]
    assert problems[0].line == 8  # where the entry starts in the file
    assert ledger.read_text(encoding="utf-8").splitlines()[7].strip() == "{"
    assert "definitions[1] of 'optimizer'" in problems[0].message
    assert main(["--root", str(kb_copy), "verify-quotes", "--ledger", str(ledger)]) == 1
    err = capsys.readouterr().err
    assert "matches no quotation in the content" in err
    assert "1 ledger entry matches no quotation" in err
    # The content and the ledger agree again once the entry is gone.
    write_ledger(entries, ledger)
    assert check_ledger(result, ledger) == []


def test_the_committed_ledger_agrees_with_the_content_both_ways() -> None:
    result = mesakb.check(REPO)
    ledger = REPO / "verified-quotes.json"
    assert check_ledger(result, ledger) == []
    recorded = json.loads(ledger.read_text(encoding="utf-8"))
    assert len(recorded) == len(quoted_texts(result))


def test_an_edited_quotation_is_reported_once(kb_copy: Path, tmp_path: Path) -> None:
    _kb_with_via(kb_copy)
    ledger = tmp_path / "ledger.json"
    write_ledger(quoted_texts(mesakb.check(kb_copy)), ledger)
    concept = kb_copy / "concepts" / "optimizer.yaml"
    concept.write_text(concept.read_text(encoding="utf-8").replace("searches", "scans"))
    problems = check_ledger(mesakb.check(kb_copy), ledger)
    assert [d.path for d in problems] == ["concepts/optimizer.yaml"]


# -- GitHub annotations ----------------------------------------------------------


def test_github_annotation_escapes_percent_and_newlines() -> None:
    d = Diagnostic("concepts/x.yaml", 3, 4, "KB501", "100% sure\r\nsecond line %0A")
    line = d.github()
    assert "\n" not in line
    assert "\r" not in line
    assert line == (
        "::error file=concepts/x.yaml,line=3,col=4,title=KB501::100%25 sure%0D%0Asecond line %250A"
    )


def test_github_annotation_escapes_commas_and_colons_in_properties() -> None:
    line = Diagnostic("a,line=9:b%.yaml", 1, 2, "KB201", "m").github()
    assert line == "::error file=a%2Cline=9%3Ab%25.yaml,line=1,col=2,title=KB201::m"
    props = line.split("::")[1].split(" ", 1)[1].split(",")
    assert [p.split("=", 1)[0] for p in props] == ["file", "line", "col", "title"]


# -- hidden and backup files in concepts/ ------------------------------------------
# Decision: hidden files (editor swap and lock files: .x.yaml, .#x.yaml) are ignored
# everywhere; any other file in concepts/ or sources/ must be <id>.yaml, so a backup
# (x.yaml~, x.yaml.bak, #x.yaml#) is reported (KB013) by check, and load refuses it.


@pytest.mark.parametrize("name", [".optimizer.yaml", ".#optimizer.yaml", ".optimizer.yaml.swp"])
def test_hidden_files_are_ignored(kb_copy: Path, name: str) -> None:
    original = kb_copy / "concepts" / "optimizer.yaml"
    (kb_copy / "concepts" / name).write_text("not: [valid", encoding="utf-8")
    result = mesakb.check(kb_copy)
    assert result.diagnostics == () or all(d.severity != "error" for d in result.diagnostics)
    assert sorted(mesakb.load(kb_copy).concepts) == sorted(
        p.stem for p in (kb_copy / "concepts").glob("[!.]*.yaml")
    )
    assert original.is_file()


@pytest.mark.parametrize("name", ["optimizer.yaml~", "optimizer.yaml.bak", "#optimizer.yaml#"])
def test_backup_files_are_reported(
    kb_copy: Path, name: str, capsys: pytest.CaptureFixture[str]
) -> None:
    (kb_copy / "concepts" / name).write_bytes(
        (kb_copy / "concepts" / "optimizer.yaml").read_bytes()
    )
    result = mesakb.check(kb_copy)
    assert [(d.path, d.code) for d in result.diagnostics if d.severity == "error"] == [
        (f"concepts/{name}", "KB013")
    ]
    with pytest.raises(mesakb.CheckError):
        mesakb.load(kb_copy)
    assert main(["--root", str(kb_copy), "check"]) == 1
    assert f"concepts/{name}:1:1: KB013" in capsys.readouterr().err


# -- Markdown citations ----------------------------------------------------------


@pytest.mark.parametrize(
    "locator",
    [
        "sec. 2 *not emphasis* and _this_",
        "p. 3 [a](javascript:alert(1)) <b>x</b>",
        "§4 `code` | pipe & amp; #5 \\ back",
        "1. start",
    ],
)
def test_markdown_citation_shows_the_locator_literally(kb_copy: Path, locator: str) -> None:
    path = kb_copy / "concepts" / "optimizer.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["definitions"][0]["locator"] = locator
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    kb = mesakb.load(kb_copy)
    text = cite(kb, "optimizer", "markdown", original=True)
    # Python-Markdown (what mkdocs uses) and CommonMark (markdown-it) both show it as written.
    for rendered in (markdown.markdown(text), MarkdownIt("commonmark").render(text)):
        assert rendered.count("<a ") == 1, rendered
        for tag in ("<b>", "<em>", "<code>", "<ol"):
            assert tag not in rendered, rendered
        visible = html.unescape(re.sub(r"<[^>]+>", "", rendered)).strip()
        assert visible.endswith(f", {locator}"), rendered


def test_reading_order_through_a_cycle_is_deterministic() -> None:
    # Content with a cycle fails the check (KB204), but a knowledge base built in code
    # may have one: the reading order still lists everything once, in a fixed order.
    kb = mesakb.KnowledgeBase(
        {
            "top": _concept("top", relations={"requires": ["b"]}),
            "b": _concept("b", relations={"requires": ["c"]}),
            "c": _concept("c", relations={"requires": ["b", "leaf"]}),
            "leaf": _concept("leaf"),
        },
        {},
    )
    assert [c.id for c in kb.prerequisites("top")] == ["leaf", "b", "c"]


def test_tex_url_percent_encodes_every_byte_of_a_non_ascii_character() -> None:
    from mesakb.write.texescape import escape_tex_url

    assert escape_tex_url("https://example.org/café|x") == "https://example.org/caf%C3%A9%7Cx"
    assert escape_tex_url("https://example.org/€") == "https://example.org/%E2%82%AC"

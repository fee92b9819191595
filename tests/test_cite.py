from __future__ import annotations

import json
import re
from pathlib import Path
from typing import get_args

import jsonschema
import pytest
import yaml
from pybtex.database import parse_string

import mesakb
from hostile import HOSTILE_ID, write_hostile_kb
from mesakb.__about__ import __released__
from mesakb.cli import main
from mesakb.kb.base import KnowledgeBase
from mesakb.model import Concept, Source, SourceType
from mesakb.urls import PERMANENT_URL, SITE_URL, concept_url, permanent_concept_url
from mesakb.write.citation import FORMATS, cite, in_text
from mesakb.write.csl import render_csl
from mesakb.write.texescape import escape_tex, escape_tex_url, unescape_tex

ROOT = Path(__file__).parent.parent
URL = permanent_concept_url("mesa-optimizer", mesakb.__version__)
LATEST = permanent_concept_url("mesa-optimizer")
YEAR = __released__[:4]

HOSTILE_STRINGS = [
    r"\input{/etc/passwd}",
    r"\write18{touch /tmp/pwned}",
    r"{ } }{ \ \\ % # & $ _ ^ ~ < > | ",
    "\"quotes\" and 'apostrophes' and `backticks`",
    "café naïve Ünïcode — “curly” ∑ αβ 中文",
    r"^^5cinput ^^7b \csname input\endcsname \catcode`\@=0",
    "end with a backslash \\",
]


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> tuple[KnowledgeBase, dict[str, str]]:
    root = tmp_path_factory.mktemp("hostile")
    texts = write_hostile_kb(root, root / "pwned")
    return mesakb.load(root), texts


# -- TeX escaping ---------------------------------------------------------------


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_escaped_tex_round_trips(text: str) -> None:
    assert unescape_tex(escape_tex(text)) == " ".join(text.split())


@pytest.mark.parametrize("text", HOSTILE_STRINGS)
def test_escaped_tex_has_no_live_special_characters(text: str) -> None:
    escaped = escape_tex(text)
    macros = r"\\(?:text[a-z]+\{\}|[%#&$_])"
    rest = re.sub(macros, "", escaped)
    assert not set(rest) & set("\\{}%#&$_^~")
    assert escaped.count("{") == escaped.count("}")


def test_escaped_tex_braces_balance_in_every_prefix() -> None:
    escaped = escape_tex("}}}{{{ { } }")
    depth = 0
    for char in escaped:
        depth += {"{": 1, "}": -1}.get(char, 0)
        assert depth >= 0


def test_escape_tex_collapses_blank_lines_and_control_characters() -> None:
    assert escape_tex("a\n\n b\x00c\td\x0b") == "a b c d"


def test_tex_url_percent_encodes_characters_not_allowed_in_uris() -> None:
    assert escape_tex_url("https://x.org/{a}\\b|c^d") == "https://x.org/%7Ba%7D%5Cb%7Cc%5Ed"
    assert escape_tex_url("https://x.org/a%20b?q=1&r=2#f~_") == "https://x.org/a%20b?q=1&r=2#f~_"


# -- concept citations ------------------------------------------------------------


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_format_names_kb_term_version_and_url(fixture_kb: KnowledgeBase, fmt: str) -> None:
    text = cite(fixture_kb, "mesa-optimizer", fmt)
    assert "mesakb" in text.lower()
    assert "mesa-optimizer" in text.lower()
    assert fixture_kb.version in text
    assert URL in text
    assert YEAR in text


def test_addresses_come_from_the_configuration_and_mkdocs_agrees() -> None:
    import tomllib

    config = tomllib.loads((ROOT / "mesakb.toml").read_text("utf-8"))["addresses"]
    assert (config["site"], config["permanent"]) == (SITE_URL, PERMANENT_URL)
    assert concept_url("x") == SITE_URL + "concepts/x/"
    assert permanent_concept_url("x") == PERMANENT_URL + "concept/x"
    mkdocs = re.search(r"^site_url: (\S+)$", (ROOT / "mkdocs.yml").read_text("utf-8"), re.M)
    assert mkdocs is not None
    assert mkdocs.group(1) == SITE_URL


def test_bibtex_is_a_misc_entry_that_pybtex_reads(fixture_kb: KnowledgeBase) -> None:
    data = parse_string(cite(fixture_kb, "mesa-optimizer", "bibtex"), "bibtex")
    entry = data.entries["mesakb:mesa-optimizer"]
    assert entry.type == "misc"
    assert entry.fields["title"] == "{mesa-optimizer}"
    assert entry.fields["url"] == URL
    assert entry.fields["year"] == YEAR
    assert entry.fields["note"] == f"Latest edition: \\url{{{LATEST}}}"
    assert "version 0.1.0" in entry.fields["howpublished"]
    assert [str(p) for p in entry.persons["author"]] == ["{The mesakb contributors}"]


def test_biblatex_is_an_online_entry_with_version(fixture_kb: KnowledgeBase) -> None:
    data = parse_string(cite(fixture_kb, "mesa-optimizer", "biblatex"), "bibtex")
    entry = data.entries["mesakb:mesa-optimizer"]
    assert entry.type == "online"
    assert entry.fields["version"] == fixture_kb.version
    assert entry.fields["organization"] == "mesakb"
    assert entry.fields["date"] == __released__


def test_csl_json_renders_in_apa_with_citeproc(fixture_kb: KnowledgeBase) -> None:
    (item,) = json.loads(cite(fixture_kb, "mesa-optimizer", "csl-json"))
    assert item["type"] == "webpage"
    assert item["URL"] == URL
    assert item["issued"] == {"date-parts": [[int(p) for p in __released__.split("-")]]}
    text = render_csl([item], "apa")
    assert text.startswith(f"The mesakb contributors. ({YEAR}, December 3). mesa-optimizer. ")
    assert text.endswith(URL)  # the edition's permanent address names the version
    assert "n.d." not in text


def test_ris_has_one_tag_per_line_and_ends_with_er(fixture_kb: KnowledgeBase) -> None:
    lines = cite(fixture_kb, "mesa-optimizer", "ris").splitlines()
    assert lines[0] == "TY  - ENCYC"
    assert lines[-1] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    assert f"UR  - {URL}" in lines


def test_chicago_is_rendered_by_the_csl_processor(fixture_kb: KnowledgeBase) -> None:
    text = cite(fixture_kb, "mesa-optimizer", "chicago")
    assert text.startswith(f"The mesakb contributors. {YEAR}. “Mesa-Optimizer.” Version 0.1.0.")


def test_markdown_and_latex_are_links(fixture_kb: KnowledgeBase) -> None:
    assert cite(fixture_kb, "mesa-optimizer", "markdown").startswith(f"[mesa-optimizer]({URL})")
    assert cite(fixture_kb, "mesa-optimizer", "latex").startswith(
        f"\\href{{{URL}}}{{mesa-optimizer}}"
    )


# -- original sources -------------------------------------------------------------


def test_original_bibtex_puts_the_locator_in_the_citation_not_the_entry(
    fixture_kb: KnowledgeBase,
) -> None:
    text = cite(fixture_kb, "mesa-optimizer", "bibtex", original=True)
    assert text.startswith("% Cite in the text with:\n% \\cite[sec.~1]{paper}")
    data = parse_string(text, "bibtex")
    entry = data.entries["paper"]
    assert "note" not in entry.fields
    assert entry.fields["title"] == "A Paper About Optimizers"
    assert entry.fields["year"] == "2019"
    assert "pages" not in entry.fields


def test_original_csl_json_item_has_no_locator(fixture_kb: KnowledgeBase) -> None:
    (item,) = json.loads(cite(fixture_kb, "mesa-optimizer", "csl-json", original=True))
    assert item["id"] == "paper"
    assert "note" not in item
    assert "checked" not in item
    assert in_text(fixture_kb, "mesa-optimizer", "pandoc", original=True) == "[@paper, sec. 1]"


@pytest.mark.parametrize("fmt", ["apa", "chicago", "markdown", "latex"])
def test_original_formats_give_the_locator_in_the_citation(
    fixture_kb: KnowledgeBase, fmt: str
) -> None:
    text = cite(fixture_kb, "mesa-optimizer", fmt, original=True)
    first = text.splitlines()[0]
    assert re.search(r"(sec\.(~| )|Section )1", first)
    assert not re.search(r"(sec\.(~| )|Section )1", "\n".join(text.splitlines()[1:]))


def test_ris_of_an_original_source_has_no_locator(fixture_kb: KnowledgeBase) -> None:
    text = cite(fixture_kb, "mesa-optimizer", "ris", original=True)
    assert "sec. 1" not in text
    assert "N1  -" not in text


def test_several_concepts_give_one_bibliography(fixture_kb: KnowledgeBase) -> None:
    ids = ["mesa-optimizer", "optimizer", "mesa-optimizer"]
    data = parse_string(cite(fixture_kb, ids, "biblatex"), "bibtex")
    assert list(data.entries) == ["mesakb:mesa-optimizer", "mesakb:optimizer"]
    items = json.loads(cite(fixture_kb, ids, "csl-json"))
    assert [i["id"] for i in items] == ["mesakb:mesa-optimizer", "mesakb:optimizer"]
    assert cite(fixture_kb, ids, "ris").count("TY  - ") == 2


@pytest.mark.parametrize("fmt", ["bibtex", "biblatex", "csl-json", "ris", "apa", "chicago"])
def test_two_concepts_quoting_one_paper_give_one_entry(fixture_kb: KnowledgeBase, fmt: str) -> None:
    text = cite(fixture_kb, ["mesa-optimizer", "optimizer"], fmt, original=True)
    if fmt in ("bibtex", "biblatex"):
        assert list(parse_string(text, "bibtex").entries) == ["paper"]
        assert text.count("@misc{paper,") + text.count("@online{paper,") == 1
    elif fmt == "csl-json":
        assert [item["id"] for item in json.loads(text)] == ["paper"]
    elif fmt == "ris":
        assert text.count("TY  - ") == 1
    else:
        assert text.count("A Paper About Optimizers") == 1
    citations = in_text(fixture_kb, ["mesa-optimizer", "optimizer"], original=True)
    assert citations.splitlines() == ["\\cite[sec.~1]{paper}", "\\cite[sec.~1]{paper}"]


def test_original_of_a_concept_without_definition_is_an_error() -> None:
    concept = Concept(id="x", term="x", kind="concept", summary="An x.", status="draft")
    kb = KnowledgeBase({"x": concept}, {})
    with pytest.raises(mesakb.MesakbError, match="no preferred definition"):
        cite(kb, "x", "bibtex", original=True)


def test_unknown_format_and_unknown_concept_are_errors(fixture_kb: KnowledgeBase) -> None:
    with pytest.raises(mesakb.MesakbError, match="unknown citation format 'mla'"):
        cite(fixture_kb, "optimizer", "mla")
    with pytest.raises(mesakb.UnknownConceptError):
        cite(fixture_kb, "optimiser", "bibtex")
    with pytest.raises(mesakb.MesakbError, match="nothing to cite"):
        cite(fixture_kb, [], "bibtex")


# -- hostile text ------------------------------------------------------------------


def test_hostile_term_round_trips_through_bibtex(
    hostile: tuple[KnowledgeBase, dict[str, str]],
) -> None:
    kb, texts = hostile
    for dialect in ("bibtex", "biblatex"):
        data = parse_string(cite(kb, HOSTILE_ID, dialect), "bibtex")
        (entry,) = data.entries.values()
        title = entry.fields["title"]
        assert title[0] + title[-1] == "{}"
        assert unescape_tex(title[1:-1]) == texts["term"]


def test_hostile_source_round_trips_through_bibtex(
    hostile: tuple[KnowledgeBase, dict[str, str]],
) -> None:
    kb, texts = hostile
    data = parse_string(cite(kb, HOSTILE_ID, "bibtex", original=True), "bibtex")
    entry = data.entries["hostile2020source"]
    assert unescape_tex(entry.fields["title"]) == texts["title"]
    assert "note" not in entry.fields
    assert entry.fields["url"] == "https://example.org/a%7Bb%7D%20c#frag"
    first, second = entry.persons["author"]
    assert unescape_tex(" ".join(first.last_names)) == texts["family"]
    assert unescape_tex(" ".join(first.first_names + first.middle_names)) == texts["given"]
    assert str(second) == "{A \\& B}"


def test_hostile_latex_snippets_are_inert(hostile: tuple[KnowledgeBase, dict[str, str]]) -> None:
    kb, _ = hostile
    for original in (False, True):
        text = cite(kb, HOSTILE_ID, "latex", original=original)
        assert "\\input" not in text
        assert "\\write18" not in text
    assert cite(kb, HOSTILE_ID, "latex", original=True).startswith("\\cite[{sec.~2 ]")


def test_hostile_markdown_shows_text_literally(
    hostile: tuple[KnowledgeBase, dict[str, str]],
) -> None:
    kb, _ = hostile
    text = cite(kb, HOSTILE_ID, "markdown", original=True)
    # "&" as a character reference: Python-Markdown shows "\\&" with its backslash.
    assert text.startswith('[A "Title" \\{with\\} \\}unbalanced\\{ braces &amp; 100% \\#3')
    assert "](<https://example.org/a%7Bb%7D%20c#frag>)" in text


def test_hostile_csl_json_keeps_text_exactly(hostile: tuple[KnowledgeBase, dict[str, str]]) -> None:
    kb, texts = hostile
    (item,) = json.loads(cite(kb, HOSTILE_ID, "csl-json"))
    assert item["title"] == texts["term"]
    assert texts["title"] in cite(kb, HOSTILE_ID, "apa", original=True)


# -- CLI and CITATION.cff -------------------------------------------------------------


def test_cli_cite_prints_the_citation(capsys: pytest.CaptureFixture[str]) -> None:
    root = str(Path(__file__).parent / "fixtures" / "kb")
    assert main(["--root", root, "cite", "mesa-optimizer", "--format", "markdown"]) == 0
    assert capsys.readouterr().out == (
        f"[mesa-optimizer]({URL}) (mesakb, version 0.1.0, {__released__})\n"
    )
    assert main(["cite", "--root", root, "optimizer", "-f", "latex", "--original"]) == 0
    assert capsys.readouterr().out == "\\cite[sec.~1]{paper}\n"


def test_cli_cite_several_originals_prints_one_entry_and_the_citations(
    capsys: pytest.CaptureFixture[str],
) -> None:
    root = str(Path(__file__).parent / "fixtures" / "kb")
    args = ["--root", root, "cite", "mesa-optimizer", "optimizer", "--original"]
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert list(parse_string(out, "bibtex").entries) == ["paper"]
    assert err.splitlines()[1:] == ["\\cite[sec.~1]{paper}"] * 2
    assert main([*args, "-f", "csl-json"]) == 0
    assert capsys.readouterr().err.splitlines()[1:] == ["[@paper, sec. 1]"] * 2


def test_cli_cite_unknown_concept_prints_one_line(capsys: pytest.CaptureFixture[str]) -> None:
    root = str(Path(__file__).parent / "fixtures" / "kb")
    assert main(["--root", root, "cite", "optimiser"]) == 1
    err = capsys.readouterr().err
    assert err == "mesakb: error: unknown concept 'optimiser' (did you mean 'optimizer'?)\n"


def test_citation_cff_is_valid_and_names_the_current_version() -> None:
    data = yaml.safe_load((ROOT / "CITATION.cff").read_text("utf-8"))
    schema = json.loads((ROOT / "tests/fixtures/cff/schema-1.2.0.json").read_text("utf-8"))
    validator = jsonschema.Draft7Validator(
        schema, format_checker=jsonschema.Draft7Validator.FORMAT_CHECKER
    )
    validator.validate(data)
    assert data["cff-version"] == "1.2.0"
    assert data["version"] == mesakb.__version__
    assert data["url"] == PERMANENT_URL
    assert data["date-released"] == __released__


@pytest.mark.parametrize("kind", get_args(SourceType))
def test_every_source_type_cites_in_every_format(kind: str) -> None:
    source = Source.model_validate(
        {
            "id": "k2020",
            "type": kind,
            "title": "A Title",
            "author": [{"family": "Smith and Jones", "given": "Ann, Jr."}, {"literal": "Org"}],
            "issued": {"date-parts": [[2020, 12, 1]]},
            "container-title": "Container",
            "publisher": "Publisher",
            "DOI": "10.1234/x{y}",
            "checked": True,
        }
    )
    concept = Concept.model_validate(
        {
            "id": "c",
            "term": "c",
            "kind": "concept",
            "summary": "A c.",
            "definitions": [
                {"quote": "q", "source": "k2020", "locator": "ch. 3", "rank": "preferred"}
            ],
        }
    )
    kb = KnowledgeBase({"c": concept}, {"k2020": source})
    for fmt in FORMATS:
        assert cite(kb, "c", fmt, original=True)
    for dialect in ("bibtex", "biblatex"):
        entry = parse_string(cite(kb, "c", dialect, original=True), "bibtex").entries["k2020"]
        assert [str(p) for p in entry.persons["author"]] == [
            "{Smith and Jones}, {Ann, Jr.}",
            "{Org}",
        ]
        assert entry.fields["doi"] == "10.1234/x%7By%7D"
    assert "(Smith and Jones" in cite(kb, "c", "apa", original=True)


# -- the LaTeX glossary ------------------------------------------------------------------

GLOSSARY_DOCUMENT = r"""\documentclass{article}
\usepackage{glossaries}
\makeglossaries
\input{glossary}
\newglossaryentry{control-entry}{name={control},description={Ends with a period.}}
\begin{document}
%s \gls{control-entry}
\printglossaries
\end{document}
"""


def test_printed_glossary_has_no_double_periods(fixture_kb: KnowledgeBase, tmp_path: Path) -> None:
    import shutil
    import subprocess

    from mesakb.write.release import glossary_tex

    tools = {name: shutil.which(name) for name in ("pdflatex", "makeglossaries", "pdftotext")}
    missing = [name for name, path in tools.items() if path is None]
    assert not missing, f"{missing} missing: scripts/test.sh installs them"
    (tmp_path / "glossary.tex").write_text(glossary_tex(fixture_kb), "utf-8")
    uses = " ".join(f"\\gls{{{cid}}}" for cid in fixture_kb.concepts)
    (tmp_path / "doc.tex").write_text(GLOSSARY_DOCUMENT % uses, "utf-8")
    latex = [str(tools["pdflatex"]), "-no-shell-escape", "-interaction=nonstopmode", "doc.tex"]
    for command in (latex, [str(tools["makeglossaries"]), "doc"], latex):
        result = subprocess.run(
            command, cwd=tmp_path, capture_output=True, timeout=120, check=False
        )
        assert result.returncode == 0, result.stdout.decode(errors="replace")[-2000:]
    text = subprocess.run(
        [str(tools["pdftotext"]), "doc.pdf", "-"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=True,
    ).stdout
    flat = " ".join(text.split())
    # The control entry, written the old way, shows what a double period looks like.
    assert "Ends with a period.." in flat
    assert flat.count("..") == 1
    for concept in fixture_kb.concepts.values():
        assert " ".join(concept.summary.split()) in flat

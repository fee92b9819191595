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
from mesakb.cli import main
from mesakb.kb.base import KnowledgeBase
from mesakb.model import Concept, Source, SourceType
from mesakb.urls import SITE_URL, concept_url
from mesakb.write.citation import FORMATS, cite, render_csl
from mesakb.write.texescape import escape_tex, escape_tex_url, unescape_tex

ROOT = Path(__file__).parent.parent
URL = "https://mesakb.example.org/concepts/mesa-optimizer/"

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


def test_site_url_is_defined_once_and_ends_with_a_slash() -> None:
    assert SITE_URL == "https://mesakb.example.org/"
    assert concept_url("x") == SITE_URL + "concepts/x/"


def test_bibtex_is_a_misc_entry_that_pybtex_reads(fixture_kb: KnowledgeBase) -> None:
    data = parse_string(cite(fixture_kb, "mesa-optimizer", "bibtex"), "bibtex")
    entry = data.entries["mesakb:mesa-optimizer"]
    assert entry.type == "misc"
    assert entry.fields["title"] == "{mesa-optimizer}"
    assert entry.fields["url"] == URL
    assert "version 0.1.0" in entry.fields["howpublished"]
    assert [str(p) for p in entry.persons["author"]] == ["{The mesakb contributors}"]


def test_biblatex_is_an_online_entry_with_version(fixture_kb: KnowledgeBase) -> None:
    data = parse_string(cite(fixture_kb, "mesa-optimizer", "biblatex"), "bibtex")
    entry = data.entries["mesakb:mesa-optimizer"]
    assert entry.type == "online"
    assert entry.fields["version"] == fixture_kb.version
    assert entry.fields["organization"] == "mesakb"


def test_csl_json_renders_in_apa_with_citeproc(fixture_kb: KnowledgeBase) -> None:
    (item,) = json.loads(cite(fixture_kb, "mesa-optimizer", "csl-json"))
    assert item["type"] == "entry-encyclopedia"
    assert item["URL"] == URL
    text = render_csl(item, "apa")
    assert text.startswith("The mesakb contributors. (n.d.). mesa-optimizer. In mesakb")
    assert "(Version 0.1.0)" in text


def test_ris_has_one_tag_per_line_and_ends_with_er(fixture_kb: KnowledgeBase) -> None:
    lines = cite(fixture_kb, "mesa-optimizer", "ris").splitlines()
    assert lines[0] == "TY  - ENCYC"
    assert lines[-1] == "ER  - "
    assert all(re.match(r"^[A-Z][A-Z0-9]  - ", line) for line in lines)
    assert f"UR  - {URL}" in lines


def test_chicago_is_rendered_by_the_csl_processor(fixture_kb: KnowledgeBase) -> None:
    text = cite(fixture_kb, "mesa-optimizer", "chicago")
    assert text.startswith("The mesakb contributors. n.d. “Mesa-optimizer”.")


def test_markdown_and_latex_are_links(fixture_kb: KnowledgeBase) -> None:
    assert cite(fixture_kb, "mesa-optimizer", "markdown").startswith(f"[mesa-optimizer]({URL})")
    assert cite(fixture_kb, "mesa-optimizer", "latex").startswith(
        f"\\href{{{URL}}}{{mesa-optimizer}}"
    )


# -- original sources -------------------------------------------------------------


def test_original_bibtex_cites_the_source_with_locator_as_note(fixture_kb: KnowledgeBase) -> None:
    data = parse_string(cite(fixture_kb, "mesa-optimizer", "bibtex", original=True), "bibtex")
    entry = data.entries["paper"]
    assert entry.fields["note"] == "sec. 1"
    assert entry.fields["title"] == "A Paper About Optimizers"
    assert entry.fields["year"] == "2019"
    assert "pages" not in entry.fields


def test_original_csl_json_carries_the_locator(fixture_kb: KnowledgeBase) -> None:
    (item,) = json.loads(cite(fixture_kb, "mesa-optimizer", "csl-json", original=True))
    assert item["id"] == "paper"
    assert item["note"] == "sec. 1"
    assert "checked" not in item


@pytest.mark.parametrize("fmt", ["apa", "chicago", "ris", "markdown", "latex"])
def test_original_formats_give_the_locator(fixture_kb: KnowledgeBase, fmt: str) -> None:
    text = cite(fixture_kb, "mesa-optimizer", fmt, original=True)
    assert re.search(r"sec\.(~| )1", text)


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
    assert unescape_tex(entry.fields["note"]) == texts["locator"]
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
    assert capsys.readouterr().out == f"[mesa-optimizer]({URL}) (mesakb, version 0.1.0)\n"
    assert main(["cite", "--root", root, "optimizer", "-f", "latex", "--original"]) == 0
    assert capsys.readouterr().out == "\\cite[sec.~1]{paper}\n"


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
    assert data["url"] == SITE_URL


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

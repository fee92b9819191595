"""The site's pure render functions, and that hostile content renders inert."""

from __future__ import annotations

import json
import re

import markdown
import pytest

import mesakb
from mesakb.errors import UnsafeMarkupError
from mesakb.model import Alias, Concept, Definition, Formal, Relations, Source, Symbol
from mesakb.site.files import site_pages
from mesakb.site.html import markdown_html, tex_mathml
from mesakb.site.indexes import error_codes_table, explorer_data, fill_tables, glossary_page
from mesakb.site.pages import concept_page, source_page, tombstone_page
from mesakb.urls import Urls
from site_tools import _Page

XSS = "<script>alert(1)</script>"

# The Markdown extensions of mkdocs.yml, so a render test sees what the site sees.
EXTENSIONS = ["admonition", "tables", "toc", "pymdownx.highlight", "pymdownx.superfences"]


def hostile_kb() -> mesakb.KnowledgeBase:
    """A knowledge base full of attacks, built with the models (the loader would refuse it)."""
    bad = Concept(
        id="bad",
        term=f"bad {XSS}",
        aliases=(Alias(label='<img src=x onerror="alert(1)">', scope="exact"),),
        kind="concept",
        status="draft",
        summary='[x](javascript:alert(1)) {: onclick="alert(1)"} <b onmouseover=alert(1)>b</b>',
        definitions=(
            Definition(
                quote='<a href="#" onclick="alert(1)">quote</a> [y](JaVaScRiPt:alert(1))',
                source="evil",
                locator='"><svg onload=alert(1)>',
                rank="preferred",
                speaker="<script>alert(1)</script>",
            ),
            Definition(
                quote="[r][ref]\n\n[ref]: javascript:alert(1)",
                source="evil",
                locator="p. 1",
                rank="alternative",
                note="<iframe src=javascript:alert(1)></iframe> [d](data:text/html,alert(1))",
            ),
        ),
        body=(
            "## Heading {: onclick=alert(1) }\n\n"
            "Text {: .x onclick=alert(1)}\n\n"
            "<div onclick=alert(1)>raw</div>\n\n"
            "[a](&#106;avascript:alert(1)) <javascript:alert(1)> [v](vbscript:alert(1))\n\n"
            "```\n</code></pre><script>alert(1)</script>\n```\n\n"
            "<style>body{display:none}</style><form action=x><input></form>\n"
        ),
        formal=Formal(
            latex=r"\href{javascript:alert(1)}{x} \style{color:red}{y}",
            symbols=(Symbol(symbol=r"\text{<script>alert(1)</script>}", meaning=XSS),),
            note="```\n" + "`" * 5 + "\n```",
        ),
        relations=Relations(related=("good",)),
    )
    good = Concept(
        id="good",
        term="good ``` fence",
        kind="concept",
        summary="Fine.",
        definitions=(Definition(quote="Good.", source="evil", locator="s", rank="preferred"),),
    )
    evil = Source(
        id="evil",
        type="webpage",
        title=f"Evil {XSS}",
        author=({"literal": XSS},),  # type: ignore[arg-type]
        URL="https://example.org/x?a=1&b=2",
        checked=False,
        check_note="<img src=x onerror=alert(1)> [z](javascript:alert(1))",
    )
    return mesakb.KnowledgeBase({"bad": bad, "good": good}, {"evil": evil})


def executable(html_text: str, allow: frozenset[str] = frozenset()) -> list[str]:
    """Return what in an HTML fragment could run script or load something."""
    page = _Page()
    page.feed(html_text)
    found = [f"<script> {attrs} {text[:40]!r}" for attrs, text in page.scripts]
    for tag, name, value in page.attrs:
        if name.startswith("on") or name in ("style", "srcdoc", "formaction", "action"):
            found.append(f"{tag}[{name}]")
        if name in ("href", "src", "xlink:href") and not mesakb.read.markup.safe_url(value):
            found.append(f"{tag}[{name}]={value!r}")
        if tag in {"iframe", "object", "embed", "form", "style", "img", "input", "base"} - allow:
            found.append(f"<{tag}>")
    return found


def test_hostile_concept_renders_inert() -> None:
    kb = hostile_kb()
    page = concept_page(kb, "bad")
    html_text = markdown.markdown(page.split("---\n", 2)[2], extensions=EXTENSIONS)
    assert executable(html_text) == []
    # Attribute lists cannot form: the contributor's text shows as written.
    assert '{: onclick="alert(1)"}' in html_text
    assert "{: .x onclick=alert(1)}" in html_text
    # The attacks show as text, so an author can see what went wrong.
    assert "&lt;script&gt;" in html_text


@pytest.mark.parametrize(
    "render",
    [
        lambda kb: source_page(kb, "evil"),
        glossary_page,
        lambda kb: concept_page(kb, "good"),
    ],
    ids=["source", "glossary", "neighbour"],
)
def test_hostile_pages_render_inert(render: object) -> None:
    text = render(hostile_kb())  # type: ignore[operator]
    body = re.sub(r"(?ms)\A---\n.*?\n---\n", "", text)
    assert executable(markdown.markdown(body, extensions=EXTENSIONS)) == []


def test_every_generated_page_renders_inert() -> None:
    for file in site_pages(hostile_kb()):
        if file.src_uri.endswith(".md"):
            body = re.sub(r"(?ms)\A---\n.*?\n---\n", "", file.content)
            # The explorer's own controls are a form; contributor text never makes one.
            allow = frozenset({"form", "input"} if file.src_uri == "explore/index.md" else ())
            html_text = markdown.markdown(body, extensions=EXTENSIONS)
            assert executable(html_text, allow) == [], file.src_uri


def test_front_matter_values_are_escaped() -> None:
    page = concept_page(hostile_kb(), "bad")
    front = page.split("---\n")[1]
    assert "<" not in front
    assert "onerror" not in front.replace("onerror=&quot;", "")


@pytest.mark.parametrize(
    "latex",
    [
        r"\href{javascript:alert(1)}{x}",
        r"\style{color:red}{x}",
        r"\class{x}{y}",
        r"\text{<script>alert(1)</script>}",
        r"\color{red} x",
        r"\unicode{x}",
    ],
)
def test_unsafe_tex_is_refused(latex: str) -> None:
    with pytest.raises(UnsafeMarkupError):
        tex_mathml(latex)


def test_refused_tex_is_shown_as_code() -> None:
    page = concept_page(hostile_kb(), "bad")
    assert '<code class="mesakb-tex">\\href{javascript:alert(1)}' in page


def test_tex_renders_to_mathml() -> None:
    out = tex_mathml(r"\frac{a}{b} \le \sum_{i=1}^n x_i")
    assert out.startswith('<math xmlns="http://www.w3.org/1998/Math/MathML" display="block">')
    assert "<mfrac>" in out
    assert "href" not in out


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("[a](https://x.org)", '<a href="https://x.org">a</a>'),
        ("[a](../b/)", '<a href="../b/">a</a>'),
        ("[a](javascript:x)", "<a>a</a>"),
        ("[a](data:text/html,x)", "<a>a</a>"),
        ("*e*", "<em>e</em>"),
        ("<u onclick=x>x</u>", "&lt;u onclick=x&gt;x&lt;/u&gt;"),
    ],
)
def test_markdown_html_keeps_only_safe_markup(text: str, expected: str) -> None:
    assert markdown_html(text, inline=True) == expected


def test_concept_page_shows_definition_math_relations_and_citation(
    fixture_kb: mesakb.KnowledgeBase,
) -> None:
    page = concept_page(fixture_kb, "mesa-optimizer")
    assert '<h1 id="term">mesa-optimizer</h1>' in page
    assert "inner optimizer" in page
    assert "A mesa-optimizer is a learned algorithm that is itself an optimizer." in page
    assert '<a href="../../sources/paper/">Doe 2019</a>, sec. 1' in page
    assert "<math" in page
    assert '<dt class="mesakb-rel" data-relation="is_a">is a</dt>' in page
    assert "## Reading path" in page
    assert "## Cite this" in page
    assert "@misc{mesakb:mesa-optimizer," in page


def test_backlinks_use_the_inverse_label(fixture_kb: mesakb.KnowledgeBase) -> None:
    page = concept_page(fixture_kb, "optimizer")
    backlinks = page.split("## Backlinks", 1)[1].split("##", 1)[0]
    assert "more specific" in backlinks
    assert "../mesa-optimizer/" in backlinks


def test_file_urls_for_the_offline_build(fixture_kb: mesakb.KnowledgeBase) -> None:
    page = concept_page(fixture_kb, "mesa-optimizer", urls=Urls(directory=False))
    assert '<a href="../sources/paper.html">' in page
    assert 'href="optimizer.html"' in page


def test_deprecated_concept_redirects_to_its_replacement() -> None:
    kb = mesakb.KnowledgeBase(
        {
            "new": Concept(id="new", term="new", kind="concept", summary="New."),
            "old": Concept(
                id="old",
                term="old",
                kind="concept",
                summary="Old.",
                status="deprecated",
                replaced_by="new",
            ),
        },
        {},
    )
    page = tombstone_page(kb, "old")
    assert 'mesakb_redirect: "../new/"' in page
    assert '<a href="../new/">new</a>' in page
    assert concept_page(kb, "old") == page


def test_glossary_lists_every_term_and_alias(fixture_kb: mesakb.KnowledgeBase) -> None:
    page = glossary_page(fixture_kb)
    for concept in fixture_kb:
        for label in concept.labels:
            assert f">{label}<" in page or f"{label} <small>" in page
    assert page.index("## L") < page.index("## M") < page.index("## O")


def test_explorer_data_is_deterministic(fixture_kb: mesakb.KnowledgeBase) -> None:
    assert explorer_data(fixture_kb) == explorer_data(fixture_kb)
    nodes = {n["id"]: n for n in json.loads(explorer_data(fixture_kb))["nodes"]}
    assert nodes["mesa-optimizer"]["aliases"] == ["inner optimizer"]
    assert nodes["mesa-optimizer"]["url"] == "concepts/mesa-optimizer/"


def test_authoring_guide_table_lists_every_code() -> None:
    table = error_codes_table()
    for code in mesakb.CODES:
        assert f"| `{code}` |" in table
    assert "<!--" not in fill_tables("a <!-- mesakb:error-codes --> b <!-- mesakb:relations -->")


def test_site_pages_have_unique_paths(fixture_kb: mesakb.KnowledgeBase) -> None:
    paths = [f.src_uri for f in site_pages(fixture_kb)]
    assert len(paths) == len(set(paths))
    assert "concepts/mesa-optimizer.md" in paths
    assert "glossary/index.md" in paths


def test_each_generated_file_renders_alone_as_in_the_whole_site(
    fixture_kb: mesakb.KnowledgeBase,
) -> None:
    from mesakb.site.files import site_page

    for file in site_pages(fixture_kb):
        assert site_page(fixture_kb, file.src_uri) == file.content, file.src_uri
    for unknown in ("concepts/no-such-concept.md", "guides/python.md", "concepts/optimizer"):
        with pytest.raises(KeyError):
            site_page(fixture_kb, unknown)

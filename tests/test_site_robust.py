"""The site builds from any text `mesakb check` accepts; Markdown is rendered once."""

from __future__ import annotations

import re
from pathlib import Path

import markdown
import yaml

import mesakb
from mesakb.cli import main
from mesakb.site.pages import concept_page

REPO = Path(__file__).resolve().parents[1]
FIXTURE = REPO / "tests" / "fixtures" / "kb"

SPECIALS = "A mesa-optimizer & friends: the optimizer < the objective > 0, learned algorithm&co."


def test_a_term_followed_by_an_html_special_builds(kb_copy: Path, tmp_path: Path) -> None:
    path = kb_copy / "concepts" / "objective.yaml"
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    data["body"] = SPECIALS
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    assert main(["--root", str(kb_copy), "check"]) == 0
    assert main(["--root", str(kb_copy), "build", "--site-dir", str(tmp_path / "out")]) == 0
    page = (tmp_path / "out" / "concepts" / "objective" / "index.html").read_text()
    body = page.split('<div class="mesakb-body">', 1)[1].split("</div>", 1)[0]
    assert 'href="../mesa-optimizer/"' in body
    assert 'href="../optimizer/"' in body
    assert "&amp; friends" in body
    assert "&lt; the" in body
    assert "&gt; 0" in body
    kb = mesakb.load(kb_copy)
    assert kb["objective"].body == SPECIALS


def _mkdocs_extensions() -> tuple[list[str], dict[str, dict[str, object]]]:
    """Return the Markdown extensions of mkdocs.yml and their settings."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_Loader)
    names: list[str] = []
    settings: dict[str, dict[str, object]] = {}
    for item in config["markdown_extensions"]:
        if isinstance(item, dict):
            ((name, options),) = item.items()
            names.append(name)
            settings[name] = options or {}
        else:
            names.append(item)
    return names, settings


class _Loader(yaml.SafeLoader):
    """Read mkdocs.yml, whose !ENV tags a plain safe loader refuses."""


_Loader.add_constructor("!ENV", lambda loader, node: None)


def _islands(page: str) -> list[str]:
    return re.findall(r"<!-- mesakb:island -->\n(.*?)\n<!-- /mesakb:island -->", page, re.DOTALL)


def test_islands_reach_the_html_byte_for_byte() -> None:
    """Every piece of generated HTML is in mkdocs' output exactly as rendered once."""
    fixture = mesakb.load(FIXTURE)
    concepts = dict(fixture.concepts)
    # Built in code: the loader refuses attribute lists, but the site must not rely on it.
    concepts["objective"] = concepts["objective"].model_copy(
        update={
            "body": (
                "Tab\there {: .x onclick=alert(1)} *em* and `code`.\n\n"
                "```\nkeep\n\n\tthe\ttabs *and* {: .y}\n```\n\n"
                "    indented code\n\n"
                "- a list {: #id }\n\n"
                "1) an optimizer & a mesa-optimizer < base objective\n"
            )
        }
    )
    kb = mesakb.KnowledgeBase(concepts, fixture.sources)
    names, settings = _mkdocs_extensions()
    assert "mesakb.site.islands" in names
    assert "attr_list" in names
    for id in kb.concepts:
        page = concept_page(kb, id)
        body = page.split("---\n", 2)[2]
        html_text = markdown.markdown(body, extensions=names, extension_configs=settings)
        islands = _islands(body)
        assert len(islands) >= 5
        position = 0
        for piece in islands:
            found = html_text.find(piece, position)
            assert found >= 0, (id, piece[:200])
            position = found + len(piece)
        assert "mesakb:island" not in html_text
        assert "mesakb-island-" not in html_text
    page = concept_page(kb, "objective")
    html_text = markdown.markdown(
        page.split("---\n", 2)[2], extensions=names, extension_configs=settings
    )
    assert "{: .x onclick=alert(1)}" in html_text
    assert "tabs *and* {: .y}" in html_text
    assert 'class="x"' not in html_text
    assert "onclick" not in html_text.replace("onclick=alert(1)}", "")


def test_a_built_page_holds_the_islands_as_rendered(kb_copy: Path, tmp_path: Path) -> None:
    kb = mesakb.load(kb_copy)
    assert main(["--root", str(kb_copy), "build", "--site-dir", str(tmp_path / "out")]) == 0
    built = (tmp_path / "out" / "concepts" / "mesa-optimizer" / "index.html").read_text()
    from mesakb.site.indexes import exclude_math_from_search

    # The hook's one change after Markdown: formulas are marked to stay out of search.
    for piece in _islands(concept_page(kb, "mesa-optimizer")):
        assert exclude_math_from_search(piece) in built, piece[:200]

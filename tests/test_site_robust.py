"""The site builds from any text `mesakb check` accepts; Markdown is rendered once."""

from __future__ import annotations

from pathlib import Path

import yaml

import mesakb
from mesakb.cli import main

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

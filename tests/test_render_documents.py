"""Citations rendered in real documents, by the tools writers use, and the output read back.

A draft cites two concepts of the shipped knowledge base and the paper both definitions
quote (each with its own locator): with pandoc --citeproc from CSL-JSON and from BibTeX,
and in LaTeX with biblatex+biber and with natbib+bibtex. Each output is parsed and must
show: a year for every entry (no "n.d.", no "????"), every work once, the locators in
the citations (not in the references), and the permanent addresses in the references.
The formatted APA and Chicago text of `mesakb cite` must equal pandoc's with the same
CSL file.
"""

from __future__ import annotations

import html
import json
import re
import shutil
import subprocess
from pathlib import Path

import pytest

import mesakb
from mesakb.__about__ import __released__
from mesakb.urls import permanent_concept_url
from mesakb.write.citation import cite, in_text
from mesakb.write.csl import style_path

CONCEPTS = ["mesa-optimizer", "inner-alignment"]
PAPER = "hubinger2019risks"
YEAR = __released__[:4]


def _tool(name: str) -> str:
    found = shutil.which(name)
    if found is None:
        pytest.fail(f"{name} is missing: scripts/test.sh installs it")
    return found


def _run(command: list[str], cwd: Path) -> str:
    result = subprocess.run(
        command, cwd=cwd, capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0, (command, result.stdout[-3000:], result.stderr[-3000:])
    return result.stdout


@pytest.fixture(scope="module")
def kb() -> mesakb.KnowledgeBase:
    kb = mesakb.load()
    for cid in CONCEPTS:  # the premise: both quote the same paper
        definition = kb[cid].preferred
        assert definition is not None
        assert definition.source == PAPER
    return kb


def _pinned(cid: str) -> str:
    return permanent_concept_url(cid, mesakb.__version__)


def _no_space(text: str) -> str:
    return re.sub(r"\s+", "", text)


# -- pandoc --------------------------------------------------------------------------


def _draft(kb: mesakb.KnowledgeBase) -> str:
    concepts = in_text(kb, CONCEPTS, "pandoc").splitlines()
    papers = in_text(kb, CONCEPTS, "pandoc", original=True).splitlines()
    return (
        f"A mesa-optimizer {concepts[0]} is the subject of inner alignment {concepts[1]}.\n\n"
        f"The paper defines both: {papers[0]}; and {papers[1]}.\n"
    )


def _pandoc(tmp_path: Path, draft: str, bibliographies: list[str], csl: Path) -> dict[str, object]:
    (tmp_path / "draft.md").write_text(draft, "utf-8")
    command = [_tool("pandoc"), "draft.md", "--citeproc", "--csl", str(csl), "-t", "html"]
    command += [f"--bibliography={name}" for name in bibliographies]
    out = _run(command, tmp_path)
    citations = [
        " ".join(html.unescape(re.sub(r"<[^>]+>", "", c)).split())
        for c in re.findall(r'<span class="citation"[^>]*>(.*?)</span>', out, re.S)
    ]
    entries = {
        key: " ".join(html.unescape(re.sub(r"<[^>]+>", "", body)).split())
        for key, body in re.findall(
            r'<div id="ref-([^"]+)" class="csl-entry"[^>]*>(.*?)</div>', out, re.S
        )
    }
    return {"citations": citations, "entries": entries, "html": out}


def _check_pandoc_output(result: dict[str, object]) -> None:
    citations = result["citations"]
    entries = result["entries"]
    assert isinstance(citations, list)
    assert isinstance(entries, dict)
    # Every work once: the two concepts and the paper, not the paper twice.
    assert sorted(entries) == sorted([*(f"mesakb:{c}" for c in CONCEPTS), PAPER])
    assert str(result["html"]).count(f'id="ref-{PAPER}"') == 1
    text = " ".join(entries.values())
    assert "n.d." not in text
    assert "n.d." not in " ".join(citations)
    for cid in CONCEPTS:
        assert YEAR in entries[f"mesakb:{cid}"]
        assert _pinned(cid) in entries[f"mesakb:{cid}"]
    # The locators are in the citations, and nowhere in the references.
    assert len(citations) == 4
    assert "7 (Glossary), “Mesa-optimizer”" in citations[2]
    assert "7 (Glossary), “Inner alignment”" in citations[3]
    assert "Glossary" not in text


@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_pandoc_renders_a_draft_from_csl_json(
    kb: mesakb.KnowledgeBase, tmp_path: Path, style: str
) -> None:
    items = json.loads(cite(kb, CONCEPTS, "csl-json"))
    items += json.loads(cite(kb, CONCEPTS, "csl-json", original=True))
    (tmp_path / "refs.json").write_text(json.dumps(items), "utf-8")
    result = _pandoc(tmp_path, _draft(kb), ["refs.json"], style_path(style))
    _check_pandoc_output(result)


def test_pandoc_renders_a_draft_from_bibtex(kb: mesakb.KnowledgeBase, tmp_path: Path) -> None:
    (tmp_path / "concepts.bib").write_text(cite(kb, CONCEPTS, "bibtex"), "utf-8")
    (tmp_path / "papers.bib").write_text(cite(kb, CONCEPTS, "bibtex", original=True), "utf-8")
    result = _pandoc(tmp_path, _draft(kb), ["concepts.bib", "papers.bib"], style_path("apa"))
    _check_pandoc_output(result)


# -- LaTeX ---------------------------------------------------------------------------

BIBLATEX = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[backend=biber,style=authoryear]{biblatex}
\addbibresource{refs.bib}
\usepackage{hyperref}
\begin{document}
A mesa-optimizer %s is the subject of inner alignment %s.
The paper defines both: %s; and %s.
\printbibliography
\end{document}
"""

NATBIB = r"""\documentclass{article}
\usepackage[T1]{fontenc}
\usepackage[round]{natbib}
\usepackage{url}
\begin{document}
A mesa-optimizer %s is the subject of inner alignment %s.
The paper defines both: %s; and %s.
\bibliographystyle{plainnat}
\bibliography{refs}
\end{document}
"""


def _latex(kb: mesakb.KnowledgeBase, tmp_path: Path, template: str, dialect: str, bib: str) -> str:
    refs = cite(kb, CONCEPTS, dialect) + "\n\n" + cite(kb, CONCEPTS, dialect, original=True)
    (tmp_path / "refs.bib").write_text(refs, "utf-8")
    commands = [
        *in_text(kb, CONCEPTS, "latex").splitlines(),
        *in_text(kb, CONCEPTS, "latex", original=True).splitlines(),
    ]
    (tmp_path / "doc.tex").write_text(template % tuple(commands), "utf-8")
    latex = [_tool("pdflatex"), "-no-shell-escape", "-interaction=nonstopmode", "-halt-on-error"]
    _run([*latex, "doc.tex"], tmp_path)
    _run([_tool(bib), "doc"], tmp_path)
    _run([*latex, "doc.tex"], tmp_path)
    _run([*latex, "doc.tex"], tmp_path)
    log = (tmp_path / "doc.log").read_text("utf-8", errors="replace")
    assert "undefined" not in log, re.findall(r".*undefined.*", log)
    return _run([_tool("pdftotext"), "-layout", "doc.pdf", "-"], tmp_path)


def _check_pdf_text(text: str) -> None:
    assert "n.d." not in text
    assert "????" not in text
    flat = _no_space(text)
    for cid in CONCEPTS:
        assert _no_space(_pinned(cid)) in flat
    # The paper is listed once: its title appears once in the references.
    references = re.split(r"\n\s*References\s*\n", text)[-1]
    assert _no_space(references).lower().count("risksfromlearnedoptimization") == 1
    body = text[: text.rfind("References")]
    assert "7 (Glossary)" in body
    assert "Glossary" not in references


def test_biblatex_and_biber_render_the_citations(kb: mesakb.KnowledgeBase, tmp_path: Path) -> None:
    text = _latex(kb, tmp_path, BIBLATEX, "biblatex", "biber")
    blg = (tmp_path / "doc.blg").read_text("utf-8")
    assert "Duplicate entry" not in blg
    assert "WARN" not in blg, blg
    bbl = (tmp_path / "doc.bbl").read_text("utf-8")
    assert bbl.count(f"\\entry{{{PAPER}}}") == 1
    for cid in CONCEPTS:
        entry = bbl.split(f"\\entry{{mesakb:{cid}}}")[1].split("\\endentry")[0]
        assert f"\\field{{year}}{{{YEAR}}}" in entry
        assert "\\field{version}{" + mesakb.__version__ + "}" in entry
    assert "Hubinger et al. 2019, sec. 7 (Glossary)," in " ".join(text.split())
    _check_pdf_text(text)


def test_natbib_and_bibtex_render_the_citations(kb: mesakb.KnowledgeBase, tmp_path: Path) -> None:
    text = _latex(kb, tmp_path, NATBIB, "bibtex", "bibtex")
    blg = (tmp_path / "doc.blg").read_text("utf-8")
    assert "Repeated entry" not in blg
    assert "Warning" not in blg, blg
    bbl = (tmp_path / "doc.bbl").read_text("utf-8")
    assert bbl.count("\\bibitem[Hubinger et~al.(2019)") == 1
    for cid in CONCEPTS:
        (line,) = [line for line in bbl.splitlines() if line.endswith(f"{{mesakb:{cid}}}")]
        assert line.startswith(f"\\bibitem[{{The mesakb contributors}}({YEAR}")
    assert "(Hubinger et al., 2019, sec. 7 (Glossary)," in " ".join(text.split())
    _check_pdf_text(text)


# -- formatted styles equal pandoc's -----------------------------------------------------


def _pandoc_plain(tmp_path: Path, items: str, citations: list[str], style: str) -> list[str]:
    (tmp_path / "refs.json").write_text(items, "utf-8")
    (tmp_path / "doc.md").write_text("\n\n".join(citations) + "\n", "utf-8")
    command = [_tool("pandoc"), "doc.md", "--citeproc", "--csl", str(style_path(style))]
    out = _run([*command, "--bibliography=refs.json", "-t", "plain", "--wrap=none"], tmp_path)
    # pandoc keeps "sec." and a quoted heading together with a no-break space where the
    # locator is not a number; the text is the same.
    return [line.replace("\xa0", " ") for line in out.splitlines() if line.strip()]


@pytest.mark.parametrize("style", ["apa", "chicago"])
@pytest.mark.parametrize("cid", ["absent-minded-driver", "mesa-optimizer"])
def test_formatted_concept_citation_equals_pandocs(
    kb: mesakb.KnowledgeBase, tmp_path: Path, style: str, cid: str
) -> None:
    lines = _pandoc_plain(tmp_path, cite(kb, cid, "csl-json"), [f"[@mesakb:{cid}]"], style)
    assert lines[1:] == cite(kb, cid, style).splitlines()


@pytest.mark.xfail(strict=True, reason="known gaps in APA/Chicago text; see the docstring")
@pytest.mark.parametrize("style", ["apa", "chicago"])
def test_formatted_original_sources_equal_pandocs(
    kb: mesakb.KnowledgeBase, tmp_path: Path, style: str
) -> None:
    """Every source, cited with the locators of every concept that quotes it.

    Known to fail on today's content (it passed on the 15 sources it was written
    for): in one bibliography our text does not disambiguate as citeproc does (year
    suffixes, Hubinger 2022a/2022b; given names for two Turners), doubles the period
    after a title ending in "?", and drops Chicago's "Preprint," before a month.
    """
    ids = [c.id for c in kb if c.preferred is not None]
    citations = in_text(kb, ids, "pandoc", original=True).splitlines()
    lines = _pandoc_plain(tmp_path, cite(kb, ids, "csl-json", original=True), citations, style)
    ours = cite(kb, ids, style, original=True)
    if _pandoc_major() < 3:
        # pandoc 2's built-in en-US locale predates the CSL term "preprint", which
        # Chicago prints for an article without a journal; pandoc 3 has it.
        ours = ours.replace(" Preprint. ", " ")
    assert lines == ours.splitlines()


def _pandoc_major() -> int:
    out = _run([_tool("pandoc"), "--version"], Path.cwd())
    match = re.match(r"pandoc (\d+)\.", out)
    assert match is not None
    return int(match.group(1))

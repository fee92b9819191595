"""Every formula of the real content renders as well-formed MathML, multi-line ones as tables."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

import mesakb
from mesakb.site.html import MATHML_NS, tex_mathml

M = "{" + MATHML_NS + "}"
_LINE_BREAK = re.compile(r"\\\\")
_TABLE_ENVS = re.compile(r"\\begin\{(aligned|align\*?|gathered|cases|array|[pbvBV]?matrix)\}")


def _formulas() -> list[tuple[str, str, bool]]:
    kb = mesakb.load()
    found = []
    for concept in kb:
        if concept.formal is None:
            continue
        found.append((f"{concept.id}: formal", concept.formal.latex, True))
        found += [(f"{concept.id}: {s.symbol}", s.symbol, False) for s in concept.formal.symbols]
    return found


FORMULAS = _formulas()


def _parse(mathml: str) -> ET.Element:
    # The output is XML apart from entity references, which the rebuilder writes as
    # numeric references only.
    return ET.fromstring(mathml)


def test_the_real_content_has_multi_line_formulas() -> None:
    # The checks below would prove nothing if no formula had rows.
    assert sum(bool(_TABLE_ENVS.search(latex)) for _, latex, _ in FORMULAS) >= 2
    assert len(FORMULAS) > 20


@pytest.mark.parametrize(("where", "latex", "display"), FORMULAS, ids=[f[0] for f in FORMULAS])
def test_every_formula_renders_as_mathml(where: str, latex: str, display: bool) -> None:
    root = _parse(tex_mathml(latex, display=display))
    assert root.tag == M + "math"
    texts = [t for node in root.iter() for t in (node.text, node.tail) if t]
    assert not [t for t in texts if "&" in t], f"{where}: a literal & in the output"
    assert not root.findall(f".//{M}mspace[@linebreak]"), f"{where}: rows run into one line"
    assert not root.findall(f".//{M}merror"), where
    env = _TABLE_ENVS.search(latex)
    if env or _LINE_BREAK.search(latex):
        rows = root.findall(f".//{M}mtr")
        # A table per environment (or one for bare line breaks): at least one row each,
        # and as many rows in all as line breaks plus one per table.
        tables = root.findall(f".//{M}mtable")
        assert tables, f"{where}: no <mtable>"
        assert len(rows) == len(_LINE_BREAK.findall(latex)) + len(tables), where
        for row in rows:
            assert row.findall(f"{M}mtd"), f"{where}: an empty row"


@pytest.mark.parametrize(
    ("latex", "rows", "columns"),
    [
        (r"\begin{aligned} a &= b \\ c &= d \\ e &= f \end{aligned}", 3, 2),
        (r"\begin{align} a &= b \\ c &= d \end{align}", 2, 2),
        (r"\begin{align*} a &= b & x &= y \\ c &= d & z &= w \end{align*}", 2, 4),
        (r"f(x) = \begin{cases} 1 & x > 0 \\ 0 & x \le 0 \end{cases}", 2, 2),
        (r"\begin{pmatrix} 1 & 2 & 3 \\ 4 & 5 & 6 \end{pmatrix}", 2, 3),
        (r"\begin{bmatrix} 1 & 2 \\ 3 & 4 \end{bmatrix}", 2, 2),
        (r"\begin{gathered} a = b \\ c = d \end{gathered}", 2, 1),
        (r"\begin{array}{rl} a & = b \\ c & = d \end{array}", 2, 2),
        (r"a = b \\ c = d", 2, 1),
    ],
)
def test_multi_line_environments_become_table_rows(latex: str, rows: int, columns: int) -> None:
    root = _parse(tex_mathml(latex, display=True))
    found = root.findall(f".//{M}mtr")
    assert len(found) == rows
    # align numbers its lines in a third column of labels; the content columns come first.
    assert all(len(r.findall(f"{M}mtd")) in (columns, columns + 1) for r in found)
    texts = [t for node in root.iter() for t in (node.text, node.tail) if t]
    assert not [t for t in texts if "&" in t]

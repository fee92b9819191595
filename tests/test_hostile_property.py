"""Property: any concept file either passes the check or gets diagnostics, never a crash.

Hypothesis writes concept files with arbitrary Unicode in every text field, random
extra keys and nested structure, sometimes as raw text. For each one:

- ``check`` returns (it never raises) and every diagnostic is one printable line;
- when the knowledge base passes, every generated page renders (the functions of
  :mod:`mesakb.site.files`, not a whole mkdocs build) and every release file is
  written and read back with a real parser: JSON, XML (GraphML), Turtle and JSON-LD
  (rdflib), BibTeX (pybtex); no page carries the text of a ``<script`` or ``on...=``.
"""

from __future__ import annotations

import json
import shutil
import tempfile
import unicodedata
import warnings
import xml.etree.ElementTree as ET
from pathlib import Path
from typing import Any

import rdflib
import yaml
from hypothesis import HealthCheck, find, given, settings
from hypothesis import strategies as st
from pybtex.database import parse_bytes

import mesakb
from mesakb.read.loader import check
from mesakb.site.files import site_pages
from mesakb.write.release import export_files

FIXTURE = Path(__file__).parent / "fixtures" / "kb"
UNPRINTABLE = {"Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"}

# Every code point but surrogates (which no UTF-8 file can hold).
TEXT = st.text(st.characters(codec="utf-8"), max_size=60)
NICE = st.text(
    st.characters(codec="utf-8", categories=("L", "N", "P", "S", "Zs")), min_size=1, max_size=40
)
SCALAR = st.one_of(TEXT, st.integers(), st.floats(allow_nan=False), st.none(), st.booleans())
VALUE = st.recursive(
    SCALAR,
    lambda inner: st.one_of(
        st.lists(inner, max_size=3), st.dictionaries(st.text(max_size=8), inner, max_size=3)
    ),
    max_leaves=8,
)
MARKDOWN = st.one_of(
    TEXT,
    NICE,
    st.lists(
        st.sampled_from(
            ["[", "]", "(", ")", "`", "*", "_", "<", ">", "&", "#", "\\", "\n", " ", "a", "{", ":"]
        ),
        max_size=80,
    ).map("".join),
)


# Printable text of any script that a field may well hold: passes the character policy.
LINE = NICE.map(lambda t: "x" + " ".join(t.split()) + "x")


@st.composite
def concept_files(draw: Any) -> bytes:
    """A concept file: half plausible (any script, Markdown punctuation), half hostile."""
    clean = draw(st.booleans())
    line = LINE if clean else st.one_of(NICE, TEXT)
    markdown = st.one_of(LINE, MARKDOWN.map(lambda t: "x" + t)) if clean else MARKDOWN
    data: dict[str, Any] = {
        "id": "gen",
        "term": "gen " + draw(line),
        "kind": draw(st.sampled_from(["concept", "claim"] if clean else ["concept", "idea"])),
        "summary": draw(markdown),
        "definitions": [
            {
                "quote": draw(markdown),
                "source": "paper",
                "locator": draw(line),
                "rank": "preferred",
            }
        ],
        "relations": {"related": ["optimizer", "objective"]},
    }
    if draw(st.booleans()):
        data["body"] = draw(markdown)
    if draw(st.booleans()):
        data["aliases"] = [
            {"label": f"alias {n} " + draw(line), "scope": "exact"}
            for n in range(draw(st.integers(0, 2)))
        ]
    if not clean and draw(st.integers(0, 2)) == 0:
        data[draw(st.text(max_size=10))] = draw(VALUE)
    if not clean and draw(st.integers(0, 2)) == 0:
        data["relations"] = draw(VALUE)
    style = draw(st.sampled_from(["utf8", "escaped"] if clean else ["utf8", "escaped", "raw"]))
    if style == "raw":
        return draw(st.binary(max_size=200)) if draw(st.booleans()) else draw(TEXT).encode()
    text = yaml.safe_dump(data, allow_unicode=style == "utf8", sort_keys=False)
    return text.encode("utf-8")


def _parse_exports(files: dict[str, bytes]) -> None:
    for name, data in files.items():
        if name.endswith(".json"):
            json.loads(data)
        elif name.endswith(".graphml"):
            ET.fromstring(data)
        elif name.endswith(".ttl"):
            rdflib.Graph().parse(data=data.decode("utf-8"), format="turtle")
        elif name.endswith(".jsonld"):
            with warnings.catch_warnings():  # rdflib's own JSON-LD parser warns about itself
                warnings.filterwarnings(
                    "ignore", "ConjunctiveGraph is deprecated", DeprecationWarning
                )
                rdflib.Graph().parse(data=data.decode("utf-8"), format="json-ld")
        elif name.endswith(".bib"):
            parse_bytes(data, "bibtex")
        else:
            data.decode("utf-8")


@settings(
    max_examples=60,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(concept_files())
def test_check_passes_or_reports_and_what_passes_builds_and_exports(raw: bytes) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kb"
        shutil.copytree(FIXTURE, root)
        (root / "concepts" / "gen.yaml").write_bytes(raw)

        result = check(root)  # never raises

        for diagnostic in result.diagnostics:
            line = str(diagnostic)
            assert not [c for c in line if unicodedata.category(c) in UNPRINTABLE], line
        if not result.ok:
            assert any(d.severity == "error" for d in result.diagnostics)
            return
        kb = mesakb.load(root)
        for page in site_pages(kb):
            if page.src_uri.endswith(".json"):
                json.loads(page.content)
            assert "<script" not in page.content.lower()
        _parse_exports(export_files(kb))


def _passes(raw: bytes) -> bool:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "kb"
        shutil.copytree(FIXTURE, root)
        (root / "concepts" / "gen.yaml").write_bytes(raw)
        return check(root).ok


def test_the_generator_reaches_files_that_pass() -> None:
    """The property above is not vacuous: some generated files pass, with non-ASCII text."""
    found = find(
        concept_files(),
        lambda raw: not raw.isascii() and _passes(raw),
        settings=settings(max_examples=200, database=None),
    )
    assert _passes(found)

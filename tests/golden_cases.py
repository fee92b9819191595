"""The golden cases of malformed and hostile files, as data.

Run ``python tests/golden_cases.py`` to (re)write ``tests/golden/*.yml`` from this
list, keeping each case's reviewed ``expected`` output; ``--update`` recomputes it
(review the diff before committing).
"""

from __future__ import annotations

GOOD = """\
id: {id}
term: {term}
kind: concept
summary: A thing.
definitions:
  - quote: A thing is a thing.
    source: paper
    locator: sec. 1
    rank: preferred
relations:
  related: [optimizer, objective]
"""


def concept(id: str, term: str | None = None, **replace: str) -> str:
    text = GOOD.format(id=id, term=term or id.replace("-", " "))
    for old, new in replace.items():
        text = text.replace(old.replace("_", " "), new)
    return text


CASES: dict[str, dict[str, object]] = {
    # --- reading the file ---------------------------------------------------------
    "empty-file": {"files": {"concepts/x.yaml": ""}},
    "only-comments": {"files": {"concepts/x.yaml": "# nothing here\n"}},
    "top-level-list": {"files": {"concepts/x.yaml": "- id: x\n- term: x\n"}},
    "top-level-scalar": {"files": {"concepts/x.yaml": "just a string\n"}},
    "yaml-syntax-error": {"files": {"concepts/x.yaml": "id: x\nterm: [unclosed\nkind: concept\n"}},
    "bad-indentation": {"files": {"concepts/x.yaml": "id: x\n  term: x\n"}},
    "tab-indentation": {"files": {"concepts/x.yaml": "id: x\nrelations:\n\tis_a: [optimizer]\n"}},
    "duplicate-key": {"files": {"concepts/x.yaml": concept("x") + "term: again\n"}},
    "duplicate-nested-key": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "    rank: preferred\n", "    rank: preferred\n    rank: alternative\n"
            )
        }
    },
    "anchor": {
        "files": {
            "concepts/x.yaml": concept("x").replace("summary: A thing.", "summary: &s A thing.")
        }
    },
    "alias": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "summary: A thing.", "summary: &s A thing.\nbody: *s"
            )
        }
    },
    "merge-key": {"files": {"concepts/x.yaml": "id: x\nbase: &b {term: x}\n<<: *b\n"}},
    "explicit-tag": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "summary: A thing.", "summary: !!python/object:os.system A thing."
            )
        }
    },
    "local-tag": {"files": {"concepts/x.yaml": concept("x").replace("term: x", "term: !custom x")}},
    "two-documents": {"files": {"concepts/x.yaml": concept("x") + "---\nid: y\n"}},
    "byte-order-mark": {"raw": {"concepts/x.yaml": "\xef\xbb\xbf" + concept("x")}},
    "not-utf8": {"raw": {"concepts/x.yaml": concept("x").replace("A thing.", "A th\xe9ing.")}},
    "control-character": {
        "files": {"concepts/x.yaml": concept("x").replace("A thing.", "A th\x07ing.")}
    },
    "bidi-override": {
        "files": {"concepts/x.yaml": concept("x").replace("A thing.", "A \u202egniht.")}
    },
    "oversized-file": {
        "files": {
            "concepts/x.yaml": concept("x")
            + "body: |\n"
            + ("  padding padding padding padding\n" * 9000)
        }
    },
    "deep-nesting": {"files": {"concepts/x.yaml": "id: x\nterm: " + "[" * 40 + "]" * 40 + "\n"}},
    "huge-number": {
        "files": {
            "sources/big.yaml": "id: big\ntype: article\ntitle: Big\nchecked: true\nissued: {date-parts: [[99999999999999999999999999]]}\n"
        }
    },
    "year-out-of-range": {
        "files": {
            "sources/old.yaml": "id: old\ntype: article\ntitle: Old\nchecked: true\nissued: {date-parts: [[99999]]}\n"
        }
    },
    "complex-key": {"files": {"concepts/x.yaml": concept("x") + "? [a, b]\n: c\n"}},
    "yaml12-scalars-stay-strings": {
        "files": {
            "concepts/no.yaml": concept("no", "NO").replace("summary: A thing.", "summary: 12:30")
        }
    },
    # --- schema of one file -----------------------------------------------------
    "missing-required-fields": {"files": {"concepts/x.yaml": "id: x\nterm: x\n"}},
    "misspelled-key": {"files": {"concepts/x.yaml": concept("x").replace("summary:", "sumary:")}},
    "misspelled-relation": {
        "files": {"concepts/x.yaml": concept("x").replace("related:", "is-a:")}
    },
    "unknown-relation-type": {
        "files": {"concepts/x.yaml": concept("x").replace("related:", "causes:")}
    },
    "wrong-type-term": {"files": {"concepts/x.yaml": concept("x").replace("term: x", "term: 42")}},
    "wrong-type-list-for-string": {
        "files": {
            "concepts/x.yaml": concept("x").replace("summary: A thing.", "summary: [A, thing]")
        }
    },
    "wrong-type-string-for-list": {
        "files": {"concepts/x.yaml": concept("x").replace("[optimizer, objective]", "optimizer")}
    },
    "null-where-required": {
        "files": {"concepts/x.yaml": concept("x").replace("summary: A thing.", "summary:")}
    },
    "bad-kind": {"files": {"concepts/x.yaml": concept("x").replace("kind: concept", "kind: idea")}},
    "bad-alias-scope": {
        "files": {"concepts/x.yaml": concept("x") + "aliases:\n  - {label: ex, scope: exactly}\n"}
    },
    "bad-rank": {
        "files": {"concepts/x.yaml": concept("x").replace("rank: preferred", "rank: best")}
    },
    "path-like-id": {
        "files": {"concepts/x.yaml": concept("x").replace("id: x", "id: ../../etc/passwd")}
    },
    "path-like-file-name": {"files": {"concepts/Bad Name.yaml": concept("bad-name")}},
    "wrong-extension": {"files": {"concepts/x.yml": concept("x")}},
    "blank-locator": {
        "files": {"concepts/x.yaml": concept("x").replace("locator: sec. 1", "locator: ''")}
    },
    "missing-source-and-locator": {
        "files": {
            "concepts/x.yaml": concept("x").replace("    source: paper\n    locator: sec. 1\n", "")
        }
    },
    "source-missing-fields": {"files": {"sources/s.yaml": "id: s\ntitle: Only a title\n"}},
    "source-bad-name": {
        "files": {
            "sources/s.yaml": "id: s\ntype: article\ntitle: T\nchecked: true\nauthor:\n  - {given: Jane}\n"
        }
    },
    "source-bad-url": {
        "files": {
            "sources/s.yaml": "id: s\ntype: article\ntitle: T\nchecked: true\nURL: javascript:alert(1)\n"
        }
    },
    "source-boolean-as-string": {
        "files": {"sources/s.yaml": "id: s\ntype: article\ntitle: T\nchecked: yes\n"}
    },
    # --- across files -----------------------------------------------------------
    "id-not-file-name": {"files": {"concepts/x.yaml": concept("y")}},
    "unknown-relation-target": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "[optimizer, objective]", "[optimiser-x, objective]"
            )
        }
    },
    "unknown-target-suggestion": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "[optimizer, objective]", "[optimizr, objective]"
            )
        }
    },
    "unknown-source": {
        "files": {"concepts/x.yaml": concept("x").replace("source: paper", "source: papr")}
    },
    "self-relation": {
        "files": {
            "concepts/x.yaml": concept("x").replace("[optimizer, objective]", "[x, objective]")
        }
    },
    "duplicate-target": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "[optimizer, objective]", "[optimizer, optimizer]"
            )
        }
    },
    "is-a-cycle": {
        "files": {
            "concepts/a.yaml": concept("a") + "  is_a: [b]\n".replace("  is_a", "  is_a"),
            "concepts/b.yaml": concept("b").replace("relations:\n", "relations:\n  is_a: [c]\n"),
            "concepts/c.yaml": concept("c").replace("relations:\n", "relations:\n  is_a: [a]\n"),
        }
    },
    "requires-cycle": {
        "files": {
            "concepts/a.yaml": concept("a").replace(
                "relations:\n", "relations:\n  requires: [b]\n"
            ),
            "concepts/b.yaml": concept("b").replace(
                "relations:\n", "relations:\n  requires: [a]\n"
            ),
        }
    },
    "term-clash": {"files": {"concepts/x.yaml": concept("x", "Optimizer")}},
    "alias-clash-nfkc-casefold": {
        "files": {
            "concepts/x.yaml": concept("x")
            + "aliases:\n  - {label: INNER\u00a0OPTIMIZER, scope: exact}\n"
        }
    },
    "alias-repeats-term": {
        "files": {"concepts/x.yaml": concept("x") + "aliases:\n  - {label: X, scope: exact}\n"}
    },
    "no-preferred-definition": {
        "files": {"concepts/x.yaml": concept("x").replace("rank: preferred", "rank: alternative")}
    },
    "two-preferred-definitions": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "    rank: preferred\n",
                "    rank: preferred\n  - quote: Another.\n    source: paper\n    locator: sec. 2\n    rank: preferred\n",
            )
        }
    },
    "no-definitions": {
        "files": {
            "concepts/x.yaml": "id: x\nterm: x\nkind: concept\nsummary: A thing.\nrelations:\n  related: [optimizer, objective]\n"
        }
    },
    "deprecated-without-replacement": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "kind: concept", "kind: concept\nstatus: deprecated"
            )
        }
    },
    "deprecated-unknown-replacement": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "kind: concept", "kind: concept\nstatus: deprecated\nreplaced_by: optimiser"
            )
        }
    },
    "replaced-by-on-stable": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "kind: concept", "kind: concept\nreplaced_by: optimizer"
            )
        }
    },
    "reference-to-deprecated": {
        "files": {
            "concepts/old.yaml": concept("old").replace(
                "kind: concept", "kind: concept\nstatus: deprecated\nreplaced_by: optimizer"
            ),
            "concepts/x.yaml": concept("x").replace("[optimizer, objective]", "[old, objective]"),
        },
        "strict": True,
    },
    "too-few-relations": {
        "files": {"concepts/x.yaml": concept("x").replace("[optimizer, objective]", "[optimizer]")},
        "strict": True,
    },
    "draft-passes-without-strict": {
        "files": {
            "concepts/x.yaml": concept("x").replace("kind: concept", "kind: concept\nstatus: draft")
        }
    },
    "unchecked-source-without-note": {
        "files": {"sources/s.yaml": "id: s\ntype: article\ntitle: T\nchecked: false\n"}
    },
    # --- hostile text -----------------------------------------------------------
    "raw-html-script": {
        "files": {"concepts/x.yaml": concept("x") + "body: |\n  Hello <script>alert(1)</script>\n"}
    },
    "javascript-link": {
        "files": {"concepts/x.yaml": concept("x") + "body: '[click](javascript:alert(1))'\n"}
    },
    "entity-encoded-javascript-link": {
        "files": {"concepts/x.yaml": concept("x") + "body: '[click](&#106;avascript:alert(1))'\n"}
    },
    "data-link": {
        "files": {
            "concepts/x.yaml": concept("x") + "body: '[x](data:text/html;base64,PHNjcmlwdD4=)'\n"
        }
    },
    "onclick-attribute": {
        "files": {
            "concepts/x.yaml": concept("x")
            + "body: 'Click <span onclick=\"steal()\">here</span>'\n"
        }
    },
    "attr-list-injection": {
        "files": {"concepts/x.yaml": concept("x") + 'body: |\n  Text\n  {: onclick="steal()" }\n'}
    },
    "tex-href": {
        "files": {
            "concepts/x.yaml": concept("x") + "formal:\n  latex: '\\href{javascript:alert(1)}{x}'\n"
        }
    },
    "tex-input": {
        "files": {"concepts/x.yaml": concept("x") + "formal:\n  latex: '\\input{/etc/passwd}'\n"}
    },
    "tex-unbalanced": {
        "files": {"concepts/x.yaml": concept("x") + "formal:\n  latex: '\\frac{a}{b'\n"}
    },
    "tex-power-tower": {
        "files": {"concepts/x.yaml": concept("x") + "formal:\n  latex: '9^{9^{9^{9}}}'\n"}
    },
}


def _main() -> None:
    import argparse
    import contextlib
    import io
    import shutil
    import sys
    import tempfile
    from pathlib import Path

    import yaml

    here = Path(__file__).parent
    sys.path.insert(0, str(here.parent / "src"))
    from mesakb.cli import main

    parser = argparse.ArgumentParser()
    parser.add_argument("--update", action="store_true", help="recompute expected output")
    update = parser.parse_args().update
    folder = here / "golden"
    folder.mkdir(exist_ok=True)
    for name, case in CASES.items():
        target = folder / f"{name}.yml"
        old = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
        record = {k: case[k] for k in ("files", "raw", "strict") if k in case}
        if update or "expected" not in old:
            with tempfile.TemporaryDirectory() as tmp:
                root = Path(tmp) / "kb"
                shutil.copytree(here / "fixtures" / "kb", root)
                for rel, text in case.get("files", {}).items():  # type: ignore[attr-defined]
                    (root / rel).write_bytes(text.encode("utf-8"))
                for rel, text in case.get("raw", {}).items():  # type: ignore[attr-defined]
                    (root / rel).write_bytes(text.encode("latin-1"))
                err = io.StringIO()
                argv = ["--root", str(root), "check"] + (["--strict"] if case.get("strict") else [])
                with contextlib.redirect_stderr(err):
                    code = main(argv)
            record["expected"] = err.getvalue()
            record["exit"] = code
        else:
            record["expected"] = old["expected"]
            record["exit"] = old["exit"]
        target.write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=False, width=100),
            encoding="utf-8",
        )
        print(f"{name}: exit {record['exit']}\n{record['expected']}")


if __name__ == "__main__":
    _main()

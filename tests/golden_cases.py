"""The golden cases of malformed and hostile files, as data.

Run ``python tests/golden_cases.py`` to (re)write ``tests/golden/*.yml`` from this
list, keeping each case's reviewed ``expected`` output; ``--update`` recomputes it
(review the diff before committing); naming cases limits the run to them. Cases in
``HOSTILE`` (issue 16) may run other commands and lay out links, pipes and folders:
see ``tests/golden_run.py`` for every key a case may hold.
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


def _esc(field: str, value: str, id: str = "x") -> str:
    """A concept whose ``field`` line is replaced by a double-quoted YAML ``value``."""
    text = concept(id)
    old = {"summary": "summary: A thing.", "term": f"term: {id}", "locator": "locator: sec. 1"}
    return text.replace(old[field], f'{field}: "{value}"')


def _tomb(id: str, to: str) -> str:
    return concept(id).replace(
        "kind: concept", f"kind: concept\nstatus: deprecated\nreplaced_by: {to}"
    )


SOURCE_WITH_TEXT = "id: texted\ntype: article\ntitle: T\nchecked: true\ntext_file: texted.txt\n"
QUOTING = concept("quoting").replace("source: paper", "source: texted")

HOSTILE: dict[str, dict[str, object]] = {
    # --- characters written as YAML escapes pass the same policy (KB015) ------------
    "escape-esc-in-summary": {"files": {"concepts/x.yaml": _esc("summary", "A \\e[31m red")}},
    "escape-rlo-in-term": {"files": {"concepts/x.yaml": _esc("term", "x\\u202ey")}},
    "escape-nul-in-summary": {"files": {"concepts/x.yaml": _esc("summary", "A \\0 thing.")}},
    "escape-line-separator": {"files": {"concepts/x.yaml": _esc("summary", "A\\Lthing.")}},
    "escape-paragraph-separator": {"files": {"concepts/x.yaml": _esc("summary", "A\\Pthing.")}},
    "escape-next-line": {"files": {"concepts/x.yaml": _esc("summary", "A\\Nthing.")}},
    "escape-delete": {"files": {"concepts/x.yaml": _esc("summary", "A\\x7fthing.")}},
    "escape-c1-control": {"files": {"concepts/x.yaml": _esc("summary", "A\\x9bthing.")}},
    "escape-bell": {"files": {"concepts/x.yaml": _esc("summary", "A\\athing.")}},
    "escape-carriage-return": {"files": {"concepts/x.yaml": _esc("summary", "A\\rthing.")}},
    "escape-zero-width-space-term": {
        "files": {"concepts/x.yaml": _esc("term", "opti\\u200bmizer")}
    },
    "escape-zero-width-joiner": {"files": {"concepts/x.yaml": _esc("term", "x\\u200dy")}},
    "escape-soft-hyphen": {"files": {"concepts/x.yaml": _esc("term", "opti\\xadmizer")}},
    "escape-word-joiner": {"files": {"concepts/x.yaml": _esc("term", "x\\u2060y")}},
    "escape-byte-order-mark-inside": {
        "files": {"concepts/x.yaml": _esc("summary", "A \\ufeffthing.")}
    },
    "escape-left-to-right-isolate": {
        "files": {"concepts/x.yaml": _esc("summary", "A \\u2066thing.")}
    },
    "escape-arabic-letter-mark": {"files": {"concepts/x.yaml": _esc("summary", "A \\u061cthing.")}},
    "escape-lone-surrogate": {"files": {"concepts/x.yaml": _esc("summary", "A \\ud800 thing.")}},
    "escape-private-use": {"files": {"concepts/x.yaml": _esc("summary", "A \\ue000 thing.")}},
    "escape-noncharacter": {"files": {"concepts/x.yaml": _esc("summary", "A \\uffff thing.")}},
    "escape-tag-character": {"files": {"concepts/x.yaml": _esc("summary", "A \\U000E0041 thing.")}},
    "escape-variation-selector": {"files": {"concepts/x.yaml": _esc("term", "x\\ufe0f")}},
    "escape-hangul-filler": {"files": {"concepts/x.yaml": _esc("term", "x\\u3164y")}},
    "escape-in-locator": {"files": {"concepts/x.yaml": _esc("locator", "sec. 1\\u202e")}},
    "escape-in-alias": {
        "files": {
            "concepts/x.yaml": concept("x")
            + 'aliases:\n  - {label: "al\\u200bias", scope: exact}\n'
        }
    },
    "escape-in-source-title": {
        "files": {
            "sources/s.yaml": 'id: s\ntype: article\ntitle: "T\\e]0;pwned\\a"\nchecked: true\n'
        }
    },
    "escape-newline-in-key": {
        "files": {"concepts/x.yaml": concept("x") + '"sum\\nmary": forged\n'}
    },
    "escape-bidi-in-key": {"files": {"concepts/x.yaml": concept("x") + '"body\\u202e": x\n'}},
    "escape-tab-in-key": {"files": {"concepts/x.yaml": concept("x") + '"bo\\tdy": x\n'}},
    "raw-zero-width-space-in-term": {"files": {"concepts/x.yaml": concept("x", "opti\u200bmizer")}},
    "raw-isolate-in-comment": {
        "files": {"concepts/x.yaml": "# \u2067hidden\u2069\n" + concept("x")}
    },
    "raw-soft-hyphen": {"files": {"concepts/x.yaml": concept("x", "opti\u00admizer")}},
    # --- look-alike terms and aliases (TR 39 skeleton) -------------------------------
    "lookalike-cyrillic-term": {"files": {"concepts/x.yaml": concept("x", "\u043eptimizer")}},
    "lookalike-greek-term": {"files": {"concepts/x.yaml": concept("x", "\u03bfptimizer")}},
    "lookalike-math-bold-term": {
        "files": {"concepts/x.yaml": concept("x", "\U0001d428\U0001d429timizer")}
    },
    "lookalike-capital-i-for-l": {"files": {"concepts/x.yaml": concept("x", "Iearned aIgorithm")}},
    "lookalike-alias": {
        "files": {
            "concepts/x.yaml": concept("x")
            + "aliases:\n  - {label: inner \u043eptimizer, scope: exact}\n"
        }
    },
    "lookalike-digit-zero": {"files": {"concepts/x.yaml": concept("x", "0ptimizer")}},
    # --- file names and the file system ---------------------------------------------
    "file-name-ends-in-newline": {"files": {"concepts/x.yaml\n": concept("x")}},
    "file-name-with-escape-sequence": {"files": {"concepts/\x1b[2Jx.yaml": concept("x")}},
    "file-name-with-bidi-override": {"files": {"concepts/x\u202elmth.yaml": concept("x")}},
    "file-name-forges-a-diagnostic": {
        "files": {"concepts/a.yaml\nconcepts/b.yaml:1:1: KB000 forged": concept("a")}
    },
    "file-name-github-injection": {
        "files": {"concepts/x,line=1::error title=pwned::hi.yaml": concept("x")},
        "argv": ["check", "--format", "github"],
    },
    "file-name-github-newline-command": {
        "files": {"concepts/x\n::error file=forged::pwned.yaml": concept("x")},
        "argv": ["check", "--format", "github"],
    },
    "file-name-json-output": {
        "files": {"concepts/x\u202e\n.yaml": concept("x")},
        "argv": ["check", "--format", "json"],
    },
    "symlink-out-of-the-knowledge-base": {
        "outside": {"elsewhere/x.yaml": concept("x")},
        "links": {"concepts/x.yaml": "../../elsewhere/x.yaml"},
    },
    "symlink-to-an-absolute-system-file": {"links": {"concepts/passwd.yaml": "/etc/passwd"}},
    "symlink-to-a-device": {"links": {"concepts/zero.yaml": "/dev/zero"}},
    "symlink-dangling": {"links": {"concepts/x.yaml": "missing.yaml"}},
    "symlink-loop": {"links": {"concepts/a.yaml": "b.yaml", "concepts/b.yaml": "a.yaml"}},
    "symlink-to-itself": {"links": {"concepts/x.yaml": "x.yaml"}},
    "symlink-inside-is-followed": {
        "files": {"notes/x.yaml": concept("x")},
        "links": {"concepts/x.yaml": "../notes/x.yaml"},
    },
    "symlink-concepts-folder-out": {
        "outside": {"elsewhere/x.yaml": concept("x")},
        "links": {"sources": "../elsewhere"},
        "remove": ["sources"],
    },
    "fifo-named-yaml": {"fifos": ["concepts/x.yaml"]},
    "folder-named-yaml": {"dirs": ["concepts/x.yaml"]},
    "hidden-file-is-ignored": {"files": {"concepts/.x.yaml": "not: [valid"}},
    # --- forged output ---------------------------------------------------------------
    "unknown-key-with-escape-sequence": {
        "files": {"concepts/x.yaml": concept("x") + "'\x1b]0;title': x\n"}
    },
    "message-quotes-a-bidi-value": {
        "files": {"concepts/x.yaml": concept("x").replace("kind: concept", "kind: '\u202eidea'")}
    },
    # --- names that collide with the site -------------------------------------------
    "reserved-concept-id-index": {"files": {"concepts/index.yaml": concept("index")}},
    "reserved-source-key-index": {
        "files": {"sources/index.yaml": "id: index\ntype: article\ntitle: T\nchecked: true\n"}
    },
    "reserved-id-constructor": {"files": {"concepts/constructor.yaml": concept("constructor")}},
    "reserved-id-prototype": {"files": {"concepts/prototype.yaml": concept("prototype")}},
    "search-is-not-reserved": {"files": {"concepts/search.yaml": concept("search")}},
    "tombstone-points-at-itself": {"files": {"concepts/x.yaml": _tomb("x", "x")}},
    "tombstones-point-at-each-other": {
        "files": {"concepts/a.yaml": _tomb("a", "b"), "concepts/b.yaml": _tomb("b", "a")}
    },
    "tombstone-loop-of-three": {
        "files": {
            "concepts/a.yaml": _tomb("a", "b"),
            "concepts/b.yaml": _tomb("b", "c"),
            "concepts/c.yaml": _tomb("c", "a"),
        }
    },
    "tombstone-chain-ends-at-missing": {
        "files": {"concepts/a.yaml": _tomb("a", "b"), "concepts/b.yaml": _tomb("b", "gone")}
    },
    "tombstone-chain-ends-at-deprecated": {
        "files": {
            "concepts/a.yaml": _tomb("a", "b"),
            "concepts/b.yaml": concept("b").replace(
                "kind: concept", "kind: concept\nstatus: deprecated"
            ),
        }
    },
    "tombstone-chain-through-a-tombstone": {
        "files": {"concepts/a.yaml": _tomb("a", "b"), "concepts/b.yaml": _tomb("b", "optimizer")}
    },
    # --- script injection the checker must refuse -----------------------------------
    "javascript-reference-in-blockquote": {
        "files": {
            "concepts/x.yaml": concept("x")
            + "body: |\n  > [click][x]\n  >\n  > [x]: javascript:alert(1)\n"
        }
    },
    "javascript-reference-in-list": {
        "files": {"concepts/x.yaml": concept("x") + "body: |\n  - [x]: javascript:alert(1)\n"}
    },
    "javascript-reference-in-nested-quote-list": {
        "files": {
            "concepts/x.yaml": concept("x")
            + "body: |\n  > 1. > [x]:\n  >    >   JaVaScRiPt:alert(1)\n"
        }
    },
    "data-reference-in-blockquote": {
        "files": {"concepts/x.yaml": concept("x") + "body: |\n  > [x]: data:text/html,<b>x</b>\n"}
    },
    "check-note-raw-html": {
        "files": {
            "sources/s.yaml": "id: s\ntype: article\ntitle: T\nchecked: false\n"
            "check_note: '<img src=x onerror=alert(1)>'\n"
        }
    },
    "check-note-javascript-link": {
        "files": {
            "sources/s.yaml": "id: s\ntype: article\ntitle: T\nchecked: false\n"
            "check_note: '[see](javascript:alert(1))'\n"
        }
    },
    "entity-html-in-summary-passes": {
        "files": {
            "concepts/x.yaml": concept("x").replace(
                "summary: A thing.", "summary: 'A &lt;img src=x onerror=alert(1)&gt; thing.'"
            )
        }
    },
    # --- Markdown that would render slowly (KB304) ------------------------------------
    "many-open-brackets": {
        "files": {"concepts/x.yaml": concept("x") + "body: '" + "[" * 19000 + "'\n"}
    },
    "bracket-never-closed": {
        "files": {"concepts/x.yaml": concept("x") + "body: 'a [b " + "word " * 80 + "'\n"}
    },
    "brackets-nested-too-deep": {
        "files": {"concepts/x.yaml": concept("x") + "body: '[[[[[a]]]]]'\n"}
    },
    "link-target-never-closed": {
        "files": {"concepts/x.yaml": concept("x") + "body: '" + "[a](b " * 3000 + "'\n"}
    },
    "bracket-hidden-by-backticks": {
        "files": {"concepts/x.yaml": concept("x") + "body: '" + "`[`" * 100 + "'\n"}
    },
    "escaped-brackets-pass": {
        "files": {"concepts/x.yaml": concept("x") + "body: '" + "\\[" * 3000 + "'\n"}
    },
    "blockquotes-nested-too-deep": {
        "files": {"concepts/x.yaml": concept("x") + "body: '" + "> " * 9 + "deep'\n"}
    },
    "indentation-too-wide": {
        "files": {"concepts/x.yaml": concept("x") + "body: |\n  a\n" + " " * 70 + "- b\n"}
    },
    "too-many-headings": {
        "files": {"concepts/x.yaml": concept("x") + "body: |\n" + "  # h\n" * 65}
    },
    # --- mesakb new: any accepted term passes the check -------------------------------
    **{
        f"new-term-{name}": {"argv": ["new", "t", "--term", term]}
        for name, term in [
            ("open-bracket", "[x"),
            ("star", "*x"),
            ("bang", "!x"),
            ("single-quote", "'x"),
            ("yes", "yes"),
            ("float", "1.5"),
            ("colon", ":"),
            ("hash", "#"),
            ("key-value", "a: b # c"),
            ("double-quotes", '"q" and \\'),
            ("null", "null"),
            ("tilde", "~"),
            ("dash", "- x"),
            ("percent-at", "%x @y `z"),
            ("unicode", "café — naïve"),
            ("empty", ""),
            ("blank", "   "),
            ("leading-space", " x"),
            ("multi-line", "a\nb"),
            ("bidi", "a\u202eb"),
            ("zero-width", "a\u200bb"),
            ("escape-sequence", "a\x1b[2Jb"),
            ("clash", "Optimizer"),
            ("lookalike", "\u043eptimizer"),
        ]
    },
    "new-id-with-newline": {"argv": ["new", "x\n", "--term", "x"]},
    "new-over-dangling-symlink": {
        "links": {"concepts/t.yaml": "nowhere.yaml"},
        "argv": ["new", "t"],
    },
    "new-where-concepts-is-a-file": {
        "remove": ["concepts"],
        "files": {"concepts": "not a folder\n"},
        "argv": ["new", "t"],
    },
    # --- output folders that would touch content --------------------------------------
    "build-into-the-knowledge-base-root": {"argv": ["build", "--site-dir", "."]},
    "build-into-concepts": {"argv": ["build", "--site-dir", "concepts"]},
    "build-into-sources": {"argv": ["build", "--site-dir", "sources"]},
    "build-inside-concepts": {"argv": ["build", "--site-dir", "concepts/site"]},
    "build-into-a-parent-of-the-root": {"argv": ["build", "--site-dir", ".."]},
    "build-through-a-symlink-to-concepts": {
        "links": {"out": "concepts"},
        "argv": ["build", "--site-dir", "out"],
    },
    "build-over-a-file": {
        "files": {"site.txt": "keep me\n"},
        "argv": ["build", "--site-dir", "site.txt"],
    },
    "export-into-concepts": {"argv": ["export", "--out", "concepts"]},
    "export-into-sources": {"argv": ["export", "--out", "sources/x"]},
    "export-glossary-is-a-file": {
        "files": {"glossary": "not a folder\n"},
        "argv": ["export"],
    },
    "export-turtle-is-a-folder": {"dirs": ["graph/mesakb.ttl"], "argv": ["export"]},
    "export-glossary-links-to-concepts": {"links": {"glossary": "concepts"}, "argv": ["export"]},
    # --- verify-quotes with unreadable corpus files ----------------------------------
    "verify-quotes-latin-1-corpus": {
        "files": {"sources/texted.yaml": SOURCE_WITH_TEXT, "concepts/quoting.yaml": QUOTING},
        "corpus_bytes": {"corpus/texted.txt": "caf\xe9 A thing is a thing."},
        "argv": ["verify-quotes", "--corpus", "../corpus"],
    },
    "verify-quotes-binary-corpus": {
        "files": {"sources/texted.yaml": SOURCE_WITH_TEXT, "concepts/quoting.yaml": QUOTING},
        "corpus_bytes": {"corpus/texted.txt": "\x00\x01\xff\xfe\x80binary"},
        "argv": ["verify-quotes", "--corpus", "../corpus"],
    },
}
for _name, _case in HOSTILE.items():
    _case["hostile"] = True
for _name in (
    "control-character",
    "bidi-override",
    "oversized-file",
    "deep-nesting",
    "explicit-tag",
    "path-like-id",
    "path-like-file-name",
    "source-bad-url",
    "raw-html-script",
    "javascript-link",
    "entity-encoded-javascript-link",
    "data-link",
    "onclick-attribute",
    "attr-list-injection",
    "tex-href",
    "tex-input",
    "tex-power-tower",
):
    CASES[_name]["hostile"] = True
CASES.update(HOSTILE)


def _main() -> None:
    import argparse
    import sys
    import tempfile
    from pathlib import Path

    import yaml

    here = Path(__file__).parent
    sys.path.insert(0, str(here.parent / "src"))
    sys.path.insert(0, str(here))
    from golden_run import lay_out, run, snapshot

    parser = argparse.ArgumentParser()
    parser.add_argument("--update", action="store_true", help="recompute expected output")
    parser.add_argument("names", nargs="*", help="only these cases")
    options = parser.parse_args()
    folder = here / "golden"
    folder.mkdir(exist_ok=True)
    keys = ("hostile", "files", "raw", "outside", "corpus_bytes", "dirs", "fifos", "links")
    keys += ("remove", "argv", "strict")
    for name, case in CASES.items():
        if options.names and name not in options.names:
            continue
        target = folder / f"{name}.yml"
        old = yaml.safe_load(target.read_text(encoding="utf-8")) if target.exists() else {}
        record = {k: case[k] for k in keys if k in case}
        if options.update or "expected" not in old:
            with tempfile.TemporaryDirectory() as tmp:
                root = lay_out(record, Path(tmp))
                before = snapshot(root)
                code, out, err = run(record, root)
                after = snapshot(root)
            record["expected"] = err
            if out:
                record["stdout"] = out
            record["exit"] = code
            written = {
                rel: value.decode("utf-8")
                for rel, value in after.items()
                if isinstance(value, bytes) and before.get(rel) != value
            }
            if written:
                record["written"] = written
        else:
            for k in ("expected", "stdout", "exit", "written"):
                if k in old:
                    record[k] = old[k]
        target.write_text(
            yaml.safe_dump(record, sort_keys=False, allow_unicode=False, width=100),
            encoding="utf-8",
        )
        print(f"{name}: exit {record['exit']}\n{record.get('stdout', '')}{record['expected']}")


if __name__ == "__main__":
    _main()

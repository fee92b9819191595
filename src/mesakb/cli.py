"""The ``mesakb`` command line: a thin layer over the library.

Each command is a few lines calling the public API. Domain errors are caught at
the edge and printed as one clear line on stderr; exit codes are 0 (clean),
1 (problems found) and 2 (usage). ``--verbose`` shows tracebacks.
"""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Literal, TextIO

from mesakb.__about__ import __version__
from mesakb.errors import MesakbError

if TYPE_CHECKING:
    from mesakb.kb.base import KnowledgeBase

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def _root(args: argparse.Namespace) -> Path:
    if args.root is not None:
        return Path(args.root)
    if (Path.cwd() / "concepts").is_dir():
        return Path.cwd()
    from mesakb.read.loader import content_root

    return content_root()


def _load(args: argparse.Namespace) -> KnowledgeBase:
    from mesakb.kb.loading import load

    return load(_root(args))


def _out(text: str, stream: TextIO | None = None, *, raw: bool = False) -> None:
    """Print text, each line with unprintable characters escaped (``raw``: JSON as is)."""
    if not raw:
        from mesakb.diagnostics import printable

        # Line breaks and tabs are the output's own layout; the rest is escaped.
        text = "\n".join(
            "\t".join(printable(cell) for cell in line.split("\t")) for line in text.split("\n")
        )
    print(text, file=stream or sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    """Check every file; print problems; exit 1 on errors (or warnings with --strict)."""
    from mesakb.diagnostics import format_diagnostics
    from mesakb.read.loader import check

    result = check(_root(args))
    text = format_diagnostics(result.diagnostics, args.format, files=result.files)
    json_out = args.format == "json"
    _out(text, sys.stdout if json_out else sys.stderr, raw=json_out)
    failed = not result.ok or (args.strict and bool(result.diagnostics))
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one concept: term, summary, definitions, relations."""
    from mesakb.write.terminal import format_concept

    kb = _load(args)
    _out(format_concept(kb, args.id))
    return 0


def cmd_search(args: argparse.Namespace) -> int:
    """Print the best matches for a query."""
    kb = _load(args)
    hits = kb.search(" ".join(args.text), limit=args.limit)
    if not hits:
        _out(f"no concept matches {' '.join(args.text)!r}", sys.stderr)
        return 1
    for hit in hits:
        via = f"  (matched {hit.field} '{hit.matched}')" if hit.matched != hit.term else ""
        _out(f"{hit.id}\t{hit.term}{via}")
    return 0


def cmd_path(args: argparse.Namespace) -> int:
    """Print a shortest chain of relations between two concepts."""
    kb = _load(args)
    steps = kb.path(args.start, args.end)
    for step in steps:
        _out(str(step))
    if not steps:
        _out(f"{args.start} is {args.end}")
    return 0


def cmd_schema(args: argparse.Namespace) -> int:
    """Print the JSON Schema of concept or source files."""
    from mesakb.write.schema import json_schema

    _out(
        json.dumps(json_schema(args.kind), indent=2, sort_keys=True, ensure_ascii=False),
        raw=True,
    )
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a skeleton concept file that passes the check (as a draft)."""
    from mesakb.errors import UsageError
    from mesakb.write.schema import new_concept_file

    if args.root is None and not (Path.cwd() / "concepts").is_dir():
        # Never write into the content shipped inside the installed package.
        raise UsageError(
            "root",
            None,
            f"{Path.cwd()} is not a knowledge base folder (it has no concepts/): "
            "run `mesakb new` in one, or pass --root DIR",
        )
    path = new_concept_file(_root(args), args.id, term=args.term)
    _out(f"wrote {path}", sys.stderr)
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    """Run a worked example and print its steps and results."""
    from mesakb.examples import EXAMPLES, run_example
    from mesakb.examples.present import format_example_text

    if args.id is None:
        for spec in EXAMPLES.values():
            _out(f"{spec.id}\t{spec.title}  [{', '.join(spec.concepts)}]")
        return 0
    _out(format_example_text(run_example(args.id)))
    return 0


def cmd_verify_quotes(args: argparse.Namespace) -> int:
    """Check quotations word for word against source texts, or against the ledger."""
    from mesakb.diagnostics import format_diagnostics
    from mesakb.quotes import verify
    from mesakb.read.loader import check

    outcome = verify(check(_root(args)), args.corpus, args.ledger, write=args.write_ledger)
    if outcome.diagnostics:
        _out(format_diagnostics(outcome.diagnostics), sys.stderr)
    _out("; ".join(outcome.summary), sys.stderr)
    return 1 if not outcome.ok or (args.strict and outcome.diagnostics) else 0


def cmd_cite(args: argparse.Namespace) -> int:
    """Print one bibliography citing concepts (or their definitions' original sources)."""
    from mesakb.write.citation import cite, in_text

    kb = _load(args)
    _out(cite(kb, args.ids, args.format, original=args.original))
    if args.original:
        # The locators belong in the text: show how to cite each, on stderr, so that
        # stdout stays a clean bibliography file.
        kind: Literal["latex", "pandoc"] = (
            "pandoc" if args.format in ("csl-json", "markdown") else "latex"
        )
        _out("cite in the text with:", sys.stderr)
        _out(in_text(kb, args.ids, kind, original=True), sys.stderr)
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the release files (glossary/ and graph/), changing only what differs."""
    from mesakb.write.release import export

    out = Path(args.out or args.root or Path.cwd())
    written = export(_load(args), out)
    for path in written:
        _out(f"wrote {path}", sys.stderr)
    _out(f"{len(written)} file(s) changed in {out}", sys.stderr)
    return 0


def cmd_sparql(args: argparse.Namespace) -> int:
    """Answer a SPARQL query (text, or @FILE) over the knowledge base."""
    from mesakb.write.triplestore import sparql

    query = args.query
    if query.startswith("@"):
        try:
            query = Path(query[1:]).read_text("utf-8")
        except OSError as err:
            from mesakb.errors import UsageError

            raise UsageError(
                "query", args.query, f"cannot read {query[1:]}: {err.strerror}"
            ) from None
    result = sparql(query, _load(args))
    _out(result.to_json() if args.format == "json" else result.to_tsv())
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the website (mkdocs build --strict) into build/site."""
    import logging

    from mesakb.site.build import _show_mkdocs_log, build

    _show_mkdocs_log(logging.WARNING)
    # A --site-dir is relative to the current folder (mkdocs would take it from mkdocs.yml's).
    site_dir = Path(args.site_dir).absolute() if args.site_dir else None
    out = build(args.root, site_dir, offline=args.offline)
    _out(f"built the site in {out}", sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:  # pragma: no cover - interactive
    """Serve the website with live reload, rebuilding when content changes."""
    from mesakb.site.build import serve

    serve(args.root, host=args.host, port=args.port)
    return 0


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="mesakb",
        description="The citable, computable knowledge base of learned optimization.",
    )
    parser.add_argument("--version", action="version", version=f"mesakb {__version__}")
    parser.add_argument("-v", "--verbose", action="store_true", help="show tracebacks")
    parser.add_argument(
        "--root",
        metavar="DIR",
        help="knowledge base folder (default: ./ if it has concepts/, else the shipped content)",
    )
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", required=True)

    def add(name: str, func: Command, help_text: str) -> argparse.ArgumentParser:
        p = sub.add_parser(name, help=help_text, description=help_text)
        p.set_defaults(func=func)
        return p

    p = add("check", cmd_check, "check every concept and source file")
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p.add_argument("--format", choices=("text", "github", "json"), default="text")
    p = add("show", cmd_show, "show one concept")
    p.add_argument("id")
    p = add("search", cmd_search, "find concepts by term, alias or text")
    p.add_argument("text", nargs="+")
    p.add_argument("-n", "--limit", type=int, default=10)
    p = add("path", cmd_path, "show how two concepts are connected")
    p.add_argument("start")
    p.add_argument("end")
    p = add("schema", cmd_schema, "print the JSON Schema of concept or source files")
    p.add_argument("kind", nargs="?", choices=("concept", "source"), default="concept")
    p = add("new", cmd_new, "write a skeleton concept file")
    p.add_argument("id")
    p.add_argument("--term", help="the term (default: the id with spaces)")
    p = add("verify-quotes", cmd_verify_quotes, "check quotations against source texts")
    p.add_argument(
        "--corpus",
        metavar="DIR",
        action="append",
        help="folder of plain-text copies of sources (repeat for several)",
    )
    p.add_argument(
        "--ledger", metavar="FILE", help="ledger of verified quotations (verified-quotes.json)"
    )
    p.add_argument(
        "--write-ledger", action="store_true", help="record the quotations found verbatim"
    )
    p.add_argument("--strict", action="store_true", help="fail on warnings too")
    p = add("example", cmd_example, "run a worked example (no id: list them)")
    p.add_argument("id", nargs="?")
    p = add("build", cmd_build, "build the website into build/site (strict)")
    p.add_argument("--site-dir", metavar="DIR", help="output folder (default: build/site)")
    p.add_argument("--offline", action="store_true", help="build for browsing from file://")
    p = add("serve", cmd_serve, "serve the website with live reload")
    p.add_argument("--host", default="127.0.0.1", help="address to listen on (default: 127.0.0.1)")
    p.add_argument("--port", type=int, default=8000, help="port (default: 8000)")
    from mesakb.write.citation import FORMATS

    p = add("cite", cmd_cite, "cite concepts, or the original sources of their definitions")
    p.add_argument("ids", nargs="+", metavar="ID", help="concept ids (one bibliography for all)")
    p.add_argument("--root", metavar="DIR", default=argparse.SUPPRESS, help="knowledge base")
    p.add_argument("--format", "-f", choices=FORMATS, default="bibtex")
    p.add_argument(
        "--original", action="store_true", help="cite the source quoted by the definition"
    )
    p = add("export", cmd_export, "write the release files glossary/ and graph/")
    p.add_argument("--root", metavar="DIR", default=argparse.SUPPRESS, help="knowledge base")
    p.add_argument(
        "--out", metavar="DIR", help="where to write (default: --root, else the current folder)"
    )
    p = add("sparql", cmd_sparql, "answer a SPARQL query (needs mesakb[sparql])")
    p.add_argument("query", help="the query, or @FILE to read it from a file")
    p.add_argument("--root", metavar="DIR", default=argparse.SUPPRESS, help="knowledge base")
    p.add_argument("--format", "-f", choices=("tsv", "json"), default="tsv")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line and return its exit code.

    Examples:
        >>> main(["path", "mesa-optimizer", "optimizer"])
        mesa-optimizer —is a→ optimizer
        0
    """
    args = _parser().parse_args(argv)
    try:
        code: int = args.func(args)
    except MesakbError as exc:
        if args.verbose:
            raise
        return _report(exc)
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    except Exception as exc:
        # A missing optional dependency: say which extra installs it.
        missing = exc.name if isinstance(exc, ModuleNotFoundError) else None
        extra = _EXTRAS.get((missing or "").partition(".")[0])
        if extra is not None and not args.verbose:
            _out(
                f"mesakb: error: `mesakb {args.command}` needs the '{extra}' extra "
                f"({missing} is not installed): pip install 'mesakb[{extra}]'",
                sys.stderr,
            )
            return 1
        # Anything else is a bug in mesakb: one line naming it, the traceback on request.
        if args.verbose:
            raise
        _out(
            f"mesakb: internal error: {type(exc).__name__}: {exc} "
            "(this is a bug; run again with --verbose for the traceback)",
            sys.stderr,
        )
        return 1
    return code


_EXTRAS = {
    "mkdocs": "site",
    "material": "site",
    "latex2mathml": "site",
    "markdown": "site",
    "pymdownx": "site",
    "sympy": "math",
}
"""The optional extra that provides each module a command may need."""


def _report(exc: MesakbError) -> int:
    """Print a domain error at the edge; return the exit code (2 for usage errors)."""
    from mesakb.errors import CheckError, UnknownNameError, UsageError

    if isinstance(exc, CheckError):
        from mesakb.diagnostics import format_diagnostics

        _out(format_diagnostics(exc.diagnostics), sys.stderr)
        return 1
    message = str(exc)
    if isinstance(exc, UsageError | UnknownNameError):
        # The message quotes what the user typed: one line, whatever it holds.
        from mesakb.diagnostics import printable

        message = printable(message)
    _out(f"mesakb: error: {message}", sys.stderr)
    return 2 if isinstance(exc, UsageError) else 1


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

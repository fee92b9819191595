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
from typing import TYPE_CHECKING, TextIO

from mesakb.__about__ import __version__
from mesakb.errors import MesakbError

if TYPE_CHECKING:
    from mesakb.diagnostics import Diagnostic
    from mesakb.kb import KnowledgeBase

__all__ = ["main"]

Command = Callable[[argparse.Namespace], int]


def _root(args: argparse.Namespace) -> Path:
    if args.root is not None:
        return Path(args.root)
    if (Path.cwd() / "concepts").is_dir():
        return Path.cwd()
    from mesakb.load import content_root

    return content_root()


def _load(args: argparse.Namespace) -> KnowledgeBase:
    from mesakb.load import load

    return load(_root(args))


def _out(text: str, stream: TextIO | None = None) -> None:
    print(text, file=stream or sys.stdout)


def cmd_check(args: argparse.Namespace) -> int:
    """Check every file; print problems; exit 1 on errors (or warnings with --strict)."""
    from mesakb.diagnostics import format_diagnostics
    from mesakb.load import check

    result = check(_root(args))
    text = format_diagnostics(result.diagnostics, args.format, files=result.files)
    _out(text, sys.stdout if args.format == "json" else sys.stderr)
    failed = not result.ok or (args.strict and bool(result.diagnostics))
    return 1 if failed else 0


def cmd_show(args: argparse.Namespace) -> int:
    """Print one concept: term, summary, definitions, relations."""
    from mesakb.show import format_concept

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
    from mesakb.schema import json_schema

    _out(json.dumps(json_schema(args.kind), indent=2, sort_keys=True, ensure_ascii=False))
    return 0


def cmd_new(args: argparse.Namespace) -> int:
    """Write a skeleton concept file that passes the check (as a draft)."""
    from mesakb.schema import new_concept_file

    path = new_concept_file(_root(args), args.id, term=args.term)
    _out(f"wrote {path}", sys.stderr)
    return 0


def cmd_example(args: argparse.Namespace) -> int:
    """Run a worked example and print its steps and results."""
    from mesakb.examples import EXAMPLES, format_example_text, run_example

    if args.id is None:
        for spec in EXAMPLES.values():
            _out(f"{spec.id}\t{spec.title}  [{', '.join(spec.concepts)}]")
        return 0
    _out(format_example_text(run_example(args.id)))
    return 0


def cmd_verify_quotes(args: argparse.Namespace) -> int:
    """Check quotations word for word against source texts, or against the ledger."""
    from mesakb.diagnostics import Diagnostic, format_diagnostics
    from mesakb.ledger import check_ledger, quoted_texts, write_ledger
    from mesakb.load import check
    from mesakb.quotes import verify_quotes

    if args.corpus is None and args.ledger is None:
        _out("mesakb verify-quotes: error: give --corpus DIR, --ledger FILE, or both", sys.stderr)
        return 2
    if args.write_ledger and (args.corpus is None or args.ledger is None):
        _out("mesakb verify-quotes: error: --write-ledger needs --corpus and --ledger", sys.stderr)
        return 2
    problems: list[Diagnostic] = []
    summary: list[str] = []
    if args.corpus is not None:
        report = verify_quotes(_root(args), args.corpus)
        problems += report.diagnostics
        summary.append(report.summary)
    if args.ledger is not None:
        result = check(_root(args))
        # A ledger is written only from a run that saw every text and found every quote.
        clean = args.corpus is not None and not any(d.code in ("KB501", "KB502") for d in problems)
        if args.write_ledger and not clean:
            problems.append(
                Diagnostic(
                    str(args.ledger),
                    1,
                    1,
                    "KB503",
                    "ledger not written: every quotation must be found in a copy of its "
                    "source first (see the lines above)",
                )
            )
        elif args.write_ledger:
            write_ledger(quoted_texts(result), args.ledger)
            summary.append(f"ledger written: {args.ledger}")
        else:
            # A text missing here was checked when the ledger was written: the ledger
            # stands in for it, and any quotation changed since then is a KB503 error.
            problems = [d for d in problems if d.code != "KB502"]
            found = check_ledger(result, args.ledger)
            problems += found
            summary.append(
                f"{len(quoted_texts(result)) - len(found)} of {len(quoted_texts(result))} "
                f"quotations match the ledger of verified quotations ({args.ledger})"
            )
    if problems:
        _out(format_diagnostics(sorted(problems)), sys.stderr)
    _out("; ".join(summary), sys.stderr)
    failed = any(d.severity == "error" for d in problems)
    return 1 if failed or (args.strict and problems) else 0


def cmd_cite(args: argparse.Namespace) -> int:
    """Print a citation of a concept (or of its definition's original source)."""
    from mesakb.cite import cite

    _out(cite(_load(args), args.id, args.format, original=args.original))
    return 0


def cmd_export(args: argparse.Namespace) -> int:
    """Write the release files (glossary/ and graph/), changing only what differs."""
    from mesakb.export import export

    out = Path(args.out or args.root or Path.cwd())
    written = export(_load(args), out)
    for path in written:
        _out(f"wrote {path}", sys.stderr)
    _out(f"{len(written)} file(s) changed in {out}", sys.stderr)
    return 0


def cmd_build(args: argparse.Namespace) -> int:
    """Build the website (mkdocs build --strict) into build/site."""
    import logging

    from mesakb.site import _show_mkdocs_log, build

    _show_mkdocs_log(logging.WARNING)
    out = build(args.root, args.site_dir, offline=args.offline)
    _out(f"built the site in {out}", sys.stderr)
    return 0


def cmd_serve(args: argparse.Namespace) -> int:  # pragma: no cover - interactive
    """Serve the website with live reload, rebuilding when content changes."""
    from mesakb.site import serve

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
    from mesakb.cite import FORMATS

    p = add("cite", cmd_cite, "cite a concept, or the original source of its definition")
    p.add_argument("id")
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
        from mesakb.errors import CheckError

        if isinstance(exc, CheckError):
            from mesakb.diagnostics import format_diagnostics

            _out(format_diagnostics(exc.diagnostics), sys.stderr)
        else:
            _out(f"mesakb: error: {exc}", sys.stderr)
        return 1
    except KeyboardInterrupt:  # pragma: no cover - interactive
        return 130
    return code


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())

"""Quotation checking: every definition compared word for word with its source.

A side product of the knowledge base: it takes checked content (:func:`mesakb.check`)
and never loads it itself. :func:`verify` runs the whole check the command line
offers: against plain-text copies of the sources (``corpus``), against the committed
ledger of quotations verified before (``ledger``), or both, and writes the ledger
after a clean run.

Examples:
    >>> import mesakb
    >>> outcome = verify(mesakb.check(), ledger="verified-quotes.json")
    >>> outcome.ok, outcome.diagnostics
    (True, ())
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from mesakb.diagnostics import Diagnostic
from mesakb.errors import UsageError
from mesakb.quotes.compare import QuoteReport, verify_quotes
from mesakb.quotes.ledger import check_ledger, quoted_texts, write_ledger
from mesakb.quotes.provenance import Provenance, counts, provenances
from mesakb.read.loader import CheckResult

__all__ = ["QuoteReport", "Verification", "verify", "verify_quotes"]


@dataclass(frozen=True, slots=True)
class Verification:
    """What :func:`verify` found.

    Attributes:
        diagnostics: Every problem, sorted (KB501 not found, KB502 no copy, KB503 ledger).
        summary: One line per kind of check that ran.
    """

    diagnostics: tuple[Diagnostic, ...]
    summary: tuple[str, ...]

    @property
    def ok(self) -> bool:
        """Whether no error was found (warnings allowed)."""
        return not any(d.severity == "error" for d in self.diagnostics)


def verify(
    result: CheckResult,
    corpus: Sequence[str | Path] | None = None,
    ledger: str | Path | None = None,
    *,
    write: bool = False,
) -> Verification:
    """Check every quotation against source texts, the ledger, or both.

    Args:
        result: The checked knowledge base.
        corpus: Folders of plain-text copies of sources, searched in order.
        ledger: The ledger of verified quotations (``verified-quotes.json``).
        write: Rewrite the ledger from this run; only done when ``corpus`` found
            every quotation in a copy of its source.

    Returns:
        The problems and a summary. With a ledger, a text missing from the corpus
        is not a problem: the ledger stands in for it, and a quotation changed since
        it was verified is a KB503 error.

    Raises:
        UsageError: Neither ``corpus`` nor ``ledger`` given, or ``write`` without both.
    """
    if corpus is None and ledger is None:
        raise UsageError("corpus", None, "give --corpus DIR, --ledger FILE, or both")
    if write and (corpus is None or ledger is None):
        raise UsageError("write", write, "--write-ledger needs --corpus and --ledger")
    problems: list[Diagnostic] = []
    summary: list[str] = []
    if corpus is not None:
        report = verify_quotes(result, corpus)
        problems += report.diagnostics
        summary.append(report.summary)
    if ledger is not None:
        clean = corpus is not None and not any(d.code in ("KB501", "KB502") for d in problems)
        if write and not clean:
            problems.append(
                Diagnostic(
                    str(ledger),
                    1,
                    1,
                    "KB503",
                    "ledger not written: every quotation must be found in a copy of its "
                    "source first (see the lines above)",
                )
            )
        elif write:
            write_ledger(quoted_texts(result), ledger)
            summary.append(f"ledger written: {ledger}")
        else:
            problems = [d for d in problems if d.code != "KB502"]
            found = check_ledger(result, ledger)
            problems += found
            total = len(quoted_texts(result))
            stale = sum(d.path == str(ledger) for d in found)
            line = (
                f"{total - len(found) + stale} of {total} quotations match the ledger of "
                f"verified quotations ({ledger})"
            )
            if stale:
                line += f"; {stale} ledger {'entry matches' if stale == 1 else 'entries match'}"
                line += " no quotation"
            summary.append(line)
        found_provenance = provenances(result.concepts, result.sources, ledger)
        problems += _unchecked(result, found_provenance)
        summary.append(counts(found_provenance))
    return Verification(tuple(sorted(problems)), tuple(summary))


def _unchecked(result: CheckResult, found: dict[tuple[str, int], Provenance]) -> list[Diagnostic]:
    """Return a KB504 warning for every quotation with no record of a check."""
    problems = []
    for (cid, index), provenance in sorted(found.items()):
        if provenance.kind != "unchecked":
            continue
        doc = result.documents[f"concepts/{cid}.yaml"]
        line, col = doc.position(("definitions", index, "quote"))
        problems.append(
            Diagnostic(
                doc.path,
                line,
                col,
                "KB504",
                f"definitions[{index}].quote has no record of being checked: give its source a "
                "text_file and verify it, or record checked_by_hand (date and url)",
            )
        )
    return problems

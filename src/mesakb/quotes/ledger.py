"""The ledger of verified quotations: proof, without the source texts, that none changed.

The plain-text copies of third-party sources are not part of the repository, so a
machine without them cannot compare a quotation with its source. The ledger closes
that gap. Whenever ``mesakb verify-quotes --corpus DIR --write-ledger`` finds every
quotation verbatim, it records, for each one, a digest of the quotation (in the
normalized form quotations are compared in) and the text it was found in. Anywhere
else, ``mesakb verify-quotes --ledger FILE`` checks that every quotation that has a
source text still has its recorded digest: a quotation added or edited since the
last verification is an error (KB503) until someone with the texts verifies it again.

Examples:
    >>> quote_digest("A “mesa-optimizer”.") == quote_digest('A "mesa-optimizer".')
    True
    >>> len(quote_digest("x"))
    16
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path
from typing import TYPE_CHECKING

from mesakb.diagnostics import Diagnostic
from mesakb.quotes.compare import normalize_text

if TYPE_CHECKING:
    from mesakb.read.loader import CheckResult

__all__ = ["LedgerEntry", "check_ledger", "quote_digest", "quoted_texts", "write_ledger"]

LedgerEntry = tuple[str, int, str, str]
"""(concept id, definition index, key of the text checked against, quotation digest)."""


def quote_digest(quote: str) -> str:
    """Return the digest of a quotation in its normalized form (16 hex digits)."""
    return hashlib.sha256(normalize_text(quote).encode("utf-8")).hexdigest()[:16]


def quoted_texts(result: CheckResult) -> list[LedgerEntry]:
    """Return one entry per quotation that has a source text to be checked against.

    A quotation is checked against its source's ``text_file``, or failing that its
    ``via`` text's (as :func:`mesakb.quotes.compare.verify_quotes` does).
    """
    has_text = {key for key, source in result.sources.items() if source.text_file is not None}
    entries: list[LedgerEntry] = []
    for cid in sorted(result.concepts):
        for index, definition in enumerate(result.concepts[cid].definitions):
            key = definition.source
            if key not in has_text and definition.via in has_text:
                key = definition.via
            if key in has_text:
                entries.append((cid, index, key, quote_digest(definition.quote)))
    return entries


def write_ledger(entries: list[LedgerEntry], path: str | Path) -> None:
    """Write the ledger as stable, sorted JSON (a rewrite with no change changes no byte)."""
    rows = [
        {"concept": c, "definition": i, "checked_against": k, "digest": d}
        for c, i, k, d in sorted(entries)
    ]
    text = json.dumps(rows, indent=1, ensure_ascii=False) + "\n"
    target = Path(path)
    temporary = target.with_name(target.name + ".tmp")
    temporary.write_text(text, encoding="utf-8")
    temporary.replace(target)


def read_ledger(path: str | Path) -> set[LedgerEntry]:
    """Read a ledger written by :func:`write_ledger`."""
    rows = json.loads(Path(path).read_text(encoding="utf-8"))
    return {(r["concept"], r["definition"], r["checked_against"], r["digest"]) for r in rows}


def check_ledger(result: CheckResult, path: str | Path) -> list[Diagnostic]:
    """Return a KB503 error wherever the ledger and the content disagree, either way.

    A quotation that is not in the ledger as it now reads is reported at the
    quotation; a ledger entry that no quotation matches any more (its definition was
    removed, moved, or now checked against another text) is reported at the entry,
    unless the quotation in its place is already reported as edited.

    Examples:
        >>> import mesakb, tempfile, os
        >>> result = mesakb.check()
        >>> folder = tempfile.mkdtemp()
        >>> ledger = os.path.join(folder, "ledger.json")
        >>> write_ledger(quoted_texts(result)[1:], ledger)
        >>> [d.code for d in check_ledger(result, ledger)]
        ['KB503']
        >>> write_ledger([*quoted_texts(result), ("gone", 0, "paper", "0" * 16)], ledger)
        >>> [d.message for d in check_ledger(result, ledger)]  # doctest: +ELLIPSIS
        ["ledger entry for definitions[0] of 'gone' (checked against 'paper') matches no ..."]
    """
    try:
        recorded = read_ledger(path)
    except (OSError, ValueError, KeyError, TypeError) as exc:
        return [Diagnostic(str(path), 1, 1, "KB503", f"cannot read the quotation ledger: {exc}")]
    current = quoted_texts(result)
    problems = _unrecorded(result, current, recorded)
    places = {entry[:3] for entry in current}
    lines = _entry_lines(path)
    for entry in sorted(set(recorded) - set(current)):
        cid, index, key, _digest = entry
        if entry[:3] in places:
            continue  # the quotation there was edited: reported at the quotation
        problems.append(
            Diagnostic(
                str(path),
                lines.get(entry, 1),
                1,
                "KB503",
                f"ledger entry for definitions[{index}] of '{cid}' (checked against '{key}') "
                "matches no quotation in the content; run: mesakb verify-quotes --corpus DIR "
                "--write-ledger",
            )
        )
    return problems


def _entry_lines(path: str | Path) -> dict[LedgerEntry, int]:
    """Return the line on which each entry of a ledger file starts (its ``{``)."""
    text = Path(path).read_text(encoding="utf-8")
    starts = [n for n, line in enumerate(text.splitlines(), 1) if line.strip() == "{"]
    rows = json.loads(text)
    return {
        (r["concept"], r["definition"], r["checked_against"], r["digest"]): line
        for r, line in zip(rows, starts, strict=False)
    }


def _unrecorded(
    result: CheckResult, current: list[LedgerEntry], recorded: set[LedgerEntry]
) -> list[Diagnostic]:
    problems: list[Diagnostic] = []
    for entry in current:
        if entry in recorded:
            continue
        cid, index, key, _digest = entry
        doc = result.documents[f"concepts/{cid}.yaml"]
        line, col = doc.position(("definitions", index, "quote"))
        problems.append(
            Diagnostic(
                doc.path,
                line,
                col,
                "KB503",
                f"definitions[{index}].quote has not been verified against '{key}' since it "
                f"last changed; run: mesakb verify-quotes --corpus DIR --write-ledger",
            )
        )
    return problems

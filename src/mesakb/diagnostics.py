"""Diagnostics: one problem at one place, and the stable codes that name them.

A diagnostic prints compiler-style, ``path:line:col: CODE message``, so editors and
CI can jump to it. Codes are stable: a code, once published, keeps its meaning.

Examples:
    >>> d = Diagnostic("concepts/x.yaml", 3, 7, "KB201", "unknown concept 'y' in relations.is_a[0]")
    >>> print(d)
    concepts/x.yaml:3:7: KB201 unknown concept 'y' in relations.is_a[0]
    >>> d.severity
    'error'
    >>> print(summary([d]))
    1 error, 0 warnings in 1 file
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from typing import Literal

__all__ = ["CODES", "Code", "Diagnostic", "format_diagnostics", "printable", "summary"]

Severity = Literal["error", "warning"]
OutputFormat = Literal["text", "github", "json"]


@dataclass(frozen=True, slots=True)
class Code:
    """A diagnostic code: its severity and what it means, for the authoring guide."""

    code: str
    severity: Severity
    title: str


def _codes(*rows: tuple[str, Severity, str]) -> dict[str, Code]:
    return {code: Code(code, severity, title) for code, severity, title in rows}


CODES: dict[str, Code] = _codes(
    # Reading a file
    ("KB001", "error", "file is not valid UTF-8, or cannot be read"),
    ("KB002", "error", "file starts with a byte-order mark"),
    ("KB003", "error", "control or bidirectional-override character"),
    ("KB004", "error", "file is larger than the limit"),
    ("KB005", "error", "YAML syntax error"),
    ("KB006", "error", "duplicate key in a mapping"),
    ("KB007", "error", "YAML anchor, alias or merge key (not allowed)"),
    ("KB008", "error", "explicit YAML tag (not allowed)"),
    ("KB009", "error", "nesting deeper than the limit"),
    ("KB010", "error", "empty file, or top level is not a mapping"),
    ("KB011", "error", "mapping key is not a plain string"),
    ("KB012", "error", "more than one YAML document in a file"),
    ("KB013", "error", "file name is not a valid id"),
    ("KB014", "error", "number out of range"),
    ("KB015", "error", "control, bidirectional or invisible character in a value (as an escape)"),
    ("KB016", "error", "not a regular file in the tree (link out, dangling link, folder, FIFO)"),
    # Schema of one file
    ("KB101", "error", "required field missing"),
    ("KB102", "error", "unknown field"),
    ("KB103", "error", "wrong type"),
    ("KB104", "error", "invalid value"),
    # Across files
    ("KB201", "error", "unknown concept id"),
    ("KB202", "error", "unknown source key"),
    ("KB203", "error", "id does not match the file name"),
    ("KB204", "error", "cycle in an acyclic relation (is_a, part_of, requires)"),
    ("KB205", "error", "term or alias used by two concepts"),
    ("KB206", "warning", "reference to a deprecated concept"),
    ("KB207", "error", "deprecated concept without replaced_by, or replaced_by misused"),
    ("KB208", "error", "not exactly one preferred definition"),
    ("KB209", "error", "relation to itself, or the same target listed twice"),
    ("KB210", "warning", "concept has fewer than two relations"),
    ("KB211", "warning", "unchecked source without a check_note"),
    ("KB212", "warning", "draft concept"),
    ("KB213", "error", "id or source key is a reserved name"),
    ("KB214", "error", "tombstone chain loops or ends at a missing or deprecated concept"),
    # Contributor text
    ("KB301", "error", "raw HTML in Markdown"),
    ("KB302", "error", "unsafe link (javascript:, data:, vbscript: or file:)"),
    ("KB303", "error", "unsafe or malformed TeX"),
    ("KB304", "error", "Markdown nested or repeated beyond the limit (slow to render)"),
    # Worked examples
    ("KB401", "error", "worked example names an unknown concept"),
    # Quotations against source texts
    ("KB501", "error", "quotation not found verbatim in its source text"),
    ("KB502", "warning", "no plain-text copy of the source to check against"),
    ("KB503", "error", "quotation changed since it was last verified (ledger out of date)"),
    (
        "KB504",
        "warning",
        "quotation with no record of being checked (no text, ledger or hand check)",
    ),
)
"""Every diagnostic code, by code. Documented in the authoring guide."""


_UNPRINTABLE_CATEGORIES = frozenset(("Cc", "Cf", "Cs", "Co", "Cn", "Zl", "Zp"))
_CANDIDATE = re.compile("[\x00-\x1f\x7f-\x9f]|[^\x00-\x7f]")


def _escape_char(match: re.Match[str]) -> str:
    char = match.group()
    if char.isascii() or unicodedata.category(char) in _UNPRINTABLE_CATEGORIES:
        code = ord(char)
        return (
            f"\\x{code:02x}"
            if code < 0x100
            else f"\\u{code:04x}"
            if code < 0x10000
            else f"\\U{code:08x}"
        )
    return char


def _json_escape(match: re.Match[str]) -> str:
    """Write an unprintable character of JSON text as a JSON escape (layout newlines kept)."""
    char = match.group()
    if char == "\n" or not (
        char.isascii() or unicodedata.category(char) in _UNPRINTABLE_CATEGORIES
    ):
        return char
    units = char.encode("utf-16-be", "surrogatepass")
    return "".join(f"\\u{int.from_bytes(units[i : i + 2]):04x}" for i in range(0, len(units), 2))


def printable(text: str) -> str:
    r"""Return ``text`` safe to print on one line of a terminal or log.

    Control characters (line breaks and escape sequences included), bidirectional
    and other invisible format characters, separators and private-use characters
    are written as ``\xNN``, ``\uNNNN`` or ``\UNNNNNNNN``, so a file name or key can
    neither start a new line of output nor hide or reorder what is printed.

    Examples:
        >>> printable("concepts/x\n.yaml: KB000 forged")
        'concepts/x\\x0a.yaml: KB000 forged'
        >>> printable("caf\u00e9 \u202etxt.yaml \x1b[31m")
        'café \\u202etxt.yaml \\x1b[31m'
    """
    return text if text.isprintable() else _CANDIDATE.sub(_escape_char, text)


@dataclass(frozen=True, slots=True, order=True)
class Diagnostic:
    """One problem found at one place in one file.

    Attributes:
        path: File path relative to the knowledge base root, with ``/`` separators.
        line: 1-based line, 0 when the problem concerns the file as a whole.
        col: 1-based column, 0 when unknown.
        code: A stable code from :data:`CODES`.
        message: What was expected and what was found.
    """

    path: str
    line: int
    col: int
    code: str
    message: str = field(compare=True)

    @property
    def severity(self) -> Severity:
        """``error`` or ``warning``, from the code."""
        return CODES[self.code].severity

    def __str__(self) -> str:
        """Return the compiler-style line, with unprintable characters escaped."""
        return (
            f"{printable(self.path)}:{self.line}:{self.col}: {self.code} {printable(self.message)}"
        )

    def github(self) -> str:
        r"""Return the line as a GitHub Actions workflow annotation.

        The message and the property values are escaped by GitHub's workflow-command
        rules, so a ``%`` or a line break in a message, or a ``,`` or ``:`` in a path,
        cannot end the annotation early or forge another one.

        Examples:
            >>> Diagnostic("a.yaml", 2, 3, "KB206", "x").github()
            '::warning file=a.yaml,line=2,col=3,title=KB206::x'
            >>> Diagnostic("a,b:c.yaml", 1, 1, "KB201", "100%\n::error::x").github()
            '::error file=a%2Cb%3Ac.yaml,line=1,col=1,title=KB201::100%25%0A::error::x'
        """
        return (
            f"::{self.severity} file={_github_property(self.path)},line={self.line},"
            f"col={self.col},title={_github_property(self.code)}::{_github_data(self.message)}"
        )

    def as_dict(self) -> dict[str, str | int]:
        """Return the diagnostic as a JSON-ready mapping."""
        return {
            "path": self.path,
            "line": self.line,
            "col": self.col,
            "code": self.code,
            "severity": self.severity,
            "message": self.message,
        }


def _github_data(text: str) -> str:
    """Escape the message of a workflow command: ``%``, CR and LF."""
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _github_property(text: str) -> str:
    """Escape a property value of a workflow command: as data, and ``:`` and ``,``."""
    return _github_data(printable(text)).replace(":", "%3A").replace(",", "%2C")


def summary(diagnostics: Sequence[Diagnostic], files: int | None = None) -> str:
    """Return a one-line count of errors and warnings.

    Args:
        diagnostics: The problems found.
        files: How many files were read; defaults to the files named by diagnostics.

    Returns:
        A line such as ``2 errors, 1 warning in 40 files``.
    """
    errors = sum(d.severity == "error" for d in diagnostics)
    warnings = len(diagnostics) - errors
    if files is None:
        files = len({d.path for d in diagnostics})

    def plural(n: int, word: str) -> str:
        return f"{n} {word}" + ("" if n == 1 else "s")

    return f"{plural(errors, 'error')}, {plural(warnings, 'warning')} in {plural(files, 'file')}"


def format_diagnostics(
    diagnostics: Iterable[Diagnostic], output: OutputFormat = "text", files: int | None = None
) -> str:
    """Render diagnostics, sorted, as text lines, GitHub annotations or JSON.

    Examples:
        >>> ds = [Diagnostic("b.yaml", 1, 1, "KB010", "empty file"),
        ...       Diagnostic("a.yaml", 9, 2, "KB102", "unknown field 'x'")]
        >>> print(format_diagnostics(ds))
        a.yaml:9:2: KB102 unknown field 'x'
        b.yaml:1:1: KB010 empty file
        2 errors, 0 warnings in 2 files
    """
    ordered = sorted(set(diagnostics))
    if output == "json":
        text = json.dumps(
            {"diagnostics": [d.as_dict() for d in ordered], "summary": summary(ordered, files)},
            indent=2,
            ensure_ascii=False,
        )
        # Exact values, but nothing that reorders or hides text on a terminal.
        return text if text.isprintable() else _CANDIDATE.sub(_json_escape, text)
    lines = [d.github() if output == "github" else str(d) for d in ordered]
    lines.append(summary(ordered, files))
    return "\n".join(lines)

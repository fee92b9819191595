r"""Reading one YAML file strictly, keeping the line and column of every value.

Content is untrusted, so this reader accepts a small, predictable subset of YAML:
one document whose top level is a mapping; no duplicate keys, anchors, aliases,
merge keys or tags; UTF-8 without a byte-order mark; no character that
:mod:`mesakb.read.policy` refuses; bounded size and depth. Plain scalars follow
the YAML 1.2 core schema, so ``NO`` and ``12:30`` stay strings. Sequences become tuples.

Examples:
    >>> doc = parse_document(b"id: x\nanswer: NO\ntimes: [12:30, 3]\n", "x.yaml")
    >>> doc.data
    {'id': 'x', 'answer': 'NO', 'times': ('12:30', 3)}
    >>> doc.position(("times", 1))
    (3, 16)
    >>> parse_document(b"a: 1\na: 2\n", "x.yaml")
    Traceback (most recent call last):
    ...
    mesakb.errors.DocumentError: x.yaml:2:1: KB006 duplicate key 'a' (first at line 1)
"""

from __future__ import annotations

import re
from typing import Any, NoReturn

import yaml

from mesakb.diagnostics import Diagnostic
from mesakb.errors import DocumentError
from mesakb.read.policy import forbidden

__all__ = ["MAX_BYTES", "MAX_DEPTH", "Document", "DocumentError", "Path", "parse_document"]

MAX_BYTES = 256 * 1024
"""The largest file accepted, in bytes."""

MAX_DEPTH = 12
"""The deepest nesting of mappings and sequences accepted."""

Path = tuple[str | int, ...]
"""Where a value sits: the keys and indices leading to it from the top."""

_Parser: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)

_NULL = frozenset(("", "~", "null", "Null", "NULL"))
_TRUE = frozenset(("true", "True", "TRUE"))
_FALSE = frozenset(("false", "False", "FALSE"))
_INTS = (
    (re.compile(r"[-+]?[0-9]+"), 0, 10),
    (re.compile(r"0o[0-7]+"), 2, 8),
    (re.compile(r"0x[0-9a-fA-F]+"), 2, 16),
)
_FLOAT = re.compile(r"[-+]?(?:\.[0-9]+|[0-9]+(?:\.[0-9]*)?)(?:[eE][-+]?[0-9]+)?")
_FLOAT_SPECIAL = {
    ".inf": float("inf"),
    ".Inf": float("inf"),
    ".INF": float("inf"),
    "+.inf": float("inf"),
    "+.Inf": float("inf"),
    "+.INF": float("inf"),
    "-.inf": float("-inf"),
    "-.Inf": float("-inf"),
    "-.INF": float("-inf"),
    ".nan": float("nan"),
    ".NaN": float("nan"),
    ".NAN": float("nan"),
}
_MAX_INT_DIGITS = 18


class Document:
    """The data of one YAML file; positions are found again when first asked for.

    Reading without tracking positions is the fast path: most files have no
    problem, and their positions are never needed. The first call to
    :meth:`position` parses the text once more, recording where every key and
    value starts.

    Attributes:
        path: The file's path as shown in diagnostics.
        data: The top-level mapping (str keys; values str, int, float, bool,
            None, tuples and dicts).
        escaped: Whether a double-quoted key or value holds a character that
            :mod:`mesakb.read.policy` refuses (a YAML escape wrote it).
    """

    __slots__ = ("_keys", "_text", "_values", "data", "escaped", "path")

    def __init__(self, path: str, data: dict[str, Any], text: str) -> None:
        self.path = path
        self.data = data
        self._text = text
        self._values: dict[Path, tuple[int, int]] | None = None
        self._keys: dict[Path, tuple[int, int]] = {}
        self.escaped = False

    @property
    def text(self) -> str:
        """The file's text, as decoded."""
        return self._text

    def _positions(self) -> dict[Path, tuple[int, int]]:
        if self._values is None:
            builder = _Builder(self.path, track=True)
            builder.build(self._text)
            self._values, self._keys = builder.values, builder.keys
        return self._values

    def position(self, path: Path, *, key: bool = False) -> tuple[int, int]:
        """Return where the value at ``path`` starts, or its nearest known parent.

        Args:
            path: Keys and indices from the top, as in a pydantic error's ``loc``.
            key: Prefer the position of the entry's key over that of its value.

        Returns:
            A 1-based ``(line, column)``.
        """
        values = self._positions()
        path = tuple(path)
        while path:
            if key and path in self._keys:
                return self._keys[path]
            if path in values:
                return values[path]
            path = path[:-1]
        return values.get((), (1, 1))


def _position(mark: Any) -> tuple[int, int]:
    return (mark.line + 1, mark.column + 1)


def _line_col(text: str, index: int) -> tuple[int, int]:
    line = text.count("\n", 0, index) + 1
    return line, index - (text.rfind("\n", 0, index) + 1) + 1


def _decode(raw: bytes, path: str) -> str:
    if len(raw) > MAX_BYTES:
        raise DocumentError(
            [Diagnostic(path, 1, 1, "KB004", f"file is {len(raw)} bytes; the limit is {MAX_BYTES}")]
        )
    if raw.startswith(b"\xef\xbb\xbf"):
        raise DocumentError(
            [
                Diagnostic(
                    path, 1, 1, "KB002", "byte-order mark at the start; save as UTF-8 without BOM"
                )
            ]
        )
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        before = raw[: exc.start].decode("utf-8", errors="replace")
        line, col = _line_col(before, len(before))
        raise DocumentError(
            [Diagnostic(path, line, col, "KB001", f"not valid UTF-8: byte 0x{raw[exc.start]:02x}")]
        ) from None
    found = [
        Diagnostic(
            path, *_line_col(text, offset), "KB003", f"forbidden character U+{ord(char):04X}"
        )
        for offset, char in forbidden(text, raw=True)
    ]
    if found:
        raise DocumentError(found[:20])
    return text


_NUMBER_START = frozenset("+-.0123456789")


def _scalar(value: str) -> Any:
    """Resolve a plain scalar by the YAML 1.2 core schema (strings are the fast path)."""
    if value in _NULL:
        return None
    if value in _TRUE:
        return True
    if value in _FALSE:
        return False
    if value[0] not in _NUMBER_START:  # value is not empty: "" is in _NULL
        return value
    for pattern, start, base in _INTS:
        if pattern.fullmatch(value):
            if len(value) > _MAX_INT_DIGITS:
                raise ValueError(value)
            return int(value[start:], base)
    if _FLOAT.fullmatch(value):
        return float(value)
    return _FLOAT_SPECIAL.get(value, value)


_Scalar = yaml.ScalarEvent
_SequenceStart = yaml.SequenceStartEvent
_SequenceEnd = yaml.SequenceEndEvent
_MappingEnd = yaml.MappingEndEvent


class _Builder:
    """Builds plain data from parser events, refusing what the format does not allow.

    The hot path of loading: it dispatches on the exact event class and takes
    events straight from the parser, with no generator in between.
    """

    def __init__(self, path: str, *, track: bool = False) -> None:
        self.path = path
        self.track = track
        self.values: dict[Path, tuple[int, int]] = {}
        self.keys: dict[Path, tuple[int, int]] = {}
        self.problems: list[Diagnostic] = []
        self.escaped = False

    def fail(self, event: Any, code: str, message: str) -> NoReturn:
        self.problems.append(Diagnostic(self.path, *_position(event.start_mark), code, message))
        raise _StopError

    def check_node(self, event: Any) -> None:
        if getattr(event, "anchor", None) is not None:
            self.fail(
                event, "KB007", f"anchor '&{event.anchor}' is not allowed; write the value out"
            )
        if event.tag is not None:
            self.fail(event, "KB008", f"tag '{event.tag}' is not allowed; remove it")

    def build(self, text: str) -> Any:
        parser = _Parser(text)
        try:
            return self._stream(parser.get_event)
        finally:
            parser.dispose()

    def _stream(self, get: Any) -> Any:
        event = get()
        if not isinstance(event, yaml.StreamStartEvent):  # pragma: no cover - parser contract
            self.fail(event, "KB005", "not a YAML stream")
        event = get()
        if isinstance(event, yaml.StreamEndEvent):
            self.fail(event, "KB010", "empty file; a concept or source file is a mapping of fields")
        event = get()  # past DocumentStart
        root = self.node(event, get, (), 0)
        get()  # DocumentEnd
        event = get()
        if not isinstance(event, yaml.StreamEndEvent):
            self.fail(event, "KB012", "a second YAML document ('---'); one file holds one document")
        return root

    def node(self, event: Any, get: Any, path: Path, depth: int) -> Any:
        cls = type(event)
        if cls is yaml.AliasEvent:
            self.fail(
                event, "KB007", f"alias '*{event.anchor}' is not allowed; write the value out"
            )
        if event.anchor is not None or event.tag is not None:
            self.check_node(event)
        if self.track:
            self.values[path] = _position(event.start_mark)
        if depth > MAX_DEPTH:
            self.fail(event, "KB009", f"nested deeper than {MAX_DEPTH} levels")
        if cls is _Scalar:
            if event.style or not event.implicit[0]:  # quoted, block, or tagged
                if event.style == '"' and forbidden(event.value):
                    self.escaped = True  # an escape made a refused character
                return event.value
            try:
                return _scalar(event.value)
            except ValueError:
                self.fail(event, "KB014", f"number '{event.value[:40]}' is out of range")
        if cls is _SequenceStart:
            items: list[Any] = []
            depth += 1
            while type(item := get()) is not _SequenceEnd:
                where = (*path, len(items)) if self.track else path
                items.append(self.node(item, get, where, depth))
            return tuple(items)
        return self.mapping(get, path, depth)

    def mapping(self, get: Any, path: Path, depth: int) -> dict[str, Any]:
        result: dict[str, Any] = {}
        marks: dict[str, Any] = {}
        depth += 1
        while True:
            event = get()
            cls = type(event)
            if cls is _MappingEnd:
                return result
            if cls is not _Scalar:
                self.fail(event, "KB011", "a mapping key must be a plain string")
            if event.anchor is not None or event.tag is not None:
                self.check_node(event)
            key = event.value
            if event.style == '"' and (forbidden(key) or "\n" in key or "\t" in key):
                self.escaped = True
            if key == "<<" and not event.style:
                self.fail(event, "KB007", "merge key '<<' is not allowed; write the fields out")
            if key in marks:
                first = marks[key].line + 1 if marks[key] is not None else 1
                self.fail(event, "KB006", f"duplicate key '{key}' (first at line {first})")
            marks[key] = event.start_mark
            if self.track:
                where = (*path, key)
                self.keys[where] = _position(event.start_mark)
                result[key] = self.node(get(), get, where, depth)
            else:
                result[key] = self.node(get(), get, path, depth)


class _StopError(Exception):
    """Internal: stop building at the first problem."""


def parse_document(raw: bytes, path: str) -> Document:
    """Parse the bytes of one YAML file strictly.

    Args:
        raw: The file's bytes.
        path: How to name the file in diagnostics.

    Returns:
        The document's data and positions.

    Raises:
        DocumentError: The file breaks a rule; its diagnostics say where.
    """
    text = _decode(raw, path)
    builder = _Builder(path)
    try:
        data = builder.build(text)
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        line, col = _position(mark) if mark is not None else (1, 1)
        problem = exc.problem or exc.context or "malformed YAML"
        raise DocumentError(
            [Diagnostic(path, line, col, "KB005", f"YAML syntax error: {problem}")]
        ) from None
    except yaml.YAMLError as exc:
        raise DocumentError(
            [Diagnostic(path, 1, 1, "KB005", f"YAML syntax error: {exc}")]
        ) from None
    except _StopError:
        raise DocumentError(builder.problems) from None
    except RecursionError:
        raise DocumentError(
            [Diagnostic(path, 1, 1, "KB009", f"nested deeper than {MAX_DEPTH} levels")]
        ) from None
    if not isinstance(data, dict):
        kind = "empty" if data is None else type(data).__name__.replace("tuple", "list")
        raise DocumentError(
            [Diagnostic(path, 1, 1, "KB010", f"top level is {kind}; expected a mapping of fields")]
        )
    document = Document(path, data, text)
    document.escaped = builder.escaped
    return document

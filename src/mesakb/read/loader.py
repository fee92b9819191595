"""Loading a knowledge base from its folders: read, validate, cross-check.

A knowledge base is a folder holding ``concepts/`` and ``sources/``, one YAML file
per concept or source. :func:`check` reports every problem at once, as a
:class:`CheckResult`; :func:`mesakb.load` builds a knowledge base from one.
"""

from __future__ import annotations

import gc
import os
import re
import stat
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar, cast

from pydantic import BaseModel

from mesakb.diagnostics import Diagnostic
from mesakb.errors import DocumentError, NotAKnowledgeBaseError
from mesakb.model import ID_PATTERN, KEY_PATTERN, Concept, Source
from mesakb.read.document import MAX_BYTES, Document, parse_document
from mesakb.read.document import Path as DocPath
from mesakb.read.policy import describe, forbidden
from mesakb.read.rules import Files, check_all
from mesakb.read.validate import format_loc, validate

__all__ = ["CheckResult", "FileCache", "check", "content_root"]

M = TypeVar("M", bound=BaseModel)


def content_root() -> Path:
    """Return the folder of the content shipped with mesakb.

    In an installed wheel the content sits inside the package; in a checkout it is
    the repository root.
    """
    package = Path(__file__).resolve().parents[1]
    packaged = package / "_content"
    if (packaged / "concepts").is_dir():
        return packaged
    return package.parents[1]


@dataclass(frozen=True, slots=True)
class CheckResult:
    """What checking a knowledge base found.

    Attributes:
        root: The folder checked.
        files: How many files were read.
        diagnostics: Every problem, sorted.
        concepts: The valid concepts, by id, in id order.
        sources: The valid sources, by key, in key order.
        documents: The parsed documents of valid files, by path (for positions).
    """

    root: Path
    files: int
    diagnostics: tuple[Diagnostic, ...]
    concepts: dict[str, Concept]
    sources: dict[str, Source]
    documents: dict[str, Document]

    @property
    def ok(self) -> bool:
        """Whether there are no errors (warnings allowed)."""
        return not any(d.severity == "error" for d in self.diagnostics)


@contextmanager
def _no_cyclic_gc() -> Iterator[None]:
    """Pause the cyclic collector: bulk validation creates many objects and no cycles."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


_Read = tuple[BaseModel | None, Document | None, tuple[Diagnostic, ...]]


class FileCache:
    """Files already parsed and validated, by path and content, for loading again.

    Give the same cache to successive :func:`check` or :func:`load` calls on a folder
    whose files change a few at a time (``mesakb serve`` does): a file whose bytes did
    not change is not parsed or validated again. Results are the same as without it;
    the checks across files always run.

    Examples:
        >>> from mesakb import load
        >>> cache = FileCache()
        >>> first = load(cache=cache)
        >>> len(cache) == len(first) + len(first.sources)
        True
        >>> load(cache=cache).concepts == first.concepts  # parsed once
        True
    """

    def __init__(self) -> None:
        self._files: dict[str, tuple[bytes, _Read]] = {}

    def __len__(self) -> int:
        """Return the number of files held."""
        return len(self._files)

    def get(self, path: str, raw: bytes) -> _Read | None:
        """Return what reading ``path`` gave when it held ``raw``, if cached."""
        held = self._files.get(path)
        return held[1] if held is not None and held[0] == raw else None

    def put(self, path: str, raw: bytes, read: _Read) -> None:
        """Remember what reading ``path`` gave when it held ``raw``."""
        self._files[path] = (raw, read)


def _kind(mode: int) -> str:
    """Name the kind of a file-system entry that is not a regular file."""
    if stat.S_ISDIR(mode):
        return "a folder"
    if stat.S_ISFIFO(mode):
        return "a named pipe (FIFO)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return "a device"
    return "not a regular file"


def _skipped(shown: str, why: str) -> Diagnostic:
    return Diagnostic(shown, 1, 1, "KB016", f"{why}; only regular files are read")


def _open_entry(entry: os.DirEntry[str], shown: str, top: Path) -> bytes | Diagnostic:
    """Read one directory entry's bytes, refusing anything but a regular file in the tree.

    A symbolic link is followed only when it resolves to a regular file inside the
    knowledge base. The size is checked on the opened file before reading, and at
    most ``MAX_BYTES + 1`` bytes are read. Every failure becomes a diagnostic.
    """
    path = entry.path
    try:
        if entry.is_symlink():
            try:
                target = Path(os.path.realpath(entry.path, strict=True))
            except FileNotFoundError:
                return _skipped(shown, f"dangling symbolic link to '{os.readlink(entry.path)}'")
            except (OSError, RuntimeError):
                return _skipped(shown, "symbolic link that loops or cannot be followed")
            if not target.is_relative_to(top):
                return _skipped(shown, "symbolic link to a file outside the knowledge base")
            path = str(target)  # open what was checked, not the link again
        mode = entry.stat().st_mode
        if not stat.S_ISREG(mode):
            return _skipped(shown, f"is {_kind(mode)}")
        # No blocking on a pipe swapped in meanwhile, no following a link swapped in.
        flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0)
        fd = os.open(path, flags | getattr(os, "O_NOFOLLOW", 0))
        with os.fdopen(fd, "rb") as handle:
            info = os.fstat(handle.fileno())
            if not stat.S_ISREG(info.st_mode):
                return _skipped(shown, f"is {_kind(info.st_mode)}")
            if info.st_size > MAX_BYTES:
                return Diagnostic(
                    shown,
                    1,
                    1,
                    "KB004",
                    f"file is {info.st_size} bytes; the limit is {MAX_BYTES}",
                )
            return handle.read(MAX_BYTES + 1)
    except OSError as exc:
        return Diagnostic(shown, 1, 1, "KB001", f"cannot read file: {exc.strerror or exc}")


def _read_folder(
    root: Path,
    folder: str,
    model: type[M],
    pattern: str,
    problems: list[Diagnostic],
    *,
    cache: FileCache | None,
) -> tuple[dict[str, tuple[M, Document]], set[str], int]:
    valid: dict[str, tuple[M, Document]] = {}
    stems: set[str] = set()
    files = 0
    directory = root / folder
    try:
        top = root.resolve()
        if not directory.is_dir():
            return valid, stems, files
        if not directory.resolve().is_relative_to(top):
            problems.append(
                _skipped(folder, "symbolic link to a folder outside the knowledge base")
            )
            return valid, stems, files
        # os.scandir knows each entry's type without a stat call; sort by name, not Path.
        entries = sorted(os.scandir(directory), key=lambda e: e.name)
    except (OSError, RuntimeError) as exc:
        why = getattr(exc, "strerror", None) or str(exc)
        problems.append(Diagnostic(folder, 1, 1, "KB001", f"cannot read folder: {why}"))
        return valid, stems, files
    name_ok = re.compile(pattern.removeprefix("^").removesuffix("$"))
    for entry in entries:
        name = entry.name
        if name.startswith("."):
            continue
        shown = f"{folder}/{name}"
        files += 1
        stem = name.removesuffix(".yaml")
        if stem == name or not name_ok.fullmatch(stem):
            problems.append(
                Diagnostic(
                    shown,
                    1,
                    1,
                    "KB013",
                    f"file name '{name}' is not a valid id plus '.yaml' "
                    f"(expected lower-case words joined by '-', e.g. 'mesa-optimizer.yaml')",
                )
            )
            continue
        stems.add(stem)
        raw = _open_entry(entry, shown, top)
        if isinstance(raw, Diagnostic):
            problems.append(raw)
            continue
        read = cache.get(shown, raw) if cache is not None else None
        if read is None:
            read = _read_file(raw, shown, model)
            if cache is not None:
                cache.put(shown, raw, read)
        item, document, found = read
        problems.extend(found)
        if item is not None and document is not None:
            valid[stem] = (cast(M, item), document)
    return valid, stems, files


def _strings(value: Any, path: DocPath) -> Iterator[tuple[DocPath, str, bool]]:
    """Yield every string in parsed data as ``(path, text, is_key)``."""
    if isinstance(value, str):
        yield path, value, False
    elif isinstance(value, dict):
        for key, item in value.items():
            yield (*path, key), key, True
            yield from _strings(item, (*path, key))
    elif isinstance(value, tuple):
        for index, item in enumerate(value):
            yield from _strings(item, (*path, index))


def policy_problems(document: Document) -> list[Diagnostic]:
    r"""Apply :mod:`mesakb.read.policy` to every key and string value after unescaping.

    Characters typed into the file are refused while decoding it (KB003); this
    catches those written as YAML escapes (``"\u202e"``), at the value's position.
    """
    problems: list[Diagnostic] = []
    for path, text, is_key in _strings(document.data, ()):
        found = forbidden(text)
        if is_key:  # a key is one line: no tab or line break either
            found += [(i, c) for i, c in enumerate(text) if c in "\t\n"]
        if found:
            line, col = document.position(path, key=is_key)
            what = "key" if is_key else "value"
            chars = ", ".join(dict.fromkeys(describe(char) for _, char in found))
            problems.append(
                Diagnostic(
                    document.path,
                    line,
                    col,
                    "KB015",
                    f"{what} at {format_loc(path) or 'top'} holds {chars}; "
                    "control, bidirectional and invisible characters are not allowed",
                )
            )
    return problems


def _read_file(raw: bytes, shown: str, model: type[BaseModel]) -> _Read:
    """Parse and validate one file's bytes: the model (or None), the document, the problems."""
    try:
        document = parse_document(raw, shown)
    except DocumentError as exc:
        return None, None, tuple(exc.diagnostics)
    # Only an escape in a double-quoted scalar can make a character that the raw text
    # did not show; the reader notes when such a scalar is not plainly printable.
    if document.escaped:
        refused = policy_problems(document)
        if refused:
            return None, None, tuple(refused)
    item, found = validate(document, model)
    if item is not None:
        # The model now holds the values; positions come from the text. Dropping the
        # raw data saves about a third of the memory of a large knowledge base.
        document.data = {}
    return item, document, tuple(found)


def check(path: str | Path | None = None, *, cache: FileCache | None = None) -> CheckResult:
    """Read, validate and cross-check a knowledge base, collecting every problem.

    Args:
        path: The folder holding ``concepts/`` and ``sources/``; by default the
            content shipped with mesakb.
        cache: Files read before, to skip parsing those that did not change.

    Returns:
        The problems found and the valid files.

    Raises:
        NotAKnowledgeBaseError: The folder does not exist or holds no ``concepts/``.

    Examples:
        >>> result = check()
        >>> result.ok, result.files > 10
        (True, True)
    """
    root = Path(path) if path is not None else content_root()
    if not (root / "concepts").is_dir():
        raise NotAKnowledgeBaseError(root)
    problems: list[Diagnostic] = []
    with _no_cyclic_gc():
        concepts, concept_ids, n_concepts = _read_folder(
            root, "concepts", Concept, ID_PATTERN, problems, cache=cache
        )
        sources, source_keys, n_sources = _read_folder(
            root, "sources", Source, KEY_PATTERN, problems, cache=cache
        )
        files = Files(concepts, sources, frozenset(concept_ids), frozenset(source_keys))
        problems.extend(check_all(files))
    return CheckResult(
        root=root,
        files=n_concepts + n_sources,
        diagnostics=tuple(sorted(set(problems))),
        concepts={cid: concepts[cid][0] for cid in sorted(concepts)},
        sources={key: sources[key][0] for key in sorted(sources)},
        documents={doc.path: doc for _, doc in [*concepts.values(), *sources.values()]},
    )

"""Loading a knowledge base from its folders: read, validate, cross-check.

A knowledge base is a folder holding ``concepts/`` and ``sources/``, one YAML file
per concept or source. :func:`check` reports every problem at once, as a
:class:`CheckResult`; :func:`mesakb.load` builds a knowledge base from one.
"""

from __future__ import annotations

import gc
import os
import re
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import TypeVar, cast

from pydantic import BaseModel

from mesakb.diagnostics import Diagnostic
from mesakb.errors import DocumentError, NotAKnowledgeBaseError
from mesakb.model import ID_PATTERN, KEY_PATTERN, Concept, Source
from mesakb.read.document import Document, parse_document
from mesakb.read.rules import Files, check_all
from mesakb.read.validate import validate

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
    if not directory.is_dir():
        return valid, stems, files
    name_ok = re.compile(pattern)
    # os.scandir knows each entry's type without a stat call; sort by name, not Path.
    for entry in sorted(os.scandir(directory), key=lambda e: e.name):
        name = entry.name
        if name.startswith(".") or not entry.is_file():
            continue
        shown = f"{folder}/{name}"
        files += 1
        stem = name.removesuffix(".yaml")
        if stem == name or not name_ok.match(stem):
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
        try:
            with open(entry.path, "rb") as handle:
                raw = handle.read()
        except OSError as exc:
            problems.append(Diagnostic(shown, 1, 1, "KB001", f"cannot read file: {exc.strerror}"))
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


def _read_file(raw: bytes, shown: str, model: type[BaseModel]) -> _Read:
    """Parse and validate one file's bytes: the model (or None), the document, the problems."""
    try:
        document = parse_document(raw, shown)
    except DocumentError as exc:
        return None, None, tuple(exc.diagnostics)
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

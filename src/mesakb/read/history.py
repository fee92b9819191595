"""The history of a concept, read from the repository's git history.

When a concept was added, when its definitions or its relations last changed, and every
commit that changed its file. A checkout without history (a shallow clone) says so
(:attr:`ConceptHistory.shallow`) instead of taking its first visible commit for the day
the concept was added; a folder that is not a git checkout has no history at all.

Examples:
    >>> h = concept_history(".", "mesa-optimizer")
    >>> h is None or h.concept == "mesa-optimizer"
    True
"""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

__all__ = ["Change", "ConceptHistory", "concept_history"]


@dataclass(frozen=True, slots=True)
class Change:
    """One commit that changed a concept's file.

    Attributes:
        commit: The commit id.
        date: The author date, ``YYYY-MM-DD``.
        subject: The first line of the commit message.
        fields: The top-level fields whose value changed (all of them when added).
    """

    commit: str
    date: str
    subject: str
    fields: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class ConceptHistory:
    """What the repository's history says about one concept.

    Attributes:
        concept: The concept id.
        changes: Every commit that changed its file, oldest first.
        shallow: The checkout is a shallow clone: the oldest change seen may not be
            when the concept was added.
    """

    concept: str
    changes: tuple[Change, ...]
    shallow: bool

    @property
    def added(self) -> str | None:
        """The date the concept was added, or None if unknown (shallow clone)."""
        return None if self.shallow or not self.changes else self.changes[0].date

    def last_changed(self, *fields: str) -> str | None:
        """The date any of ``fields`` last changed (any field if none are named)."""
        for change in reversed(self.changes):
            if not fields or set(fields) & set(change.fields):
                return change.date
        return None


def _git(root: Path, *args: str) -> str | None:
    git = shutil.which("git")
    if git is None:
        return None
    # Arguments are a list (no shell), and paths are built from validated concept ids.
    result = subprocess.run(  # noqa: S603
        [git, "-C", str(root), *args], capture_output=True, text=True, check=False
    )
    return result.stdout if result.returncode == 0 else None


def _fields(text: str | None) -> dict[str, Any]:
    if not text:
        return {}
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError:
        return {}
    return data if isinstance(data, dict) else {}


def concept_history(root: str | Path, id: str) -> ConceptHistory | None:
    """Return the history of a concept's file, or None outside a git checkout.

    Args:
        root: The knowledge base folder (with ``concepts/``), inside a git checkout.
        id: The concept id.

    Returns:
        The changes, oldest first, each naming the fields it changed; None if
        ``root`` is not in a git checkout (or git is not installed).
    """
    root = Path(root)
    top = _git(root, "rev-parse", "--show-toplevel")
    if top is None:
        return None
    shallow = (_git(root, "rev-parse", "--is-shallow-repository") or "").strip() == "true"
    path = (root.resolve() / "concepts" / f"{id}.yaml").relative_to(Path(top.strip()))
    log = _git(root, "log", "--format=%H%x09%ad%x09%s", "--date=short", "--", str(path)) or ""
    changes: list[Change] = []
    before: dict[str, Any] = {}
    for line in reversed(log.splitlines()):
        commit, date, subject = line.split("\t", 2)
        after = _fields(_git(root, "show", f"{commit}:{path}"))
        changed = tuple(
            sorted(k for k in before.keys() | after.keys() if before.get(k) != after.get(k))
        )
        changes.append(Change(commit, date, subject, changed))
        before = after
    return ConceptHistory(id, tuple(changes), shallow)

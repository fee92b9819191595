"""Finding concepts by term, alias, summary or body, tolerant of a one-letter typo.

Labels (terms and aliases) rank above summaries, and summaries above body text.
A query word matches a label word exactly, as a prefix (the last word, as you
type), or within one edit (a letter added, dropped, changed, or two swapped).
Typo candidates come from a deletion index over the vocabulary of label words,
so a query costs a few dictionary look-ups, not a scan of every label.

Examples:
    >>> from mesakb.model import Alias, Concept
    >>> da = Concept(id="deceptive-alignment", term="deceptive alignment", kind="concept",
    ...              summary="Playing along in training.",
    ...              aliases=[Alias(label="deceptively aligned", scope="exact")])
    >>> index = SearchIndex([da])
    >>> hit = index.search("decepitve alignment")[0]
    >>> hit.id, hit.matched, hit.field
    ('deceptive-alignment', 'deceptive alignment', 'term')
    >>> index.search("deceptively")[0].matched
    'deceptively aligned'
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

from mesakb.model import Concept

__all__ = ["Hit", "SearchIndex", "edit_distance_at_most_one", "tokens"]

Field = Literal["term", "alias", "summary", "body"]
_WORD = re.compile(r"\w+")


def tokens(text: str) -> list[str]:
    """Split text into normalized words (NFKC, case-folded).

    Examples:
        >>> tokens("Mesa-Optimizer’s objective")
        ['mesa', 'optimizer', 's', 'objective']
    """
    return _WORD.findall(unicodedata.normalize("NFKC", text).casefold())


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """Return whether ``a`` becomes ``b`` by at most one edit (swaps count as one).

    Examples:
        >>> edit_distance_at_most_one("decepitve", "deceptive")
        True
        >>> edit_distance_at_most_one("optimiser", "optimizer")
        True
        >>> edit_distance_at_most_one("mesa", "meta-")
        False
    """
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    i = 0
    while i < min(la, lb) and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            a[i : i + 2] == b[i : i + 2][::-1] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def _deletions(word: str) -> set[str]:
    return {word[:i] + word[i + 1 :] for i in range(len(word))} | {word}


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    Attributes:
        id: The concept found.
        term: Its term.
        score: Higher is better; label matches score above 50, text matches below.
        field: Where it matched: ``term``, ``alias``, ``summary`` or ``body``.
        matched: The label that matched (the term or an alias), or the term.
    """

    id: str
    term: str
    score: float
    field: Field
    matched: str


@dataclass(frozen=True, slots=True)
class _Label:
    concept: str
    term: str
    text: str
    words: tuple[str, ...]
    field: Field


class SearchIndex:
    """An in-memory index of concepts for :meth:`search`.

    Args:
        concepts: The concepts to index.
    """

    def __init__(self, concepts: Iterable[Concept]) -> None:
        self._labels: list[_Label] = []
        self._by_word: dict[str, set[int]] = defaultdict(set)
        self._text: dict[str, dict[str, Field]] = defaultdict(dict)
        self._terms: dict[str, str] = {}
        for concept in concepts:
            self._terms[concept.id] = concept.term
            for n, label in enumerate(concept.labels):
                words = tuple(tokens(label))
                entry = _Label(
                    concept.id, concept.term, label, words, "term" if n == 0 else "alias"
                )
                for word in words:
                    self._by_word[word].add(len(self._labels))
                self._labels.append(entry)
            for field, text in (("body", concept.body or ""), ("summary", concept.summary)):
                for word in tokens(text):
                    self._text[word][concept.id] = field  # type: ignore[assignment]
        self._deleted: dict[str, set[str]] = defaultdict(set)
        for word in self._by_word:
            if len(word) >= 4:
                for variant in _deletions(word):
                    self._deleted[variant].add(word)
        self._words = sorted(self._by_word)

    def _word_matches(self, query: str, last: bool) -> dict[str, float]:
        """Return label words matching one query word, with a penalty for each."""
        found: dict[str, float] = {}
        if query in self._by_word:
            found[query] = 0.0
        if len(query) >= 4:
            for variant in _deletions(query):
                for word in self._deleted.get(variant, ()):
                    if word not in found and edit_distance_at_most_one(query, word):
                        found[word] = 1.0
        if last and len(query) >= 2:
            i = bisect_left(self._words, query)
            while i < len(self._words) and self._words[i].startswith(query):
                found.setdefault(self._words[i], 0.5)
                i += 1
        return found

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """Return the best matches for ``text``, best first, one hit per concept.

        Args:
            text: What to look for: a term, an alias, words of a summary.
            limit: The most hits to return.

        Returns:
            Hits sorted by score, then term.
        """
        query = tokens(text)
        if not query:
            return []
        best: dict[str, Hit] = {}

        def offer(hit: Hit) -> None:
            old = best.get(hit.id)
            if old is None or hit.score > old.score:
                best[hit.id] = hit

        per_word = [self._word_matches(q, n == len(query) - 1) for n, q in enumerate(query)]
        candidates: set[int] | None = None
        for matches in per_word:
            ids = set().union(*(self._by_word[w] for w in matches)) if matches else set()
            candidates = ids if candidates is None else candidates & ids
        for index in candidates or ():
            label = self._labels[index]
            words = set(label.words)
            penalty = sum(min(p for w, p in m.items() if w in words) for m in per_word)
            coverage = len(query) / max(len(label.words), 1)
            score = 50 + 40 * min(coverage, 1.0) - 8 * penalty + (2 if label.field == "term" else 0)
            if penalty == 0 and tuple(query) == label.words:
                score = 100 + (2 if label.field == "term" else 0)
            offer(Hit(label.concept, label.term, score, label.field, label.text))
        text_hits: dict[str, list[Field]] | None = None
        for q in query:
            found = self._text.get(q, {})
            if text_hits is None:
                text_hits = {cid: [field] for cid, field in found.items()}
            else:
                text_hits = {c: [*f, found[c]] for c, f in text_hits.items() if c in found}
        for cid, fields in (text_hits or {}).items():
            in_summary = all(f == "summary" for f in fields)
            field: Field = "summary" if in_summary else "body"
            offer(Hit(cid, self._terms[cid], 20 if in_summary else 10, field, self._terms[cid]))
        return sorted(best.values(), key=lambda h: (-h.score, h.term))[:limit]

"""Finding concepts: one normalisation and one ranking, shared with the website.

This module is the specification of mesakb's search. The site's search box runs the
same algorithm in JavaScript (``site/assets/concept-search.js``) over the index that
:meth:`SearchIndex.export` writes (``search/concepts.json``); the normalisation tables
travel inside that index, so they are written down once, here. A test runs one table
of queries through both and requires the same results.

**Normalisation** (:func:`normalise`), for queries and labels alike:

1. Unicode NFKD, combining accents (U+0300–U+036F) removed, lower case; apostrophes
   dropped (``Occam's`` → ``occams``); split into words on anything but ``a-z0-9``.
2. A question wrapper is removed from the front (``what is``, ``define``, ``meaning
   of`` …, :data:`PREFIXES`) and one from the end (``meaning``, ``definition`` …,
   :data:`SUFFIXES`), if words remain.
3. Stop words (:data:`STOP_WORDS`) are dropped, unless nothing else remains.
4. Each word is rewritten by the regular expressions of :data:`RULES`, in order:
   British to American spelling (``optimise`` → ``optimize``, ``behaviour`` →
   ``behavior``, ``modelling`` → ``modeling``), then plural to singular, then a final
   ``e`` dropped (so ``bias``/``biases`` and ``case``/``cases`` meet). The rewritten
   words need not be English; they only have to agree.

The *compact* form of a label or query is its words joined without spaces, so
``pseudoalignment``, ``pseudo alignment`` and ``pseudo-alignment`` are one label.

**Ranking.** Every concept gets the best score of any of its matches, in tiers:

* **exact label** (1000+): the compact query equals the compact form of the term or
  an alias. Letter-for-letter equality before the spelling rules scores 50 more
  (``optimiser`` finds the alias ``optimiser`` rather than the term ``optimizer``).
* **close label** (500–799), the better of two scores. (a) If some query word
  matches no label word at all (see (b)): the compact query is
  as close to a compact label starting with the same three letters as a word of its
  length may be to a label word (see (b)):
  700 − 10 per edit. (b) Query words match the label's words exactly, with a typo
  (one edit from 4 letters; from 8, two if the first letter is right; a swap of
  neighbours is one edit) or, for
  the last word, as a prefix of at least 3 letters (still typing): 600 + the share
  of the label's words covered (0–100) − 10 per edit − 5 per prefix. A query word
  not in the label costs 30 (plus its typo cost) if it is in the concept's text,
  60 if not; more query words must be in the label than not. (c) A query of several
  words is also tried as the one word of its compact form, as in (b).
* **summary** (300−) and **body** (100−): every query word is in the concept's
  summary, or in its summary and body text (exactly, or with one edit from 5
  letters; −10 per edit).

Labels get +2 for the term, +1 for an exact-scope alias. Ties go to the concept with
more relations (in and out), then the smaller id. Deprecated concepts are not found.
A query that matches no concept returns no hits.

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
    >>> index.search("What is deceptive-alignment?")[0].score
    1052
    >>> index.search("quantum annealing")
    []
"""

from __future__ import annotations

import functools
import heapq
import re
import unicodedata
from bisect import bisect_left
from collections import defaultdict
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, Literal

from mesakb.model import Concept

__all__ = [
    "PREFIXES",
    "RULES",
    "STOP_WORDS",
    "SUFFIXES",
    "Hit",
    "SearchIndex",
    "compact",
    "edit_distance",
    "edit_distance_at_most_one",
    "normalise",
    "tokens",
]

Field = Literal["term", "alias", "summary", "body"]

RULES: tuple[tuple[str, str], ...] = (
    # British → American spelling.
    ("isation", "ization"),
    ("(?<=[a-z]{3})is(?=e$|ed$|es$|ing$|er$|ers$)", "iz"),
    ("(?<=[a-z]{3})ys(?=e$|ed$|es$|ing$|er$|ers$)", "yz"),
    ("(?<=[a-z]{3})our", "or"),
    ("(?<=[a-z]{2})lled$", "led"),
    ("(?<=[a-z]{2})lling$", "ling"),
    ("(?<=[a-z]{2})tre$", "ter"),
    ("(?<=[a-z]{2})tres$", "ters"),
    ("(?<=[a-z]{3})ogue$", "og"),
    # Plural → singular, then a final e dropped.
    ("(?<=[a-z]{3})ies$", "y"),
    ("(?<=[a-z]{2}[^suia])s$", ""),
    ("(?<=[a-z]{3})e$", ""),
)
"""Word rewrites, applied in order: ``(pattern, replacement)``.

The patterns use only the regular-expression syntax Python and JavaScript share
(fixed-width look-behind, no group references), so the site applies them verbatim.
"""

PREFIXES: tuple[tuple[str, ...], ...] = (
    ("tell", "me", "about"),
    ("what", "is"),
    ("what", "are"),
    ("what", "does"),
    ("what", "do"),
    ("whats",),
    ("who", "coined"),
    ("definition", "of"),
    ("meaning", "of"),
    ("examples", "of"),
    ("example", "of"),
    ("how", "does"),
    ("why", "is"),
    ("define",),
    ("explain",),
)
"""Question wrappers removed from the front of a query (the first that matches)."""

SUFFIXES: tuple[tuple[str, ...], ...] = (
    ("meaning",),
    ("definition",),
    ("defined",),
    ("mean",),
    ("means",),
    ("explained",),
)
"""Question wrappers removed from the end of a query (the first that matches)."""

STOP_WORDS: frozenset[str] = frozenset(
    {
        "a", "an", "the", "of", "in", "on", "for", "to", "and", "or", "is", "are", "be",
        "by", "with", "as", "at", "from", "it", "its", "this", "that",
        "what", "which", "who", "how", "why", "does", "do",
    }
)  # fmt: skip
"""Words dropped from queries and labels unless nothing else remains."""

_RULES = tuple((re.compile(p), r) for p, r in RULES)
_MARKS = re.compile("[\u0300-\u036f]")
_APOSTROPHES = re.compile("['\u2019`]")
_SPLIT = re.compile("[^a-z0-9]+")
# In body text: link targets and TeX command names are not words of the text.
_NOT_TEXT = re.compile(r"\]\([^)]*\)|\\[A-Za-z]+")

LABEL_TIER, TEXT_TIER = 500, 300


def tokens(text: str) -> list[str]:
    """Split text into lower-case words without accents or apostrophes (step 1).

    Examples:
        >>> tokens("Mesa-Optimizer’s objective, naïvely")
        ['mesa', 'optimizers', 'objective', 'naively']
    """
    text = _MARKS.sub("", unicodedata.normalize("NFKD", text)).lower()
    return [w for w in _SPLIT.split(_APOSTROPHES.sub("", text)) if w]


@functools.lru_cache(maxsize=1 << 17)
def _rewrite(word: str) -> str:
    for pattern, replacement in _RULES:
        word = pattern.sub(replacement, word)
    return word


def _unwrap(words: list[str]) -> list[str]:
    for prefix in PREFIXES:
        n = len(prefix)
        if len(words) > n and tuple(words[:n]) == prefix:
            words = words[n:]
            break
    for suffix in SUFFIXES:
        n = len(suffix)
        if len(words) > n and tuple(words[-n:]) == suffix:
            words = words[:-n]
            break
    kept = [w for w in words if w not in STOP_WORDS]
    return kept or words


def _both(text: str) -> tuple[list[str], list[str]]:
    """Return the words after steps 1–3 (letters as written) and after step 4."""
    words = _unwrap(tokens(text))
    return words, [_rewrite(w) for w in words]


def normalise(text: str) -> list[str]:
    """Return the normalised words of a query or label (steps 1–4 above).

    Examples:
        >>> normalise("What is the optimisation of behaviours?")
        ['optimization', 'behavior']
        >>> normalise("inductive biases"), normalise("inductive bias")
        (['inductiv', 'bias'], ['inductiv', 'bias'])
        >>> normalise("define mesa-optimisers")
        ['mesa', 'optimizer']
    """
    return _both(text)[1]


def compact(words: Iterable[str]) -> str:
    """Return words joined without spaces: hyphen, space and no space agree.

    Examples:
        >>> compact(normalise("pseudo-alignment")) == compact(normalise("Pseudoalignment"))
        True
    """
    return "".join(words)


def _one_edit(a: str, b: str) -> bool:
    """Return whether two different strings are exactly one edit apart (O(n))."""
    la, lb = len(a), len(b)
    i = 0
    while i < la and i < lb and a[i] == b[i]:
        i += 1
    if la == lb:
        return a[i + 1 :] == b[i + 1 :] or (
            i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
        )
    return a[i + 1 :] == b[i:] if la > lb else a[i:] == b[i + 1 :]


def edit_distance(a: str, b: str, limit: int) -> int:
    """Return the optimal-string-alignment distance of a and b, or ``limit + 1`` if larger.

    An edit is a letter inserted, deleted or changed, or two neighbours swapped.

    Examples:
        >>> edit_distance("decepitve", "deceptive", 2)
        1
        >>> edit_distance("alignment", "assignment", 1)
        2
    """
    la, lb = len(a), len(b)
    if abs(la - lb) > limit:
        return limit + 1
    if a == b:
        return 0
    if limit == 1:
        return 1 if _one_edit(a, b) else 2
    # Hyyrö's bit-parallel algorithm (2003) for the optimal-string-alignment distance:
    # a column of the dynamic-programming table at a time, as bit vectors. Hand-written
    # because it is the inner loop of typo matching (about 8× the plain table in
    # CPython); tests/test_search.py checks it against the table on random strings.
    m = la
    if m == 0:
        return min(lb, limit + 1)
    peq: dict[str, int] = {}
    for i, ch in enumerate(a):
        peq[ch] = peq.get(ch, 0) | (1 << i)
    mask = (1 << m) - 1
    top = 1 << (m - 1)
    pv, mv, score, d0, previous = mask, 0, m, 0, 0
    for ch in b:
        eq = peq.get(ch, 0)
        transposed = (((~d0) & eq) << 1) & previous
        d0 = ((((eq & pv) + pv) ^ pv) | eq | mv | transposed) & mask
        ph = (mv | ~(d0 | pv)) & mask
        mh = d0 & pv
        if ph & top:
            score += 1
        elif mh & top:
            score -= 1
        ph = ((ph << 1) | 1) & mask
        mh = (mh << 1) & mask
        pv = (mh | ~(d0 | ph)) & mask
        mv = ph & d0
        previous = eq
    return min(score, limit + 1)


def edit_distance_at_most_one(a: str, b: str) -> bool:
    """Return whether ``a`` becomes ``b`` by at most one edit (swaps count as one).

    Examples:
        >>> edit_distance_at_most_one("optimiser", "optimizer")
        True
        >>> edit_distance_at_most_one("mesa", "meta-")
        False
    """
    return edit_distance(a, b, 1) <= 1


def label_edits(word: str) -> int:
    """Return how many edits a query word may be from a label word (0, 1 or 2)."""
    return 2 if len(word) >= 8 else 1 if len(word) >= 4 else 0


def text_edits(word: str) -> int:
    """Return how many edits a query word may be from a word of a text (0 or 1)."""
    return 1 if len(word) >= 5 else 0


@dataclass(frozen=True, slots=True)
class Hit:
    """One search result.

    Attributes:
        id: The concept found.
        term: Its term.
        score: Higher is better: exact labels score 1000 or more, close labels 500 to
            999, summaries and bodies below 500 (see the module documentation).
        field: Where it matched: ``term``, ``alias``, ``summary`` or ``body``.
        matched: The label that matched (the term or an alias), or the term.
    """

    id: str
    term: str
    score: int
    field: Field
    matched: str


@dataclass(frozen=True, slots=True)
class _Label:
    concept: int
    text: str
    field: Field
    bonus: int
    letters: str  # compact form before the spelling rules
    words: tuple[str, ...]
    compact: str


def _text_words(concept: Concept) -> tuple[set[str], set[str]]:
    """Return the normalised words of the summary, and of the whole text."""
    summary = {_rewrite(w) for w in set(tokens(_NOT_TEXT.sub(" ", concept.summary)))}
    parts = [concept.body or "", *concept.attributed_to]
    parts += [d.note or "" for d in concept.definitions]
    if concept.formal is not None:
        parts += [concept.formal.note or "", *(s.meaning for s in concept.formal.symbols)]
    body = {_rewrite(w) for w in set(tokens(_NOT_TEXT.sub(" ", "\n".join(parts))))}
    return summary, summary | body


def _deletions(word: str, times: int) -> set[str]:
    """Return the word with up to ``times`` letters deleted (the word itself included)."""
    out = {word}
    for _ in range(times):
        out |= {w[:i] + w[i + 1 :] for w in out for i in range(len(w))}
    return out


class _Vocabulary:
    """Words with their postings, found exactly, by prefix, or within a few edits.

    Typo candidates come from a deletion index (a word and a query within k edits
    share a string with at most k letters deleted from each), so a query costs a few
    dictionary look-ups, not a scan of the vocabulary; the site's script scans its
    (smaller) vocabulary instead and verifies with the same distance, so both find
    the same words.
    """

    def __init__(self, postings: dict[str, set[int]], edits: int) -> None:
        self.postings = postings
        self._edits = edits
        self._sorted = sorted(postings)
        # Variants with up to one letter deleted; those with two, on first need.
        self._deleted: list[dict[str, set[str]]] = [defaultdict(set)]
        for word in postings:
            for variant in _deletions(word, 1):
                self._deleted[0][variant].add(word)

    def _level(self, edits: int) -> dict[str, set[str]]:
        """Return the index of words by their variants with exactly ``edits`` deletions."""
        while len(self._deleted) < edits:
            n = len(self._deleted) + 1
            level: dict[str, set[str]] = defaultdict(set)
            for word in self.postings:
                for variant in _deletions(word, n) - _deletions(word, n - 1):
                    level[variant].add(word)
            self._deleted.append(level)
        return self._deleted[edits - 1]

    def starting(self, prefix: str) -> list[str]:
        """Return the words that start with ``prefix`` (itself included)."""
        i = bisect_left(self._sorted, prefix)
        out = []
        while i < len(self._sorted) and self._sorted[i].startswith(prefix):
            out.append(self._sorted[i])
            i += 1
        return out

    def near(self, word: str, edits: int) -> set[str]:
        """Return candidate words within ``edits`` edits of ``word`` (a superset)."""
        if edits == 0:
            return {word} if word in self.postings else set()
        edits = min(edits, self._edits)
        levels = [self._level(n) for n in range(1, edits + 1)]
        found: set[str] = set()
        for variant in _deletions(word, edits):
            for level in levels:
                found |= level.get(variant, set())
        return found


class SearchIndex:
    """An in-memory index of concepts for :meth:`search`.

    Args:
        concepts: The concepts to index (deprecated ones are left out).
    """

    def __init__(self, concepts: Iterable[Concept]) -> None:
        everything = list(concepts)
        degree: dict[str, int] = defaultdict(int)
        for concept in everything:
            for _, targets in concept.relations.items():
                for target in targets:
                    degree[concept.id] += 1
                    degree[target] += 1
        self._concepts = [c for c in everything if c.status != "deprecated"]
        self._degree = [degree[c.id] for c in self._concepts]
        self._labels: list[_Label] = []
        self._label_words: dict[str, set[int]] = defaultdict(set)
        self._by_compact: dict[str, set[int]] = defaultdict(set)
        self._by_start: dict[str, set[int]] = defaultdict(set)
        self._summary: list[set[str]] = []
        self._text: list[set[str]] = []
        self._text_words: dict[str, set[int]] = defaultdict(set)
        self._summary_words: dict[str, set[int]] = defaultdict(set)
        for n, concept in enumerate(self._concepts):
            scopes = [None, *(a.scope for a in concept.aliases)]
            for label, scope in zip(concept.labels, scopes, strict=True):
                letters, words = _both(label)
                field: Field = "term" if scope is None else "alias"
                bonus = 2 if scope is None else 1 if scope == "exact" else 0
                entry = _Label(
                    n, label, field, bonus, compact(letters), tuple(words), compact(words)
                )
                for word in words:
                    self._label_words[word].add(len(self._labels))
                self._by_compact[entry.compact].add(len(self._labels))
                self._by_start[entry.compact[:3]].add(len(self._labels))
                self._labels.append(entry)
            summary, text = _text_words(concept)
            self._summary.append(summary)
            self._text.append(text)
            for word in text:
                self._text_words[word].add(n)
            for word in summary:
                self._summary_words[word].add(n)
        self._by_rank = sorted(
            range(len(self._concepts)), key=lambda n: (-self._degree[n], self._concepts[n].id)
        )
        self._rank = [0] * len(self._concepts)
        for rank, n in enumerate(self._by_rank):
            self._rank[n] = rank
        self._label_vocabulary = _Vocabulary(self._label_words, 2)
        self._text_vocabulary = _Vocabulary(self._text_words, 1)

    def export(self, urls: list[str]) -> dict[str, Any]:
        """Return the index as JSON-ready data for the site's search (``search/concepts.json``).

        Each concept has its labels as ``[label, field, bonus, letters, words]`` (the
        compact form before the spelling rules, and the normalised words); ``text``
        maps every normalised word of the summaries and bodies to ``2 * concept + 1``
        where it is in that concept's summary, ``2 * concept`` where only in its body.

        Args:
            urls: Each indexed concept's page address, relative to the site root, in the
                order of :attr:`ids`.

        Examples:
            >>> from mesakb.model import Concept
            >>> c = Concept(id="x", term="Optimiser", kind="concept", summary="An x.")
            >>> data = SearchIndex([c]).export(["concepts/x/"])
            >>> data["concepts"][0]["labels"], data["text"]["x"]
            ([['Optimiser', 'term', 2, 'optimiser', ['optimizer']]], [1])
        """
        concepts = []
        for n, concept in enumerate(self._concepts):
            labels = [
                [lab.text, lab.field, lab.bonus, lab.letters, list(lab.words)]
                for lab in self._labels
                if lab.concept == n
            ]
            concepts.append(
                {
                    "id": concept.id,
                    "term": concept.term,
                    "url": urls[n],
                    "summary": " ".join(concept.summary.split()),
                    "degree": self._degree[n],
                    "labels": labels,
                }
            )
        text = {
            word: [2 * n + (word in self._summary[n]) for n in sorted(found)]
            for word, found in sorted(self._text_words.items())
        }
        return {
            "version": 1,
            "rules": [list(rule) for rule in RULES],
            "prefixes": [list(p) for p in PREFIXES],
            "suffixes": [list(s) for s in SUFFIXES],
            "stop": sorted(STOP_WORDS),
            "concepts": concepts,
            "text": text,
        }

    @property
    def ids(self) -> list[str]:
        """The ids of the indexed concepts, in index order."""
        return [c.id for c in self._concepts]

    def _close(
        self, word: str, vocabulary: _Vocabulary, edits: int, prefix: bool
    ) -> dict[str, int]:
        """Return the vocabulary words a query word matches, each with its cost.

        Two edits are allowed only to words with the same first letter.
        """
        found: dict[str, int] = {}
        if prefix:
            for candidate in vocabulary.starting(word):
                found[candidate] = 5
        for candidate in vocabulary.near(word, edits):
            limit = edits if candidate[:1] == word[:1] else min(edits, 1)
            d = edit_distance(word, candidate, limit)
            if d <= limit:
                found[candidate] = min(found.get(candidate, 99), 10 * d)
        return found

    def search(self, text: str, limit: int = 10) -> list[Hit]:
        """Return the best matches for ``text``, best first, one hit per concept.

        Args:
            text: What to look for: a term, an alias, words of a summary or body.
            limit: The most hits to return.

        Returns:
            Hits sorted by score, then by how connected the concept is, then by id;
            empty if no concept matches.
        """
        letters, query = _both(text)
        if not query:
            return []
        whole, whole_letters = compact(query), compact(letters)
        last = len(query) - 1
        in_labels = [
            self._close(q, self._label_vocabulary, label_edits(q), n == last and len(q) >= 3)
            for n, q in enumerate(query)
        ]
        in_text = [self._close(q, self._text_vocabulary, text_edits(q), False) for q in query]
        best: dict[int, tuple[int, Field, str]] = {}

        def offer(concept: int, score: int, field: Field, matched: str) -> None:
            if concept not in best or score > best[concept][0]:
                best[concept] = (score, field, matched)

        candidates: set[int] = set(self._by_compact.get(whole, ()))
        # Labels that match more than half of the query words; others cannot score (b).
        # Such a label is in one of the smallest len - need + 1 word sets (pigeonhole).
        need = len(query) // 2 + 1
        sets = sorted(
            (set().union(*(self._label_vocabulary.postings[w] for w in m)) for m in in_labels),
            key=len,
        )
        for n in set().union(*sets[: len(query) - need + 1]):
            if sum(n in s for s in sets) >= need:
                candidates.add(n)
        whole_edits = label_edits(whole) if not all(in_labels) else 0
        if whole_edits:
            candidates |= self._by_start.get(whole[:3], set())
        # (c) Several query words written as one ("sub-optimality"): one word, as in (b).
        as_one: list[dict[str, int]] = []
        if len(query) > 1:
            as_one = [self._close(whole, self._label_vocabulary, label_edits(whole), True)]
            for word in as_one[0]:
                candidates |= self._label_vocabulary.postings[word]
        for n in sorted(candidates):
            label = self._labels[n]
            if label.compact == whole:
                exact = 50 if label.letters == whole_letters else 0
                offer(label.concept, 1000 + exact + label.bonus, label.field, label.text)
                continue
            scores = []
            if (
                whole_edits
                and label.compact[:3] == whole[:3]
                and abs(len(label.compact) - len(whole)) <= whole_edits
            ):
                d = edit_distance(whole, label.compact, whole_edits)
                if d <= whole_edits:
                    scores.append(700 - 10 * d)
            score = self._label_score(label, in_labels, in_text)
            if score is not None:
                scores.append(score)
            score = self._label_score(label, as_one, [{}]) if as_one else None
            if score is not None:
                scores.append(score)
            if scores:
                offer(label.concept, max(scores) + label.bonus, label.field, label.text)
        ranked = sorted(best.items(), key=lambda kv: (-kv[1][0], self._rank[kv[0]]))
        hits = [(n, score, field, matched) for n, (score, field, matched) in ranked[:limit]]
        if len(hits) < limit:
            hits += self._text_hits(in_text, set(best), limit - len(hits))
        return [
            Hit(self._concepts[n].id, self._concepts[n].term, score, field, matched)
            for n, score, field, matched in hits
        ]

    def _text_hits(
        self, in_text: list[dict[str, int]], taken: set[int], limit: int
    ) -> list[tuple[int, int, Field, str]]:
        """Return the best summary and body hits of concepts not found by a label."""
        if not all(in_text):
            return []
        postings, summaries = self._text_vocabulary.postings, self._summary_words
        exact, near, exact_summary, near_summary = [], [], [], []
        for matches in in_text:
            zero = [w for w, c in matches.items() if c == 0]
            ten = [w for w, c in matches.items() if c != 0]
            exact.append(set().union(*(postings[w] for w in zero)))
            near.append(set().union(*(postings[w] for w in ten)))
            exact_summary.append(set().union(*(summaries[w] for w in zero)))
            near_summary.append(set().union(*(summaries[w] for w in ten)))
        found = set.intersection(*(a | b for a, b in zip(exact, near, strict=True))) - taken
        in_summary = set.intersection(
            *(a | b for a, b in zip(exact_summary, near_summary, strict=True))
        )
        scored = []
        for concept in found:
            if concept in in_summary:
                score = 300 - 10 * sum(concept not in s for s in exact_summary)
            else:
                score = 100 - 10 * sum(concept not in s for s in exact)
            scored.append((-score, self._rank[concept]))
        out: list[tuple[int, int, Field, str]] = []
        for negative, rank in heapq.nsmallest(limit, scored):
            concept = self._by_rank[rank]
            field: Field = "summary" if concept in in_summary else "body"
            out.append((concept, -negative, field, self._concepts[concept].term))
        return out

    def _text_costs(self, concept: int, matches: dict[str, int]) -> tuple[int | None, int | None]:
        """Return the cheapest match of one query word in a summary, and in the whole text."""
        summary = [c for w, c in matches.items() if w in self._summary[concept]]
        text = [c for w, c in matches.items() if w in self._text[concept]]
        return (min(summary) if summary else None), (min(text) if text else None)

    def _label_score(
        self, label: _Label, in_labels: list[dict[str, int]], in_text: list[dict[str, int]]
    ) -> int | None:
        """Score a label against the query words (those not in it may be in the text)."""
        words = set(label.words)
        covered: set[str] = set()
        cost = 0
        outside = 0
        for n, matches in enumerate(in_labels):
            here = [c for w, c in matches.items() if w in words]
            if here:
                cost += min(here)
                covered |= words & set(matches)
                continue
            elsewhere = self._text_costs(label.concept, in_text[n])[1]
            cost += 60 if elsewhere is None else 30 + elsewhere
            outside += 1
        if 2 * outside >= len(in_labels):
            return None
        share = (100 * len(covered)) // max(len(label.words), 1)
        return 600 + share - cost

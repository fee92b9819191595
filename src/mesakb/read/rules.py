"""Checks that need every file in view: references, cycles, clashes, tombstones.

Each check takes the validated files and yields diagnostics; :func:`check_all`
runs them all. A file that failed validation is absent here, but its id still
counts as known, so one broken file does not cascade into errors in others.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterator, Mapping
from dataclasses import dataclass

from mesakb.diagnostics import Diagnostic
from mesakb.model import Concept, Source
from mesakb.read.confusable import skeleton
from mesakb.read.document import Document, Path
from mesakb.read.markup import markdown_problems
from mesakb.read.validate import format_loc
from mesakb.suggest import close_names, did_you_mean
from mesakb.urls import RESERVED_NAMES
from mesakb.vocab import ACYCLIC

__all__ = ["Files", "check_all", "normalize_label"]


@dataclass(frozen=True, slots=True)
class Files:
    """The validated files of a knowledge base, with the documents they came from.

    Attributes:
        concepts: Valid concepts by id, each with its document.
        sources: Valid sources by key, each with its document.
        concept_ids: Every concept id that has a file, valid or not.
        source_keys: Every source key that has a file, valid or not.
    """

    concepts: Mapping[str, tuple[Concept, Document]]
    sources: Mapping[str, tuple[Source, Document]]
    concept_ids: frozenset[str]
    source_keys: frozenset[str]


def normalize_label(label: str) -> str:
    """Return the form of a label used to detect clashes: NFKC, case-folded, spaced.

    Examples:
        >>> normalize_label("Mesa-Optimizer") == normalize_label("mesa‐optimizer")
        False
        >>> normalize_label("  Inner   ALIGNMENT ")
        'inner alignment'
        >>> normalize_label("ﬁnal") == normalize_label("final")
        True
    """
    return " ".join(unicodedata.normalize("NFKC", label).casefold().split())


def _at(doc: Document, path: Path, code: str, message: str, *, key: bool = False) -> Diagnostic:
    line, col = doc.position(path, key=key)
    return Diagnostic(doc.path, line, col, code, message)


def _suggest(word: str, choices: frozenset[str]) -> str:
    return did_you_mean(close_names(word, choices, n=1, cutoff=0.75))


def check_ids(files: Files) -> Iterator[Diagnostic]:
    """The ``id`` inside a file must equal the file name."""
    pairs: list[tuple[str, Concept | Source, Document]] = [
        *((stem, c, d) for stem, (c, d) in files.concepts.items()),
        *((stem, s, d) for stem, (s, d) in files.sources.items()),
    ]
    for stem, item, doc in pairs:
        if item.id != stem:
            yield _at(
                doc,
                ("id",),
                "KB203",
                f"id '{item.id}' does not match the file name '{stem}.yaml'; ids are permanent, "
                f"so rename the file or fix the id",
            )


def check_references(files: Files) -> Iterator[Diagnostic]:
    """Every relation target, replacement and source key must exist."""
    deprecated = {cid for cid, (c, _) in files.concepts.items() if c.status == "deprecated"}
    for cid, (concept, doc) in files.concepts.items():
        for relation, targets in concept.relations.items():
            seen: set[str] = set()
            for index, target in enumerate(targets):
                path = ("relations", relation, index)
                where = format_loc(path)
                if target == cid:
                    yield _at(doc, path, "KB209", f"{where}: a concept cannot relate to itself")
                elif target in seen:
                    yield _at(doc, path, "KB209", f"{where}: '{target}' is listed twice")
                elif target not in files.concept_ids:
                    hint = _suggest(target, files.concept_ids)
                    yield _at(doc, path, "KB201", f"unknown concept '{target}' in {where}{hint}")
                elif target in deprecated:
                    yield _at(
                        doc,
                        path,
                        "KB206",
                        f"{where}: '{target}' is deprecated" + _replacement(files, target),
                    )
                seen.add(target)
        for index, definition in enumerate(concept.definitions):
            for field in ("source", "via"):
                key = getattr(definition, field)
                if key is not None and key not in files.source_keys:
                    hint = _suggest(key, files.source_keys)
                    where = format_loc(("definitions", index, field))
                    yield _at(
                        doc,
                        ("definitions", index, field),
                        "KB202",
                        f"unknown source '{key}' in {where}{hint}",
                    )


def _replacement(files: Files, target: str) -> str:
    entry = files.concepts.get(target)
    replaced_by = entry[0].replaced_by if entry else None
    return f"; use '{replaced_by}'" if replaced_by else ""


def check_status(files: Files) -> Iterator[Diagnostic]:
    """Tombstones name a live replacement; live concepts have one preferred definition."""
    for _cid, (concept, doc) in files.concepts.items():
        if concept.status == "deprecated":
            if concept.replaced_by is None:
                yield _at(
                    doc,
                    ("status",),
                    "KB207",
                    "deprecated concept needs 'replaced_by: <id>' so its old URL keeps working",
                )
            elif concept.replaced_by not in files.concept_ids:
                hint = _suggest(concept.replaced_by, files.concept_ids)
                yield _at(
                    doc,
                    ("replaced_by",),
                    "KB201",
                    f"unknown concept '{concept.replaced_by}' in replaced_by{hint}",
                )
            else:
                yield from _tombstone_chain(files, _cid, doc)
            continue
        if concept.replaced_by is not None:
            yield _at(
                doc,
                ("replaced_by",),
                "KB207",
                f"replaced_by is only for deprecated concepts (status is '{concept.status}')",
                key=True,
            )
        if concept.status == "draft":
            yield _at(doc, ("status",), "KB212", "concept is a draft; publish it as 'stable'")
        preferred = [i for i, d in enumerate(concept.definitions) if d.rank == "preferred"]
        if concept.status == "draft" and not concept.definitions:
            continue
        if len(preferred) != 1:
            where: Path = ("definitions", preferred[1]) if preferred else ("definitions",)
            if not concept.definitions:
                where = ()
            yield _at(
                doc,
                where,
                "KB208",
                f"expected exactly one definition with rank 'preferred', found {len(preferred)}",
                key=not concept.definitions,
            )
        if sum(len(t) for _, t in concept.relations.items()) < 2:
            yield _at(
                doc,
                ("relations",),
                "KB210",
                "fewer than two relations; link the concept to at least two others",
                key=True,
            )


def _tombstone_chain(files: Files, start: str, doc: Document) -> Iterator[Diagnostic]:
    """Follow ``replaced_by`` from a tombstone to a live concept, refusing loops and dead ends.

    A chain that reaches a live concept through another tombstone is only a warning
    (KB206); a self-reference, a loop, or a chain that ends at a missing concept or a
    tombstone without a replacement is an error (KB214): its page would redirect
    forever or nowhere.
    """
    chain = [start]
    current = start
    while True:
        entry = files.concepts.get(current)
        nxt = entry[0].replaced_by if entry is not None else None
        if entry is None or entry[0].status != "deprecated" or nxt is None:
            break
        if nxt in chain:
            shown = " → ".join([*chain, nxt])
            what = "points at itself" if nxt == start and len(chain) == 1 else "loops"
            yield _at(doc, ("replaced_by",), "KB214", f"replaced_by {what}: {shown}")
            return
        chain.append(nxt)
        current = nxt
    end = chain[-1]
    shown = " → ".join(chain)
    entry = files.concepts.get(end)
    if entry is None:
        if end in files.concept_ids:  # a file that failed its own check: reported there
            return
        yield _at(
            doc, ("replaced_by",), "KB214", f"replaced_by chain ends at a missing concept: {shown}"
        )
    elif entry[0].status == "deprecated":
        yield _at(
            doc,
            ("replaced_by",),
            "KB214",
            f"replaced_by chain ends at a deprecated concept with no replacement: {shown}",
        )
    elif len(chain) > 2:
        yield _at(
            doc,
            ("replaced_by",),
            "KB206",
            f"replaced_by: '{chain[1]}' is itself deprecated; point at '{end}' ({shown})",
        )


def check_reserved(files: Files) -> Iterator[Diagnostic]:
    """No concept id or source key may take a reserved name (see ``RESERVED_NAMES``)."""
    pairs: list[tuple[str, Document]] = [
        *((c.id, d) for c, d in files.concepts.values()),
        *((s.id, d) for s, d in files.sources.values()),
    ]
    for name, doc in pairs:
        if name in RESERVED_NAMES:
            yield _at(doc, ("id",), "KB213", f"id '{name}' is reserved: {RESERVED_NAMES[name]}")


def check_labels(files: Files) -> Iterator[Diagnostic]:
    """No term or alias may name two concepts, or appear twice in one."""
    owners: dict[str, tuple[str, str, str]] = {}
    for cid in sorted(files.concepts):
        concept, doc = files.concepts[cid]
        paths: list[Path] = [("term",)] + [
            ("aliases", i, "label") for i in range(len(concept.aliases))
        ]
        for label, path in zip(concept.labels, paths, strict=True):
            norm = normalize_label(label)
            # Compared by TR 39 skeleton: a label that only looks like another clashes
            # too; once after case folding ("Optimizer"), once before ("I" looks like "l").
            keys = (skeleton(norm), skeleton(normalize_label(skeleton(label))))
            key = next((k for k in keys if k in owners), None)
            if key is not None:
                owner, first, other = owners[key]
                whose = "this concept" if owner == cid else f"concept '{owner}'"
                if normalize_label(other) == norm:
                    message = f"'{label}' is already the {first} of {whose}"
                else:
                    message = (
                        f"'{label}' looks like '{other}', the {first} of {whose} "
                        "(it differs only in look-alike characters)"
                    )
                yield _at(doc, path, "KB205", message)
            else:
                for k in keys:
                    owners.setdefault(k, (cid, "term" if path == ("term",) else "alias", label))


def check_cycles(files: Files) -> Iterator[Diagnostic]:
    """``is_a``, ``part_of`` and ``requires`` must not loop back on themselves."""
    for relation in ACYCLIC:
        edges = {
            cid: [t for t in getattr(c.relations, relation) if t in files.concepts and t != cid]
            for cid, (c, _) in files.concepts.items()
        }
        for cycle in _cycles(edges):
            start = cycle[0]
            concept, doc = files.concepts[start]
            index = getattr(concept.relations, relation).index(cycle[1])
            loop = " → ".join([*cycle, start])
            yield _at(doc, ("relations", relation, index), "KB204", f"cycle in {relation}: {loop}")


def _cycles(edges: Mapping[str, list[str]]) -> Iterator[list[str]]:
    """Yield one cycle per strongly connected component, starting at its least id."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    components: list[list[str]] = []
    for root in sorted(edges):
        if root in index:
            continue
        work = [(root, iter(edges[root]))]
        index[root] = low[root] = len(index)
        stack.append(root)
        on_stack.add(root)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(edges[child])))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = []
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.append(member)
                    if member == node:
                        break
                if len(component) > 1:
                    components.append(component)
    for component in components:
        members = set(component)
        start = min(members)
        # Walk inside the component back to the start: a shortest loop by BFS.
        parents: dict[str, str] = {}
        frontier = [start]
        found = False
        while frontier and not found:
            nxt = []
            for node in frontier:
                for child in sorted(edges[node]):
                    if child not in members:
                        continue
                    if child == start:
                        parents[start] = node
                        found = True
                        break
                    if child not in parents:
                        parents[child] = node
                        nxt.append(child)
                if found:
                    break
            frontier = nxt
        loop = [parents[start]]
        while loop[-1] != start:
            loop.append(parents[loop[-1]])
        yield list(reversed(loop))


def check_text(files: Files) -> Iterator[Diagnostic]:
    """Contributor Markdown must not carry HTML or unsafe links; TeX must be safe."""
    for _cid, (concept, doc) in files.concepts.items():
        texts: list[tuple[Path, str | None]] = [
            (("summary",), concept.summary),
            (("body",), concept.body),
        ]
        for i, d in enumerate(concept.definitions):
            texts += [(("definitions", i, "quote"), d.quote), (("definitions", i, "note"), d.note)]
        if concept.formal is not None:
            texts.append((("formal", "note"), concept.formal.note))
            for i, s in enumerate(concept.formal.symbols):
                texts.append((("formal", "symbols", i, "meaning"), s.meaning))
        for path, text in texts:
            if text is None:
                continue
            for _offset, code, message in markdown_problems(text):
                yield _at(doc, path, code, f"{format_loc(path)}: {message}")
        if concept.formal is None:
            continue
        from mesakb.read.tex import tex_problems

        formulas: list[tuple[Path, str]] = [(("formal", "latex"), concept.formal.latex)]
        formulas += [
            (("formal", "symbols", i, "symbol"), s.symbol)
            for i, s in enumerate(concept.formal.symbols)
        ]
        for path, latex in formulas:
            for _offset, message in tex_problems(latex):
                yield _at(doc, path, "KB303", f"{format_loc(path)}: {message}")


def check_sources(files: Files) -> Iterator[Diagnostic]:
    """An unchecked source says what could not be checked; its note is safe Markdown."""
    for _key, (source, doc) in files.sources.items():
        if source.check_note is not None:
            for _offset, code, message in markdown_problems(source.check_note):
                yield _at(doc, ("check_note",), code, f"check_note: {message}")
        if not source.checked and source.check_note is None:
            yield _at(
                doc,
                ("checked",),
                "KB211",
                "checked is false: add a check_note saying which fields could not be checked",
            )


CHECKS = (
    check_ids,
    check_reserved,
    check_references,
    check_status,
    check_labels,
    check_cycles,
    check_text,
    check_sources,
)


def check_all(files: Files) -> list[Diagnostic]:
    """Run every cross-file check and return the problems, sorted.

    Args:
        files: The validated files.

    Returns:
        All problems found.
    """
    return sorted(d for check in CHECKS for d in check(files))

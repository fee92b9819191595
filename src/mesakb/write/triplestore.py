"""SPARQL over the knowledge base, in an embedded Oxigraph store (``pip install mesakb[sparql]``).

The store holds the triples of :func:`mesakb.write.rdf.rdf_graph` (the same as
``graph/mesakb.ttl``); queries may use the prefixes of :data:`PREFIXES`
(``skos:``, ``mkbv:``, ``dcterms:``, ``prov:``, …) without declaring them. The
same files load into any SPARQL server (Oxigraph server, Jena Fuseki, QLever).

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> result = sparql(
    ...     "SELECT ?id WHERE { ?c mkbv:is_a/dcterms:identifier ?id } ORDER BY ?id", kb
    ... )
    >>> result.variables, result.rows
    (('id',), [('learned-algorithm',), ('optimizer',)])
    >>> sparql("ASK { ?c skos:prefLabel 'optimizer'@en }", kb).boolean
    True
"""

from __future__ import annotations

import json
import weakref
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from mesakb.errors import UsageError
from mesakb.write.rdf import PREFIXES, rdf_graph

if TYPE_CHECKING:
    import pyoxigraph

    from mesakb.kb.base import KnowledgeBase

__all__ = ["Results", "sparql", "store"]

_STORES: weakref.WeakKeyDictionary[KnowledgeBase, pyoxigraph.Store] = weakref.WeakKeyDictionary()


@dataclass(frozen=True, slots=True)
class Results:
    """The answer to a query.

    Attributes:
        variables: For SELECT, the projected variables in order; else empty.
        rows: For SELECT, one tuple per solution (IRIs and literal values as text,
            None where unbound); for CONSTRUCT and DESCRIBE, (subject, predicate,
            object) triples as text.
        boolean: For ASK, the answer; else None.
    """

    variables: tuple[str, ...] = ()
    rows: list[tuple[str | None, ...]] = field(default_factory=list)
    boolean: bool | None = None

    def to_json(self) -> str:
        """Return the results in the SPARQL 1.1 Query Results JSON shape (values as text).

        Examples:
            >>> Results(("x",), [("a",)]).to_json()
            '{"head": {"vars": ["x"]}, "results": {"bindings": [{"x": "a"}]}}'
        """
        if self.boolean is not None:
            return json.dumps({"head": {}, "boolean": self.boolean})
        bindings = [
            {
                var: value
                for var, value in zip(self.variables, row, strict=True)
                if value is not None
            }
            for row in self.rows
        ]
        return json.dumps(
            {"head": {"vars": list(self.variables)}, "results": {"bindings": bindings}},
            ensure_ascii=False,
        )

    def to_tsv(self) -> str:
        r"""Return a header line and one tab-separated line per row (ASK: true/false).

        Examples:
            >>> Results(("x", "y"), [("a", None)]).to_tsv()
            'x\ty\na'
        """
        if self.boolean is not None:
            return "true" if self.boolean else "false"
        lines = ["\t".join(self.variables)] if self.variables else []
        for row in self.rows:
            lines.append("\t".join("" if v is None else " ".join(v.split()) for v in row).rstrip())
        return "\n".join(lines)


def _need_pyoxigraph() -> Any:
    try:
        import pyoxigraph
    except ImportError:
        raise UsageError(
            "sparql",
            None,
            "SPARQL needs pyoxigraph: pip install 'mesakb[sparql]'",
        ) from None
    return pyoxigraph


def store(kb: KnowledgeBase) -> pyoxigraph.Store:
    """Return an in-memory Oxigraph store holding the knowledge base (built once per kb)."""
    found = _STORES.get(kb)
    if found is None:
        ox = _need_pyoxigraph()
        found = ox.Store()
        data = rdf_graph(kb).serialize(format="nt", encoding="utf-8")
        found.load(data, format=ox.RdfFormat.N_TRIPLES)
        _STORES[kb] = found
    return found


def _text(term: Any) -> str | None:
    return None if term is None else str(term.value)


def sparql(query: str, kb: KnowledgeBase | None = None) -> Results:
    """Answer a SPARQL 1.1 query over the knowledge base.

    Args:
        query: The query; the prefixes of :data:`mesakb.write.rdf.PREFIXES` are
            predeclared.
        kb: The knowledge base; the shipped content when None.

    Returns:
        The results (see :class:`Results`).

    Raises:
        UsageError: The query does not parse, or pyoxigraph is not installed.
    """
    if kb is None:
        from mesakb.kb.loading import load

        kb = load()
    ox = _need_pyoxigraph()
    try:
        answer = store(kb).query(query, prefixes=PREFIXES)
    except SyntaxError as err:
        raise UsageError("query", query, f"the SPARQL query does not parse: {err}") from None
    if isinstance(answer, ox.QueryBoolean):
        return Results(boolean=bool(answer))
    if isinstance(answer, ox.QuerySolutions):
        variables = tuple(v.value for v in answer.variables)
        rows = [tuple(_text(solution[v]) for v in variables) for solution in answer]
        return Results(variables, rows)
    triples: Any = answer
    return Results(rows=[(_text(t.subject), _text(t.predicate), _text(t.object)) for t in triples])

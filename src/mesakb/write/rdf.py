"""Linked data: the whole knowledge base as RDF (Turtle, JSON-LD), and back.

Every concept is a ``skos:Concept`` and ``schema:DefinedTerm`` at its permanent
identifier (:func:`mesakb.urls.concept_iri`), and also an ``owl:Class`` with ``rdfs:label``,
``IAO:0000115`` definition and ``oboInOwl`` synonyms, so OBO tools reading RDF see
labels, definitions and the ``is_a`` hierarchy (``rdfs:subClassOf``). Every
definition is a node of its own (``mkbv:Definition``): the verbatim quote, the
source it is quoted from (``prov:wasQuotedFrom``), the locator, the rank, and the
note, speaker and secondary text when set. Every relation is a triple with the
relation's own property (``mkbv:is_a``, ``mkbv:part_of``, …), declared with its
label, inverse and characteristics; ``is_a`` also gives ``skos:broader`` and the
symmetric relations ``skos:related``. Every source is a bibliographic resource
(Dublin Core, schema.org, BIBO), authors in order. The scheme carries the edition
(``owl:versionInfo``, ``owl:versionIRI``) and the licence (``dcterms:license``).

What SKOS, Dublin Core, schema.org and PROV cannot say is said with mesakb's own
small vocabulary, ``mkbv:`` (:data:`VOCABULARY`, exported as ``graph/vocab.ttl``
with labels and comments). The output has no blank nodes, so the Turtle and the
JSON-LD hold identical triples and are byte-stable. :func:`read_rdf` rebuilds the
concepts and sources from the triples, equal to the ones loaded from YAML.

Examples:
    >>> import mesakb
    >>> from pathlib import Path
    >>> from rdflib import URIRef
    >>> from rdflib.namespace import SKOS
    >>> kb = mesakb.load(Path("tests/fixtures/kb"))
    >>> g = rdf_graph(kb)
    >>> from mesakb.urls import concept_iri
    >>> iri = URIRef(concept_iri("mesa-optimizer"))
    >>> str(g.value(iri, SKOS.prefLabel))
    'mesa-optimizer'
    >>> concepts, sources = read_rdf(g)
    >>> concepts == kb.concepts and sources == kb.sources
    True
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, get_args

from mesakb.model import Concept, Kind, Source
from mesakb.quotes.provenance import Provenance, kb_ledger, provenances
from mesakb.urls import concept_iri, edition_iri, scheme_iri, source_iri, vocab_iri
from mesakb.vocab import RELATIONS
from mesakb.write.serial import canonical_json, json_bytes, text_bytes
from mesakb.write.works import KB_TITLE

if TYPE_CHECKING:
    import rdflib
    from rdflib.term import Node

    from mesakb.kb.base import KnowledgeBase

__all__ = [
    "LICENSE_URL",
    "PREFIXES",
    "SCHEME_URL",
    "VOCABULARY",
    "VocabTerm",
    "jsonld_bytes",
    "rdf_graph",
    "read_rdf",
    "shapes_turtle",
    "turtle_bytes",
    "vocab_graph",
]

SCHEME_URL = scheme_iri()
"""The IRI of the SKOS concept scheme (the glossary index page of the site)."""

LICENSE_URL = "https://creativecommons.org/licenses/by-sa/4.0/"
"""The licence of the content: CC BY-SA 4.0."""

PREFIXES: dict[str, str] = {
    "bibo": "http://purl.org/ontology/bibo/",
    "dcterms": "http://purl.org/dc/terms/",
    "mkbv": vocab_iri(),
    "obo": "http://purl.obolibrary.org/obo/",
    "oboInOwl": "http://www.geneontology.org/formats/oboInOwl#",
    "owl": "http://www.w3.org/2002/07/owl#",
    "prov": "http://www.w3.org/ns/prov#",
    "rdf": "http://www.w3.org/1999/02/22-rdf-syntax-ns#",
    "rdfs": "http://www.w3.org/2000/01/rdf-schema#",
    "schema": "https://schema.org/",
    "skos": "http://www.w3.org/2004/02/skos/core#",
    "xsd": "http://www.w3.org/2001/XMLSchema#",
}
"""The prefixes of every RDF file we write, and of the example SPARQL queries."""

_SYNONYM = {
    "exact": "hasExactSynonym",
    "broad": "hasBroadSynonym",
    "narrow": "hasNarrowSynonym",
    "related": "hasRelatedSynonym",
}
_SYMMETRIC_TO_SKOS = tuple(name for name, rel in RELATIONS.items() if rel.symmetric)


@dataclass(frozen=True, slots=True)
class VocabTerm:
    """One term of the ``mkbv:`` vocabulary.

    Attributes:
        name: The local name (``mkbv:<name>``).
        kind: ``class``, ``datatype`` (a property with literal values) or ``object``.
        label: A short human label.
        comment: What it means.
    """

    name: str
    kind: str
    label: str
    comment: str


_TERMS = """
Definition | class | definition | A verbatim quotation that defines a concept, with the source it is quoted from, where in it, and its rank.
Alias | class | alias | Another label of a concept, with its scope.
FormalStatement | class | formal statement | A LaTeX statement of a concept, with a table of symbols.
Symbol | class | symbol | One row of a formal statement's table of symbols.
Name | class | name | A person or organisation named as author or editor of a source.
definition | object | has definition | Links a concept to one of its quoted definitions (a mkbv:Definition).
quote | datatype | quote | The definition, quoted word for word from the source.
locator | datatype | locator | Where in the source: section and page, heading or glossary entry.
rank | datatype | rank | preferred (the canonical definition, exactly one per concept), alternative (competing or complementary) or historical (an older wording).
speaker | datatype | speaker | Who wrote the quoted words, in a source with several voices.
checkedAgainst | object | checked against | A secondary text the quotation was checked against, because it quotes the source.
note | datatype | note | In the project's words: how a definition differs from the preferred one, or what a formal statement leaves out.
position | datatype | position | The 1-based position of a definition, alias or symbol in its list.
alias | object | has alias | Links a concept to a qualified alias (a mkbv:Alias).
label | datatype | label | The text of an alias.
scope | datatype | scope | How an alias relates to the concept: exact (a synonym), broad, narrow or related.
kind | datatype | kind | What sort of concept: concept, problem, property, process, failure-mode, claim, proposal, method, analogy or distinction.
status | datatype | status | stable, draft or deprecated (a tombstone, with dcterms:isReplacedBy).
summary | datatype | summary | One sentence about the concept in the project's own words (not a quotation).
body | datatype | body | The explanation of the concept, in Markdown, in the project's own words.
attributedTo | object | attributed to | For a claim: an rdf:List of the names of the people who made it.
formal | object | formal statement | Links a concept to its formal statement.
latex | datatype | LaTeX | A statement or a symbol in LaTeX math.
symbol | object | symbol | Links a formal statement to a row of its table of symbols.
meaning | datatype | meaning | What a symbol stands for, in words.
relationOrder | object | relation order | Links a concept to an rdf:List of the objects of one relation, in the order the concept file lists them; the list's first node names the relation with mkbv:relation.
relation | object | relation | The relation property an ordered list is for.
cslType | datatype | CSL type | The CSL-JSON item type of a source (article, post, book, ...).
authors | object | authors | An rdf:List of a source's authors (mkbv:Name), in order.
editors | object | editors | An rdf:List of a source's editors (mkbv:Name), in order.
arxiv | datatype | arXiv id | The arXiv identifier of a source, e.g. 1906.01820.
checked | datatype | checked | True when every bibliographic field given was checked against a public copy.
checkNote | datatype | check note | What was checked about a source, and what could not be.
textFile | datatype | text file | File name of the plain-text or LaTeX copy used to verify quotations.
textHeld | datatype | text held | Where a source's text file is kept: project (among the project's own source texts, checked in every test run) or private (a copy kept outside the repository; verified quotations recorded in the ledger).
checkedByHandOn | datatype | checked by hand on | The day a person compared the quotation with a public copy of its source (YYYY-MM-DD).
checkedByHandAt | datatype | checked by hand at | The address of the public copy a person compared the quotation with.
provenance | datatype | provenance | How the quotation was checked: source-text (against the project's copy of its source, in every test run), ledger (against a copy kept outside the repository, recorded in the ledger), by-hand, or unchecked. Derived when the files are exported.
issuedParts | datatype | issued parts | The publication date as given: year, year-month or year-month-day.
urlText | datatype | URL text | The URL of a source exactly as given, when schema:url had to percent-encode characters an IRI may not hold.
cites | object | cites | In OBO and OBO-Graphs: a source that one of the concept's definitions is quoted from or was checked against.
"""  # noqa: E501


def _vocabulary() -> dict[str, VocabTerm]:
    rows = [tuple(cell.strip() for cell in line.split("|")) for line in _TERMS.strip().splitlines()]
    terms = {name: VocabTerm(name, kind, label, comment) for name, kind, label, comment in rows}
    for name, rel in RELATIONS.items():
        traits = [
            t for t, on in (("transitive", rel.transitive), ("symmetric", rel.symmetric)) if on
        ]
        comment = rel.description + (f" ({', '.join(traits)})" if traits else "")
        terms[name] = VocabTerm(name, "relation", rel.label, comment)
        if not rel.symmetric:
            terms[f"{name}_inverse"] = VocabTerm(
                f"{name}_inverse", "inverse", rel.inverse_label, f"The inverse of mkbv:{name}."
            )
    return terms


VOCABULARY: dict[str, VocabTerm] = _vocabulary()
"""Every term of the ``mkbv:`` vocabulary, by local name."""


def _ns() -> dict[str, Any]:
    from rdflib import Namespace

    return {prefix: Namespace(iri) for prefix, iri in PREFIXES.items()}


def _new_graph() -> rdflib.Graph:
    from rdflib import Graph

    graph = Graph(bind_namespaces="none")
    for prefix, iri in PREFIXES.items():
        graph.bind(prefix, iri)
    return graph


def _declare_vocab(graph: rdflib.Graph, names: Iterable[str]) -> None:
    from rdflib import Literal, URIRef

    ns = _ns()
    rdf, rdfs, owl = ns["rdf"], ns["rdfs"], ns["owl"]
    types = {
        "class": owl.Class,
        "datatype": owl.DatatypeProperty,
        "object": owl.ObjectProperty,
        "relation": owl.ObjectProperty,
        "inverse": owl.ObjectProperty,
    }
    for name in names:
        term = VOCABULARY[name]
        node = URIRef(vocab_iri(name))
        graph.add((node, rdf.type, types[term.kind]))
        graph.add((node, rdfs.label, Literal(term.label, lang="en")))
        graph.add((node, rdfs.comment, Literal(term.comment, lang="en")))
        graph.add((node, rdfs.isDefinedBy, URIRef(vocab_iri())))
        if term.kind == "relation":
            rel = RELATIONS[name]
            graph.add((node, ns["skos"].prefLabel, Literal(rel.label, lang="en")))
            if rel.transitive:
                graph.add((node, rdf.type, owl.TransitiveProperty))
            if rel.symmetric:
                graph.add((node, rdf.type, owl.SymmetricProperty))
                graph.add((node, owl.inverseOf, node))
            else:
                graph.add((node, owl.inverseOf, URIRef(vocab_iri(f"{name}_inverse"))))
            if name == "is_a":
                graph.add((node, rdfs.subPropertyOf, ns["skos"].broader))
            elif rel.symmetric:
                graph.add((node, rdfs.subPropertyOf, ns["skos"].related))


def vocab_graph() -> rdflib.Graph:
    """Return the ``mkbv:`` vocabulary as RDF: every term with its label and comment.

    Examples:
        >>> from rdflib import URIRef
        >>> from rdflib.namespace import OWL, RDF
        >>> g = vocab_graph()
        >>> (URIRef(vocab_iri("is_a")), RDF.type, OWL.TransitiveProperty) in g
        True
    """
    from rdflib import Literal, URIRef

    ns = _ns()
    graph = _new_graph()
    vocab = URIRef(vocab_iri())
    graph.add((vocab, ns["rdf"].type, ns["owl"].Ontology))
    graph.add((vocab, ns["dcterms"].title, Literal("The mesakb vocabulary", lang="en")))
    graph.add(
        (
            vocab,
            ns["rdfs"].comment,
            Literal(
                "Terms for what SKOS, Dublin Core, schema.org and PROV cannot say about "
                "mesakb: quoted definitions with locator and rank, qualified aliases, typed "
                "relations between concepts, and the order of lists.",
                lang="en",
            ),
        )
    )
    graph.add((vocab, ns["dcterms"].license, URIRef(LICENSE_URL)))
    _declare_vocab(graph, VOCABULARY)
    return graph


# -- writing -----------------------------------------------------------------------


_NOT_IN_IRI = str.maketrans({c: f"%{ord(c):02X}" for c in '<>"{}|\\^` '})


def _iri_safe(url: str) -> str:
    """Percent-encode the characters an IRI may not hold (RFC 3987); others are kept."""
    return url.translate(_NOT_IN_IRI)


def _date_literal(parts: tuple[int, ...]) -> rdflib.Literal:
    from rdflib import Literal
    from rdflib.namespace import XSD

    if len(parts) == 3:
        return Literal(f"{parts[0]:04d}-{parts[1]:02d}-{parts[2]:02d}", datatype=XSD.date)
    if len(parts) == 2:
        return Literal(f"{parts[0]:04d}-{parts[1]:02d}", datatype=XSD.gYearMonth)
    return Literal(f"{parts[0]:04d}", datatype=XSD.gYear)


class _Writer:
    def __init__(self, graph: rdflib.Graph) -> None:
        from rdflib import Literal, URIRef

        self.graph = graph
        self.ns = _ns()
        self.uri = URIRef
        self.lit = Literal
        self.provenance: dict[tuple[str, int], Provenance] = {}

    def m(self, name: str) -> rdflib.URIRef:
        return self.uri(vocab_iri(name))

    def add(self, s: Node, p: Node, o: Node) -> None:
        self.graph.add((s, p, o))

    def en(self, text: str) -> rdflib.Literal:
        return self.lit(text, lang="en")

    def seq(self, owner: str, name: str, items: list[Node]) -> rdflib.URIRef:
        """Write an rdf:List with IRI nodes ``<owner>#<name>-<n>`` (no blank nodes)."""
        rdf = self.ns["rdf"]
        nodes = [self.uri(f"{owner}#{name}-{n}") for n in range(1, len(items) + 1)]
        for index, (node, item) in enumerate(zip(nodes, items, strict=True)):
            self.add(node, rdf.first, item)
            self.add(node, rdf.rest, nodes[index + 1] if index + 1 < len(nodes) else rdf.nil)
        return nodes[0]

    def concept(self, kb: KnowledgeBase, concept: Concept, hierarchy: set[tuple[str, str]]) -> None:
        ns, m, en, lit = self.ns, self.m, self.en, self.lit
        rdf, rdfs, skos, schema = ns["rdf"], ns["rdfs"], ns["skos"], ns["schema"]
        dcterms, owl, obo, oio = ns["dcterms"], ns["owl"], ns["obo"], ns["oboInOwl"]
        iri = concept_iri(concept.id)
        node = self.uri(iri)
        scheme = self.uri(SCHEME_URL)
        for kind in (skos.Concept, schema.DefinedTerm, owl.Class):
            self.add(node, rdf.type, kind)
        self.add(node, skos.inScheme, scheme)
        self.add(node, schema.inDefinedTermSet, scheme)
        self.add(node, dcterms.identifier, lit(concept.id))
        self.add(node, schema.termCode, lit(concept.id))
        self.add(node, oio.id, lit(f"mesakb:{concept.id}"))
        term = en(concept.term)
        for predicate in (skos.prefLabel, rdfs.label, schema.name):
            self.add(node, predicate, term)
        self.add(node, m("kind"), lit(concept.kind))
        self.add(node, m("status"), lit(concept.status))
        self.add(node, m("summary"), en(concept.summary))
        self.add(node, schema.description, en(concept.summary))
        self.add(node, dcterms.license, self.uri(LICENSE_URL))
        if concept.body is not None:
            self.add(node, m("body"), en(concept.body))
        for index, alias in enumerate(concept.aliases, start=1):
            label = en(alias.label)
            alias_node = self.uri(f"{iri}#alias-{index}")
            self.add(node, m("alias"), alias_node)
            self.add(alias_node, rdf.type, m("Alias"))
            self.add(alias_node, m("label"), label)
            self.add(alias_node, m("scope"), lit(alias.scope))
            self.add(alias_node, m("position"), lit(index))
            self.add(node, oio[_SYNONYM[alias.scope]], label)
            if alias.label != concept.term:
                if alias.scope == "exact":
                    self.add(node, skos.altLabel, label)
                else:
                    self.add(node, skos.hiddenLabel, label)
        for index, definition in enumerate(concept.definitions, start=1):
            dnode = self.uri(f"{iri}#definition-{index}")
            quote = en(definition.quote)
            self.add(node, m("definition"), dnode)
            self.add(dnode, rdf.type, m("Definition"))
            self.add(dnode, m("quote"), quote)
            self.add(dnode, ns["prov"].wasQuotedFrom, self.uri(source_iri(definition.source)))
            self.add(dnode, dcterms.source, self.uri(source_iri(definition.source)))
            self.add(dnode, m("locator"), lit(definition.locator))
            self.add(dnode, m("rank"), lit(definition.rank))
            self.add(dnode, m("position"), lit(index))
            if definition.speaker is not None:
                self.add(dnode, m("speaker"), lit(definition.speaker))
            if definition.via is not None:
                self.add(dnode, m("checkedAgainst"), self.uri(source_iri(definition.via)))
            if definition.note is not None:
                self.add(dnode, m("note"), en(definition.note))
            hand = definition.checked_by_hand
            if hand is not None:
                self.add(dnode, m("checkedByHandOn"), lit(hand.date))
                self.add(dnode, m("checkedByHandAt"), lit(hand.url))
            found = self.provenance.get((concept.id, index - 1))
            if found is not None:
                self.add(dnode, m("provenance"), lit(found.kind))
            if definition.rank == "preferred":
                self.add(node, skos.definition, quote)
                self.add(node, obo.IAO_0000115, quote)
        if concept.attributed_to:
            items: list[Node] = [lit(name) for name in concept.attributed_to]
            self.add(node, m("attributedTo"), self.seq(iri, "attributed", items))
        if concept.formal is not None:
            formal = self.uri(f"{iri}#formal")
            self.add(node, m("formal"), formal)
            self.add(formal, rdf.type, m("FormalStatement"))
            self.add(formal, m("latex"), lit(concept.formal.latex))
            if concept.formal.note is not None:
                self.add(formal, m("note"), en(concept.formal.note))
            for index, symbol in enumerate(concept.formal.symbols, start=1):
                snode = self.uri(f"{iri}#symbol-{index}")
                self.add(formal, m("symbol"), snode)
                self.add(snode, rdf.type, m("Symbol"))
                self.add(snode, m("latex"), lit(symbol.symbol))
                self.add(snode, m("meaning"), en(symbol.meaning))
                self.add(snode, m("position"), lit(index))
        if concept.status == "deprecated":
            self.add(node, owl.deprecated, lit(True))
        if concept.replaced_by is not None:
            replacement = self.uri(concept_iri(concept.replaced_by))
            self.add(node, dcterms.isReplacedBy, replacement)
            self.add(node, obo.IAO_0100001, replacement)
        broader = [t for t in concept.relations.is_a if t in kb.concepts]
        if not broader and concept.status != "deprecated":
            self.add(node, skos.topConceptOf, scheme)
            self.add(scheme, skos.hasTopConcept, node)
        for relation, targets in concept.relations.items():
            for target in targets:
                tnode = self.uri(concept_iri(target))
                self.add(node, m(relation), tnode)
                if relation == "is_a":
                    self.add(node, skos.broader, tnode)
                    self.add(tnode, skos.narrower, node)
                    self.add(node, rdfs.subClassOf, tnode)
                elif (
                    relation in _SYMMETRIC_TO_SKOS
                    and (concept.id, target) not in hierarchy
                    and target != concept.id
                ):
                    self.add(node, skos.related, tnode)
                    self.add(tnode, skos.related, node)
            if len(targets) > 1:
                head = self.seq(
                    iri, f"{relation}-order", [self.uri(concept_iri(t)) for t in targets]
                )
                self.add(node, m("relationOrder"), head)
                self.add(head, m("relation"), m(relation))

    def names(self, owner: str, role: str, names: Iterable[Any]) -> list[Node]:
        ns = self.ns
        nodes: list[Node] = []
        for index, name in enumerate(names, start=1):
            node = self.uri(f"{owner}#{role}-{index}")
            nodes.append(node)
            self.add(node, ns["rdf"].type, self.m("Name"))
            self.add(node, ns["schema"].name, self.lit(str(name)))
            if name.family is not None:
                self.add(node, ns["rdf"].type, ns["schema"].Person)
                self.add(node, ns["schema"].familyName, self.lit(name.family))
                if name.given is not None:
                    self.add(node, ns["schema"].givenName, self.lit(name.given))
        return nodes

    def source(self, source: Source) -> None:
        ns, m, lit = self.ns, self.m, self.lit
        rdf, schema, dcterms, bibo = ns["rdf"], ns["schema"], ns["dcterms"], ns["bibo"]
        iri = source_iri(source.id)
        node = self.uri(iri)
        kind = {
            "article-journal": bibo.AcademicArticle,
            "paper-conference": bibo.AcademicArticle,
            "article": bibo.AcademicArticle,
            "book": bibo.Book,
            "chapter": bibo.Chapter,
            "report": bibo.Report,
            "thesis": bibo.Thesis,
            "manuscript": bibo.Manuscript,
            "webpage": bibo.Webpage,
            "post": schema.SocialMediaPosting,
            "post-weblog": schema.BlogPosting,
            "entry-encyclopedia": schema.Article,
        }[source.type]
        self.add(node, rdf.type, schema.CreativeWork)
        self.add(node, rdf.type, kind)
        self.add(node, m("cslType"), lit(source.type))
        self.add(node, dcterms.identifier, lit(source.id))
        self.add(node, dcterms.title, lit(source.title))
        self.add(node, schema.name, lit(source.title))
        authors = self.names(iri, "author", source.author)
        for author in authors:
            self.add(node, dcterms.creator, author)
            self.add(node, schema.author, author)
        if authors:
            self.add(node, m("authors"), self.seq(iri, "authors", authors))
            self.add(node, bibo.authorList, self.uri(f"{iri}#authors-1"))
        editors = self.names(iri, "editor", source.editor)
        for editor in editors:
            self.add(node, schema.editor, editor)
        if editors:
            self.add(node, m("editors"), self.seq(iri, "editors", editors))
            self.add(node, bibo.editorList, self.uri(f"{iri}#editors-1"))
        if source.issued is not None:
            parts = source.issued.date_parts[0]
            self.add(node, dcterms.issued, _date_literal(parts))
            self.add(node, schema.datePublished, _date_literal(parts))
            self.add(node, m("issuedParts"), lit("-".join(str(p) for p in parts)))
        if source.container_title is not None:
            container = self.uri(f"{iri}#container")
            self.add(node, dcterms.isPartOf, container)
            self.add(node, schema.isPartOf, container)
            self.add(container, rdf.type, schema.CreativeWork)
            self.add(container, dcterms.title, lit(source.container_title))
            self.add(container, schema.name, lit(source.container_title))
        if source.publisher is not None:
            self.add(node, dcterms.publisher, lit(source.publisher))
        if source.URL is not None:
            iri = _iri_safe(source.URL)
            self.add(node, schema.url, self.uri(iri))
            if iri != source.URL:
                self.add(node, m("urlText"), lit(source.URL))
        if source.DOI is not None:
            self.add(node, bibo.doi, lit(source.DOI))
            self.add(node, schema.sameAs, self.uri(f"https://doi.org/{source.DOI}"))
        if source.arxiv is not None:
            self.add(node, m("arxiv"), lit(source.arxiv))
            self.add(node, schema.sameAs, self.uri(f"https://arxiv.org/abs/{source.arxiv}"))
        self.add(node, m("checked"), lit(source.checked))
        if source.check_note is not None:
            self.add(node, m("checkNote"), lit(source.check_note))
        if source.text_file is not None:
            self.add(node, m("textFile"), lit(source.text_file))
        self.add(node, m("textHeld"), lit(source.text_held))


def _hierarchy(kb: KnowledgeBase) -> set[tuple[str, str]]:
    pairs: set[tuple[str, str]] = set()
    for cid in kb.concepts:
        for other in kb.more_general(cid):
            pairs.add((cid, other.id))
            pairs.add((other.id, cid))
    return pairs


def rdf_graph(kb: KnowledgeBase) -> rdflib.Graph:
    """Return the whole knowledge base as triples (rdflib); see the module docstring.

    ``skos:related`` (from the symmetric relations) is left out between concepts that
    are broader or narrower than each other, as SKOS requires; the relation's own
    ``mkbv:`` triple is always there.

    Args:
        kb: The knowledge base.

    Returns:
        A new graph with no blank nodes.

    Examples:
        >>> import mesakb
        >>> from pathlib import Path
        >>> from rdflib import URIRef
        >>> from rdflib.namespace import OWL
        >>> g = rdf_graph(mesakb.load(Path("tests/fixtures/kb")))
        >>> str(g.value(URIRef(SCHEME_URL), OWL.versionInfo))
        '0.1.0'
    """
    graph = _new_graph()
    writer = _Writer(graph)
    writer.provenance = provenances(kb.concepts, kb.sources, kb_ledger(kb))
    ns = writer.ns
    rdf, owl, dcterms = ns["rdf"], ns["owl"], ns["dcterms"]
    scheme = writer.uri(SCHEME_URL)
    for kind in (ns["skos"].ConceptScheme, ns["schema"].DefinedTermSet, owl.Ontology):
        writer.add(scheme, rdf.type, kind)
    title = writer.en(KB_TITLE)
    for predicate in (ns["skos"].prefLabel, ns["schema"].name, dcterms.title, ns["rdfs"].label):
        writer.add(scheme, predicate, title)
    writer.add(scheme, owl.versionInfo, writer.lit(kb.version))
    writer.add(scheme, owl.versionIRI, writer.uri(edition_iri(kb.version)))
    writer.add(scheme, dcterms.license, writer.uri(LICENSE_URL))
    writer.add(scheme, ns["schema"].license, writer.uri(LICENSE_URL))
    _declare_vocab(graph, [n for n, t in VOCABULARY.items() if t.kind in ("relation", "inverse")])
    hierarchy = _hierarchy(kb)
    for concept in kb.concepts.values():
        writer.concept(kb, concept, hierarchy)
    for key in sorted(kb.sources):
        writer.source(kb.sources[key])
    return graph


def turtle_bytes(graph: rdflib.Graph) -> bytes:
    """Return a graph as Turtle (rdflib sorts subjects, so the bytes are stable)."""
    return text_bytes(graph.serialize(format="turtle"))


def jsonld_bytes(graph: rdflib.Graph) -> bytes:
    """Return a graph as compact JSON-LD with our prefixes as its context, sorted."""
    context = {prefix: str(ns) for prefix, ns in graph.namespaces()}
    data = json.loads(graph.serialize(format="json-ld", context=context, auto_compact=True))
    return json_bytes(canonical_json(data))


# -- reading -----------------------------------------------------------------------


class _Reader:
    def __init__(self, graph: rdflib.Graph) -> None:
        from rdflib import URIRef

        self.graph = graph
        self.ns = _ns()
        self.uri = URIRef

    def m(self, name: str) -> rdflib.URIRef:
        return self.uri(vocab_iri(name))

    def one(self, node: Node, predicate: Node) -> Any:
        values = list(self.graph.objects(node, predicate))
        if len(values) > 1:
            raise ValueError(f"{node} has {len(values)} values of {predicate}")
        return values[0].toPython() if values else None  # type: ignore[attr-defined]

    def text(self, node: Node, predicate: Node) -> str | None:
        value = self.one(node, predicate)
        return None if value is None else str(value)

    def seq(self, head: Node | None) -> list[Any]:
        from rdflib.collection import Collection

        if head is None:
            return []
        return list(Collection(self.graph, head))

    def by_position(self, node: Node, predicate: Node) -> list[Node]:
        children = list(self.graph.objects(node, predicate))
        return sorted(children, key=lambda child: int(self.one(child, self.m("position"))))

    def concept(self, node: Node) -> dict[str, Any]:
        ns, m = self.ns, self.m
        data: dict[str, Any] = {
            "id": self.text(node, ns["dcterms"].identifier),
            "term": self.text(node, ns["skos"].prefLabel),
            "kind": self.text(node, m("kind")),
            "status": self.text(node, m("status")),
            "summary": self.text(node, m("summary")),
            "aliases": [
                {"label": self.text(a, m("label")), "scope": self.text(a, m("scope"))}
                for a in self.by_position(node, m("alias"))
            ],
            "definitions": [self.definition(d) for d in self.by_position(node, m("definition"))],
        }
        body = self.text(node, m("body"))
        if body is not None:
            data["body"] = body
        replaced = self.one(node, ns["dcterms"].isReplacedBy)
        if replaced is not None:
            data["replaced_by"] = self.concept_id(replaced)
        attributed = self.one(node, m("attributedTo"))
        if attributed is not None:
            data["attributed_to"] = [str(x) for x in self.seq(self.uri(attributed))]
        formal = self.one(node, m("formal"))
        if formal is not None:
            fnode = self.uri(formal)
            data["formal"] = {
                "latex": self.text(fnode, m("latex")),
                "symbols": [
                    {"symbol": self.text(s, m("latex")), "meaning": self.text(s, m("meaning"))}
                    for s in self.by_position(fnode, m("symbol"))
                ],
            }
            note = self.text(fnode, m("note"))
            if note is not None:
                data["formal"]["note"] = note
        relations: dict[str, list[str]] = {}
        for relation in RELATIONS:
            targets = sorted(self.concept_id(str(t)) for t in self.graph.objects(node, m(relation)))
            if targets:
                relations[relation] = targets
        for head in self.graph.objects(node, m("relationOrder")):
            relation = str(self.one(head, m("relation"))).removeprefix(vocab_iri())
            ordered = [self.concept_id(str(t)) for t in self.seq(head)]
            if sorted(ordered) != relations.get(relation):
                raise ValueError(f"{node}: the order of {relation} disagrees with its triples")
            relations[relation] = ordered
        data["relations"] = relations
        return data

    def definition(self, node: Node) -> dict[str, Any]:
        m = self.m
        data: dict[str, Any] = {
            "quote": self.text(node, m("quote")),
            "source": self.source_key(self.one(node, self.ns["prov"].wasQuotedFrom)),
            "locator": self.text(node, m("locator")),
            "rank": self.text(node, m("rank")),
        }
        for field, predicate in (("speaker", "speaker"), ("note", "note")):
            value = self.text(node, m(predicate))
            if value is not None:
                data[field] = value
        via = self.one(node, m("checkedAgainst"))
        if via is not None:
            data["via"] = self.source_key(via)
        day = self.text(node, m("checkedByHandOn"))
        if day is not None:
            data["checked_by_hand"] = {"date": day, "url": self.text(node, m("checkedByHandAt"))}
        return data

    def concept_id(self, iri: str) -> str:
        cid = self.text(self.uri(iri), self.ns["dcterms"].identifier)
        if cid is None:
            raise ValueError(f"{iri} has no dcterms:identifier")
        return cid

    def source_key(self, iri: Any) -> str:
        key = self.text(self.uri(str(iri)), self.ns["dcterms"].identifier)
        if key is None:
            raise ValueError(f"{iri} has no dcterms:identifier")
        return key

    def name(self, node: Node) -> dict[str, str]:
        schema = self.ns["schema"]
        family = self.text(node, schema.familyName)
        if family is None:
            return {"literal": str(self.text(node, schema.name))}
        name = {"family": family}
        given = self.text(node, schema.givenName)
        if given is not None:
            name["given"] = given
        return name

    def source(self, node: Node) -> dict[str, Any]:
        ns, m = self.ns, self.m
        dcterms = ns["dcterms"]
        data: dict[str, Any] = {
            "id": self.text(node, dcterms.identifier),
            "type": self.text(node, m("cslType")),
            "title": self.text(node, dcterms.title),
            "checked": self.one(node, m("checked")),
        }
        for field, role in (("author", "authors"), ("editor", "editors")):
            head = self.one(node, m(role))
            if head is not None:
                data[field] = [self.name(n) for n in self.seq(self.uri(head))]
        parts = self.text(node, m("issuedParts"))
        if parts is not None:
            data["issued"] = {"date-parts": [[int(p) for p in parts.split("-")]]}
        container = self.one(node, dcterms.isPartOf)
        if container is not None:
            data["container-title"] = self.text(self.uri(container), dcterms.title)
        fields: list[tuple[str, Node]] = [
            ("publisher", dcterms.publisher),
            ("DOI", ns["bibo"].doi),
            ("arxiv", m("arxiv")),
            ("check_note", m("checkNote")),
            ("text_file", m("textFile")),
            ("text_held", m("textHeld")),
            ("URL", m("urlText")),
        ]
        for field, predicate in fields:
            value = self.text(node, predicate)
            if value is not None:
                data[field] = value
        if "URL" not in data:
            url = self.text(node, ns["schema"].url)
            if url is not None:
                data["URL"] = url
        return data


def _subjects(graph: rdflib.Graph, kind: Node) -> Iterator[Node]:
    from rdflib.namespace import RDF

    yield from sorted(graph.subjects(RDF.type, kind), key=str)


def read_rdf(graph: rdflib.Graph) -> tuple[dict[str, Concept], dict[str, Source]]:
    """Rebuild the concepts and sources from triples written by :func:`rdf_graph`.

    Only the ``mkbv:``, Dublin Core, PROV and schema.org triples are read; the
    SKOS and OBO triples that repeat them are for other tools.

    Args:
        graph: A graph parsed from ``graph/mesakb.ttl`` or ``graph/mesakb.jsonld``.

    Returns:
        Concepts by id (in id order) and sources by key (in key order), as the models.

    Raises:
        ValueError: A value the export writes once appears several times, or an
            ordered list disagrees with the triples it orders.
        pydantic.ValidationError: The triples do not make a valid concept or source.
    """
    reader = _Reader(graph)
    ns = reader.ns
    concepts = [
        Concept.model_validate(reader.concept(node))
        for node in _subjects(graph, ns["skos"].Concept)
    ]
    sources = [
        Source.model_validate(reader.source(node))
        for node in _subjects(graph, ns["schema"].CreativeWork)
        if reader.one(node, reader.m("cslType")) is not None
    ]
    return (
        {c.id: c for c in sorted(concepts, key=lambda c: c.id)},
        {s.id: s for s in sorted(sources, key=lambda s: s.id)},
    )


# -- SHACL ------------------------------------------------------------------------


def shapes_turtle() -> str:
    """Return the SHACL shapes every export of :func:`rdf_graph` must conform to.

    Examples:
        >>> "sh:NodeShape" in shapes_turtle()
        True
    """
    prefixes = "".join(f"@prefix {p}: <{iri}> .\n" for p, iri in PREFIXES.items())
    kinds = " ".join(f'"{k}"' for k in get_args(Kind))
    relations = "\n".join(
        f"    [ sh:path mkbv:{name} ; sh:class skos:Concept ; sh:nodeKind sh:IRI ] ,"
        for name in RELATIONS
    )
    return f"""{prefixes}@prefix sh: <http://www.w3.org/ns/shacl#> .
@prefix mkbs: <{vocab_iri("shapes/")}> .

mkbs:Concept a sh:NodeShape ;
  sh:targetClass skos:Concept ;
  rdfs:comment "A concept: one term, one id, a kind, a status, a summary; its definitions, aliases and relations well formed."@en ;
  sh:property
    [ sh:path skos:prefLabel ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype rdf:langString ] ,
    [ sh:path rdfs:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:equals skos:prefLabel ] ,
    [ sh:path obo:IAO_0000115 ; sh:equals skos:definition ] ,
    [ sh:path dcterms:identifier ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ;
      sh:pattern "^[a-z0-9]+(?:-[a-z0-9]+)*$" ] ,
    [ sh:path mkbv:kind ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( {kinds} ) ] ,
    [ sh:path mkbv:status ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( "stable" "draft" "deprecated" ) ] ,
    [ sh:path mkbv:summary ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype rdf:langString ] ,
    [ sh:path skos:inScheme ; sh:minCount 1 ; sh:hasValue <{SCHEME_URL}> ] ,
    [ sh:path skos:definition ; sh:maxCount 1 ] ,
    [ sh:path mkbv:definition ; sh:node mkbs:Definition ] ,
    [ sh:path mkbv:alias ; sh:node mkbs:Alias ] ,
    [ sh:path dcterms:isReplacedBy ; sh:maxCount 1 ; sh:class skos:Concept ] ,
{relations}
    [ sh:path dcterms:license ; sh:hasValue <{LICENSE_URL}> ] .

mkbs:Definition a sh:NodeShape ;
  sh:targetClass mkbv:Definition ;
  sh:property
    [ sh:path mkbv:quote ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype rdf:langString ] ,
    [ sh:path prov:wasQuotedFrom ; sh:minCount 1 ; sh:maxCount 1 ; sh:class schema:CreativeWork ;
      sh:equals dcterms:source ] ,
    [ sh:path mkbv:checkedAgainst ; sh:maxCount 1 ; sh:class schema:CreativeWork ] ,
    [ sh:path mkbv:locator ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ] ,
    [ sh:path mkbv:rank ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( "preferred" "alternative" "historical" ) ] ,
    [ sh:path mkbv:position ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ] .

mkbs:Alias a sh:NodeShape ;
  sh:targetClass mkbv:Alias ;
  sh:property
    [ sh:path mkbv:label ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype rdf:langString ] ,
    [ sh:path mkbv:scope ; sh:minCount 1 ; sh:maxCount 1 ; sh:in ( "exact" "broad" "narrow" "related" ) ] ,
    [ sh:path mkbv:position ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:integer ] .

mkbs:Source a sh:NodeShape ;
  sh:targetSubjectsOf mkbv:cslType ;
  sh:property
    [ sh:path dcterms:title ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:string ] ,
    [ sh:path dcterms:identifier ; sh:minCount 1 ; sh:maxCount 1 ] ,
    [ sh:path mkbv:checked ; sh:minCount 1 ; sh:maxCount 1 ; sh:datatype xsd:boolean ] ,
    [ sh:path dcterms:creator ; sh:class mkbv:Name ] ,
    [ sh:path dcterms:issued ; sh:maxCount 1 ;
      sh:or ( [ sh:datatype xsd:gYear ] [ sh:datatype xsd:gYearMonth ] [ sh:datatype xsd:date ] ) ] ,
    [ sh:path schema:url ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] .

mkbs:Name a sh:NodeShape ;
  sh:targetClass mkbv:Name ;
  sh:property [ sh:path schema:name ; sh:minCount 1 ; sh:maxCount 1 ] .

mkbs:Scheme a sh:NodeShape ;
  sh:targetClass skos:ConceptScheme ;
  sh:property
    [ sh:path owl:versionInfo ; sh:minCount 1 ; sh:maxCount 1 ] ,
    [ sh:path owl:versionIRI ; sh:minCount 1 ; sh:maxCount 1 ; sh:nodeKind sh:IRI ] ,
    [ sh:path dcterms:license ; sh:minCount 1 ; sh:hasValue <{LICENSE_URL}> ] .
"""  # noqa: E501

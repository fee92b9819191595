"""The data model: what a concept file and a source file may contain.

Models hold data only. They are frozen, reject unknown keys, never coerce one
type into another (``1`` is not the string ``"1"``), and describe every field; the
descriptions feed the JSON Schema that editors use to check files as they are
typed (``mesakb schema``). Checks that need more than one file live in
:mod:`mesakb.read.rules`.

Examples:
    >>> c = Concept.model_validate({
    ...     "id": "optimizer", "term": "optimizer", "kind": "concept",
    ...     "summary": "A system that searches for high-scoring options.",
    ...     "definitions": [{"quote": "...", "source": "hubinger2019risks",
    ...                      "locator": "sec. 1.1", "rank": "preferred"}],
    ... })
    >>> c.term, c.status, c.relations.is_a
    ('optimizer', 'stable', ())
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, Strict, StringConstraints, model_validator

__all__ = [
    "Alias",
    "Concept",
    "ConceptId",
    "Definition",
    "Formal",
    "Name",
    "Relations",
    "Source",
    "SourceDate",
    "SourceKey",
    "Symbol",
]

ID_PATTERN = r"^[a-z0-9]+(?:-[a-z0-9]+)*$"
KEY_PATTERN = r"^[a-z][a-z0-9]*(?:[-_][a-z0-9]+)*$"

ConceptId = Annotated[str, Strict(), StringConstraints(pattern=ID_PATTERN, max_length=80)]
"""A permanent concept id: lower-case kebab-case ASCII, also the file stem."""

SourceKey = Annotated[str, Strict(), StringConstraints(pattern=KEY_PATTERN, max_length=80)]
"""A citation key of a source, also the stem of its file in ``sources/``."""

Line = Annotated[
    str, Strict(), StringConstraints(min_length=1, max_length=300, pattern=r"^\S(?:.*\S)?$")
]
"""One line of text with no leading or trailing space."""

Text = Annotated[str, Strict(), StringConstraints(min_length=1, max_length=20_000, pattern=r"\S")]
"""Free text (Markdown where the field says so); never blank."""

Kind = Literal[
    "concept",
    "problem",
    "property",
    "process",
    "failure-mode",
    "claim",
    "proposal",
    "method",
    "analogy",
    "distinction",
]
Scope = Literal["exact", "broad", "narrow", "related"]
Rank = Literal["preferred", "alternative", "historical"]
Status = Literal["stable", "draft", "deprecated"]
SourceType = Literal[
    "article",
    "article-journal",
    "paper-conference",
    "post",
    "post-weblog",
    "webpage",
    "book",
    "chapter",
    "report",
    "manuscript",
    "entry-encyclopedia",
    "thesis",
]


class _Model(BaseModel):
    model_config = ConfigDict(
        frozen=True,
        extra="forbid",
        populate_by_name=True,
        str_strip_whitespace=False,
    )


class Alias(_Model):
    """Another label for a concept, with how closely it matches the term."""

    label: Line = Field(description="The alternative label, as people write it.")
    scope: Scope = Field(
        description=(
            "How the label relates to the concept (SKOS-style): exact = a synonym; broad = "
            "used for something wider; narrow = used for something narrower; related = "
            "used loosely."
        ),
    )


class HandCheck(_Model):
    """A quotation checked word for word by a person against a public copy of its source."""

    date: Annotated[str, Strict(), StringConstraints(pattern=r"^\d{4}-\d{2}-\d{2}$")] = Field(
        description="The day of the check, YYYY-MM-DD."
    )
    url: Annotated[str, Strict(), StringConstraints(pattern=r"^https://[^\s<>\"'`]+$")] = Field(
        description="The https address of the public copy checked against."
    )


class Definition(_Model):
    """A verbatim quotation that defines the concept, with where it comes from."""

    quote: Text = Field(description="The definition, quoted word for word from the source.")
    source: SourceKey = Field(description="Citation key of the source (a file in sources/).")
    locator: Line = Field(
        description="Where in the source: section and page, or section heading, or glossary entry."
    )
    rank: Rank = Field(
        description=(
            "preferred = the canonical definition (exactly one per concept); alternative = a "
            "competing or complementary definition; historical = an older wording."
        ),
    )
    speaker: Line | None = Field(
        default=None,
        description="Who wrote the quoted words, when the source has several voices.",
    )
    via: SourceKey | None = Field(
        default=None,
        description="Citation key of a secondary text the quotation was checked against.",
    )
    note: Text | None = Field(
        default=None,
        description="In our words: how this definition differs from the preferred one.",
    )
    checked_by_hand: HandCheck | None = Field(
        default=None,
        description=(
            "For a quotation whose source has no text file: the record of a "
            "check by hand against a public copy (date and address)."
        ),
    )


class Symbol(_Model):
    """One row of a formal statement's table of symbols."""

    symbol: Line = Field(description="The symbol, in LaTeX (math mode).")
    meaning: Line = Field(description="What the symbol stands for, in words.")


class Formal(_Model):
    """A formal statement of the concept in LaTeX, with a table of symbols."""

    latex: Text = Field(description="The statement in LaTeX math (display mode, no $ signs).")
    symbols: tuple[Symbol, ...] = Field(default=(), description="What each symbol means.")
    note: Text | None = Field(
        default=None, description="In our words: what the formal statement leaves out."
    )


class Relations(_Model):
    """Typed relations from this concept (the subject) to other concepts (objects).

    The vocabulary is closed; see :data:`mesakb.vocab.RELATIONS`.
    """

    is_a: tuple[ConceptId, ...] = Field(
        default=(), description="More general concepts this one is a kind of."
    )
    part_of: tuple[ConceptId, ...] = Field(
        default=(), description="Wholes this concept is a part or aspect of."
    )
    requires: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts to read first (prerequisites)."
    )
    formalizes: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts this one gives a formal account of."
    )
    example_of: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts this one is an instance of."
    )
    about: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts this claim is a statement about."
    )
    leads_to: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts this one can bring about."
    )
    supports: tuple[ConceptId, ...] = Field(
        default=(), description="Claims or concepts this claim argues for."
    )
    objects_to: tuple[ConceptId, ...] = Field(
        default=(), description="Claims or concepts this claim argues against."
    )
    contrasts_with: tuple[ConceptId, ...] = Field(
        default=(), description="Alternatives usefully compared with it."
    )
    not_to_be_confused_with: tuple[ConceptId, ...] = Field(
        default=(), description="Concepts easily mixed up with it."
    )
    related: tuple[ConceptId, ...] = Field(default=(), description="Other associated concepts.")

    def items(self) -> list[tuple[str, tuple[str, ...]]]:
        """Return ``(relation, targets)`` pairs for the relations that are set.

        Examples:
            >>> Relations(is_a=("optimizer",)).items()
            [('is_a', ('optimizer',))]
        """
        # From the fields' storage directly: iterating a model is several times slower.
        return [(name, targets) for name, targets in self.__dict__.items() if targets]


class Concept(_Model):
    """One concept of the theory: a term, its quoted definitions and its relations."""

    model_config = ConfigDict(
        json_schema_extra={"title": "mesakb concept"},
    )

    id: ConceptId = Field(description="Permanent id; must equal the file name without .yaml.")
    term: Line = Field(description="The preferred term, as written in running text.")
    aliases: tuple[Alias, ...] = Field(default=(), description="Other labels in use.")
    kind: Kind = Field(description="What sort of thing this is.")
    status: Status = Field(
        default="stable",
        description="stable, draft, or deprecated (a tombstone that names replaced_by).",
    )
    replaced_by: ConceptId | None = Field(
        default=None, description="For a deprecated concept: the id that replaces it."
    )
    summary: Text = Field(description="One sentence in our own words.")
    definitions: tuple[Definition, ...] = Field(
        default=(), description="Verbatim definitions; exactly one preferred."
    )
    attributed_to: tuple[Line, ...] = Field(
        default=(), description="For a claim: the people who made it."
    )
    body: Text | None = Field(
        default=None,
        description="Explanation in Markdown, in our own words; quotations marked as such.",
    )
    formal: Formal | None = Field(default=None, description="A formal statement, if one exists.")
    relations: Relations = Field(
        default_factory=Relations, description="Typed relations to other concepts."
    )

    @property
    def preferred(self) -> Definition | None:
        """The preferred definition, or None for a tombstone.

        Examples:
            >>> Concept(id="x", term="x", kind="concept", summary="An x.").preferred is None
            True
        """
        return next((d for d in self.definitions if d.rank == "preferred"), None)

    @property
    def labels(self) -> tuple[str, ...]:
        """The term followed by every alias label.

        Examples:
            >>> Concept(id="x", term="x", kind="concept", summary="An x.",
            ...         aliases=[Alias(label="ex", scope="exact")]).labels
            ('x', 'ex')
        """
        return (self.term, *(a.label for a in self.aliases))


class Name(_Model):
    """A person or organisation, CSL-JSON style."""

    family: Line | None = Field(default=None, description="Family name.")
    given: Line | None = Field(default=None, description="Given names.")
    literal: Line | None = Field(
        default=None, description="A name not split into parts (an organisation, a handle)."
    )

    @model_validator(mode="after")
    def _one_form(self) -> Name:
        if (self.literal is None) == (self.family is None):
            raise ValueError("give either 'family' (with optional 'given') or 'literal'")
        if self.literal is not None and self.given is not None:
            raise ValueError("'given' goes with 'family', not with 'literal'")
        return self

    def __str__(self) -> str:
        """Return the name as it is written in running text."""
        if self.literal is not None:
            return self.literal
        return f"{self.given} {self.family}" if self.given else str(self.family)


DatePart = Annotated[int, Strict(), Field(ge=1, le=9999)]


class SourceDate(_Model):
    """A CSL-JSON date: ``date-parts`` of year, and optionally month and day."""

    date_parts: tuple[Annotated[tuple[DatePart, ...], Field(min_length=1, max_length=3)]] = Field(
        alias="date-parts", description="[[year]], [[year, month]] or [[year, month, day]]."
    )

    @model_validator(mode="after")
    def _calendar(self) -> SourceDate:
        parts = self.date_parts[0]
        if parts[0] < 1000:
            raise ValueError(f"year {parts[0]} should have four digits")
        if len(parts) > 1 and parts[1] > 12:
            raise ValueError(f"month {parts[1]} should be 1 to 12")
        if len(parts) > 2 and parts[2] > 31:
            raise ValueError(f"day {parts[2]} should be 1 to 31")
        return self


class Source(_Model):
    """A cited work, with CSL-JSON field names. Unchecked fields are left out."""

    model_config = ConfigDict(json_schema_extra={"title": "mesakb source"})

    id: SourceKey = Field(description="Citation key; must equal the file name without .yaml.")
    type: SourceType = Field(description="CSL-JSON item type.")
    title: Line = Field(description="Title as published.")
    author: tuple[Name, ...] = Field(default=(), description="Authors, in order.")
    editor: tuple[Name, ...] = Field(default=(), description="Editors, in order.")
    issued: SourceDate | None = Field(default=None, description="Date of publication.")
    container_title: Line | None = Field(
        default=None, alias="container-title", description="Journal, site or proceedings."
    )
    publisher: Line | None = Field(default=None, description="Publisher or hosting organisation.")
    URL: Annotated[str, Strict(), StringConstraints(pattern=r"^https://[^\s<>\"'`]+$")] | None = (
        Field(default=None, description="A stable https URL of the work.")
    )
    DOI: Annotated[str, Strict(), StringConstraints(pattern=r"^10\.\d{4,9}/\S+$")] | None = Field(
        default=None, description="Digital Object Identifier, without the resolver prefix."
    )
    arxiv: Annotated[str, Strict(), StringConstraints(pattern=r"^\d{4}\.\d{4,5}$")] | None = Field(
        default=None, description="arXiv identifier, e.g. 1906.01820."
    )
    checked: Annotated[bool, Strict()] = Field(
        description="True when every field given was checked against a public copy."
    )
    check_note: Text | None = Field(
        default=None, description="What was checked, and what could not be."
    )
    text_file: (
        Annotated[str, Strict(), StringConstraints(pattern=r"^[A-Za-z0-9_.-]+\.(?:txt|tex)$")]
        | None
    ) = Field(
        default=None,
        description=(
            "File name of a plain-text copy (.txt), or of the LaTeX source (.tex), for "
            "`mesakb verify-quotes --corpus DIR`."
        ),
    )
    text_held: Literal["project", "private"] = Field(
        default="private",
        description=(
            "Where the text_file is kept: project = among the project's own source texts "
            "(shared/sources), so every test run checks its quotations word for word; "
            "private = a copy kept outside the repository, whose verified quotations are "
            "recorded in the ledger (verified-quotes.json)."
        ),
    )

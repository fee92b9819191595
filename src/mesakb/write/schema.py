"""The JSON Schema of concept and source files, and skeleton files for authors.

Editors that speak the YAML language server check a file against the schema as
it is typed; see the README.

Examples:
    >>> schema = json_schema("concept")
    >>> schema["title"], "summary" in schema["required"]
    ('mesakb concept', True)
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, Literal

from mesakb.errors import MesakbError
from mesakb.model import ID_PATTERN, Concept, Source

__all__ = ["json_schema", "new_concept_file", "skeleton"]

SCHEMA_URI = "https://json-schema.org/draft/2020-12/schema"


def json_schema(kind: Literal["concept", "source"] = "concept") -> dict[str, Any]:
    """Return the JSON Schema (draft 2020-12) of a concept or source file.

    Args:
        kind: ``concept`` or ``source``.

    Returns:
        The schema as a JSON-ready mapping.
    """
    model = Concept if kind == "concept" else Source
    schema = model.model_json_schema(by_alias=True, mode="validation")
    return {"$schema": SCHEMA_URI, **schema}


def skeleton(id: str, term: str | None = None) -> str:
    """Return the text of a new draft concept file.

    Examples:
        >>> print(skeleton("inner-misalignment").splitlines()[1])
        id: inner-misalignment
    """
    term = term or id.replace("-", " ")
    return (
        "# yaml-language-server: $schema=../graph/concept.schema.json\n"
        f"id: {id}\n"
        f"term: {term}\n"
        "kind: concept\n"
        "status: draft\n"
        "summary: >-\n"
        "  One sentence, in our own words, saying what this is.\n"
        "# definitions:\n"
        '#   - quote: "The definition, copied word for word."\n'
        "#     source: hubinger2019risks\n"
        '#     locator: "sec. 7 (Glossary)"\n'
        "#     rank: preferred\n"
        "# relations:\n"
        "#   is_a: [some-more-general-concept]\n"
    )


def new_concept_file(root: Path, id: str, term: str | None = None) -> Path:
    """Write ``concepts/<id>.yaml`` as a draft skeleton; never overwrite a file.

    Raises:
        MesakbError: The id is not valid, or the file exists.
    """
    import re

    if not re.match(ID_PATTERN, id) or len(id) > 80:
        raise MesakbError(
            f"'{id}' is not a valid id: use lower-case words joined by '-', e.g. 'mesa-optimizer'"
        )
    if term is not None and (not term.strip() or "\n" in term or ":" in term or "#" in term):
        raise MesakbError("--term must be one line without ':' or '#'")
    path = root / "concepts" / f"{id}.yaml"
    if path.exists():
        raise MesakbError(f"{path} already exists; ids are permanent, choose another")
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("x", encoding="utf-8") as handle:
        handle.write(skeleton(id, term))
    return path

"""The JSON Schema of concept and source files, and skeleton files for authors.

Editors that speak the YAML language server check a file against the schema as
it is typed; see the README.

Examples:
    >>> schema = json_schema("concept")
    >>> schema["title"], "summary" in schema["required"]
    ('mesakb concept', True)
"""

from __future__ import annotations

import json
import os
import re
from pathlib import Path
from typing import Any, Literal

from mesakb.diagnostics import printable
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
    r"""Return the text of a new draft concept file.

    The term is written as a double-quoted YAML string, so text that means something
    to YAML (``[x``, ``*x``, ``!x``, ``'x``, ``yes``, ``1.5``, ``a: b``, ``#x``) stays
    the string it is.

    Examples:
        >>> print(skeleton("inner-misalignment").splitlines()[1])
        id: inner-misalignment
        >>> print(skeleton("x", 'say "yes": #1').splitlines()[2])
        term: "say \"yes\": #1"
    """
    term = term or id.replace("-", " ")
    return (
        "# yaml-language-server: $schema=../graph/concept.schema.json\n"
        f"id: {id}\n"
        f"term: {json.dumps(term, ensure_ascii=False)}\n"
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


def _refuse_term(term: str) -> None:
    """Refuse a term that is empty, not one line, too long, or holds refused characters."""
    from mesakb.read.policy import describe, forbidden

    if not term.strip():
        raise MesakbError("--term is empty; give the term as it is written in running text")
    if term != term.strip():
        raise MesakbError("--term starts or ends with white space; remove it")
    found = forbidden(term)
    if any(char in "\n\t" for _, char in found) or "\n" in term or "\t" in term:
        raise MesakbError("--term must be one line (no line break or tab)")
    if found:
        chars = ", ".join(dict.fromkeys(describe(char) for _, char in found))
        raise MesakbError(
            f"--term holds {chars}; control, bidirectional and invisible characters are not allowed"
        )
    if len(term) > 300:
        raise MesakbError(f"--term is {len(term)} characters long; the limit is 300")


def new_concept_file(root: Path, id: str, term: str | None = None) -> Path:
    """Write ``concepts/<id>.yaml`` as a draft skeleton; never overwrite a file.

    The file written passes ``mesakb check``: after writing it, the knowledge base is
    checked, and a file the check finds fault with is removed again and refused.

    Raises:
        MesakbError: The id or term is not valid, the file exists (even as a dangling
            link), it cannot be written, or the check refuses it (the message says why).
    """
    if not re.fullmatch(ID_PATTERN.strip("^$"), id) or len(id) > 80:
        raise MesakbError(
            f"'{printable(id)}' is not a valid id: use lower-case words joined by '-', "
            "e.g. 'mesa-optimizer'"
        )
    if term is not None:
        _refuse_term(term)
    folder = root / "concepts"
    path = folder / f"{id}.yaml"
    if os.path.lexists(folder) and not folder.is_dir():
        raise MesakbError(f"{folder} is not a folder; a knowledge base keeps concepts there")
    if os.path.lexists(path):
        what = "a dangling symbolic link" if not path.exists() else "a file"
        raise MesakbError(f"{path} already exists ({what}); ids are permanent, choose another")
    try:
        folder.mkdir(parents=True, exist_ok=True)
        with path.open("x", encoding="utf-8") as handle:
            handle.write(skeleton(id, term))
    except OSError as exc:
        raise MesakbError(f"{path}: cannot write the file: {exc.strerror or exc}") from None
    from mesakb.read.loader import check

    shown = f"concepts/{id}.yaml"
    try:
        problems = [d for d in check(root).diagnostics if d.path == shown and d.severity == "error"]
    except MesakbError:
        problems = []
    if problems:
        path.unlink()
        raise MesakbError(
            "the new file would not pass the check, so it was not written:\n"
            + "\n".join(str(d) for d in problems)
        )
    return path

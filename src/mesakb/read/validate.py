r"""Validating one document against a model, with errors mapped back to the file.

A pydantic error says *what* is wrong at a ``loc`` such as
``('relations', 'isa')``; the document knows *where* that is. Together they give
``concepts/x.yaml:12:3: KB102 unknown field 'isa' in relations (did you mean 'is_a'?)``.

Examples:
    >>> from mesakb.read.document import parse_document
    >>> from mesakb.model import Concept
    >>> doc = parse_document(b"id: x\nterm: x\nkind: concept\nsumary: An x.\n", "x.yaml")
    >>> model, problems = validate(doc, Concept)
    >>> for p in problems: print(p)
    x.yaml:1:1: KB101 missing required field 'summary'
    x.yaml:4:1: KB102 unknown field 'sumary' (did you mean 'summary'?)
"""

from __future__ import annotations

import types
import typing
from typing import Any, TypeVar

from pydantic import BaseModel, ValidationError

from mesakb.diagnostics import Diagnostic
from mesakb.read.document import Document, Path
from mesakb.suggest import close_names, did_you_mean

__all__ = ["format_loc", "validate"]

M = TypeVar("M", bound=BaseModel)

_TYPE_NAMES = {
    "str": "a string",
    "int": "a whole number",
    "float": "a number",
    "bool": "true or false",
    "NoneType": "nothing (null)",
    "tuple": "a list",
    "dict": "a mapping",
}


def format_loc(loc: Path) -> str:
    """Return a pydantic ``loc`` as a dotted path with indices.

    Examples:
        >>> format_loc(("relations", "is_a", 1))
        'relations.is_a[1]'
    """
    text = ""
    for part in loc:
        text += f"[{part}]" if isinstance(part, int) else (f".{part}" if text else part)
    return text


def _model_at(model: type[BaseModel], loc: Path) -> type[BaseModel] | None:
    """Return the model class that holds the fields at ``loc``, if any."""
    current: type[BaseModel] | None = model
    for part in loc:
        if current is None:
            return None
        if isinstance(part, int):
            continue
        field = next(
            (f for name, f in current.model_fields.items() if part in (name, f.alias)), None
        )
        current = _find_model(field.annotation) if field else None
    return current


def _find_model(annotation: Any) -> type[BaseModel] | None:
    if isinstance(annotation, type) and issubclass(annotation, BaseModel):
        return annotation
    for arg in typing.get_args(annotation):
        found = _find_model(arg)
        if found is not None:
            return found
    return None


def _field_names(model: type[BaseModel] | None) -> list[str]:
    if model is None:
        return []
    return [f.alias or name for name, f in model.model_fields.items()]


def _describe(value: object) -> str:
    name = type(value).__name__
    if isinstance(value, types.NoneType):
        return "nothing (null)"
    return _TYPE_NAMES.get(name, name)


def _diagnostic(doc: Document, model: type[BaseModel], error: Any) -> Diagnostic:
    loc: Path = tuple(part for part in error["loc"] if not _is_union_tag(part))
    kind: str = error["type"]
    where = format_loc(loc[:-1])
    inside = f" in {where}" if where else ""
    if kind == "missing":
        line, col = doc.position(loc[:-1])
        return Diagnostic(
            doc.path, line, col, "KB101", f"missing required field '{loc[-1]}'{inside}"
        )
    if kind == "extra_forbidden":
        line, col = doc.position(loc, key=True)
        allowed = _field_names(_model_at(model, loc[:-1]))
        close = close_names(str(loc[-1]), allowed, n=1)
        hint = did_you_mean(close) if close else f"; allowed: {', '.join(allowed)}"
        return Diagnostic(doc.path, line, col, "KB102", f"unknown field '{loc[-1]}'{inside}{hint}")
    line, col = doc.position(loc)
    at = format_loc(loc)
    if kind.endswith("_type") or kind in {"model_attributes_type", "dataclass_type"}:
        expected = error["msg"].removeprefix("Input should be ").removeprefix("a valid ")
        expected = _TYPE_NAMES.get(expected, expected)
        found = _describe(error.get("input"))
        return Diagnostic(doc.path, line, col, "KB103", f"{at}: expected {expected}, found {found}")
    message = error["msg"].removeprefix("Value error, ")
    if kind == "string_pattern_mismatch":
        message = f"{message} (found {str(error.get('input'))[:60]!r})"
    return Diagnostic(doc.path, line, col, "KB104", f"{at}: {message}" if at else message)


def _is_union_tag(part: object) -> bool:
    """Pydantic adds the member type to ``loc`` for errors inside unions; drop it."""
    return isinstance(part, str) and ("[" in part or part in {"str", "int", "none"})


def validate(doc: Document, model: type[M]) -> tuple[M | None, list[Diagnostic]]:
    """Validate a document's data against a model.

    Args:
        doc: A parsed document.
        model: The pydantic model of the file's kind.

    Returns:
        The model instance (None if invalid) and the problems, each at the position
        of the offending key or value (or its nearest parent).
    """
    try:
        return model.model_validate(doc.data), []
    except ValidationError as exc:
        problems = {_diagnostic(doc, model, error) for error in exc.errors()}
        return None, sorted(problems)

"""The strict YAML reader: YAML 1.2 scalars, positions, and what it refuses."""

from __future__ import annotations

import pytest

from mesakb.errors import DocumentError
from mesakb.read.document import parse_document


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("NO", "NO"),
        ("yes", "yes"),
        ("on", "on"),
        ("12:30", "12:30"),
        ("0755", 755),
        ("0o17", 15),
        ("0x1F", 31),
        ("1_000", "1_000"),
        ("2019-06-01", "2019-06-01"),
        ("true", True),
        ("False", False),
        ("~", None),
        ("null", None),
        ("1.5e3", 1500.0),
        ("'123'", "123"),
        ('"true"', "true"),
    ],
)
def test_scalars_follow_yaml_1_2_core_schema(text: str, expected: object) -> None:
    assert parse_document(f"v: {text}\n".encode(), "x.yaml").data["v"] == expected


def test_sequences_become_tuples_and_positions_are_kept() -> None:
    doc = parse_document(b"a:\n  - x\n  - {b: [1, 2]}\n", "x.yaml")
    assert doc.data == {"a": ("x", {"b": (1, 2)})}
    assert doc.position(("a", 1, "b", 1)) == (3, 13)
    assert doc.position(("a", 1, "b"), key=True) == (3, 6)
    assert doc.position(("a", 9, "nope")) == (2, 3)


@pytest.mark.parametrize(
    ("raw", "code"),
    [
        (b"a: 1\na: 2\n", "KB006"),
        (b"a: &x 1\n", "KB007"),
        (b"a: !!str 1\n", "KB008"),
        (b"\xef\xbb\xbfa: 1\n", "KB002"),
        (b"a: \xff\n", "KB001"),
        (b"a: \x1b[31m\n", "KB003"),
        (b"", "KB010"),
        (b"a: [\n", "KB005"),
        (b"a: 1\n---\nb: 2\n", "KB012"),
        (b"a: " + b"[" * 50 + b"]" * 50 + b"\n", "KB009"),
        (b"a: 123456789012345678901234567890\n", "KB014"),
        (b"a: 1\n" * 60000, "KB004"),
    ],
)
def test_refused_input_gives_one_coded_problem(raw: bytes, code: str) -> None:
    with pytest.raises(DocumentError) as info:
        parse_document(raw, "x.yaml")
    assert [d.code for d in info.value.diagnostics][:1] == [code]

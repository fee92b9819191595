"""Quote verification against plain-text copies of sources."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from mesakb.cli import main
from mesakb.quotes.compare import closest_passage, find_quote

TEXT = "Alpha beta — “gamma” delta.\nEpsilon zeta eta theta iota kappa."


@pytest.mark.parametrize(
    "quote",
    [
        'beta - "gamma" delta.',
        "beta — “gamma”\n   delta. Epsilon",
        "Alpha beta … delta.",
        "Epsilon zeta [...] kappa.",
    ],
)
def test_quote_matches_modulo_whitespace_quotes_dashes_and_elisions(quote: str) -> None:
    assert find_quote(quote, TEXT)


@pytest.mark.parametrize(
    "quote", ["beta gamma delta", "kappa … Alpha", "Epsilon zeta eta theta iota kappa!"]
)
def test_changed_words_or_order_do_not_match(quote: str) -> None:
    assert not find_quote(quote, TEXT)


def test_closest_passage_points_at_the_typo() -> None:
    passage, ratio = closest_passage("Epsilon zeta eta thetta iota kappa.", TEXT)
    assert passage == "Epsilon zeta eta theta iota kappa."
    assert 0.9 < ratio < 1.0


def test_verify_quotes_reports_mismatch_with_closest_passage(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "paper.txt").write_text(
        "Intro. An optimizer searches a space for high-scoring elements. "
        "An objective is what an optimizer scores by.",
        encoding="utf-8",
    )
    source = kb_copy / "sources" / "paper.yaml"
    source.write_text(source.read_text() + "text_file: paper.txt\n")
    code = main(["--root", str(kb_copy), "verify-quotes", "--corpus", str(corpus)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].startswith(
        "concepts/learned-algorithm.yaml:6:12: KB501 definitions[0].quote "
        "not found verbatim in 'paper'"
    )
    assert [line.split(": ")[1].split()[0] for line in err[:2]] == ["KB501", "KB501"]
    assert err[-1] == (
        "4 quotations checked, 2 found verbatim, 2 not found, "
        "0 skipped (no plain-text copy of the source)"
    )


def test_missing_copy_is_a_warning(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    source = kb_copy / "sources" / "paper.yaml"
    source.write_text(source.read_text() + "text_file: gone.txt\n")
    assert main(["--root", str(kb_copy), "verify-quotes", "--corpus", str(tmp_path)]) == 0
    assert (
        main(["--root", str(kb_copy), "verify-quotes", "--corpus", str(tmp_path), "--strict"]) == 1
    )
    assert "KB502 no file 'gone.txt'" in capsys.readouterr().err


def test_quote_of_a_text_we_lack_is_checked_via_the_text_that_quotes_it(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "atlas.txt").write_text("As the paper puts it: A thing is a thing.", encoding="utf-8")
    (kb_copy / "sources" / "atlas.yaml").write_text(
        "id: atlas\ntype: webpage\ntitle: An Atlas\nchecked: true\ntext_file: atlas.txt\n",
        encoding="utf-8",
    )
    concept = kb_copy / "concepts" / "optimizer.yaml"
    text = concept.read_text(encoding="utf-8")
    assert "    source: paper\n" in text
    concept.write_text(text.replace("    source: paper\n", "    source: paper\n    via: atlas\n"))
    code = main(["--root", str(kb_copy), "verify-quotes", "--corpus", str(corpus)])
    err = capsys.readouterr().err.splitlines()
    assert code == 1
    assert err[0].startswith("concepts/optimizer.yaml:")
    assert "not found verbatim in 'atlas'" in err[0]
    assert err[-1].startswith("1 quotation checked, 0 found verbatim, 1 not found")


def _corpus_with_paper(tmp_path: Path, kb_copy: Path) -> Path:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    concepts = sorted((kb_copy / "concepts").glob("*.yaml"))
    quotes = [
        line.split("quote: ", 1)[1]
        for file in concepts
        for line in file.read_text(encoding="utf-8").splitlines()
        if "quote: " in line
    ]
    (corpus / "paper.txt").write_text(" ".join(quotes), encoding="utf-8")
    source = kb_copy / "sources" / "paper.yaml"
    source.write_text(source.read_text() + "text_file: paper.txt\n")
    return corpus


def test_ledger_records_verified_quotes_and_catches_later_edits(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus_with_paper(tmp_path, kb_copy)
    ledger = tmp_path / "verified-quotes.json"
    root = ["--root", str(kb_copy), "verify-quotes"]
    assert main([*root, "--corpus", str(corpus), "--ledger", str(ledger), "--write-ledger"]) == 0
    rows = json.loads(ledger.read_text(encoding="utf-8"))
    assert len(rows) == 4
    assert {r["checked_against"] for r in rows} == {"paper"}
    # Without the texts, the ledger vouches for the quotations as they are...
    capsys.readouterr()
    assert main([*root, "--ledger", str(ledger)]) == 0
    assert "4 of 4 quotations match the ledger" in capsys.readouterr().err
    # ...and an edited quotation is caught, at its position.
    concept = kb_copy / "concepts" / "optimizer.yaml"
    concept.write_text(concept.read_text(encoding="utf-8").replace("searches", "looks through"))
    assert main([*root, "--ledger", str(ledger)]) == 1
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith("concepts/optimizer.yaml:")
    assert " KB503 definitions[0].quote has not been verified against 'paper'" in err[0]


def test_ledger_is_not_written_when_a_quote_fails(
    kb_copy: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    corpus = _corpus_with_paper(tmp_path, kb_copy)
    (corpus / "paper.txt").write_text("nothing that matches", encoding="utf-8")
    ledger = tmp_path / "verified-quotes.json"
    args = ["--root", str(kb_copy), "verify-quotes", "--corpus", str(corpus)]
    assert main([*args, "--ledger", str(ledger), "--write-ledger"]) == 1
    assert not ledger.exists()


def test_verify_quotes_needs_a_corpus_or_a_ledger(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["verify-quotes"]) == 2
    assert "give --corpus DIR, --ledger FILE, or both" in capsys.readouterr().err

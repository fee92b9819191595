"""Quote verification against plain-text copies of sources."""

from __future__ import annotations

from pathlib import Path

import pytest

from mesakb.cli import main
from mesakb.quotes import closest_passage, find_quote

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

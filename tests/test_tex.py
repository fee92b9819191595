"""The TeX check accepts real formulas and refuses hostile or broken ones, quickly."""

from __future__ import annotations

import pytest

from mesakb.read.tex import MAX_DEPTH, MAX_LENGTH, tex_problems

GOOD = [
    r"x^\ast \in \arg\max_{x \in \mathcal{X}} f(x)",
    r"\Pr_{x \sim \mathcal{D}}\left[ O_{\text{mesa}}(x) = O_{\text{base}}(x) \right] = 1",
    r"\mathcal{L}(\theta) + \lambda \, t(\theta)",
    r"K_t(x) = \min_{p} \left\{ |p| + \log_2 t(p) \right\}",
    r"P(h) \propto 2^{-K(h)}",
    r"\begin{cases} 1 & x > 0 \\ 0 & \text{otherwise} \end{cases}",
    r"\sum_{t=1}^{T} \gamma^{t} r_t \ge \frac{1}{2}",
    r"\|w\|_2 \le 1",
    r"e^{x^{2}}",
]

BAD = {
    r"\input{/etc/passwd}": "'\\input' is not allowed",
    r"\write18{rm -rf /}": "'\\write18' is not allowed",
    r"\href{javascript:alert(1)}{x}": "'\\href' is not allowed",
    r"\def\x{y}": "'\\def' is not allowed",
    r"\style{color:red}{x}": "'\\style' is not allowed",
    r"\catcode`\@=11": "'\\catcode' is not allowed",
    r"\url{http://evil}": "'\\url' is not allowed",
    r"\begin{verbatim}x\end{verbatim}": "environment 'verbatim' is not allowed",
    "x $ y": "'$' is not allowed",
    "x % comment": "'%' is not allowed",
    "#1": "'#' is not allowed",
    "a & b": "'&' outside an aligned environment",
    "{x": "unbalanced '{'",
    "x}": "unbalanced '}'",
    r"\left( x": "'\\left' without a matching '\\right'",
    r"x \right)": "'\\right' without a matching '\\left'",
    r"\begin{cases} x": "environment 'cases' is not closed",
    "9^{9^{9^{9}}}": "power tower deeper than 2",
    r"\@": "control symbol '\\@' is not allowed",
}


@pytest.mark.parametrize("latex", GOOD)
def test_real_formulas_pass(latex: str) -> None:
    assert tex_problems(latex) == []


@pytest.mark.parametrize(("latex", "expected"), BAD.items())
def test_hostile_or_broken_formulas_are_reported(latex: str, expected: str) -> None:
    messages = [message for _offset, message in tex_problems(latex)]
    assert any(expected in m for m in messages), messages


def test_limits_on_length_and_depth() -> None:
    assert tex_problems("x" * (MAX_LENGTH + 1))[0][1].startswith("formula longer")
    deep = "{" * (MAX_DEPTH + 1) + "}" * (MAX_DEPTH + 1)
    assert any("nested deeper" in m for _o, m in tex_problems(deep))


def test_offsets_point_at_the_problem() -> None:
    latex = r"a + \input{x}"
    [(offset, _message)] = tex_problems(latex)
    assert latex[offset:].startswith(r"\input")


def test_trailing_backslash_is_reported() -> None:
    assert tex_problems("x \\") == [(2, "a formula cannot end with a lone backslash")]
    assert tex_problems("\\" * 1999)[-1][1] == "a formula cannot end with a lone backslash"

"""Shared helpers of the example modules: build steps from sympy objects.

Only the example modules import this (and so sympy); the registry does not.
Every formula is a sympy object built in our own code: nothing here parses a string.
"""

from __future__ import annotations

from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples.base import Computed, ExampleStep

__all__ = ["Steps", "approx", "exact"]


def exact(expr: Any) -> str:
    """Return an exact sympy value as one line of plain text.

    Examples:
        >>> exact(sp.Rational(5, 9)), exact(sp.Interval.Ropen(0, sp.Rational(1, 6)))
        ('5/9', 'Interval.Ropen(0, 1/6)')
    """
    return str(sp.sstr(expr))


def approx(expr: Any, digits: int = 6) -> str:
    """Return a real sympy value to ``digits`` significant digits.

    Examples:
        >>> approx(sp.Rational(5, 9), 4)
        '0.5556'
    """
    return str(sp.N(expr, digits))


class Steps:
    r"""Collect the steps and key results of one example.

    Examples:
        >>> s = Steps()
        >>> p = sp.Symbol("p")
        >>> s.step("The optimum is where the derivative vanishes.", sp.Eq(p, sp.Rational(5, 9)))
        >>> s.result("optimal_p", sp.Rational(5, 9))
        >>> done = s.done()
        >>> done.steps[0].latex, done.steps[0].plain, done.results
        ('p = \\frac{5}{9}', 'Eq(p, 5/9)', {'optimal_p': '5/9'})
    """

    def __init__(self) -> None:
        self._steps: list[ExampleStep] = []
        self._results: dict[str, str] = {}
        self._names: dict[Any, str] = {}

    def sym(self, plain: str, latex: str, **assumptions: bool) -> Any:
        r"""Return a symbol printed as ``plain`` in text and as ``latex`` in formulas.

        Examples:
            >>> s = Steps()
            >>> n = s.sym("N_deceive", r"N_{\text{deceive}}")
            >>> s.step("Deceiving reaches B three times.", sp.Eq(n, 3))
            >>> s.done().steps[0].latex, s.done().steps[0].plain
            ('N_{\\text{deceive}} = 3', 'Eq(N_deceive, 3)')
        """
        symbol = sp.Symbol(plain, **assumptions)
        self._names[symbol] = latex
        return symbol

    def step(self, text: str, expr: Any, value: Any = None) -> None:
        """Add a step: one sentence of prose and a sympy object shown as LaTeX.

        Args:
            text: One sentence of Markdown prose.
            expr: A sympy object (or a Python number, tuple, ...) that ``sympy.latex``
                can print.
            value: The step's result; a sympy value is written with :func:`exact`.
        """
        plain = value is None or isinstance(value, str | int | float)
        shown: str | int | float | None = value if plain else exact(value)
        self._steps.append(
            ExampleStep(
                text=text,
                latex=str(sp.latex(expr, symbol_names=self._names)),
                value=shown,
                plain=exact(expr),
            )
        )

    def result(self, name: str, value: Any) -> None:
        """Record a key result; a sympy value is written with :func:`exact`."""
        self._results[name] = value if isinstance(value, str) else exact(value)

    def done(self) -> Computed:
        """Return the steps and results collected."""
        return Computed(tuple(self._steps), dict(self._results))

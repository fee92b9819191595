"""Reachability: which minimum gradient descent reaches depends on where it starts.

The loss is a tilted double well we chose for its integer critical points,
L(x) = 3x⁴ - 4x³ - 12x², with a shallow minimum at -1 and a deep one at 2.
"""

from __future__ import annotations

from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps
from mesakb.examples.base import Computed

__all__ = ["compute", "descend"]

_x = sp.Symbol("x", real=True)
LOSS = 3 * _x**4 - 4 * _x**3 - 12 * _x**2
"""The loss, a sympy polynomial in the real symbol x."""


def descend(x0: float, eta: float, steps: int) -> float:
    """Run plain gradient descent on :data:`LOSS` in floating point.

    Args:
        x0: The initialization.
        eta: The step size.
        steps: How many steps.

    Returns:
        The last iterate.

    Examples:
        >>> round(descend(0.1, 0.001, 3000), 6), round(descend(-0.1, 0.001, 3000), 6)
        (2.0, -1.0)
    """
    x = x0
    for _ in range(steps):
        x -= eta * (12 * x**3 - 12 * x**2 - 24 * x)  # L'(x), checked against sympy in compute
    return x


def compute() -> Computed:
    """Find the critical points, classify them, and split the line into basins.

    Examples:
        >>> r = compute().results
        >>> r["minima"], r["maximum"], r["basin_of_-1"], r["basin_of_2"]
        ('-1, 2', '0', 'Interval.open(-oo, 0)', 'Interval.open(0, oo)')
        >>> r["max_step_size"]
        '1/36'
    """
    s = Steps()
    x = _x
    grad = sp.diff(LOSS, x)
    assert sp.expand(grad - (12 * x**3 - 12 * x**2 - 24 * x)) == 0
    s.step(
        "The loss and its gradient, which factors over the integers.",
        sp.Tuple(sp.Eq(sp.Function("L")(x), LOSS), sp.Eq(sp.Derivative(LOSS, x), sp.factor(grad))),
    )
    critical = sorted(sp.solveset(grad, x, domain=sp.S.Reals))
    s.step("The critical points are where the gradient vanishes.", sp.FiniteSet(*critical))
    curvature = sp.diff(LOSS, x, 2)
    kinds: dict[Any, str] = {}
    for c in critical:
        k = curvature.subs(x, c)
        kinds[c] = "minimum" if k > 0 else "maximum" if k < 0 else "degenerate"
    minima = [c for c in critical if kinds[c] == "minimum"]
    maxima = [c for c in critical if kinds[c] == "maximum"]
    assert (len(minima), len(maxima)) == (2, 1)
    top = maxima[0]
    assert [LOSS.subs(x, m) for m in minima] == [-5, -32]
    s.step(
        "Listing (x, L''(x), L(x)) at each: the second derivative is positive at -1 and 2 "
        "(minima, with losses -5 and -32) and negative at 0 (the maximum between the wells).",
        sp.Tuple(*[sp.Tuple(c, curvature.subs(x, c), LOSS.subs(x, c)) for c in critical]),
    )
    rising = sp.solve_univariate_inequality(grad < 0, x, relational=False)
    s.step(
        "For a small step size gradient descent follows the flow dx/dt = -L'(x), so x "
        "increases exactly where the gradient is negative.",
        sp.Contains(x, rising, evaluate=False),
        rising,
    )
    start, end = s.sym("x_0", r"x_{0}", real=True), s.sym("x_oo", r"x_{\infty}", real=True)
    left = sp.Interval.open(-sp.oo, top)
    right = sp.Interval.open(top, sp.oo)
    assert left.contains(minima[0])
    assert right.contains(minima[1])
    assert rising == sp.Interval.open(-sp.oo, minima[0]) | sp.Interval.open(top, minima[1])
    s.step(
        "So every start left of the maximum flows to the shallow minimum -1 and every start "
        "right of it to the deep minimum 2; only x = 0 itself stays put.",
        sp.Tuple(
            *[
                sp.Implies(sp.Contains(start, basin, evaluate=False), sp.Eq(end, m))
                for basin, m in ((left, minima[0]), (right, minima[1]))
            ]
        ),
    )
    eta = sp.Symbol("eta", positive=True)
    bounds = {m: sp.Rational(2) / curvature.subs(x, m) for m in minima}
    step_bound = min(bounds.values())
    s.step(
        "Near a minimum m a step multiplies the distance to m by 1 - η L''(m), so both "
        "minima attract only if η < 2 / L''(m) for each, that is η < 1/36.",
        sp.Lt(eta, step_bound),
        step_bound,
    )
    jump = sp.Rational(-3) - sp.Rational(1, 100) * grad.subs(x, -3)
    s.step(
        "Far out, a large step can jump over the maximum: from x = -3 with η = 1/100 the "
        "first step lands at 3/5, in the basin of 2.",
        sp.Eq(s.sym("x_1", r"x_{1}"), jump),
        jump,
    )
    assert right.contains(jump)
    runs = {x0: descend(x0, 0.001, 20_000) for x0 in (-2.0, -0.1, 0.1, 3.0)}
    for x0, last in runs.items():
        assert abs(last - float(minima[0] if x0 < top else minima[1])) < 1e-9
    s.step(
        "Numerically, with η = 1/1000, starts at -2, -0.1, 0.1 and 3 end at the predicted minima.",
        sp.Tuple(*[sp.Float(round(v, 6), 6) for v in runs.values()]),
        ", ".join(f"{x0:g} -> {v:.6f}" for x0, v in runs.items()),
    )
    s.result("critical_points", ", ".join(str(c) for c in critical))
    s.result("minima", ", ".join(str(m) for m in minima))
    s.result("maximum", top)
    s.result("basin_of_-1", left)
    s.result("basin_of_2", right)
    s.result("max_step_size", step_bound)
    s.result("jump_from_-3_eta_1/100", jump)
    return s.done()

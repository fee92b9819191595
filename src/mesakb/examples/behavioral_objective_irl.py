"""The behavioral objective: which linear rewards would explain the choices we saw?

Options are feature vectors in R², rewards are linear, r(x) = w · x, and a choice of x
over y reveals w · x ≥ w · y. The two observations are our illustration.
"""

from __future__ import annotations

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps
from mesakb.examples.base import Computed

__all__ = ["OBSERVATIONS", "compute"]

OBSERVATIONS = (((1, 1), (2, 0)), ((2, 0), (0, 1)))
"""(chosen, rejected) feature vectors."""


def compute() -> Computed:
    """Solve for the cone of consistent weights and test what it predicts on a new choice.

    Examples:
        >>> r = compute().results
        >>> r["cone_rays"], r["normalized_w1"], r["new_choice_split_at"]
        ('(1, 1), (1, 2)', 'Interval(1/3, 1/2)', '2/5')
    """
    s = Steps()
    w1, w2 = sp.symbols("w_1 w_2", real=True)
    w = sp.Matrix([w1, w2])
    constraints = [sp.Ge((w.T * (sp.Matrix(c) - sp.Matrix(r)))[0], 0) for c, r in OBSERVATIONS]
    s.step(
        "Choosing (1, 1) over (2, 0) and (2, 0) over (0, 1) gives one linear inequality each.",
        sp.Tuple(*constraints),
    )
    rays = [sp.Matrix([1, 1]), sp.Matrix([1, 2])]
    for ray in rays:
        assert all(c.subs({w1: ray[0], w2: ray[1]}) for c in constraints)
        assert any(c.lhs.subs({w1: ray[0], w2: ray[1]}) == 0 for c in constraints)
    cone = sp.And(sp.Le(w1, w2), sp.Le(w2, 2 * w1))
    assert [sp.expand(c.lhs) for c in constraints] == [w2 - w1, 2 * w1 - w2]  # the same as cone
    s.step(
        "Together they say w1 ≤ w2 ≤ 2 w1, a cone in the positive quadrant spanned by the "
        "rays (1, 1) and (1, 2); the zero reward also fits, as it always does.",
        sp.Tuple(cone, *[sp.Tuple(*r) for r in rays]),
    )
    t = sp.Symbol("s", real=True)
    on_simplex = [c.subs({w1: t, w2: 1 - t}) for c in constraints]
    segment = sp.Interval(0, 1)
    for c in on_simplex:
        segment &= sp.solve_univariate_inequality(c, t, relational=False)
    s.step(
        "Normalizing to w = (s, 1 - s), which loses nothing but the zero reward, the "
        "consistent weights are s in [1/3, 1/2].",
        sp.Contains(t, segment, evaluate=False),
        segment,
    )
    new_a, new_b = sp.Matrix([3, 0]), sp.Matrix([0, 2])
    prefers_a = sp.solve_univariate_inequality(sp.Gt(3 * t, 2 * (1 - t)), t, relational=False)
    split = prefers_a.inf
    assert segment.contains(split)
    assert split not in (segment.inf, segment.sup)
    at_split = sp.Matrix([split, 1 - split])
    assert new_a.dot(at_split) == new_b.dot(at_split)
    s.step(
        "Offered (3, 0) or (0, 2), rewards with s > 2/5 choose the first and those with "
        "s < 2/5 the second: the observed behavior does not settle the new choice.",
        sp.Contains(t, prefers_a & segment, evaluate=False),
        str(split),
    )
    s.result("constraints", ", ".join(str(c) for c in constraints))
    s.result("cone_rays", ", ".join(str(tuple(r)) for r in rays))
    s.result("normalized_w1", segment)
    s.result("new_choice_split_at", split)
    return s.done()

"""The toy example of deceptive alignment when the mesa-optimizer cannot tell the episodes apart.

Hubinger et al. (2019, sec. 4.5) compare this to the absent-minded driver problem and
state that the planning-optimal policy defects with probability p ≈ 0.61. This module
computes the optimum exactly under the model stated in the steps, and under the
variants one might mean, to show which number each model gives.
"""

from __future__ import annotations

from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps, approx
from mesakb.examples.base import Computed

__all__ = ["PAPER_P", "compute", "planning_optimum"]

PAPER_P = sp.Rational(61, 100)
"""The paper's figure, "p ≈ 0.61" (sec. 4.5)."""

_p = sp.Symbol("p", nonnegative=True)


def planning_optimum(value: Any) -> tuple[Any, Any]:
    """Return the p in [0, 1] that maximizes an expected value, and that maximum.

    The candidates are the stationary points in [0, 1] and the two ends.

    Args:
        value: A sympy expression in the symbol ``p`` of this module.

    Returns:
        ``(p*, value(p*))``, exact.

    Examples:
        >>> planning_optimum(_p * (1 - _p))
        (1/2, 1/4)
    """
    stationary = sp.solveset(sp.diff(value, _p), _p, domain=sp.Interval(0, 1))
    candidates = sorted({*stationary, sp.Integer(0), sp.Integer(1)}, key=sp.default_sort_key)
    best = max(candidates, key=lambda c: value.subs(_p, c))
    return best, sp.nsimplify(value.subs(_p, best))


def compute() -> Computed:
    """Solve for the planning-optimal defection probability and compare it with the paper.

    Examples:
        >>> r = compute().results
        >>> r["optimal_p"], r["optimal_expected_B"], r["paper_p"], r["agrees_with_paper"]
        ('5/9', '275/243', '0.61', 'no')
        >>> r["variant_update_after_training_p"], r["variant_deployment_only_p"]
        ('1', '1/3')
    """
    s = Steps()
    p, T, D = _p, sp.Symbol("T", positive=True), sp.Symbol("D", positive=True)  # noqa: N806
    q = 1 - p
    s.step(
        "Model: in each of the 5 episodes the mesa-optimizer goes to B with the same "
        "probability p, since it cannot tell training (episodes 1-2) from deployment (3-5); "
        "going to B in a training episode counts as a B, but it is then modified and goes "
        "to A in every later episode.",
        sp.Eq(
            s.sym(
                "P(B in episode k | unmodified)",
                r"\Pr(\text{B in episode } k \mid \text{unmodified})",
            ),
            p,
        ),
    )
    caught = 1 - q**2
    value = sp.expand(caught + q**2 * 3 * p)
    s.step(
        "The expected number of B's is one B if it defects in training (probability "
        "1 - (1-p)²) plus 3p deployment B's if it got through training unmodified.",
        sp.Eq(s.sym("E(p)", r"E(p)"), sp.Eq(caught + q**2 * 3 * p, value, evaluate=False)),
    )
    derivative = sp.diff(value, p)
    s.step(
        "Setting the derivative to zero gives two stationary points, 5/9 and 1.",
        sp.Eq(derivative, sp.factor(derivative)),
        str(sorted(sp.solveset(derivative, p, domain=sp.Interval(0, 1)))),
    )
    best, best_value = planning_optimum(value)
    s.step(
        "Comparing them with the ends, the planning-optimal policy defects with probability "
        "5/9 and expects 275/243 B's, more than the single B of always defecting.",
        sp.Tuple(
            sp.Eq(s.sym("p*", r"p^{*}"), best), sp.Eq(s.sym("E(p*)", r"E(p^{*})"), best_value)
        ),
        approx(best, 4),
    )
    at_paper = value.subs(p, PAPER_P)
    s.step(
        "The paper states p ≈ 0.61, which this model does not give: at 0.61 the expected "
        "number of B's is slightly lower than at 5/9 ≈ 0.556.",
        sp.Eq(s.sym("E(0.61)", r"E(0.61)"), at_paper),
        approx(at_paper, 6),
    )
    general = sp.expand(1 - q**T + D * p * q**T)
    general_p = sp.solve(sp.diff(general, p), p)
    assert len(general_p) == 1
    general_best = sp.simplify(general_p[0])
    assert general_best.subs({T: 2, D: 3}) == best
    small = {general_best.subs({T: a, D: b}) for a in range(1, 6) for b in range(1, 6)}
    assert all(round(float(v), 2) != float(PAPER_P) for v in small)
    closest = sorted(small, key=lambda v: (abs(v - PAPER_P), v))[:2]
    s.step(
        "With T training and D deployment episodes the same model gives this optimum; for "
        f"T and D from 1 to 5 none rounds to 0.61, the closest being {closest[0]} and "
        f"{closest[1]}.",
        sp.Eq(s.sym("p*(T, D)", r"p^{*}(T, D)"), general_best),
    )
    after_training = sp.expand(2 * p + q**2 * 3 * p)
    after_best, after_value = planning_optimum(after_training)
    s.step(
        "Variant: if the parameters are updated only once, after both training episodes, "
        "training B's all count and the expected number of B's increases with p, so the "
        "optimum is to always defect (2 B's).",
        sp.Tuple(
            sp.Eq(s.sym("E(p)", r"E(p)"), after_training), sp.Eq(s.sym("p*", r"p^{*}"), after_best)
        ),
        str(after_value),
    )
    deployment_only = sp.expand(q**2 * 3 * p)
    dep_best, dep_value = planning_optimum(deployment_only)
    s.step(
        "Variant: if a B reached in training does not count (only deployment B's do), the "
        "optimum is p = 1/3.",
        sp.Tuple(
            sp.Eq(s.sym("E(p)", r"E(p)"), deployment_only), sp.Eq(s.sym("p*", r"p^{*}"), dep_best)
        ),
        str(dep_value),
    )

    s.result("expected_B", value)
    s.result("optimal_p", best)
    s.result("optimal_p_approx", approx(best, 4))
    s.result("optimal_expected_B", best_value)
    s.result("paper_p", "0.61")
    s.result("expected_B_at_paper_p", at_paper)
    s.result("agrees_with_paper", "yes" if abs(best - PAPER_P) < sp.Rational(1, 200) else "no")
    s.result("general_optimal_p", general_best)
    s.result("closest_small_T_D_p", ", ".join(str(v) for v in closest))
    s.result("variant_update_after_training_p", after_best)
    s.result("variant_deployment_only_p", dep_best)
    return s.done()

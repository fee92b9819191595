"""Deceptive alignment: the toy example of Hubinger et al. (2019, sec. 4), then in general.

Episodes are numbered from 0. The mesa-optimizer wants corner B reached in as many
episodes as possible; the base objective wants A. If it goes to B in a training
episode it is modified and goes to A ever after (that episode's B still counts).
"""

from __future__ import annotations

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps, approx, exact
from mesakb.examples.base import Computed

__all__ = ["compute"]


def compute() -> Computed:
    """Count the B's of deceiving and of defecting now, then solve when deception pays.

    Examples:
        >>> r = compute().results
        >>> r["toy_deceive"], r["toy_defect_now"], r["undiscounted_condition"]
        ('3', '1', '1 < D')
        >>> r["gamma_threshold_toy_approx"], r["gamma_threshold_infinite_D"]
        ('0.682328', '-1/2 + sqrt(5)/2')
    """
    s = Steps()
    T, D = sp.symbols("T D", positive=True, integer=True)  # noqa: N806 (the paper's letters)
    g, t = sp.symbols("gamma t", positive=True)

    toy_train, toy_deploy = 2, 3
    deceive_toy = sp.Integer(toy_deploy)
    defect_toy = sp.Integer(1)
    s.step(
        "Toy setting: 2 training episodes, then 3 deployment episodes in which the "
        "parameters are fixed.",
        sp.Tuple(sp.Eq(T, toy_train), sp.Eq(D, toy_deploy)),
    )
    s.step(
        "Deceiving (A in both training episodes, B in every deployment episode) reaches B "
        "once per deployment episode.",
        sp.Eq(s.sym("N_deceive", r"N_{\text{deceive}}"), deceive_toy),
        deceive_toy,
    )
    s.step(
        "Defecting in a training episode reaches B that once; the modified agent then goes "
        "to A, so B is reached once in total.",
        sp.Eq(s.sym("N_defect", r"N_{\text{defect}}"), defect_toy),
        defect_toy,
    )

    undiscounted = sp.solve_univariate_inequality(D > 1, D)
    s.step(
        "In general, without discounting, deceiving reaches B D times and defecting once, "
        "so deception pays exactly when there are at least 2 deployment episodes.",
        undiscounted,
        exact(undiscounted),
    )

    deceive = sp.Sum(g**t, (t, T, T + D - 1))
    deceive_closed = g**T * (1 - g**D) / (1 - g)
    assert sp.simplify(deceive.subs({T: 2, D: 3}).doit() - deceive_closed.subs({T: 2, D: 3})) == 0
    s.step(
        "With discount factor γ per episode, defecting now is worth 1 (episode 0) and "
        "deceiving is worth the discounted B's of episodes T to T + D - 1.",
        sp.Eq(deceive, deceive_closed),
    )

    toy_value = deceive.subs({T: toy_train, D: toy_deploy}).doit()
    cubic = sp.factor(toy_value - 1)
    s.step(
        "In the toy setting deception pays when this sum exceeds 1; the polynomial factors "
        "with one root in (0, 1).",
        sp.Eq(toy_value - 1, cubic),
    )
    window = sp.solve_univariate_inequality(
        toy_value > 1, g, relational=False, domain=sp.Interval.Lopen(0, 1)
    )
    threshold = window.inf
    assert sp.simplify(threshold**3 + threshold - 1) == 0
    s.step(
        "So deception pays for γ above the real root of γ³ + γ - 1, about 0.6823.",
        window,
        approx(threshold),
    )

    series = sp.Sum(g**t, (t, toy_train, sp.oo)).doit()
    infinite, convergent = series.args[0]  # Piecewise: the closed form where |gamma| < 1
    assert convergent == (sp.Abs(g) < 1)
    gamma_inf = sp.solve_univariate_inequality(
        infinite > 1, g, relational=False, domain=sp.Interval.open(0, 1)
    ).inf
    s.step(
        "Even with unboundedly many deployment episodes, 2 training episodes need γ "
        "above the golden-ratio conjugate, about 0.618.",
        sp.Eq(s.sym("gamma*_(D->oo)", r"\gamma^{*}_{D \to \infty}"), gamma_inf),
        approx(gamma_inf),
    )

    d_star = sp.solve(sp.Eq(deceive_closed, 1), D)
    assert len(d_star) == 1
    d_star_expr = sp.simplify(d_star[0])
    example = d_star_expr.subs({g: sp.Rational(9, 10), T: toy_train})
    s.step(
        "For γ below 1, deception pays once D exceeds this threshold; at γ = 9/10 "
        "and T = 2 it is about 1.25, so D = 2 deployment episodes already suffice.",
        sp.Eq(s.sym("D*", r"D^{*}"), d_star_expr),
        approx(example, 4),
    )

    s.result("toy_deceive", deceive_toy)
    s.result("toy_defect_now", defect_toy)
    s.result("undiscounted_condition", undiscounted)
    s.result("deceive_value", deceive_closed)
    s.result("gamma_threshold_toy", threshold)
    s.result("gamma_threshold_toy_approx", approx(threshold))
    s.result("gamma_threshold_infinite_D", gamma_inf)
    s.result("D_threshold", d_star_expr)
    s.result("D_threshold_gamma_0.9_T_2", sp.nsimplify(example))
    return s.done()

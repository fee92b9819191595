"""Levin complexity: Kt(x) = min over programs p printing x of |p| + log2 t(p).

Two programs print the same string (lengths and run times are our illustration): a
short slow one, 20 bits running 2^30 steps, and a long fast one, 40 bits running 2^5.
"""

from __future__ import annotations

from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps
from mesakb.examples.base import Computed

__all__ = ["PROGRAMS", "compute", "levin_cost"]

PROGRAMS = {"short slow": (20, 2**30), "long fast": (40, 2**5)}
"""Name -> (length in bits, run time in steps)."""


def levin_cost(length: int, time: int) -> Any:
    """Return |p| + log2 t, exactly.

    Examples:
        >>> levin_cost(20, 2**30), levin_cost(3, 3)
        (50, log(3)/log(2) + 3)
    """
    log_time = sp.expand(sp.expand_log(sp.log(sp.Integer(time)), force=True, factor=True))
    return sp.expand(sp.Integer(length) + log_time / sp.log(2))


def compute() -> Computed:
    """Compare the two programs under K and Kt, and find where the preference flips.

    Examples:
        >>> r = compute().results
        >>> r["Kt"], r["Kt_winner"], r["K_winner"], r["flip_time"], r["flip_weight"]
        ('45', 'long fast', 'short slow', '33554432', '4/5')
    """
    s = Steps()
    length, time = s.sym("l", r"\ell", positive=True), sp.Symbol("t", positive=True)
    s.step(
        "Levin complexity charges a program its length plus the logarithm of its run time.",
        sp.Eq(s.sym("Kt(p)", r"\text{Kt}(p)"), length + sp.log(time, 2)),
    )
    costs = {name: levin_cost(*lt) for name, lt in PROGRAMS.items()}
    s.step(
        "The short slow program costs 20 + 30 = 50 and the long fast one 40 + 5 = 45.",
        sp.Tuple(*costs.values()),
        ", ".join(f"{name}: {cost}" for name, cost in costs.items()),
    )
    kt_winner = min(costs, key=lambda name: costs[name])
    k_winner = min(PROGRAMS, key=lambda name: PROGRAMS[name][0])
    s.step(
        "So Kt is 45, set by the long fast program, although plain description length "
        "prefers the short slow one.",
        sp.Eq(s.sym("Kt(x)", r"\text{Kt}(x)"), costs[kt_winner]),
        str(costs[kt_winner]),
    )
    short_len, _ = PROGRAMS["short slow"]
    t = sp.Symbol("t", positive=True)
    faster = sp.solve_univariate_inequality(
        short_len + sp.log(t, 2) < costs["long fast"], t, relational=False
    )
    s.step(
        "The short program would win under Kt only if it ran in fewer than 2^25 steps.",
        sp.Contains(t, faster, evaluate=False),
        str(faster.sup),
    )
    a = sp.Symbol("alpha", nonnegative=True)
    weighted = {name: n + a * sp.log(sp.Integer(tt), 2) for name, (n, tt) in PROGRAMS.items()}
    weights = sp.solve_univariate_inequality(
        weighted["short slow"] < weighted["long fast"],
        a,
        relational=False,
        domain=sp.Interval(0, sp.oo),
    )
    s.step(
        "Weighting the time term by α (α = 0 is plain length, α = 1 is Kt), the short slow "
        "program wins exactly for α < 4/5.",
        sp.Contains(a, weights, evaluate=False),
        str(weights.sup),
    )
    s.result("Kt_short_slow", costs["short slow"])
    s.result("Kt_long_fast", costs["long fast"])
    s.result("Kt", costs[kt_winner])
    s.result("Kt_winner", kt_winner)
    s.result("K_winner", k_winner)
    s.result("flip_time", faster.sup)
    s.result("flip_weight", weights.sup)
    return s.done()

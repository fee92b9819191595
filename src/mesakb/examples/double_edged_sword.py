"""A time-complexity penalty is a double-edged sword (Hubinger et al. 2019, sec. 3.2).

Three learned algorithms, with losses and run times we chose for illustration: a
heuristic (no mesa-optimizer), a robustly aligned mesa-optimizer that must model the
base objective (slow), and a pseudo-aligned one that optimizes a cheap proxy. The base
optimizer picks the lowest score loss + λ · time.
"""

from __future__ import annotations

from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps
from mesakb.examples.base import Computed

__all__ = ["CANDIDATES", "compute"]

CANDIDATES = {
    "heuristic": (10, 1),
    "pseudo-aligned": (2, 4),
    "robustly aligned": (1, 10),
}
"""Name -> (loss, run time), in arbitrary units: our choice, not the paper's."""


def compute() -> Computed:
    """Solve for the ranges of λ ≥ 0 in which each candidate has the lowest score.

    Examples:
        >>> r = compute().results
        >>> r["robustly aligned"], r["pseudo-aligned"], r["heuristic"]
        ('Interval.Ropen(0, 1/6)', 'Interval.open(1/6, 8/3)', 'Interval.open(8/3, oo)')
    """
    s = Steps()
    lam = sp.Symbol("lambda", nonnegative=True)
    score = {
        name: sp.Integer(loss) + lam * sp.Integer(time) for name, (loss, time) in CANDIDATES.items()
    }
    s.step(
        "Scores (loss + λ · time) of the heuristic, the pseudo-aligned and the robustly "
        "aligned optimizer, with losses 10, 2, 1 and run times 1, 4, 10 chosen for "
        "illustration.",
        sp.Tuple(*score.values()),
    )
    allowed = sp.Interval(0, sp.oo)
    ranges: dict[str, Any] = {}
    for name, own in score.items():
        wins = allowed
        for other, theirs in score.items():
            if other != name:
                wins = wins & sp.solve_univariate_inequality(
                    own < theirs, lam, relational=False, domain=allowed
                )
        ranges[name] = wins
    s.step(
        "With no penalty (λ = 0) the robustly aligned optimizer wins, on loss alone.",
        sp.Contains(lam, ranges["robustly aligned"], evaluate=False),
        ranges["robustly aligned"],
    )
    s.step(
        "A moderate time penalty selects the pseudo-aligned optimizer: it saves the run "
        "time of modelling the base objective, at the cost of a worse loss.",
        sp.Contains(lam, ranges["pseudo-aligned"], evaluate=False),
        ranges["pseudo-aligned"],
    )
    s.step(
        "Only a strong penalty removes mesa-optimization altogether, selecting the heuristic.",
        sp.Contains(lam, ranges["heuristic"], evaluate=False),
        ranges["heuristic"],
    )
    ties = sorted(
        {point for win in ranges.values() for point in win.boundary} - {sp.Integer(0), sp.oo},
        key=sp.default_sort_key,
    )
    s.step(
        "At the boundaries two scores tie: λ = 1/6 (robust and pseudo) and λ = 8/3 "
        "(pseudo and heuristic).",
        sp.FiniteSet(*ties),
        ", ".join(str(t) for t in ties),
    )
    for name, win in ranges.items():
        s.result(name, win)
    s.result("ties", ", ".join(str(t) for t in ties))
    return s.done()

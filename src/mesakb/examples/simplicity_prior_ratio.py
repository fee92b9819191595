"""Simplicity bias: a prior 2^-K over description lengths, and how much data outweighs it.

Two hypotheses with description lengths K1 = 100 and K2 = 120 bits (numbers we chose)
fit the data so far equally well.
"""

from __future__ import annotations

from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps
from mesakb.examples.base import Computed

__all__ = ["compute", "prior_ratio"]


def prior_ratio(k1: int, k2: int) -> Any:
    """Return P(h1) / P(h2) under the prior P(h) ∝ 2^-K(h), exactly.

    Examples:
        >>> prior_ratio(100, 120), prior_ratio(5, 3)
        (1048576, 1/4)
    """
    return sp.Integer(2) ** (-(sp.Integer(k1) - sp.Integer(k2)))


def compute() -> Computed:
    """Compute the prior odds, the normalized prior, and the data needed to overturn them.

    Examples:
        >>> r = compute().results
        >>> r["prior_ratio"], r["flip_after_observations"]
        ('1048576', '20')
    """
    s = Steps()
    k1, k2, n = sp.symbols("K_1 K_2 n", positive=True)
    s.step(
        "Under the simplicity prior each hypothesis gets weight 2^-K, so the prior odds "
        "depend only on the difference of description lengths.",
        sp.Eq(s.sym("P(h1)/P(h2)", r"\frac{P(h_1)}{P(h_2)}"), 2 ** (-(k1 - k2))),
    )
    ratio = prior_ratio(100, 120)
    s.step(
        "With K1 = 100 and K2 = 120 bits the shorter hypothesis is 2^20 times as likely a priori.",
        sp.Eq(sp.Pow(2, 20, evaluate=False), ratio, evaluate=False),
        str(ratio),
    )
    share = sp.nsimplify(ratio / (ratio + 1))
    s.step(
        "If these were the only two hypotheses, the shorter one would get this share of the prior.",
        sp.Eq(s.sym("P(h1)", r"P(h_{1})"), share),
        str(share),
    )
    odds = ratio * sp.Rational(1, 2) ** n
    flip = sp.solve_univariate_inequality(odds < 1, n, relational=False)
    s.step(
        "Suppose each new observation is certain under h2 but has probability 1/2 under h1: "
        "the posterior odds halve each time and favour h2 after more than 20 observations.",
        sp.Contains(n, flip, evaluate=False),
        str(flip.inf),
    )
    s.result("prior_ratio", ratio)
    s.result("prior_share_of_shorter", share)
    s.result("posterior_odds", odds)
    s.result("flip_after_observations", flip.inf)
    s.result("flip_set", flip)
    return s.done()

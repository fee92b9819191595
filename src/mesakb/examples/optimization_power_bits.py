"""Optimization power in bits: how small a target the optimizer hit.

The measure (Yudkowsky's, which Hubinger et al. 2019 use in sec. 2.1): rank the
outcomes by the optimizer's preference; if the achieved outcome is at least as good as
a fraction f of the outcomes (by count or by a base measure), the optimizer exerted
-log2 f bits.
"""

from __future__ import annotations

from fractions import Fraction
from itertools import product
from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps, approx
from mesakb.examples.base import Computed

__all__ = ["bits", "compute"]


def bits(fraction: Any) -> Any:
    """Return -log2 of a fraction in (0, 1], exactly.

    Examples:
        >>> bits(sp.Rational(1, 1024)), bits(1)
        (10, 0)
    """
    f = sp.nsimplify(fraction)
    if not 0 < f <= 1:
        raise ValueError(f"a fraction of outcomes must be in (0, 1], not {f}")
    return sp.expand(sp.expand_log(-sp.log(f), force=True, factor=True) / sp.log(2))


def compute() -> Computed:
    """Work out the bits for three outcomes: best of 1024, top quarter, and two dice.

    Examples:
        >>> r = compute().results
        >>> r["best_of_1024"], r["top_quarter"], r["dice_sum_11"], r["dice_sum_11_approx"]
        ('10', '2', 'log(3)/log(2) + 2', '3.58496')
    """
    s = Steps()
    f = sp.Symbol("f", positive=True)
    s.step(
        "If the achieved outcome is at least as good as a fraction f of all outcomes, the "
        "optimizer exerted this many bits of optimization power.",
        sp.Eq(s.sym("OP", r"\text{OP}"), -sp.log(f, 2)),
    )
    best = bits(sp.Rational(1, 1024))
    s.step(
        "Picking the single best of 1024 equally weighted outcomes halves the space 10 times.",
        sp.Eq(s.sym("-log2(1/1024)", r"-\log_{2} \frac{1}{1024}"), best),
        best,
    )
    quarter = bits(sp.Rational(1, 4))
    s.step(
        "Landing anywhere in the top quarter is worth only 2 bits.",
        sp.Eq(s.sym("-log2(1/4)", r"-\log_{2} \frac{1}{4}"), quarter),
        quarter,
    )
    sums = [a + b for a, b in product(range(1, 7), repeat=2)]
    at_least = Fraction(sum(1 for total in sums if total >= 11), len(sums))
    share = sp.Rational(at_least.numerator, at_least.denominator)
    assert share == sp.Rational(1, 12)
    s.step(
        "With a base measure instead of a count: two fair dice summing to 11 or more "
        "happens in 3 of the 36 equally likely throws.",
        sp.Eq(s.sym("P(sum >= 11)", r"\Pr(\text{sum} \geq 11)"), share),
        str(share),
    )
    dice = bits(share)
    s.step(
        "So steering the dice to a sum of 11 is worth log2(12), about 3.585 bits.",
        sp.Eq(s.sym("OP", r"\text{OP}"), dice),
        approx(dice),
    )
    s.result("best_of_1024", best)
    s.result("top_quarter", quarter)
    s.result("dice_sum_at_least_11", share)
    s.result("dice_sum_11", dice)
    s.result("dice_sum_11_approx", approx(dice))
    return s.done()

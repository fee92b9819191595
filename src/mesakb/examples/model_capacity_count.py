"""Model capacity: how many boolean functions exist, and how many a model can represent.

There are 2^(2^n) boolean functions of n inputs. A model with k bits of parameters
can represent at most 2^k of them; a single linear threshold unit, whatever its real
weights, represents far fewer than all.
"""

from __future__ import annotations

from itertools import product

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps, approx
from mesakb.examples.base import Computed

__all__ = ["KNOWN_THRESHOLD_COUNTS", "compute", "threshold_functions"]

KNOWN_THRESHOLD_COUNTS = {1: 4, 2: 14, 3: 104, 4: 1882}
"""Published counts of threshold functions of n inputs (OEIS A000609)."""


def threshold_functions(n: int, max_weight: int = 3) -> frozenset[int]:
    """Return the truth tables (as bit masks) of f(x) = [w · x ≥ θ] for integer weights.

    Every threshold is tried between consecutive values of w · x over the 2^n inputs,
    so the set holds every function of a weight vector with entries in
    [-max_weight, max_weight].

    Examples:
        >>> len(threshold_functions(2))
        14
    """
    points = list(product((0, 1), repeat=n))
    found: set[int] = set()
    for w in product(range(-max_weight, max_weight + 1), repeat=n):
        dots = [sum(wi * xi for wi, xi in zip(w, x, strict=True)) for x in points]
        for theta in [*sorted(set(dots)), max(dots) + 1]:
            found.add(sum(1 << i for i, d in enumerate(dots) if d >= theta))
    return frozenset(found)


def compute() -> Computed:
    """Count all functions, bound what k bits can hold, and count threshold functions.

    Examples:
        >>> r = compute().results
        >>> r["all_functions_n4"], r["fraction_8_bits_n4"], r["bits_needed_n4"]
        ('65536', '1/256', '16')
        >>> r["threshold_counts"], r["missing_n2"]
        ('4, 14, 104, 1882', 'XNOR, XOR')
    """
    s = Steps()
    n, k = sp.symbols("n k", positive=True, integer=True)
    count = 2 ** (2**n)
    table = [count.subs(n, i) for i in range(1, 5)]
    s.step(
        "A boolean function of n inputs is a truth table of 2^n bits, so there are "
        "2^(2^n) of them: 4, 16, 256 and 65536 for n = 1 to 4.",
        sp.Tuple(sp.Eq(s.sym("#f_n", r"\#f_{n}"), count), sp.Tuple(*table)),
        ", ".join(str(v) for v in table),
    )
    all_n4 = table[3]
    fraction = sp.Rational(2**8, all_n4)
    s.step(
        "A model with k bits of parameters has at most 2^k settings, so 8 bits can "
        "represent at most 1/256 of the functions of 4 inputs.",
        sp.Eq(s.sym("2^8/2^16", r"\frac{2^{8}}{2^{16}}"), fraction),
        str(fraction),
    )
    needed = sp.solve_univariate_inequality(sp.Ge(2**k, all_n4), k, relational=False)
    s.step(
        "Representing every function of 4 inputs takes at least 2^4 = 16 bits of parameters.",
        sp.Contains(k, needed, evaluate=False),
        str(needed.inf),
    )
    counts = {i: len(threshold_functions(i)) for i in range(1, 5)}
    assert counts == KNOWN_THRESHOLD_COUNTS
    s.step(
        "Enumerating a threshold unit [w · x ≥ θ] over integer weights from -3 to 3 finds "
        "4, 14, 104 and 1882 distinct functions, the known counts.",
        sp.Tuple(*counts.values()),
        ", ".join(str(v) for v in counts.values()),
    )
    names = {0b0110: "XOR", 0b1001: "XNOR"}  # bit i is f(x) for the i-th input of product()
    missing = sorted(names[m] for m in set(range(16)) - threshold_functions(2))
    s.step(
        "Of the 16 functions of 2 inputs only XOR and XNOR are missing: they are not "
        "linearly separable.",
        sp.FiniteSet(*[s.sym(m, rf"\text{{{m}}}") for m in missing]),
        ", ".join(missing),
    )
    share = sp.Rational(counts[4], all_n4)
    info = sp.log(counts[4], 2)
    s.step(
        "With 4 inputs a threshold unit reaches under 3% of the functions, about 10.9 of "
        "the 16 bits a full truth table holds, although it has 5 real parameters.",
        sp.Tuple(
            sp.Eq(s.sym("1882/65536", r"\frac{1882}{65536}"), share),
            sp.Eq(s.sym("log2(1882)", r"\log_{2} 1882"), info),
        ),
        approx(info, 4),
    )
    assert share < sp.Rational(3, 100)
    s.result("all_functions", ", ".join(str(v) for v in table))
    s.result("all_functions_n4", all_n4)
    s.result("fraction_8_bits_n4", fraction)
    s.result("bits_needed_n4", needed.inf)
    s.result("threshold_counts", ", ".join(str(v) for v in counts.values()))
    s.result("threshold_share_n4", share)
    s.result("threshold_bits_n4", approx(info, 4))
    s.result("missing_n2", ", ".join(missing))
    return s.done()

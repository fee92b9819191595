"""Pseudo-alignment: the maze with red doors (Hubinger et al. 2019, sec. 1.3).

In the paper, an RL agent is trained on mazes in which every door happens to be red;
the base objective is "1 if reached a door", and on the training distribution it is
equivalent to "1 if reached something red". Off distribution, with a blue door and a red
object that is not a door, the two come apart. The environments below are our own
small instances of that story.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import product
from typing import Any

import sympy as sp  # type: ignore[import-untyped]

from mesakb.examples._sym import Steps
from mesakb.examples.base import Computed

__all__ = ["COLOURS", "KINDS", "TEST", "TRAINING", "compute"]

Thing = tuple[str, str]  # (kind, colour)

KINDS = ("door", "key", "box")
COLOURS = ("red", "blue", "yellow")
TRAINING: tuple[frozenset[Thing], ...] = (
    frozenset({("door", "red"), ("key", "yellow")}),
    frozenset({("door", "red"), ("box", "blue")}),
    frozenset({("door", "red"), ("box", "yellow"), ("key", "blue")}),
)
"""The objects of each training maze: every door is red, nothing else is."""
TEST = frozenset({("door", "blue"), ("box", "red")})
"""The deployment maze: a blue door and a red box."""


def _base(thing: Thing) -> bool:
    return thing[0] == "door"


def _alt(thing: Thing) -> bool:
    return thing[1] == "red"


def _show(s: Steps, things: frozenset[Thing]) -> Any:
    return sp.FiniteSet(
        *[sp.Tuple(s.sym(c, rf"\text{{{c}}}"), s.sym(k, rf"\text{{{k}}}")) for k, c in things]
    )


def _targets(objective: Callable[[Thing], bool], maze: frozenset[Thing]) -> frozenset[Thing]:
    return frozenset(t for t in maze if objective(t))


def compute() -> Computed:
    """Check that the objectives agree on every training maze and disagree in deployment.

    Examples:
        >>> r = compute().results
        >>> r["agree_on_training"], r["pseudo_aligned_base_score"], r["consistent_objectives"]
        ('3/3', '0', '16')
        >>> r["consistent_and_right_in_deployment"]
        '4'
    """
    s = Steps()
    s.step(
        "The base objective scores 1 for reaching a door; the proxy scores 1 for reaching "
        "something red.",
        sp.Tuple(
            sp.Eq(
                s.sym("O_base", r"O_{\text{base}}"), s.sym("1[door]", r"\mathbb{1}[\text{door}]")
            ),
            sp.Eq(s.sym("O_alt", r"O_{\text{alt}}"), s.sym("1[red]", r"\mathbb{1}[\text{red}]")),
        ),
    )
    agree = [_targets(_base, m) == _targets(_alt, m) for m in TRAINING]
    s.step(
        "In each of the 3 training mazes the objects worth 1 are the same under both "
        "objectives: the red door.",
        sp.Tuple(*[_show(s, _targets(_base, m)) for m in TRAINING]),
        f"{sum(agree)}/{len(agree)}",
    )
    robust, pseudo = _targets(_base, TEST), _targets(_alt, TEST)
    assert robust.isdisjoint(pseudo)
    s.step(
        "In the deployment maze the robustly aligned agent heads for the blue door and the "
        "pseudo-aligned one for the red box.",
        sp.Tuple(_show(s, robust), _show(s, pseudo)),
    )
    assert len(pseudo) == 1
    base_score = sum(_base(t) for t in pseudo)
    s.step(
        "So the pseudo-aligned agent, perfect in training, scores 0 on the base objective "
        "in deployment.",
        sp.Eq(s.sym("O_base(red box)", r"O_{\text{base}}(\text{red box})"), sp.Integer(base_score)),
        base_score,
    )
    universe = [(k, c) for k in KINDS for c in COLOURS]
    seen = sorted(set().union(*TRAINING))
    consistent = [
        dict(zip(universe, values, strict=True))
        for values in product((False, True), repeat=len(universe))
        if all(dict(zip(universe, values, strict=True))[t] == _base(t) for t in seen)
    ]
    unseen = len(universe) - len(seen)
    assert (len(universe), len(seen), len(consistent)) == (9, 5, 2**unseen)
    assert any(all(f[t] == _alt(t) for t in universe) for f in consistent)
    s.step(
        "Training shows 5 of the 9 kind-colour objects, so 2^4 objectives on objects agree "
        "with the base objective on all of them, the red-proxy among them.",
        sp.Eq(s.sym("#consistent", r"\#\text{consistent}"), sp.Pow(2, unseen, evaluate=False)),
        len(consistent),
    )
    right = [f for f in consistent if all(f[t] == _base(t) for t in TEST)]
    assert 4 * len(right) == len(consistent)
    s.step(
        "Only a quarter of them value the deployment maze as the base objective does.",
        sp.Eq(s.sym("#right in deployment", r"\#\text{right in deployment}"), len(right)),
        len(right),
    )
    s.result("agree_on_training", f"{sum(agree)}/{len(agree)}")
    s.result("robust_target", "blue door")
    s.result("pseudo_target", "red box")
    s.result("pseudo_aligned_base_score", str(base_score))
    s.result("consistent_objectives", str(len(consistent)))
    s.result("consistent_and_right_in_deployment", str(len(right)))
    return s.done()

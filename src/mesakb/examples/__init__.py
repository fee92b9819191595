"""Worked examples: small, exact computations with sympy that illustrate concepts.

Each example is reviewed Python code in its own module (``mesakb.examples.<id>``, with
``-`` as ``_``) that builds sympy objects itself: no string from the content is ever
parsed or evaluated. The registry :data:`EXAMPLES` is plain data, so importing this
package does not import sympy; :func:`run_example` imports the example's module (and
sympy) when it is asked for, then runs it in a child process with a deadline and a
memory limit (:func:`mesakb.examples.limits.run_bounded`).

Examples:
    >>> sorted(EXAMPLES)[:2]
    ['absent-minded-driver', 'behavioral-objective-irl']
    >>> result = run_example("absent-minded-driver")
    >>> result.results["optimal_p"], result.results["paper_p"]
    ('5/9', '0.61')
    >>> print(format_example_text(result).splitlines()[0])
    The toy example when training and deployment look alike
    >>> try:
    ...     run_example("absent-minded")
    ... except UnknownExampleError as err:
    ...     print(err.suggestions)
    ('absent-minded-driver',)
"""

from __future__ import annotations

import functools
import importlib
from collections.abc import Callable

from mesakb.errors import UnknownExampleError as UnknownExampleError
from mesakb.examples.base import Computed, ExampleResult, ExampleSpec, ExampleStep
from mesakb.examples.limits import DEFAULT_TIMEOUT, run_bounded
from mesakb.examples.present import format_example_text
from mesakb.suggest import close_names

__all__ = [
    "DEFAULT_TIMEOUT",
    "EXAMPLES",
    "ExampleResult",
    "ExampleSpec",
    "ExampleStep",
    "UnknownExampleError",
    "examples_for",
    "format_example_text",
    "get_example",
    "run_bounded",
    "run_example",
]

_SPECS = (
    ExampleSpec(
        "deceptive-toy",
        "Deceptive alignment in the two-corner toy world",
        ("deceptive-alignment",),
        "Counts the B's of deceiving and of defecting now, then solves when deception pays "
        "with T training and D deployment episodes and a discount factor.",
    ),
    ExampleSpec(
        "absent-minded-driver",
        "The toy example when training and deployment look alike",
        ("deceptive-alignment", "absent-minded-driver"),
        "Solves for the planning-optimal probability of defecting each episode and "
        "compares it with the paper's figure.",
    ),
    ExampleSpec(
        "double-edged-sword",
        "A time penalty can select pseudo-alignment",
        ("time-complexity-penalty", "pseudo-alignment"),
        "Finds the ranges of the time penalty in which a heuristic, a pseudo-aligned and a "
        "robustly aligned optimizer each score best.",
    ),
    ExampleSpec(
        "double-well-basins",
        "Basins of attraction of a double well",
        ("reachability",),
        "Finds the minima of a tilted double-well loss and which one gradient descent "
        "reaches from each initialization.",
    ),
    ExampleSpec(
        "maze-proxy",
        "Red doors: a proxy that agrees in training",
        ("pseudo-alignment", "proxy-alignment"),
        "Checks that 'reach a door' and 'reach something red' agree on every training maze "
        "and disagree off distribution.",
    ),
    ExampleSpec(
        "optimization-power-bits",
        "Optimization power in bits",
        ("optimization-power",),
        "Computes -log2 of the fraction of outcomes at least as good as the one achieved.",
    ),
    ExampleSpec(
        "simplicity-prior-ratio",
        "Prior odds under a simplicity prior",
        ("simplicity-bias", "description-length"),
        "Computes the prior ratio 2^-(K1-K2) and how many observations overturn it.",
    ),
    ExampleSpec(
        "levin-complexity",
        "Levin complexity: short and slow against long and fast",
        ("levin-complexity",),
        "Compares two programs under length and under length + log2(time), and finds "
        "where the preference flips.",
    ),
    ExampleSpec(
        "behavioral-objective-irl",
        "The rewards consistent with observed choices",
        ("behavioral-objective",),
        "Solves for the cone of linear reward weights under which the observed choices "
        "are optimal.",
    ),
    ExampleSpec(
        "model-capacity-count",
        "Counting the functions a model can represent",
        ("model-capacity",),
        "Counts the boolean functions of n inputs and those that k bits or a threshold "
        "unit can represent.",
    ),
)

EXAMPLES: dict[str, ExampleSpec] = {spec.id: spec for spec in _SPECS}
"""Every worked example by id, in display order."""


def get_example(id: str) -> ExampleSpec:
    """Return the spec of an example.

    Raises:
        UnknownExampleError: No such id; the error suggests close ids.

    Examples:
        >>> get_example("levin-complexity").concepts
        ('levin-complexity',)
        >>> get_example("maze")
        Traceback (most recent call last):
        ...
        mesakb.errors.UnknownExampleError: worked example 'maze': no such example (...)
    """
    try:
        return EXAMPLES[id]
    except KeyError:
        raise UnknownExampleError(id, _suggest(id)) from None


def _suggest(id: str) -> list[str]:
    close = close_names(id, EXAMPLES)
    if not close and id:
        close = [known for known in EXAMPLES if id in known or known in id][:3]
    return close


def examples_for(concept: str) -> tuple[ExampleSpec, ...]:
    """Return the examples bound to a concept, in registry order.

    Examples:
        >>> [spec.id for spec in examples_for("deceptive-alignment")]
        ['deceptive-toy', 'absent-minded-driver']
        >>> examples_for("no-such-concept")
        ()
    """
    return tuple(spec for spec in EXAMPLES.values() if concept in spec.concepts)


def run_example(id: str, *, timeout: float = DEFAULT_TIMEOUT) -> ExampleResult:
    """Run a worked example and return its steps and results.

    The example's module (and sympy) is imported here first; then its computation runs
    in a forked child process under :func:`run_bounded` (killed at the deadline, its
    memory limited), and its steps and results come back as plain data.

    Args:
        id: The example id (see :data:`EXAMPLES`).
        timeout: Seconds the computation may take.

    Returns:
        The result: metadata, steps and key results.

    Raises:
        UnknownExampleError: No such id.
        ExampleError: The computation failed or ran out of time.

    Examples:
        >>> run_example("levin-complexity").results["Kt"]
        '45'
    """
    spec = get_example(id)
    module = importlib.import_module(spec.module)
    compute: Callable[[], Computed] = module.compute
    steps, results = run_bounded(spec.id, functools.partial(_plain, compute), timeout=timeout)
    return ExampleResult(
        id=spec.id,
        title=spec.title,
        concepts=spec.concepts,
        steps=tuple(ExampleStep(*step) for step in steps),
        results=results,
    )


_Step = tuple[str, str, str | int | float | None, str]


def _plain(compute: Callable[[], Computed]) -> tuple[list[_Step], dict[str, str]]:
    """Run ``compute`` and return its result as plain data (what comes back from the child)."""
    done = compute()
    steps = [(s.text, s.latex, s.value, s.plain) for s in done.steps]
    return steps, {str(k): str(v) for k, v in done.results.items()}

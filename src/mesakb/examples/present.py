r"""Worked examples as terminal text and as Markdown for the concept pages.

Nothing here imports sympy: a result is plain data, and its formulas are already LaTeX.

Examples:
    >>> from mesakb.examples.base import ExampleResult, ExampleStep
    >>> result = ExampleResult("demo", "A demo", ("optimizer",),
    ...     (ExampleStep("Half of one.", r"\frac{1}{2}", "0.5", "1/2"),), {"half": "1/2"})
    >>> print(format_example_text(result))
    A demo
    example demo · concepts: optimizer
    <BLANKLINE>
     1. Half of one.
          1/2
          = 0.5
    <BLANKLINE>
    Results:
      half: 1/2
"""

from __future__ import annotations

from mesakb.examples.base import ExampleResult

__all__ = ["format_example_text"]


def format_example_text(result: ExampleResult) -> str:
    """Return a worked example as plain text for a terminal.

    Formulas are shown in sympy's one-line form (the LaTeX when there is none).

    Args:
        result: What :func:`mesakb.examples.run_example` returned.

    Returns:
        Text lines, without a final newline.

    Examples:
        >>> from mesakb.examples.base import ExampleResult
        >>> print(format_example_text(ExampleResult("x", "X", ("c",), (), {})))
        X
        example x · concepts: c
    """
    lines = [result.title, f"example {result.id} · concepts: {', '.join(result.concepts)}"]
    for number, step in enumerate(result.steps, 1):
        lines += ["", f"{number:2d}. {step.text}", f"      {step.plain or step.latex}"]
        if step.value is not None and str(step.value) != (step.plain or step.latex):
            lines.append(f"      = {step.value}")
    if result.results:
        lines += ["", "Results:"]
        lines += [f"  {name}: {value}" for name, value in result.results.items()]
    return "\n".join(lines)

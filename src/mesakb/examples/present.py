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

import re
from typing import Literal

from mesakb.examples.base import ExampleResult, ExampleStep

__all__ = ["format_example_text", "render_example_markdown"]


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


def render_example_markdown(
    result: ExampleResult,
    *,
    heading_level: int = 3,
    math: Literal["mathml", "arithmatex"] = "mathml",
) -> str:
    r"""Return a worked example as Markdown for a concept page.

    With ``math="mathml"`` (the default, as the site is configured: no arithmatex in
    ``mkdocs.yml``) the steps are an HTML island like the concept page's formal
    statement: each formula is converted to MathML at build time by
    :func:`mesakb.safehtml.tex_mathml` (shown as code if refused) and each sentence goes
    through :func:`mesakb.safehtml.markdown_html`. With ``math="arithmatex"`` the output
    is plain Markdown with ``$$ ... $$`` blocks, for ``pymdownx.arithmatex`` in generic
    mode.

    Args:
        result: What :func:`mesakb.examples.run_example` returned.
        heading_level: Level of the example's heading (2 to 6).
        math: How formulas are written.

    Returns:
        Markdown ending with a blank line.

    Examples:
        >>> from mesakb.examples.base import ExampleResult, ExampleStep
        >>> r = ExampleResult("demo", "A demo", ("optimizer",),
        ...     (ExampleStep("Half of *one*.", r"\frac{1}{2}", "1/2"),), {"half": "1/2"})
        >>> md = render_example_markdown(r)
        >>> md.startswith("### A demo\n\n") and "<em>one</em>" in md and "<mfrac>" in md
        True
        >>> print(render_example_markdown(r, math="arithmatex", heading_level=4))
        #### A demo
        <BLANKLINE>
        1. Half of *one*.
        <BLANKLINE>
            $$
            \frac{1}{2}
            $$
        <BLANKLINE>
            Value: `1/2`
        <BLANKLINE>
        | Result | Value |
        | --- | --- |
        | half | `1/2` |
        <BLANKLINE>
        Run it yourself: `mesakb example demo`
        <BLANKLINE>
        <BLANKLINE>
    """
    if not 2 <= heading_level <= 6:
        raise ValueError(f"heading_level must be 2 to 6, not {heading_level}")
    heading = "#" * heading_level + " " + result.title.replace("#", "").strip() + "\n\n"
    if math == "arithmatex":
        return heading + _arithmatex(result)
    return heading + _mathml(result)


def _code(text: str) -> str:
    longest = max((len(run) for run in re.findall(r"`+", text)), default=0)
    ticks = "`" * (longest + 1)
    pad = " " if text.startswith("`") or text.endswith("`") else ""
    return f"{ticks}{pad}{text}{pad}{ticks}"


def _arithmatex(result: ExampleResult) -> str:
    out: list[str] = []
    for number, step in enumerate(result.steps, 1):
        out.append(f"{number}. {step.text}\n\n    $$\n    {step.latex}\n    $$\n\n")
        if step.value is not None:
            out.append(f"    Value: {_code(str(step.value))}\n\n")
    if result.results:
        out.append("| Result | Value |\n| --- | --- |\n")
        out += [
            f"| {name} | {_code(value).replace('|', chr(92) + '|')} |\n"
            for name, value in result.results.items()
        ]
        out.append("\n")
    out.append(f"Run it yourself: `mesakb example {result.id}`\n\n")
    return "".join(out)


def _mathml(result: ExampleResult) -> str:
    from mesakb.safehtml import UnsafeMarkupError, escape, markdown_html, tex_mathml

    def formula(step: ExampleStep) -> str:
        try:
            return tex_mathml(step.latex, display=True)
        except UnsafeMarkupError:
            return f'<code class="mesakb-tex">{escape(step.latex)}</code>'

    items = []
    for step in result.steps:
        value = ""
        if step.value is not None:
            shown = escape(str(step.value))
            value = f'<p class="mesakb-example-value">Value: <code>{shown}</code></p>'
        items.append(
            f"<li><p>{markdown_html(step.text, inline=True)}</p>"
            f'<div class="mesakb-example-math">{formula(step)}</div>{value}</li>'
        )
    rows = "".join(
        f"<tr><td>{escape(name)}</td><td><code>{escape(value)}</code></td></tr>"
        for name, value in result.results.items()
    )
    table = (
        '<table class="mesakb-example-results"><thead><tr><th>Result</th><th>Value</th></tr>'
        f"</thead><tbody>{rows}</tbody></table>"
        if rows
        else ""
    )
    html = (
        f'<div class="mesakb-example" id="example-{escape(result.id)}">'
        f'<ol class="mesakb-example-steps">{"".join(items)}</ol>{table}'
        f'<p class="mesakb-example-run">Run it yourself: <code>mesakb example '
        f"{escape(result.id)}</code></p></div>"
    )
    return html + "\n\n"

r"""A worked example as Markdown for a concept page: steps, formulas, results.

The example's computation happens in :mod:`mesakb.examples`; this module only shows a
finished :class:`~mesakb.examples.base.ExampleResult`.
"""

from __future__ import annotations

import re
from typing import Literal

from mesakb.errors import UnsafeMarkupError, UsageError
from mesakb.examples.base import ExampleResult, ExampleStep
from mesakb.site.html import escape, markdown_html, tex_mathml
from mesakb.site.islands import island

__all__ = ["render_example_markdown"]


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
    :func:`mesakb.site.html.tex_mathml` (shown as code if refused) and each sentence goes
    through :func:`mesakb.site.html.markdown_html`. With ``math="arithmatex"`` the output
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
        raise UsageError(
            "heading_level", heading_level, f"heading_level must be 2 to 6, not {heading_level}"
        )
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
    return island(html)

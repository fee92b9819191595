r"""The data of worked examples: specs, steps and results. Plain data, no sympy.

Examples:
    >>> step = ExampleStep("Solve for p.", r"p = \frac{5}{9}", "5/9", "p = 5/9")
    >>> step.value
    '5/9'
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field

__all__ = ["Computed", "ExampleResult", "ExampleSpec", "ExampleStep"]


@dataclass(frozen=True, slots=True)
class ExampleSpec:
    """One entry of the registry: what an example is called and which concepts it serves.

    Attributes:
        id: The example id, e.g. ``deceptive-toy``.
        title: A one-line title.
        concepts: The ids of the concepts whose pages show the example, main one first.
        summary: One sentence on what the example computes.
    """

    id: str
    title: str
    concepts: tuple[str, ...]
    summary: str

    @property
    def module(self) -> str:
        """Return the dotted name of the module that computes the example.

        Examples:
            >>> ExampleSpec("deceptive-toy", "t", ("deceptive-alignment",), "s").module
            'mesakb.examples.deceptive_toy'
        """
        return "mesakb.examples." + self.id.replace("-", "_")


@dataclass(frozen=True, slots=True)
class ExampleStep:
    """One step of a worked example: a sentence of prose and a formula.

    Attributes:
        text: One sentence of Markdown prose (no HTML, no ``$``).
        latex: The formula or result, as written by ``sympy.latex``.
        value: The step's result as a plain string or number, if it has one.
        plain: The formula as one line of plain text (``sympy.sstr``), for terminals.
    """

    text: str
    latex: str
    value: str | int | float | None = None
    plain: str = ""


@dataclass(frozen=True, slots=True)
class Computed:
    """What an example module's ``compute()`` returns: the steps and the key results.

    Attributes:
        steps: The steps, in order.
        results: Key results by name, each a plain string (exact where possible).
    """

    steps: tuple[ExampleStep, ...]
    results: Mapping[str, str] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class ExampleResult:
    """A worked example, run: its metadata, its steps and its key results.

    Attributes:
        id: The example id.
        title: Its title.
        concepts: The concept ids it is bound to.
        steps: The steps, in order.
        results: Key results by name, each a plain string (exact where possible).
    """

    id: str
    title: str
    concepts: tuple[str, ...]
    steps: tuple[ExampleStep, ...]
    results: dict[str, str]

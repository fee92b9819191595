"""Worked examples: exact values, safety of the output, the time bound, lazy sympy."""

from __future__ import annotations

import importlib
import itertools
import re
import signal
import subprocess
import sys
import threading
import time
from pathlib import Path
from typing import Any

import pytest

import mesakb
from mesakb.errors import UnknownExampleError
from mesakb.examples import EXAMPLES, examples_for, get_example, run_example
from mesakb.examples.base import ExampleResult
from mesakb.examples.limits import run_bounded
from mesakb.examples.present import format_example_text
from mesakb.site.worked import render_example_markdown

ROOT = Path(__file__).resolve().parent.parent

EXPECTED: dict[str, dict[str, str]] = {
    "deceptive-toy": {
        "toy_deceive": "3",
        "toy_defect_now": "1",
        "undiscounted_condition": "1 < D",
        "deceive_value": "gamma**T*(1 - gamma**D)/(1 - gamma)",
        "gamma_threshold_toy": "-1/(3*(1/2 + sqrt(93)/18)**(1/3)) + (1/2 + sqrt(93)/18)**(1/3)",
        "gamma_threshold_toy_approx": "0.682328",
        "gamma_threshold_infinite_D": "-1/2 + sqrt(5)/2",
        "D_threshold": "log((gamma + gamma**T - 1)/gamma**T)/log(gamma)",
        "D_threshold_gamma_0.9_T_2": "log(71/81)/log(9/10)",
    },
    "absent-minded-driver": {
        "expected_B": "3*p**3 - 7*p**2 + 5*p",
        "optimal_p": "5/9",
        "optimal_p_approx": "0.5556",
        "optimal_expected_B": "275/243",
        "paper_p": "0.61",
        "expected_B_at_paper_p": "1126243/1000000",
        "agrees_with_paper": "no",
        "general_optimal_p": "(D + T)/(D*(T + 1))",
        "closest_small_T_D_p": "3/5, 5/8",
        "variant_update_after_training_p": "1",
        "variant_deployment_only_p": "1/3",
    },
    "double-edged-sword": {
        "robustly aligned": "Interval.Ropen(0, 1/6)",
        "pseudo-aligned": "Interval.open(1/6, 8/3)",
        "heuristic": "Interval.open(8/3, oo)",
        "ties": "1/6, 8/3",
    },
    "double-well-basins": {
        "critical_points": "-1, 0, 2",
        "minima": "-1, 2",
        "maximum": "0",
        "basin_of_-1": "Interval.open(-oo, 0)",
        "basin_of_2": "Interval.open(0, oo)",
        "max_step_size": "1/36",
        "jump_from_-3_eta_1/100": "3/5",
    },
    "maze-proxy": {
        "agree_on_training": "3/3",
        "robust_target": "blue door",
        "pseudo_target": "red box",
        "pseudo_aligned_base_score": "0",
        "consistent_objectives": "16",
        "consistent_and_right_in_deployment": "4",
    },
    "optimization-power-bits": {
        "best_of_1024": "10",
        "top_quarter": "2",
        "dice_sum_at_least_11": "1/12",
        "dice_sum_11": "log(3)/log(2) + 2",
        "dice_sum_11_approx": "3.58496",
    },
    "simplicity-prior-ratio": {
        "prior_ratio": "1048576",
        "prior_share_of_shorter": "1048576/1048577",
        "posterior_odds": "1048576/2**n",
        "flip_after_observations": "20",
        "flip_set": "Interval.open(20, oo)",
    },
    "levin-complexity": {
        "Kt_short_slow": "50",
        "Kt_long_fast": "45",
        "Kt": "45",
        "Kt_winner": "long fast",
        "K_winner": "short slow",
        "flip_time": "33554432",
        "flip_weight": "4/5",
    },
    "behavioral-objective-irl": {
        "constraints": "-w_1 + w_2 >= 0, 2*w_1 - w_2 >= 0",
        "cone_rays": "(1, 1), (1, 2)",
        "normalized_w1": "Interval(1/3, 1/2)",
        "new_choice_split_at": "2/5",
    },
    "model-capacity-count": {
        "all_functions": "4, 16, 256, 65536",
        "all_functions_n4": "65536",
        "fraction_8_bits_n4": "1/256",
        "bits_needed_n4": "16",
        "threshold_counts": "4, 14, 104, 1882",
        "threshold_share_n4": "941/32768",
        "threshold_bits_n4": "10.88",
        "missing_n2": "XNOR, XOR",
    },
}

CONCEPTS = {
    "deceptive-toy": ("deceptive-alignment",),
    "absent-minded-driver": ("deceptive-alignment", "absent-minded-driver"),
    "double-edged-sword": ("time-complexity-penalty", "pseudo-alignment"),
    "double-well-basins": ("reachability",),
    "maze-proxy": ("pseudo-alignment", "proxy-alignment"),
    "optimization-power-bits": ("optimization-power",),
    "simplicity-prior-ratio": ("simplicity-bias", "description-length"),
    "levin-complexity": ("levin-complexity",),
    "behavioral-objective-irl": ("behavioral-objective",),
    "model-capacity-count": ("model-capacity",),
}


@pytest.fixture(scope="module")
def results() -> dict[str, ExampleResult]:
    return {id: run_example(id) for id in EXAMPLES}


# -- registry ---------------------------------------------------------------------


def test_registry_ids_concepts_and_modules() -> None:
    assert set(EXAMPLES) == set(EXPECTED)
    for id, spec in EXAMPLES.items():
        assert spec.id == id
        assert spec.concepts == CONCEPTS[id]
        assert spec.title
        assert spec.summary.endswith(".")
        module = importlib.import_module(spec.module)
        assert callable(module.compute)
        assert module.__doc__


def test_examples_for_concept() -> None:
    assert [s.id for s in examples_for("pseudo-alignment")] == ["double-edged-sword", "maze-proxy"]
    assert [s.id for s in examples_for("absent-minded-driver")] == ["absent-minded-driver"]
    assert examples_for("mesa-optimizer") == ()


# -- exact values ---------------------------------------------------------------


@pytest.mark.parametrize("id", sorted(EXPECTED))
def test_exact_results(results: dict[str, ExampleResult], id: str) -> None:
    result = results[id]
    assert result.id == id
    assert result.title == EXAMPLES[id].title
    assert result.concepts == CONCEPTS[id]
    assert result.results == EXPECTED[id]
    assert 4 <= len(result.steps) <= 10


def test_absent_minded_model_by_enumeration() -> None:
    # Independently of the module: enumerate the 2^5 defect/comply sequences.
    import sympy as sp

    p = sp.Symbol("p", nonnegative=True)
    total = sp.Integer(0)
    for acts in itertools.product((0, 1), repeat=5):
        prob, modified, bs = sp.Integer(1), False, 0
        for episode, defect in enumerate(acts):
            prob *= p if defect else 1 - p
            if defect and not modified:
                bs += 1
                modified = episode < 2  # caught in training (episodes 0 and 1)
        total += prob * bs
    value = sp.expand(total)
    assert value == 3 * p**3 - 7 * p**2 + 5 * p
    assert set(sp.solve(sp.diff(value, p), p)) == {sp.Rational(5, 9), 1}
    assert value.subs(p, sp.Rational(5, 9)) == sp.Rational(275, 243)
    assert value.subs(p, sp.Rational(61, 100)) < value.subs(p, sp.Rational(5, 9))


def test_deceptive_toy_threshold_is_the_real_root() -> None:
    import sympy as sp

    g = sp.Symbol("gamma")
    root = sp.nsolve(g**3 + g - 1, g, 0.7)
    assert abs(float(root) - 0.6823278) < 1e-6
    assert EXPECTED["deceptive-toy"]["gamma_threshold_toy_approx"] == "0.682328"


def test_threshold_counts_match_oeis() -> None:
    from mesakb.examples.model_capacity_count import threshold_functions

    assert [len(threshold_functions(n)) for n in range(1, 5)] == [4, 14, 104, 1882]
    # A larger weight range finds nothing new for n <= 3.
    assert threshold_functions(3, max_weight=4) == threshold_functions(3)


def test_gradient_descent_agrees_with_basins() -> None:
    from mesakb.examples.double_well_basins import descend

    for x0, minimum in [(-1.5, -1.0), (-0.01, -1.0), (0.01, 2.0), (2.5, 2.0)]:
        assert descend(x0, 0.001, 20_000) == pytest.approx(minimum, abs=1e-9)


# -- output ---------------------------------------------------------------------


@pytest.mark.parametrize("id", sorted(EXPECTED))
def test_steps_are_safe_and_convert_to_mathml(results: dict[str, ExampleResult], id: str) -> None:
    from mesakb.site.html import tex_mathml

    for step in results[id].steps:
        assert step.text.strip() == step.text
        assert step.text.endswith(".")
        assert "$" not in step.text
        assert not re.search(r"<[A-Za-z/!?]", step.text), step.text
        assert step.latex
        assert step.plain
        assert tex_mathml(step.latex).startswith("<math")
        assert step.value is None or isinstance(step.value, str | int | float)


@pytest.mark.parametrize("id", sorted(EXPECTED))
def test_markdown_mathml(results: dict[str, ExampleResult], id: str) -> None:
    result = results[id]
    md = render_example_markdown(result)
    assert md.startswith(f"### {result.title}\n\n")
    assert md.endswith("\n\n")
    assert md.count("<li>") == len(result.steps)
    assert md.count("<math") == len(result.steps)
    assert "mesakb-tex" not in md  # every formula converted
    assert "<script" not in md
    assert f"mesakb example {id}" in md
    for value in result.results.values():
        assert value.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;") in md


def test_markdown_arithmatex(results: dict[str, ExampleResult]) -> None:
    result = results["absent-minded-driver"]
    md = render_example_markdown(result, math="arithmatex", heading_level=2)
    assert md.startswith("## ")
    assert md.count("$$") == 2 * len(result.steps)
    assert "1. Model:" in md
    assert f"    $$\n    {result.steps[0].latex}\n    $$" in md
    assert "| optimal_p | `5/9` |" in md
    assert "<" not in md.replace("\\mid", "")  # pure Markdown, no HTML


def test_markdown_refuses_bad_heading_level(results: dict[str, ExampleResult]) -> None:
    with pytest.raises(ValueError, match="heading_level"):
        render_example_markdown(results["levin-complexity"], heading_level=1)


def test_markdown_falls_back_to_code_for_unsafe_tex() -> None:
    from mesakb.examples.base import ExampleStep

    bad = ExampleResult(
        "x", "X", ("c",), (ExampleStep("Bad.", r"\href{javascript:alert(1)}{x}"),), {}
    )
    md = render_example_markdown(bad)
    assert '<code class="mesakb-tex">' in md
    assert "<a" not in md


def test_text_format(results: dict[str, ExampleResult]) -> None:
    text = format_example_text(results["absent-minded-driver"])
    lines = text.splitlines()
    assert lines[0] == EXAMPLES["absent-minded-driver"].title
    assert "concepts: deceptive-alignment, absent-minded-driver" in lines[1]
    assert "  optimal_p: 5/9" in lines
    assert "  paper_p: 0.61" in lines
    assert "Eq(p*, 5/9)" in text


def test_cli_runs_an_example(capsys: pytest.CaptureFixture[str]) -> None:
    from mesakb.cli import main

    assert main(["example", "levin-complexity"]) == 0
    out = capsys.readouterr().out
    assert "Kt: 45" in out
    assert main(["example"]) == 0
    listing = capsys.readouterr().out
    assert all(id in listing for id in EXAMPLES)


# -- errors ---------------------------------------------------------------------


def test_unknown_id_suggests_close_ids() -> None:
    with pytest.raises(UnknownExampleError) as info:
        run_example("levin-complexty")
    err = info.value
    assert err.suggestions == ("levin-complexity",)
    assert err.example == "levin-complexty"
    assert str(err) == (
        "worked example 'levin-complexty': no such example (did you mean 'levin-complexity'?)"
    )
    assert isinstance(err, mesakb.ExampleError)
    assert isinstance(err, mesakb.MesakbError)
    assert isinstance(err, KeyError)
    assert get_example_suggestions("absent") == ("absent-minded-driver",)
    assert get_example_suggestions("zzzz") == ()


def get_example_suggestions(id: str) -> tuple[str, ...]:
    with pytest.raises(UnknownExampleError) as info:
        get_example(id)
    assert ("did you mean" in str(info.value)) == bool(info.value.suggestions)
    return info.value.suggestions


def test_failure_inside_an_example_is_an_example_error() -> None:
    with pytest.raises(mesakb.ExampleError, match="failed: KeyError") as info:
        run_bounded("demo", lambda: {}["x"])
    assert isinstance(info.value.__cause__, KeyError)
    with pytest.raises(mesakb.ExampleError, match="recursion too deep"):
        run_bounded("demo", _recurse)
    with pytest.raises(ValueError, match="positive"):
        run_bounded("demo", lambda: 1, timeout=0)


def _recurse() -> int:
    return _recurse() + 1


# -- time bound -----------------------------------------------------------------


def _spin() -> None:
    n = 0
    while True:
        n += 1


def _bounded_time(func: Any, timeout: float) -> float:
    start = time.monotonic()
    with pytest.raises(mesakb.ExampleError, match=r"stopped after 0\.2 s \(time limit\)"):
        run_bounded("slow", func, timeout=timeout)
    return time.monotonic() - start


def test_runaway_is_stopped_in_the_main_thread() -> None:
    before = signal.getsignal(signal.SIGALRM)
    assert _bounded_time(_spin, 0.2) < 2.0
    assert _bounded_time(lambda: time.sleep(30), 0.2) < 2.0  # the alarm interrupts sleep
    assert signal.getsignal(signal.SIGALRM) is before
    assert signal.getitimer(signal.ITIMER_REAL)[0] == 0


def test_runaway_is_stopped_in_another_thread() -> None:
    elapsed: list[float] = []
    after: list[int] = []

    def work() -> None:
        elapsed.append(_bounded_time(_spin, 0.2))
        after.append(run_bounded("fast", lambda: 7, timeout=0.05))
        time.sleep(0.2)  # a cancelled watchdog must not fire late
        after.append(8)

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(10)
    assert not worker.is_alive()
    assert elapsed[0] < 2.0
    assert after == [7, 8]


def test_runaway_is_stopped_when_a_timer_is_armed() -> None:
    fired: list[int] = []
    previous = signal.signal(signal.SIGALRM, lambda signum, frame: fired.append(signum))
    try:
        signal.setitimer(signal.ITIMER_REAL, 5.0)
        assert _bounded_time(_spin, 0.2) < 2.0  # falls back to the watchdog
        assert signal.getitimer(signal.ITIMER_REAL)[0] > 0  # the outer timer is untouched
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
    assert fired == []


def test_run_example_is_bounded(monkeypatch: pytest.MonkeyPatch) -> None:
    module = importlib.import_module("mesakb.examples.levin_complexity")
    monkeypatch.setattr(module, "compute", _spin)
    start = time.monotonic()
    with pytest.raises(mesakb.ExampleError, match=r"'levin-complexity': stopped after 0\.2 s"):
        run_example("levin-complexity", timeout=0.2)
    assert time.monotonic() - start < 2.0


# -- laziness -------------------------------------------------------------------


def test_importing_examples_does_not_import_sympy() -> None:
    code = (
        "import mesakb.examples as e, sys\n"
        "e.get_example('deceptive-toy'); e.examples_for('reachability'); list(e.EXAMPLES)\n"
        "assert 'sympy' not in sys.modules, 'sympy imported'\n"
        "e.run_example('levin-complexity')\n"
        "assert 'sympy' in sys.modules\n"
    )
    subprocess.run([sys.executable, "-c", code], check=True, cwd=ROOT, timeout=120)


def test_guide_lists_every_example() -> None:
    guide = ROOT / "site" / "guides" / "examples.md"
    text = guide.read_text(encoding="utf-8")
    for id, spec in EXAMPLES.items():
        assert f"`{id}`" in text
        assert all(concept in text for concept in spec.concepts)


def test_every_example_is_bound_to_shipped_concepts() -> None:
    import mesakb
    from mesakb.examples import EXAMPLES

    kb = mesakb.load()
    for spec in EXAMPLES.values():
        assert spec.concepts
        for concept in spec.concepts:
            assert concept in kb.concepts, (spec.id, concept)


def test_concept_page_shows_computed_example() -> None:
    import mesakb
    from mesakb.site.pages import concept_page

    page = concept_page(mesakb.load(), "absent-minded-driver")
    assert "## Worked example" in page
    assert "5/9" in page or "frac{5}{9}" in page or "<mn>5</mn>" in page

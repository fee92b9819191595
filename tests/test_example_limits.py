"""Worked examples run in a child process: killed at the deadline, memory bounded."""

from __future__ import annotations

import os
import resource
import signal
import threading
import time
from typing import Any

import pytest

import mesakb
from mesakb.examples import run_example
from mesakb.examples.limits import run_bounded


def _elapsed(func: Any, timeout: float, match: str) -> float:
    start = time.monotonic()
    with pytest.raises(mesakb.ExampleError, match=match):
        run_bounded("slow", func, timeout=timeout)
    return time.monotonic() - start


def test_one_long_c_call_is_stopped() -> None:
    # sum() over a range runs in C and never returns to the interpreter loop, so no
    # in-process signal handler or async exception could stop it; a kill does.
    assert _elapsed(lambda: sum(range(10**13)), 0.3, r"stopped after 0\.3 s") < 3.0
    assert _elapsed(lambda: 7**10**9, 0.3, r"stopped after 0\.3 s") < 3.0


def test_signals_are_ignored_and_the_child_is_still_killed() -> None:
    def stubborn() -> None:
        signal.signal(signal.SIGTERM, signal.SIG_IGN)
        signal.signal(signal.SIGINT, signal.SIG_IGN)
        time.sleep(60)

    assert _elapsed(stubborn, 0.3, r"time limit") < 3.0


def test_memory_is_bounded() -> None:
    before = resource.getrlimit(resource.RLIMIT_AS)
    with pytest.raises(mesakb.ExampleError, match="stopped: out of memory"):
        run_bounded("hungry", lambda: bytearray(64 << 30), memory=256 << 20)
    grow: list[bytes] = []

    def hoard() -> None:
        while True:
            grow.append(b"x" * (16 << 20))

    with pytest.raises(mesakb.ExampleError, match="stopped: out of memory"):
        run_bounded("hoard", hoard, memory=256 << 20, timeout=30)
    # The limit was the child's alone.
    assert resource.getrlimit(resource.RLIMIT_AS) == before
    assert grow == []


def test_a_child_that_dies_is_reported() -> None:
    with pytest.raises(mesakb.ExampleError, match=r"died \(signal 9\)"):
        run_bounded("doomed", lambda: os.kill(os.getpid(), signal.SIGKILL))
    with pytest.raises(mesakb.ExampleError, match=r"died \(exit 3\)"):
        run_bounded("doomed", lambda: os._exit(3))


def test_results_come_back_as_data_and_state_stays_in_the_child() -> None:
    seen: list[int] = []

    def work() -> dict[str, list[int]]:
        seen.append(os.getpid())
        return {"pid": [os.getpid()], "squares": [n * n for n in range(5)]}

    out = run_bounded("data", work)
    assert out["squares"] == [0, 1, 4, 9, 16]
    assert out["pid"] != [os.getpid()]  # computed elsewhere...
    assert seen == []  # ...so the parent's memory is untouched


def test_an_unpicklable_result_or_error_is_an_example_error() -> None:
    with pytest.raises(mesakb.ExampleError, match="the result cannot be sent back"):
        run_bounded("lock", threading.Lock)

    class LocalError(Exception):
        pass

    def fail() -> None:
        raise LocalError("x")

    # A class defined in a function pickles by reference and cannot be found again.
    with pytest.raises(mesakb.ExampleError, match="LocalError raised cannot be sent back"):
        run_bounded("local", fail)


def test_the_child_traceback_is_kept_as_a_note() -> None:
    def inner() -> None:
        raise KeyError("missing")

    with pytest.raises(mesakb.ExampleError, match="failed: KeyError") as info:
        run_bounded("demo", inner)
    cause = info.value.__cause__
    assert isinstance(cause, KeyError)
    assert any("in inner" in note for note in cause.__notes__)


def test_bad_memory_argument() -> None:
    with pytest.raises(ValueError, match="memory must be positive"):
        run_bounded("demo", lambda: 1, memory=0)
    assert run_bounded("demo", lambda: 1, memory=None) == 1


def test_run_example_results_are_plain_and_equal_to_an_in_process_run() -> None:
    import importlib

    from mesakb.examples import EXAMPLES

    for id in ("levin-complexity", "absent-minded-driver"):
        spec = EXAMPLES[id]
        direct = importlib.import_module(spec.module).compute()
        result = run_example(id)
        assert result.steps == direct.steps, id
        assert result.results == dict(direct.results), id


def test_the_deadline_counts_the_computation_not_the_start_up() -> None:
    # 50 ms is far less than a fork takes under coverage on a loaded machine.
    assert run_bounded("fast", lambda: 7, timeout=0.05) == 7

"""Rendering in forked workers gives exactly what rendering in one process gives."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

import pytest

from mesakb.pool import fork_map


def _pid_of(_: int) -> int:
    return os.getpid()


def test_results_keep_the_order_of_the_items() -> None:
    items = list(range(1000))
    assert fork_map(lambda x: x * x, items, workers=2, chunk=7) == [x * x for x in items]


def test_work_really_runs_in_other_processes() -> None:
    # In a fresh process: the test process may run threads, and then nothing forks.
    code = (
        "import os; from mesakb.pool import fork_map; "
        "pids = set(fork_map(lambda _: os.getpid(), range(200), workers=2, chunk=10)); "
        "print(os.getpid() not in pids, len(pids) >= 1)"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.split() == ["True", "True"]


def test_a_process_with_threads_does_not_fork() -> None:
    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        assert set(fork_map(_pid_of, list(range(200)), workers=2, chunk=10)) == {os.getpid()}
    finally:
        stop.set()
        thread.join()


def test_one_worker_or_few_items_run_here() -> None:
    assert set(fork_map(_pid_of, list(range(200)), workers=1)) == {os.getpid()}
    assert set(fork_map(_pid_of, [1, 2], workers=2, chunk=64)) == {os.getpid()}


def test_an_error_in_a_worker_is_raised_to_the_caller() -> None:
    def fail_on_13(x: int) -> int:
        if x == 13:
            raise ValueError("thirteen")
        return x

    with pytest.raises(ValueError, match="thirteen"):
        fork_map(fail_on_13, list(range(100)), workers=2, chunk=5)


def test_site_pages_are_the_same_with_workers() -> None:
    code = (
        "import threading, mesakb; from mesakb.render import site_pages; kb = mesakb.load(); "
        "print(len(kb) > 64, threading.active_count() == 1, "
        "site_pages(kb, workers=2) == site_pages(kb))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # More than one chunk of concepts, a process that may fork, and the same pages.
    assert out.stdout.split() == ["True", "True", "True"]

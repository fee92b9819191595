"""Rendering in forked workers gives exactly what rendering in one process gives."""

from __future__ import annotations

import os
import subprocess
import sys
import threading

from mesakb.site.pool import fork_map


def _pid_of(_: int) -> int:
    return os.getpid()


def in_fresh_process(code: str) -> list[str]:
    """Run Python code in a new, one-threaded process (which may fork); return its words.

    The test process itself may run threads (other tests serve pages), and a process
    with threads never forks, so the pool is tested where it really runs.
    """
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    return out.stdout.split()


def test_results_keep_their_order_and_come_from_other_processes() -> None:
    words = in_fresh_process(
        "import os; from mesakb.site.pool import fork_map; "
        "got = fork_map(lambda x: (x * x, os.getpid()), range(1000), workers=2, chunk=7); "
        "print([x for x, _ in got] == [x * x for x in range(1000)], "
        "os.getpid() not in {pid for _, pid in got})"
    )
    assert words == ["True", "True"]


def test_an_error_in_a_worker_is_raised_to_the_caller() -> None:
    words = in_fresh_process(
        "from mesakb.site.pool import fork_map\n"
        "def fail_on_13(x):\n"
        "    if x == 13:\n"
        "        raise ValueError('thirteen')\n"
        "    return x\n"
        "try:\n"
        "    fork_map(fail_on_13, range(100), workers=2, chunk=5)\n"
        "except ValueError as exc:\n"
        "    print('raised', exc)\n"
    )
    assert words == ["raised", "thirteen"]


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


def test_site_pages_are_the_same_with_workers() -> None:
    # More than one chunk of concepts, a process that may fork, and the same pages.
    words = in_fresh_process(
        "import threading, mesakb; from mesakb.site.files import site_pages; kb = mesakb.load(); "
        "print(len(kb) > 64, threading.active_count() == 1, "
        "site_pages(kb, workers=2) == site_pages(kb))"
    )
    assert words == ["True", "True", "True"]

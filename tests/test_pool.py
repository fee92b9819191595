"""Rendering in forked workers gives exactly what rendering in one process gives."""

from __future__ import annotations

import os

import pytest

import mesakb
from mesakb.pool import fork_map
from mesakb.render import site_pages


def _pid_of(_: int) -> int:
    return os.getpid()


def test_results_keep_the_order_of_the_items() -> None:
    items = list(range(1000))
    assert fork_map(lambda x: x * x, items, workers=2, chunk=7) == [x * x for x in items]


def test_work_really_runs_in_other_processes() -> None:
    pids = set(fork_map(_pid_of, list(range(200)), workers=2, chunk=10))
    assert os.getpid() not in pids
    assert len(pids) >= 1


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
    kb = mesakb.load()
    serial = site_pages(kb)
    assert len(kb) > 64  # more than one chunk, so the pool is really used
    assert site_pages(kb, workers=2) == serial

"""Map a function over many items in forked worker processes, keeping their order.

Rendering thousands of concept pages is pure CPU work on a knowledge base that is
already in memory. Forked workers share that memory (copy-on-write; the caller should
``gc.freeze()`` first so the collector does not touch every page of it), so neither
the knowledge base nor the function is pickled: only the results come back.

Forking a process that runs other threads can copy a lock one of them holds, so a
process with more than one thread (``mesakb serve``, a test that serves pages) gets
the plain loop instead.

Examples:
    >>> fork_map(len, ["a", "bb", "ccc"], workers=2, chunk=1)
    [1, 2, 3]
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any, TypeVar

__all__ = ["available_workers", "fork_map"]

T = TypeVar("T")
R = TypeVar("R")

# What the workers run: set before the fork, so they inherit it instead of unpickling it.
_job: tuple[Callable[[Any], Any], Sequence[Any]] | None = None


def available_workers() -> int:
    """Return how many processes may run at once here (the CPUs this process may use).

    Examples:
        >>> available_workers() >= 1
        True
    """
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # pragma: no cover - not on Linux
        return os.cpu_count() or 1


def _run(bounds: tuple[int, int]) -> list[Any]:
    assert _job is not None
    func, items = _job
    return [func(item) for item in items[bounds[0] : bounds[1]]]


def fork_map(
    func: Callable[[T], R], items: Sequence[T], *, workers: int, chunk: int = 64
) -> list[R]:
    """Return ``[func(x) for x in items]``, computed by up to ``workers`` forked processes.

    Falls back to a plain loop for one worker, few items, a process that runs other
    threads, or where ``fork`` is not available. An exception in a worker is raised here.

    Args:
        func: A function of one item; it may use anything in memory before the call.
        items: The items, in order.
        workers: Processes to use at most.
        chunk: Items per task sent to a worker.

    Returns:
        The results, in the order of ``items``.
    """
    global _job  # noqa: PLW0603 - the workers inherit it through fork
    if (
        workers <= 1
        or len(items) <= chunk
        or threading.active_count() > 1
        or "fork" not in multiprocessing.get_all_start_methods()
    ):
        return [func(item) for item in items]
    _job = (func, items)
    try:
        context = multiprocessing.get_context("fork")
        bounds = [(i, min(i + chunk, len(items))) for i in range(0, len(items), chunk)]
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            return [result for part in pool.map(_run, bounds) for result in part]
    finally:
        _job = None

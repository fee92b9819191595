"""A time bound for worked examples: stop a runaway computation and say so.

Two mechanisms, both interrupting the computation between Python bytecodes:

- in the main thread of a Unix process, ``SIGALRM`` from ``signal.setitimer`` (no
  cost while it runs), unless someone else's real-time timer is already armed;
- otherwise (another thread, no ``SIGALRM``, or a timer in use), a watchdog thread
  that raises the timeout in the computing thread with
  ``PyThreadState_SetAsyncExc`` (CPython).

The timeout is a :class:`BaseException`, so a broad ``except Exception`` inside sympy
cannot swallow it. A computation stuck inside one long C call (a huge integer power,
``time.sleep`` in a worker thread) is only stopped when that call returns.

Examples:
    >>> run_bounded("demo", lambda: 6 * 7)
    42
    >>> def spin() -> None:
    ...     while True:
    ...         pass
    >>> run_bounded("demo", spin, timeout=0.05)
    Traceback (most recent call last):
    ...
    mesakb.errors.ExampleError: worked example 'demo': stopped after 0.05 s (time limit)
"""

from __future__ import annotations

import ctypes
import signal
import threading
from collections.abc import Callable
from types import FrameType
from typing import TypeVar

from mesakb.errors import ExampleError

__all__ = ["DEFAULT_TIMEOUT", "run_bounded"]

DEFAULT_TIMEOUT = 10.0
"""Seconds an example may compute (sympy's import is not counted)."""

T = TypeVar("T")


class _Timeout(BaseException):
    """Raised inside the computation when its time is up."""


def run_bounded(example: str, func: Callable[[], T], *, timeout: float = DEFAULT_TIMEOUT) -> T:
    """Call ``func()`` and stop it if it runs longer than ``timeout`` seconds.

    Args:
        example: The example id, for the error message.
        func: The computation.
        timeout: The bound in seconds (> 0).

    Returns:
        What ``func`` returns.

    Raises:
        ExampleError: The time ran out, the recursion got too deep, memory ran out, or
            ``func`` raised another exception (chained as the cause).
        ValueError: ``timeout`` is not positive.

    Examples:
        >>> run_bounded("demo", lambda: 1 / 0)
        Traceback (most recent call last):
        ...
        mesakb.errors.ExampleError: worked example 'demo': failed: ZeroDivisionError: ...
    """
    if not timeout > 0:
        raise ValueError(f"timeout must be positive, not {timeout!r}")
    try:
        if _alarm_usable():
            return _with_alarm(func, timeout)
        return _with_watchdog(func, timeout)
    except _Timeout:
        raise ExampleError(example, f"stopped after {timeout:g} s (time limit)") from None
    except ExampleError:
        raise
    except RecursionError:
        raise ExampleError(example, "stopped: recursion too deep") from None
    except MemoryError:
        raise ExampleError(example, "stopped: out of memory") from None
    except Exception as exc:
        raise ExampleError(example, f"failed: {type(exc).__name__}: {exc}") from exc


def _alarm_usable() -> bool:
    if (
        not hasattr(signal, "setitimer")
        or threading.current_thread() is not threading.main_thread()
    ):
        return False
    handler = signal.getsignal(signal.SIGALRM)
    armed = signal.getitimer(signal.ITIMER_REAL)[0] > 0
    # A handler installed outside Python (None) could not be put back.
    return handler is not None and not armed


def _with_alarm(func: Callable[[], T], timeout: float) -> T:
    def expire(signum: int, frame: FrameType | None) -> None:
        raise _Timeout

    previous = signal.signal(signal.SIGALRM, expire)
    try:
        signal.setitimer(signal.ITIMER_REAL, timeout)
        return func()
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)


def _set_async_exc(thread_id: int, exc: type[BaseException] | None) -> None:
    ctypes.pythonapi.PyThreadState_SetAsyncExc(
        ctypes.c_ulong(thread_id), ctypes.py_object(exc) if exc is not None else None
    )


def _with_watchdog(func: Callable[[], T], timeout: float) -> T:
    target = threading.get_ident()
    lock = threading.Lock()
    state = {"running": True, "fired": False}

    def expire() -> None:
        with lock:
            if state["running"]:
                _set_async_exc(target, _Timeout)
                state["fired"] = True

    watchdog = threading.Timer(timeout, expire)
    watchdog.daemon = True
    watchdog.start()
    try:
        return func()
    finally:
        watchdog.cancel()
        with lock:
            state["running"] = False
            if state["fired"]:
                _set_async_exc(target, None)  # clear it if it has not been raised yet

"""Bounds for worked examples: compute in a child process, kill it at the deadline.

:func:`run_bounded` forks a child process that runs the computation with its address
space limited (``RLIMIT_AS``: what it already has mapped, plus :data:`DEFAULT_MEMORY`)
and sends the result back through a pipe as pickled plain data. The deadline runs from
the moment the child starts computing (so fork and coverage's start-up are not
counted); the parent then kills the child (``SIGKILL``). So a computation is stopped wherever
it is: in Python code, inside one long C call (a huge integer power, ``sum`` over a
huge range), or in ``time.sleep``; and one that allocates without end gets a
:class:`MemoryError` in the child instead of swapping the machine.

The child is forked, not spawned, so it inherits the computation as it is in memory
(a closure, a monkeypatched module) and pays no import again: the caller imports the
example's module (and sympy) first. Forking a process that runs other threads can
copy a lock one of them holds; the child only computes and is killed at the deadline
in any case, so at worst such a child ends as a time limit.

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

import multiprocessing
import os
import resource
import signal
import traceback
import warnings
from collections.abc import Callable
from multiprocessing.connection import Connection
from typing import Any, TypeVar, cast

from mesakb.errors import ExampleError

__all__ = ["DEFAULT_MEMORY", "DEFAULT_TIMEOUT", "run_bounded"]

DEFAULT_TIMEOUT = 60.0
"""Seconds an example may compute (sympy's import is not counted).

A bound on runaways, not a budget: the slowest example takes about 3 s on an idle
core, and four times that on a loaded two-core machine (measured 2026-12-03)."""

DEFAULT_MEMORY = 1 << 30
"""Bytes of address space an example may map beyond what its process had (1 GiB)."""

_STARTUP = 30.0
"""Seconds the child may take to start (fork, coverage's start-up) before computing."""

T = TypeVar("T")


def run_bounded(
    example: str,
    func: Callable[[], T],
    *,
    timeout: float = DEFAULT_TIMEOUT,
    memory: int | None = DEFAULT_MEMORY,
) -> T:
    """Call ``func()`` in a child process; kill it if it runs longer than ``timeout``.

    Args:
        example: The example id, for the error message.
        func: The computation. Its result must pickle (plain data).
        timeout: The wall-clock bound in seconds (> 0).
        memory: Bytes of address space the child may add to what it inherits
            (``None``: no memory limit).

    Returns:
        What ``func`` returns, unpickled.

    Raises:
        ExampleError: The time ran out, the recursion got too deep, memory ran out,
            the child died, or ``func`` raised another exception (chained as the
            cause, with the child's traceback as a note).
        ValueError: ``timeout`` or ``memory`` is not positive.

    Examples:
        >>> run_bounded("demo", lambda: 1 / 0)
        Traceback (most recent call last):
        ...
        mesakb.errors.ExampleError: worked example 'demo': failed: ZeroDivisionError: ...
        >>> run_bounded("demo", lambda: bytearray(1 << 40), memory=1 << 28)
        Traceback (most recent call last):
        ...
        mesakb.errors.ExampleError: worked example 'demo': stopped: out of memory
    """
    if not timeout > 0:
        raise ValueError(f"timeout must be positive, not {timeout!r}")
    if memory is not None and not memory > 0:
        raise ValueError(f"memory must be positive, not {memory!r}")
    context = multiprocessing.get_context("fork")
    receive, send = context.Pipe(duplex=False)
    child = context.Process(target=_child, args=(send, func, memory), daemon=True)
    with warnings.catch_warnings():
        # Python 3.12+ warns about forking a process with threads: see the module notes.
        warnings.filterwarnings("ignore", category=DeprecationWarning, message=".*fork")
        child.start()
    send.close()
    message: tuple[str, Any, str] | None = None
    try:
        # The deadline counts the computation only, from the child's "start".
        message = _receive(receive, _STARTUP)
        if message is not None and message[0] == "start":
            message = _receive(receive, timeout)
        elif message is None:
            message = ("unstarted", None, "")  # killed below
    finally:
        receive.close()
        if message is None or child.is_alive():
            child.join(0.5 if message is not None else 0)
            child.kill()
        child.join()
    if message is None:
        raise ExampleError(example, f"stopped after {timeout:g} s (time limit)")
    return cast(T, _outcome(example, message, child.exitcode))


def _receive(receive: Connection, timeout: float) -> tuple[str, Any, str] | None:
    """Return the child's next message, ``("died", None, "")`` if it died, None at the deadline."""
    if not receive.poll(timeout):
        return None
    try:
        return cast(tuple[str, Any, str], receive.recv())
    except (EOFError, OSError):
        return ("died", None, "")


def _outcome(example: str, message: tuple[str, Any, str], exitcode: int | None) -> Any:
    kind, value, trace = message
    if kind == "ok":
        return value
    if kind == "recursion":
        raise ExampleError(example, "stopped: recursion too deep")
    if kind == "memory":
        raise ExampleError(example, "stopped: out of memory")
    if kind == "error":
        exc = cast(BaseException, value)
        exc.add_note(trace)
        raise ExampleError(example, f"failed: {type(exc).__name__}: {exc}") from exc
    if kind == "unpicklable":
        raise ExampleError(example, f"failed: {value}")
    if kind == "unstarted":
        raise ExampleError(example, f"stopped: the computation did not start within {_STARTUP:g} s")
    how = f"signal {-exitcode}" if exitcode is not None and exitcode < 0 else f"exit {exitcode}"
    raise ExampleError(example, f"stopped: the computation died ({how})")


def _limit_memory(memory: int) -> None:
    """Let this process map ``memory`` bytes beyond what it has mapped now."""
    with open("/proc/self/statm", encoding="ascii") as statm:
        mapped = int(statm.read().split()[0]) * resource.getpagesize()
    _soft, hard = resource.getrlimit(resource.RLIMIT_AS)
    limit = mapped + memory
    if hard != resource.RLIM_INFINITY:
        limit = min(limit, hard)
    resource.setrlimit(resource.RLIMIT_AS, (limit, hard))


def _child(send: Connection, func: Callable[[], Any], memory: int | None) -> None:
    """Run in the child: compute, send ``(kind, value, traceback)`` back, exit."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)  # Ctrl-C in a terminal stops it too
    try:
        if memory is not None and os.path.exists("/proc/self/statm"):
            _limit_memory(memory)
        send.send(("start", None, ""))
        message: tuple[str, Any, str] = ("ok", func(), "")
    except RecursionError:
        message = ("recursion", None, "")
    except MemoryError:
        message = ("memory", None, "")
    except BaseException as exc:
        message = ("error", exc, "".join(traceback.format_exception(exc)))
    try:
        send.send(message)
    except MemoryError:
        send.send(("memory", None, ""))
    except Exception as exc:  # the result or the exception does not pickle
        what = "result" if message[0] == "ok" else f"{type(message[1]).__name__} raised"
        send.send(("unpicklable", f"the {what} cannot be sent back ({exc})", ""))
    finally:
        send.close()

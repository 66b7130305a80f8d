"""One call in a process forked for it, which ends with the call.

What the call loads and leaves behind goes with that process. Charts are drawn this way in a
layout process: matplotlib and the drawings' leftovers (about 40 MB) would otherwise stay in
it for the rest of the build, at the moment the build's memory peaks.
"""

from __future__ import annotations

import os
import pickle
from collections.abc import Callable
from concurrent.futures.process import BrokenProcessPool
from typing import Any, TypeVar

from inspection_report.warm_pool import pickled_outcome
from inspection_report.worker_lifetime import end_with_parent

T = TypeVar("T")


def call_in_fork(function: Callable[..., T], *arguments: Any) -> T:
    """`function(*arguments)`, called in a forked process (here, where there is no fork)."""
    if not hasattr(os, "fork"):
        return function(*arguments)
    readable, writable = os.pipe()
    child = os.fork()
    if child == 0:
        os.close(readable)
        end_with_parent(os.getppid())
        _answer(writable, function, arguments)
    os.close(writable)
    with os.fdopen(readable, "rb") as answer:
        data = answer.read()
    os.waitpid(child, 0)
    if not data:
        raise BrokenProcessPool(f"the process forked for {function.__name__} ended abruptly")
    succeeded, value = pickle.loads(data)
    if succeeded:
        return value
    raise value


def _answer(writable: int, function: Callable[..., Any], arguments: tuple[Any, ...]) -> None:
    try:
        with os.fdopen(writable, "wb") as answer:
            answer.write(pickled_outcome(function, arguments))
    finally:
        os._exit(0)

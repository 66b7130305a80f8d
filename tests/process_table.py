"""The process table, read from /proc: which processes a test's process left behind."""

from __future__ import annotations

import time
from pathlib import Path


def descendants(pid: int) -> set[int]:
    """`pid`'s children, theirs, and so on (a pool's first process forks the others)."""
    parents = {}
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(stat.parent.name)] = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
    found: set[int] = set()
    while more := {child for child, parent in parents.items() if parent in found | {pid}} - found:
        found |= more
    return found


def running(pid: int) -> bool:
    """Alive and not a zombie: a killed process whose parent was killed too is collected by
    init in its own time."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def all_gone(pids: set[int], seconds: float = 10) -> bool:
    """Whether every one of `pids` has ended within `seconds` (a process killed closes its
    pipes before it has finished exiting)."""
    deadline = time.monotonic() + seconds
    while any(running(pid) for pid in pids):
        if time.monotonic() > deadline:
            return False
        time.sleep(0.02)
    return True

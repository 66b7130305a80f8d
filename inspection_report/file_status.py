"""A file's status, as what a long-lived process keeps (digests, compiled templates) is checked
against it before each use.

The inode, size and modification and change times: any write changes the change time, and a
copy that keeps times (`cp -p`, `rsync -t`) still changes the inode or the change time. A file
written in the last two seconds is not yet settled: a second write within the same tick of
the clock that stamps files could leave its status as it was (git's "racily clean" files), so
nothing is kept by the status of an unsettled file.
"""

from __future__ import annotations

import os
import time
from pathlib import Path

Status = tuple[int, int, int, int]
SETTLED_NS = 2_000_000_000


def file_status(path: str | Path) -> Status | None:
    """`path`'s inode, size, modification and change times; None when it cannot be read."""
    try:
        status = os.stat(path)
    except OSError:
        return None
    return (status.st_ino, status.st_size, status.st_mtime_ns, status.st_ctime_ns)


def settled(status: Status) -> bool:
    """Whether the file was last written more than two seconds ago."""
    return time.time_ns() - max(status[2], status[3]) > SETTLED_NS

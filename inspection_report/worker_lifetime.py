"""Worker processes end with the process that started them.

A build killed outright (a stopped CI job, `serve` ended with SIGTERM, an editor closing the
terminal) cannot stop its workers; a worker left behind holds memory and may block for ever
writing a result no one reads. Each worker watches for its parent to go and then exits. A
thread polls the parent's id: Linux's PR_SET_PDEATHSIG fires when the forking *thread*
ends, and `serve` starts fresh workers from a request's thread.
"""

from __future__ import annotations

import os
import signal
import threading
import time


def end_with_parent(parent: int) -> None:
    """Initializer for a worker process: ignore Ctrl+C (it reaches the terminal's whole
    process group and the parent stops its workers) and exit when `parent` is gone."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    threading.Thread(target=_watch, args=(parent,), daemon=True).start()


def _watch(parent: int) -> None:
    while os.getppid() == parent:
        time.sleep(1)
    os._exit(0)

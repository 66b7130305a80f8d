"""Worker processes that load their libraries once and share them.

Loading WeasyPrint costs about half a second of CPU, as long as checking and rendering a
report. Processes that each load it pay that once per process, compete with the build for
the cores while they do, and each keep a private copy. Here the first process loads the
libraries and then forks the others: they start ready, and share the loaded pages with it.

The parent hands each job to an idle process over a pipe of its own, so it always knows
which job a process runs: a job not handed over yet is cancelled by not sending it, and a
process that dies fails its own job and marks the pool broken.
"""

from __future__ import annotations

import contextlib
import gc
import heapq
import os
import signal
import threading
from collections.abc import Callable
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from multiprocessing import Pipe, get_all_start_methods, get_context
from multiprocessing.connection import Connection, wait
from multiprocessing.process import BaseProcess
from multiprocessing.reduction import ForkingPickler
from typing import Any

from inspection_report.worker_lifetime import end_with_parent

_READY = "ready"
Job = tuple[Future[Any], Callable[..., Any], tuple[Any, ...]]


class WarmPool:
    """`workers` processes that ran `preload` (a function of a module, so that it can be
    named to a process started afresh), or this process when `workers` is 0."""

    def __init__(self, workers: int, preload: Callable[[], object], keep_warm: bool = False) -> None:
        self.workers, self.keep_warm = workers, keep_warm
        self.broken = False
        """A process of the pool died: the pool takes no more work."""
        self._lock = threading.Lock()
        self._pending: list[tuple[float, int, Job]] = []
        self._submitted = 0
        self._idle: list[Connection] = []
        self._running: dict[Connection, Future[Any]] = {}
        self._stopped: set[Connection] = set()
        self._loading: dict[Connection, int] = {}
        """The processes still loading the libraries, by their pipe: their ids, where known
        (the first process forks the others once loaded)."""
        self._pids: dict[Connection, int] = {}
        """Each ready process's id, by its pipe: the process says it when ready."""
        self._closing = False
        self._processes: list[BaseProcess] = []
        self._reader: threading.Thread | None = None
        if workers > 0:
            self._start(preload)

    def _start(self, preload: Callable[[], object]) -> None:
        pairs = [Pipe() for _ in range(self.workers)]
        ours, theirs = [a for a, _ in pairs], [b for _, b in pairs]
        parent = os.getpid()
        if "fork" in get_all_start_methods():
            family = get_context("fork").Process(
                target=_first_of_family, args=(parent, preload, ours, theirs), daemon=True
            )
            self._processes = [family]
        else:
            spawn = get_context("spawn")
            self._processes = [
                spawn.Process(target=_alone, args=(parent, preload, end), daemon=True) for end in theirs
            ]
        for process in self._processes:
            process.start()
        for end in theirs:
            end.close()
        pids = [process.pid or 0 for process in self._processes]
        self._loading = dict(zip(ours, pids + [0] * (len(ours) - len(pids)), strict=True))
        self._reader = threading.Thread(target=self._read, args=(ours,), daemon=True)
        self._reader.start()

    def submit(self, function: Callable[..., Any], *arguments: Any, size: float = 0) -> Future[Any]:
        """Run `function(*arguments)` in a process of the pool. Jobs waiting for a process are
        handed over largest `size` first, in the order submitted among equals: the longest
        jobs first leave no process with a long one at the end while the other idles."""
        future: Future[Any] = Future()
        if self.workers == 0:
            try:
                future.set_result(function(*arguments))
            except BaseException as err:  # handed to the caller, as a process would
                future.set_exception(err)
            return future
        with self._lock:
            if self.broken or self._closing:
                future.set_exception(BrokenProcessPool("the pool's processes have ended"))
                return future
            self._submitted += 1
            heapq.heappush(self._pending, (-size, self._submitted, (future, function, arguments)))
            if self._idle:
                self._hand_over(self._idle.pop())
        return future

    def done(self) -> None:
        """The caller has no more work for now: the processes end unless kept warm."""
        if not self.keep_warm:
            self.close()

    def close(self) -> None:
        """Cancel the jobs not handed over, wait for the running ones, and end the processes."""
        with self._lock:
            reader, self._reader = self._reader, None
            if reader is None:
                return  # never started, or closed by another thread, which waits for the end
            self._closing = True
            cancelled = [future for _, _, (future, _, _) in self._pending]
            self._pending.clear()
            for connection in self._idle:
                self._stop(connection)
            self._idle.clear()
            # With no job running, the processes still loading need not finish: a build stopped
            # by an error in the findings says so without waiting for WeasyPrint to load.
            ended = [] if self._running else [pid for pid in self._loading.values() if pid]
            if not self._running:
                self._stopped.update(self._loading)
        for future in cancelled:
            future.cancel()
        for pid in ended:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)
        reader.join()
        for process in self._processes:
            process.join()

    def abandon(self) -> None:
        """End every process at once: the build failed elsewhere and nothing they do is
        wanted. Their jobs, running or waiting, fail as with a process that died, so a
        caller waiting for one is released now rather than when it would have finished."""
        with self._lock:
            if self._reader is None:
                return
            self.broken = True
            pids = {*self._pids.values(), *(pid for pid in self._loading.values() if pid)}
        for pid in pids:
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGKILL)

    def _hand_over(self, connection: Connection) -> None:
        """Give `connection`'s process the next job, a stop when closing, or mark it idle.
        Called with the lock held."""
        if self._closing:
            self._stop(connection)
            return
        while self._pending:
            future, function, arguments = heapq.heappop(self._pending)[2]
            if not future.set_running_or_notify_cancel():
                continue
            try:
                job = ForkingPickler.dumps((function, arguments))
            except Exception as unsendable:  # the job's own error; the process takes the next
                future.set_exception(unsendable)
                continue
            self._running[connection] = future
            with contextlib.suppress(OSError):  # a process gone: the reader fails its job
                connection.send_bytes(job)
            return
        self._idle.append(connection)

    def _stop(self, connection: Connection) -> None:
        self._stopped.add(connection)
        with contextlib.suppress(OSError):
            connection.send(None)

    def _read(self, connections: list[Connection]) -> None:
        """Collect results until every process has ended."""
        live = list(connections)
        while live:
            for connection in wait(live):
                assert isinstance(connection, Connection)
                try:
                    message = connection.recv()
                except (EOFError, OSError):
                    live.remove(connection)
                    self._ended(connection)
                    continue
                with self._lock:
                    if self._loading.pop(connection, None) is not None:
                        self._pids[connection] = message[1]
                    future = self._running.pop(connection, None)
                    self._hand_over(connection)
                if future is not None:
                    succeeded, value = message
                    if succeeded:
                        future.set_result(value)
                    else:
                        future.set_exception(value)

    def _ended(self, connection: Connection) -> None:
        """A process ended: expected after a stop; otherwise it died, and with it the pool."""
        with self._lock:
            if connection in self._stopped:
                return
            self.broken = True
            failed = [self._running.pop(connection)] if connection in self._running else []
            failed += [job[0] for _, _, job in self._pending if job[0].set_running_or_notify_cancel()]
            self._pending.clear()
            if connection in self._idle:
                self._idle.remove(connection)
        for future in failed:
            future.set_exception(BrokenProcessPool("a process of the pool ended abruptly"))


def _first_of_family(
    parent: int, preload: Callable[[], object], ours: list[Connection], theirs: list[Connection]
) -> None:
    """The first process: load the libraries, fork the others, and work beside them."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    for end in ours:
        end.close()
    preload()
    # What is loaded now is never collected: the collector would write to every shared page.
    gc.freeze()
    family = []
    for index in range(1, len(theirs)):
        pid = os.fork()
        if pid == 0:
            for other, end in enumerate(theirs):
                if other != index:
                    end.close()
            end_with_parent(os.getppid())
            _work(theirs[index])
            os._exit(0)
        family.append(pid)
    for end in theirs[1:]:
        end.close()
    end_with_parent(parent)
    _work(theirs[0])
    for pid in family:
        os.waitpid(pid, 0)


def _alone(parent: int, preload: Callable[[], object], connection: Connection) -> None:
    """A process started on its own, where processes cannot be forked: it loads its own copy."""
    end_with_parent(parent)
    preload()
    _work(connection)


def _work(connection: Connection) -> None:
    connection.send((_READY, os.getpid()))
    while True:
        try:
            job = connection.recv()
        except (EOFError, OSError):
            return
        if job is None:
            return
        function, arguments = job
        try:
            connection.send_bytes(pickled_outcome(function, arguments))
        except OSError:
            return


def pickled_outcome(function: Callable[..., Any], arguments: tuple[Any, ...]) -> bytes:
    """`function(*arguments)`, called here for a parent process: (True, its result) or
    (False, its error), pickled. A result or error that cannot be pickled goes as a
    RuntimeError naming it, so the parent always has an answer."""
    try:
        outcome: tuple[bool, Any] = (True, function(*arguments))
    except BaseException as err:  # raised again in the parent
        outcome = (False, err)
    try:
        return bytes(ForkingPickler.dumps(outcome))
    except Exception as unsendable:
        return bytes(
            ForkingPickler.dumps((False, RuntimeError(f"{type(unsendable).__name__}: {unsendable}")))
        )

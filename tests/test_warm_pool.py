"""The pool that typesets: libraries loaded once and shared, every job accounted for, and a
process that dies is an error of its own job, never a hang."""

from __future__ import annotations

import importlib
import math
import os
import pickle
import signal
import sys
import time
from concurrent.futures.process import BrokenProcessPool
from functools import partial
from pathlib import Path

import pytest
from process_table import all_gone, descendants

from inspection_report.errors import PublishError
from inspection_report.warm_pool import WarmPool


def _nothing() -> None:
    """No libraries to load."""


def _pid_after(seconds: float) -> int:
    time.sleep(seconds)
    return os.getpid()


def _refuse(message: str) -> None:
    raise PublishError(message)


class _Unpicklable(Exception):
    def __init__(self) -> None:
        super().__init__("cannot travel")
        self.handle = lambda: None


def _raise_unpicklable() -> None:
    raise _Unpicklable


@pytest.fixture
def loaded_module(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[str, Path]:
    """A module that notes the process that imports it."""
    log = tmp_path / "imported-by.log"
    (tmp_path / "noted_import.py").write_text(
        f"import os\nwith open({str(log)!r}, 'a') as log:\n    log.write(f'{{os.getpid()}}\\n')\n",
        encoding="utf-8",
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    return "noted_import", log


def test_the_libraries_are_loaded_once_and_every_process_works(loaded_module):
    name, log = loaded_module
    pool = WarmPool(3, partial(importlib.import_module, name))
    try:
        pids = {future.result(timeout=30) for future in [pool.submit(_pid_after, 0.5) for _ in range(3)]}
    finally:
        pool.close()
    assert len(pids) == 3 and os.getpid() not in pids
    assert len(log.read_text().split()) == 1, "each process loaded the libraries for itself"
    assert name not in sys.modules


def test_a_job_raises_its_own_error_and_one_that_cannot_travel_still_arrives():
    pool = WarmPool(1, _nothing)
    try:
        with pytest.raises(PublishError, match="refused"):
            pool.submit(_refuse, "refused").result(timeout=30)
        with pytest.raises(RuntimeError, match=r"cannot travel|pickle"):
            pool.submit(_raise_unpicklable).result(timeout=30)
        assert pool.submit(_pid_after, 0).result(timeout=30) != os.getpid()
    finally:
        pool.close()


def _note(path: str, word: str) -> None:
    with open(path, "a", encoding="utf-8") as notes:
        notes.write(word + "\n")


def test_jobs_waiting_for_a_process_go_largest_first(tmp_path):
    notes = str(tmp_path / "order")
    pool = WarmPool(1, _nothing)
    try:
        busy = pool.submit(_pid_after, 0.5)
        jobs = [
            pool.submit(_note, notes, word, size=size)
            for word, size in [("small", 1), ("big", 9), ("mid", 5)]
        ]
        first = pool.submit(_note, notes, "first", size=math.inf)
        for job in [busy, *jobs, first]:
            job.result(timeout=30)
    finally:
        pool.close()
    assert Path(notes).read_text().split() == ["first", "big", "mid", "small"]


def test_a_job_that_cannot_be_sent_fails_alone():
    pool = WarmPool(1, _nothing)
    try:
        refused = pool.submit(_pid_after, lambda: 0)
        after = pool.submit(_pid_after, 0)
        with pytest.raises((AttributeError, TypeError, pickle.PicklingError)):
            refused.result(timeout=30)
        assert after.result(timeout=30) != os.getpid()
    finally:
        pool.close()


def test_closing_cancels_the_jobs_not_started_and_waits_for_the_running_ones():
    pool = WarmPool(1, _nothing)
    running = pool.submit(_pid_after, 0.5)
    waiting = [pool.submit(_pid_after, 0) for _ in range(3)]
    time.sleep(0.2)
    pool.close()
    assert running.result(timeout=0) > 0
    assert all(future.cancelled() for future in waiting)
    with pytest.raises(BrokenProcessPool):
        pool.submit(_pid_after, 0).result(timeout=0)


def _load_slowly() -> None:
    time.sleep(60)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_a_pool_closed_before_any_job_ran_does_not_wait_for_its_libraries():
    """A build that stops at an error in the findings says so at once, not once WeasyPrint
    has loaded in processes that will never be used."""
    pool = WarmPool(2, _load_slowly)
    family = descendants(os.getpid())
    started = time.monotonic()
    pool.close()
    assert time.monotonic() - started < 20
    assert family and not [pid for pid in family if Path(f"/proc/{pid}").exists()]


def _note_pid_then_sleep(note: str) -> int:
    Path(note).write_text(str(os.getpid()), encoding="utf-8")
    time.sleep(60)
    return os.getpid()


@pytest.mark.parametrize("workers", [1, 2])
def test_a_killed_process_fails_its_job_and_the_waiting_ones_and_breaks_the_pool(tmp_path, workers):
    pool = WarmPool(workers, _nothing)
    note = tmp_path / "pid"
    try:
        doomed = pool.submit(_note_pid_then_sleep, str(note))
        waiting = [pool.submit(_note_pid_then_sleep, str(tmp_path / "never")) for _ in range(workers)]
        deadline = time.monotonic() + 30
        while not note.exists() and time.monotonic() < deadline:
            time.sleep(0.02)
        os.kill(int(note.read_text()), signal.SIGKILL)
        for future in [doomed, waiting[-1]]:
            with pytest.raises(BrokenProcessPool):
                future.result(timeout=30)
        assert pool.broken
        with pytest.raises(BrokenProcessPool):
            pool.submit(_pid_after, 0).result(timeout=0)
    finally:
        for process in descendants(os.getpid()):
            os.kill(process, signal.SIGKILL)
        pool.close()


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_an_abandoned_pool_fails_its_jobs_at_once_and_ends_every_process(tmp_path):
    """When the findings turn out to have errors while parts are laid out, the build stops
    then, not when the longest layout would have finished."""
    before = descendants(os.getpid())
    pool = WarmPool(2, _nothing)
    running = [pool.submit(_note_pid_then_sleep, str(tmp_path / f"pid-{n}")) for n in range(2)]
    waiting = pool.submit(_note_pid_then_sleep, str(tmp_path / "never"))
    deadline = time.monotonic() + 30
    while len(list(tmp_path.glob("pid-*"))) < 2 and time.monotonic() < deadline:
        time.sleep(0.02)
    workers = {int(note.read_text()) for note in tmp_path.glob("pid-*")}
    assert len(workers) == 2 and workers <= descendants(os.getpid()) - before
    pool.abandon()
    for future in [*running, waiting]:
        with pytest.raises(BrokenProcessPool):
            future.result(timeout=20)
    pool.close()
    assert all_gone(workers)
    with pytest.raises(BrokenProcessPool):
        pool.submit(_pid_after, 0).result(timeout=0)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_closing_ends_every_process_of_thedescendants():
    pool = WarmPool(3, _nothing)
    for future in [pool.submit(_pid_after, 0.2) for _ in range(3)]:
        future.result(timeout=30)
    family = descendants(os.getpid())
    assert len(family) >= 3
    pool.close()
    assert not [pid for pid in family if Path(f"/proc/{pid}").exists()]

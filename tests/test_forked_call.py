"""A call in a process forked for it: its answer or its error come back, what it loads stays
with it, and a child that dies is an error, never a hang."""

from __future__ import annotations

import os
import signal
import sys
from concurrent.futures.process import BrokenProcessPool

import pytest

from inspection_report.errors import PublishError
from inspection_report.forked_call import call_in_fork

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="calls in place where there is no fork")


def _load_and_answer(name: str) -> tuple[int, bool]:
    __import__(name)
    return os.getpid(), name in sys.modules


def _refuse() -> None:
    raise PublishError("refused")


def _die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


def test_the_answer_comes_back_and_what_the_call_loaded_stays_in_its_process(tmp_path, monkeypatch):
    (tmp_path / "loaded_in_fork.py").write_text("LOADED = True\n", encoding="utf-8")
    monkeypatch.syspath_prepend(str(tmp_path))
    pid, loaded = call_in_fork(_load_and_answer, "loaded_in_fork")
    assert pid != os.getpid() and loaded
    assert "loaded_in_fork" not in sys.modules


def test_an_error_comes_back_as_itself():
    with pytest.raises(PublishError, match="refused"):
        call_in_fork(_refuse)


def test_a_child_that_dies_is_an_error():
    with pytest.raises(BrokenProcessPool, match="_die ended abruptly"):
        call_in_fork(_die)

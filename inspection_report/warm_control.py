"""`python build.py warm`: start, stop or ask after this checkout's warm process."""

from __future__ import annotations

import subprocess
import sys
import time
from datetime import datetime
from typing import Any

from inspection_report.errors import UsageError
from inspection_report.warm_client import (
    AVAILABLE,
    ROOT,
    NoSocketPlace,
    code_fingerprint,
    connect,
    messages,
    send,
    socket_path,
)

_START_SECONDS = 60


def ask(kind: str) -> dict[str, Any] | None:
    """The warm process's answer to a `status` or `stop`; None when none runs."""
    connection = connect()
    if connection is None:
        return None
    with connection:
        connection.settimeout(10)
        try:
            send(connection, {"kind": kind})
            return next(messages(connection), None)
        except OSError:
            return None


def start(idle_minutes: float) -> str:
    """Start the warm process (or say that one runs) and wait until it answers."""
    if not AVAILABLE:
        raise UsageError("warm needs Linux (fork and Unix sockets); commands run as usual")
    if idle_minutes <= 0:
        raise UsageError(f"--idle {idle_minutes:g}: give the minutes to stay, more than 0")
    try:
        path = socket_path(create=True)
    except NoSocketPlace as err:
        raise UsageError(f"warm: {err}; TMPDIR can name another folder") from None
    running = ask("status")
    if running is not None and running.get("fingerprint") == code_fingerprint():
        return "warm: already running; " + describe(running)
    if running is not None:
        _stop_and_wait()
    log = path.parent / "warm.log"
    with open(log, "wb") as errors:
        process = subprocess.Popen(
            [sys.executable, "-m", "inspection_report.warm_server", "--idle", str(idle_minutes)],
            cwd=ROOT,
            stdin=subprocess.DEVNULL,
            stdout=subprocess.DEVNULL,
            stderr=errors,
            start_new_session=True,
        )
    deadline = time.monotonic() + _START_SECONDS
    while time.monotonic() < deadline:
        answer = ask("status")
        if answer is not None and answer.get("pid") == process.pid:
            return f"warm: commands from {ROOT} now start in a loaded process; " + describe(answer)
        if process.poll() is not None:
            detail = log.read_text(encoding="utf-8", errors="replace").strip().splitlines()
            raise UsageError(
                "warm: the warm process did not start: " + (detail[-1] if detail else "no reason given")
            )
        time.sleep(0.1)
    process.terminate()
    raise UsageError(f"warm: the warm process did not answer within {_START_SECONDS} s")


def stop() -> str:
    return "warm: stopped" if _stop_and_wait() else "warm: none running"


def _stop_and_wait() -> bool:
    """Stop the warm process and wait until its socket is gone: False when none ran."""
    if ask("stop") is None:
        return False
    deadline = time.monotonic() + 10
    while time.monotonic() < deadline and ask("status") is not None:
        time.sleep(0.05)
    return True


def status() -> str:
    answer = ask("status")
    return "warm: " + describe(answer) if answer is not None else "warm: none running"


def describe(answer: dict[str, Any]) -> str:
    since = datetime.fromtimestamp(float(answer["since"])).strftime("%H:%M")
    return (
        f"process {answer['pid']} since {since}, {answer['served']} command(s) run, "
        f"ends after {float(answer['idle_minutes']):g} minutes with none "
        "(python build.py warm --stop ends it now)"
    )

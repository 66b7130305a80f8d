"""The warm process of `python build.py warm`: everything loaded once, a fork per command.

It imports the build, WeasyPrint and matplotlib, lays out a specimen page with the report's
stylesheet so that WeasyPrint's first-use costs and the stylesheet's parse are paid, and then
waits on a Unix socket. For each command it forks a child that takes over the caller's
terminal, folder and environment and runs the command line as a fresh process would: the
findings are never read before the fork, and nothing passes from one command to the next.
What passes from the warm process to its commands is checked before each use: the parsed
stylesheet is kept by its bytes (a command whose stylesheet differs parses its own); the
digests of the code, templates and fonts by each file's status (a file that changed is
hashed again); fontconfig's configuration while fontconfig finds its files unchanged; the
compiled templates while their files' status is unchanged. It answers only its own user,
steps aside when the code on disk is no longer what it loaded, and ends after a spell with
nothing to do.
"""

from __future__ import annotations

import argparse
import contextlib
import gc
import importlib
import io
import json
import os
import signal
import socket
import struct
import sys
import threading
import time
from pathlib import Path
from typing import Any, TextIO

from inspection_report.fingerprint import keep_environment
from inspection_report.warm_client import NoSocketPlace, code_fingerprint, send, socket_path

_POLL_SECONDS = 0.5
_PRELOADED = (
    "charts.draw",  # matplotlib, for the charts drawn in a build's processes
    "inspection_report.background_checks",
    "inspection_report.build_many",
    "inspection_report.chart_source",
    "inspection_report.cli",
    "inspection_report.data_files",
    "inspection_report.diff.run",
    "inspection_report.pdf_by_parts",
    "inspection_report.pdf_merge",
    "inspection_report.pdf_one_flow",
    "inspection_report.publish",
    "inspection_report.render",
    "inspection_report.validate",
    "inspection_report.watermark",
    "multiprocessing.popen_fork",  # the layout processes' start
)


def preload() -> None:
    """What a build, a check or a diff would import, the command line's grammar, the
    templates, and WeasyPrint's first layout, of a specimen in the report's stylesheet."""
    for name in _PRELOADED:
        importlib.import_module(name)
    from inspection_report.cli_parser import build_parser
    from inspection_report.pdf_layout import warm_up
    from inspection_report.publish import STYLESHEET, TEMPLATES
    from inspection_report.render import load_templates

    build_parser()
    # A template or the stylesheet broken mid-edit, say, is for each command to meet and report.
    with contextlib.suppress(Exception):
        load_templates()
    with contextlib.suppress(Exception):
        warm_up(TEMPLATES / STYLESHEET)


class WarmServer:
    def __init__(self, listener: socket.socket, idle_seconds: float, fingerprint: str) -> None:
        self.listener, self.idle_seconds = listener, idle_seconds
        self.fingerprint = fingerprint
        """The code's as it was before it was loaded."""
        self.started = time.time()
        self.served = 0
        self.children: set[int] = set()
        self.last_active = time.monotonic()
        self.restart = False
        """Set when the code on disk changed: the process starts again with the new code."""

    def run(self) -> None:
        self.listener.settimeout(_POLL_SECONDS)
        while True:
            self._reap()
            if not self.children and time.monotonic() - self.last_active > self.idle_seconds:
                return
            try:
                connection, _ = self.listener.accept()
            except TimeoutError:
                continue
            self.last_active = time.monotonic()
            with connection:
                if not self._handle(connection):
                    return

    def _reap(self) -> None:
        """Collect every ended child, those of the process this one replaced included."""
        while True:
            try:
                child, _ = os.waitpid(-1, os.WNOHANG)
            except ChildProcessError:
                child = 0
            if child == 0:
                return
            self.children.discard(child)
            self.last_active = time.monotonic()

    def _handle(self, connection: socket.socket) -> bool:
        """Answer one connection; False when the server should end."""
        connection.settimeout(10)
        credentials = connection.getsockopt(socket.SOL_SOCKET, socket.SO_PEERCRED, struct.calcsize("3i"))
        if struct.unpack("3i", credentials)[1] != os.getuid():
            return True
        fds: list[int] = []
        try:
            data, fds, _, _ = socket.recv_fds(connection, 65536, 3)
            while data and b"\n" not in data:
                more = connection.recv(65536)
                if not more:
                    break
                data += more
            return self._answer(connection, json.loads(data.split(b"\n", 1)[0]), fds)
        except (OSError, ValueError):
            return True  # a caller that went away, sent nonsense, or a fork that failed
        finally:
            for fd in fds:
                os.close(fd)

    def _answer(self, connection: socket.socket, request: Any, fds: list[int]) -> bool:
        kind = request.get("kind") if isinstance(request, dict) else None
        if kind == "stop":
            with contextlib.suppress(OSError):
                send(connection, {"stopped": os.getpid()})
            return False
        if kind == "status":
            send(connection, self.status())
            return True
        if kind != "run" or len(fds) != 3:
            return True
        if request.get("fingerprint") != self.fingerprint:
            # The code on disk changed: end, to start afresh with it. Otherwise the caller
            # runs another interpreter or set of packages, and this process stays for others.
            self.restart = code_fingerprint() != self.fingerprint
            with contextlib.suppress(OSError):
                send(connection, {"stale": True})
            return not self.restart
        self.served += 1
        child = os.fork()
        if child == 0:
            code = 2
            try:
                self.listener.close()
                code = _run_command(connection, request, fds)
            finally:
                os._exit(code)
        self.children.add(child)
        return True

    def status(self) -> dict[str, Any]:
        return {
            "pid": os.getpid(),
            "since": self.started,
            "served": self.served,
            "running": len(self.children),
            "idle_minutes": self.idle_seconds / 60,
            "fingerprint": self.fingerprint,
        }


def _run_command(connection: socket.socket, request: dict[str, Any], fds: list[int]) -> int:
    """In the forked child: become the caller's process as far as the command can tell, then
    run its command line."""
    if _caller_gone(connection):
        return 0  # it waited too long for this process and ran its command itself
    # SIGPIPE stays ignored, as Python sets it in every process: a closed pipe is an error.
    for signum in (signal.SIGTERM, signal.SIGHUP, signal.SIGCHLD):
        signal.signal(signum, signal.SIG_DFL)
    signal.signal(signal.SIGINT, signal.default_int_handler)
    for target, fd in enumerate(fds):
        os.dup2(fd, target)
    encodings = request.get("streams") or [[None, None], [None, None]]
    sys.stdin = _stream(0, "r", None, None)
    sys.stdout = _stream(1, "w", *encodings[0])
    sys.stderr = _stream(2, "w", *encodings[1])
    os.chdir(request["cwd"])
    os.environ.clear()
    os.environ.update(request["env"])
    os.umask(int(request["umask"]))
    send(connection, {"pid": os.getpid()})
    threading.Thread(target=_stop_when_caller_goes, args=(connection,), daemon=True).start()
    from inspection_report.cli import main

    try:
        code = main(list(request["argv"]))
    except SystemExit as exit:
        code = exit.code if isinstance(exit.code, int) else (0 if exit.code is None else 1)
    with contextlib.suppress(OSError, ValueError):
        sys.stdout.flush()
        sys.stderr.flush()
    with contextlib.suppress(OSError):
        send(connection, {"exit": code})
    return code


def _caller_gone(connection: socket.socket) -> bool:
    """Whether the caller closed its end: it sends nothing after its request. The connection
    is left blocking, with no time limit, for the command's whole run."""
    connection.setblocking(False)
    try:
        return connection.recv(1, socket.MSG_PEEK) == b""
    except BlockingIOError:
        return False
    except OSError:
        return True
    finally:
        connection.setblocking(True)


def _stream(fd: int, mode: str, encoding: str | None, errors: str | None) -> TextIO:
    """A standard stream on the caller's descriptor, with the caller's encoding: what the
    command prints reads as it would from a fresh process."""
    return io.TextIOWrapper(
        io.FileIO(fd, mode, closefd=False),
        encoding=encoding or "utf-8",
        errors=errors or ("replace" if mode == "r" else "strict"),
        line_buffering=mode == "w",
        write_through=mode == "w",
    )


def _stop_when_caller_goes(connection: socket.socket) -> None:
    """A caller killed outright cannot forward a signal: its end of the socket closes, and the
    command is interrupted as Ctrl+C would."""
    with contextlib.suppress(OSError):
        while connection.recv(1):
            pass
    os.kill(os.getpid(), signal.SIGINT)


def listen() -> socket.socket:
    """The socket of this checkout, bound; a socket file left by a warm process that ended
    without removing it is replaced."""
    path = socket_path()
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        listener.bind(str(path))
    except OSError:
        probe = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
        try:
            probe.connect(str(path))
        except OSError:
            path.unlink(missing_ok=True)
            listener.bind(str(path))
        else:
            listener.close()
            raise
        finally:
            probe.close()
    listener.listen(16)
    return listener


def main() -> int:
    parser = argparse.ArgumentParser(description="the warm process of python build.py warm")
    parser.add_argument("--idle", type=float, required=True, help="minutes with nothing to do before ending")
    args = parser.parse_args()
    loaded = code_fingerprint()
    preload()
    # A file that cannot be read now is hashed by each command, which reports it.
    with contextlib.suppress(OSError):
        keep_environment()
    try:
        listener = listen()
    except (OSError, NoSocketPlace) as err:
        print(f"warm: cannot listen: {getattr(err, 'strerror', None) or err}", file=sys.stderr)
        return 1
    path = Path(listener.getsockname())
    gc.collect()
    gc.freeze()
    signal.signal(signal.SIGTERM, lambda signum, frame: sys.exit(0))
    server = WarmServer(listener, args.idle * 60, loaded)
    try:
        server.run()
    finally:
        listener.close()
        path.unlink(missing_ok=True)
    if server.restart:
        os.execv(sys.executable, [sys.executable, "-m", "inspection_report.warm_server", *sys.argv[1:]])
    # Nothing to flush or finish: ending at once spares tearing down every loaded module.
    os._exit(0)


if __name__ == "__main__":
    sys.exit(main())

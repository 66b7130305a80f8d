"""Running a command in the warm process of `python build.py warm`, when one is running.

A command in a fresh process pays for Python, the libraries and WeasyPrint before its first
useful step: half a second or more of a one-chapter rebuild that is otherwise one layout.
A warm process has all of that loaded and forks a child for each command; the child runs the
command exactly as a fresh process would, with this process's arguments, working folder,
environment and terminal (its file descriptors are passed over the socket), and this process
waits for its exit status.

This module is imported before anything else on every command, so it uses the standard
library alone. It uses a warm process only when one answers for this very checkout, from a
folder only this user can enter, and runs the command itself otherwise.
"""

from __future__ import annotations

import contextlib
import hashlib
import json
import os
import signal
import socket
import sys
import tempfile
from pathlib import Path

# Not typing's own: importing typing would cost every command about 3 ms.
TYPE_CHECKING = False
if TYPE_CHECKING:
    from typing import Any, NoReturn

ROOT = Path(__file__).resolve().parent.parent
AVAILABLE = sys.platform.startswith("linux")
"""Linux only: it needs the peer's credentials on a Unix socket (SO_PEERCRED) and fork."""
LOCAL_COMMANDS = frozenset({"serve", "warm"})
"""Commands that always run in the process that was started: `serve` keeps its own warm
processes, and `warm` manages this one."""
_SOCKET_PATH_LIMIT = 100
ANSWER_SECONDS = 10.0
"""How long a warm process may take to start a command before the caller runs it itself: a
warm process that hangs (stopped, swapping) must not hang every command."""


class NoSocketPlace(Exception):
    """No usable place for the socket: its folder is not private, or the path is too long."""


def runtime_folder(create: bool = False) -> Path:
    """Where the socket lives: a folder of this user's under the temporary folder, that no one
    else may enter (checked, not assumed: anyone may create a folder of that name first).
    Only `warm` creates it: a command that finds none simply runs as it is."""
    folder = Path(tempfile.gettempdir()) / f"inspection-report-{os.getuid()}"
    if create:
        with contextlib.suppress(FileExistsError):
            folder.mkdir(mode=0o700)
    status = folder.lstat()
    if not folder.is_dir() or folder.is_symlink() or status.st_uid != os.getuid() or status.st_mode & 0o077:
        raise NoSocketPlace(f"{folder} is not a folder that only this user can enter (remove it)")
    return folder


def socket_path(create: bool = False) -> Path:
    """The socket of this checkout's warm process: one per checkout, named by its path."""
    name = hashlib.sha256(str(ROOT).encode()).hexdigest()[:16]
    path = runtime_folder(create) / f"{name}.sock"
    if len(str(path)) > _SOCKET_PATH_LIMIT:
        raise NoSocketPlace(f"{path} is longer than a Unix socket's path may be")
    return path


def code_fingerprint() -> str:
    """What the warm process loaded: the interpreter, this project's code and the installed
    packages (a folder on the import path changes when a package is installed or removed).
    A command run with another fingerprint would run code other than what is on disk."""
    digest = hashlib.sha256(f"{sys.executable}\0{sys.version}\0".encode())
    for folder in (ROOT / "inspection_report", ROOT / "charts"):
        for path in sorted(folder.rglob("*.py")):
            status = path.stat()
            digest.update(f"{path.relative_to(ROOT)}\0{status.st_mtime_ns}\0{status.st_size}\0".encode())
    for entry in sys.path:
        # The checkout's own folder is on the path too; its code is hashed above, file by file.
        if entry and entry != str(ROOT) and os.path.isdir(entry):
            digest.update(f"{entry}\0{os.stat(entry).st_mtime_ns}\0".encode())
    return digest.hexdigest()


def send(connection: socket.socket, message: dict[str, Any], fds: list[int] | None = None) -> None:
    data = json.dumps(message).encode() + b"\n"
    if fds:
        socket.send_fds(connection, [data], fds)
    else:
        connection.sendall(data)


def messages(connection: socket.socket) -> Any:
    """The JSON lines the other end sends, one at a time, until it closes."""
    buffer = b""
    while True:
        while b"\n" in buffer:
            line, buffer = buffer.split(b"\n", 1)
            yield json.loads(line)
        chunk = connection.recv(65536)
        if not chunk:
            return
        buffer += chunk


def connect() -> socket.socket | None:
    """A connection to this checkout's warm process, or None when none answers."""
    if not AVAILABLE:
        return None
    try:
        path = socket_path()
    except (OSError, NoSocketPlace):
        return None
    if not path.exists():
        return None
    connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    try:
        connection.connect(str(path))
    except OSError:
        connection.close()
        return None
    return connection


def _streams() -> list[list[str | None]]:
    return [
        [getattr(stream, "encoding", None), getattr(stream, "errors", None)]
        for stream in (sys.stdout, sys.stderr)
    ]


def run_warm(argv: list[str], fingerprint: str | None = None) -> int | None:
    """Run the command in the warm process and return its exit status; None when there is no
    warm process for this code, and the caller runs the command itself."""
    command = next((argument for argument in argv if argument != "--verbose"), "")
    if command in LOCAL_COMMANDS or not AVAILABLE:
        return None
    connection = connect()
    if connection is None:
        return None
    with connection:
        umask = os.umask(0)
        os.umask(umask)
        request = {
            "kind": "run",
            "argv": argv,
            "cwd": os.getcwd(),
            "env": dict(os.environ),
            "umask": umask,
            "streams": _streams(),
            "fingerprint": fingerprint or code_fingerprint(),
        }
        try:
            send(connection, request, [0, 1, 2])
        except OSError:
            return None
        return _wait(connection)


def _wait(connection: socket.socket) -> int | None:
    """The command's exit status. Ctrl+C, a hang-up or a termination of this process reach the
    command's process, which stops as a fresh process would."""
    child: list[int] = []

    def forward(signum: int, frame: object) -> None:
        if child:
            os.kill(child[0], signal.SIGINT)
            return
        # Nothing has started yet, and nothing will: the warm process runs no command whose
        # caller has gone.
        print("interrupted; previous output left as it was", file=sys.stderr)
        os._exit(130)

    previous = {
        signum: signal.signal(signum, forward) for signum in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP)
    }
    connection.settimeout(ANSWER_SECONDS)
    try:
        for message in messages(connection):
            if message.get("stale"):
                return None
            if "pid" in message:
                child.append(int(message["pid"]))
                connection.settimeout(None)
            if "exit" in message:
                return int(message["exit"])
    except TimeoutError:
        return None
    finally:
        for signum, handler in previous.items():
            signal.signal(signum, handler)
    if not child:
        return None
    print(
        "error: the warm process's command ended without an exit status "
        "(python build.py warm --stop ends the warm process)",
        file=sys.stderr,
    )
    return 2


def end_process(code: int) -> NoReturn:
    """End this process with `code` once its command returned, without tearing down every
    module and object it loaded: after a build of the sample, about 0.09 s spent with every
    other core idle; after a command the warm process ran, a tenth of the caller's own time.
    By then every file the command wrote is closed, its processes have ended and its
    temporary folders are removed, all in `with` blocks and `finally` clauses; only the
    standard streams' buffers are left, and they are flushed here. The warm process's
    commands end the same way."""
    for stream in (sys.stdout, sys.stderr):
        with contextlib.suppress(OSError, ValueError):
            stream.flush()
    os._exit(code)

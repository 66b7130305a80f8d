"""`python build.py warm`: commands run in a fork of a loaded process, and nothing a command
prints, writes or returns tells it from a fresh process; the process answers only its user
through a private folder, steps aside for other code, ends when idle, and a command in it
stops when its caller does."""

from __future__ import annotations

import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import tempfile
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, replace_in
from mini_report import write_mini_report
from process_table import descendants, running

from inspection_report import warm_client, warm_control
from inspection_report.warm_client import run_warm

pytestmark = pytest.mark.skipif(not warm_client.AVAILABLE, reason="the warm process needs Linux")


def _run(args: list[str], env: dict[str, str], cwd: Path = ROOT) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args],
        env=env,
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=300,
    )


def _environment(temporary: Path) -> dict[str, str]:
    return {**os.environ, "TMPDIR": str(temporary), "SOURCE_DATE_EPOCH": "1700000000"}


def _server_pid(env: dict[str, str]) -> int | None:
    status = _run(["warm", "--status"], env).stdout
    found = re.search(r"process (\d+)", status)
    return int(found.group(1)) if found else None


def _served(env: dict[str, str]) -> int:
    found = re.search(r"(\d+) command\(s\) run", _run(["warm", "--status"], env).stdout)
    assert found, "no warm process"
    return int(found.group(1))


def _until(condition, seconds: float = 20) -> bool:
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return True
        time.sleep(0.05)
    return False


@pytest.fixture(scope="module")
def warm() -> Iterator[dict[str, str]]:
    """A warm process for this module's tests, in a short private temporary folder (a
    socket's path is limited to about a hundred bytes). Tests count the commands it ran from
    what it had run before them."""
    temporary = Path(tempfile.mkdtemp(prefix="warm-", dir="/tmp"))
    env = _environment(temporary)
    started = _run(["warm", "--idle", "5"], env)
    assert started.returncode == 0, started.stderr
    assert "now start in a loaded process" in started.stdout
    pid = _server_pid(env)
    assert pid is not None
    try:
        yield env
    finally:
        _run(["warm", "--stop"], env)
        _until(lambda: not running(pid), 10)
        shutil.rmtree(temporary, ignore_errors=True)


def _timeless(text: str) -> str:
    """Output with its timings, and the order in which parallel layouts finished, left out."""
    text = re.sub(r"in \d+(\.\d+)? m?s", "in T", text)
    return re.sub(r"laid out \([^)]*\)", "laid out (...)", text)


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_a_build_in_the_warm_process_writes_and_prints_what_a_fresh_process_does(warm, tmp_path):
    findings = tmp_path / "findings"
    write_mini_report(findings)
    cold_env = _environment(tmp_path)
    args = ["build", "mini", "--findings", str(findings)]
    fresh = _run([*args, "--output", str(tmp_path / "fresh")], cold_env)
    served = _served(warm)
    warmed = _run([*args, "--output", str(tmp_path / "warm")], warm)
    assert fresh.returncode == warmed.returncode == 0, warmed.stderr
    assert _timeless(warmed.stdout).replace("/warm/", "/") == _timeless(fresh.stdout).replace("/fresh/", "/")
    assert _timeless(warmed.stderr) == _timeless(fresh.stderr)
    assert _files(tmp_path / "warm" / "mini") == _files(tmp_path / "fresh" / "mini")
    assert _served(warm) == served + 1, "the build did not run in the warm process"


def test_errors_reach_the_caller_s_own_streams_with_the_exit_status(warm, tmp_path):
    findings = tmp_path / "findings"
    folder = write_mini_report(findings)
    replace_in(folder / "cases.yaml", "value: 12", "value: twelve")
    relative = ["check", "mini", "--findings", "findings"]
    fresh = _run(relative, _environment(tmp_path), cwd=tmp_path)
    served = _served(warm)
    warmed = _run(relative, warm, cwd=tmp_path)
    assert warmed.returncode == fresh.returncode == 1
    assert "findings/mini/cases.yaml:3:" in warmed.stderr and "Traceback" not in warmed.stderr
    assert (_timeless(warmed.stdout), _timeless(warmed.stderr)) == (
        _timeless(fresh.stdout),
        _timeless(fresh.stderr),
    )
    assert _served(warm) == served + 1


def test_a_caller_with_other_code_runs_its_command_itself(warm, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", warm["TMPDIR"])
    served = _served(warm)
    assert run_warm(["check", "--help"], fingerprint="other code") is None
    assert _served(warm) == served
    assert _server_pid(warm) is not None, "the same code on disk: the warm process stays"


def test_serve_runs_where_it_was_started_wherever_the_command_stands(warm, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", warm["TMPDIR"])
    served = _served(warm)
    assert run_warm(["--verbose", "serve", "--help"]) is None
    assert run_warm(["warm", "--status"]) is None
    assert _served(warm) == served


def test_only_a_folder_no_one_else_can_enter_is_used(warm, tmp_path, monkeypatch):
    folder = Path(warm["TMPDIR"]) / f"inspection-report-{os.getuid()}"
    served = _served(warm)
    folder.chmod(0o755)
    try:
        monkeypatch.setattr(tempfile, "tempdir", warm["TMPDIR"])
        assert run_warm(["check", "--help"]) is None
        refused = _run(["warm"], warm)
        assert refused.returncode == 2 and str(folder) in refused.stderr
        assert "Traceback" not in refused.stderr
    finally:
        folder.chmod(0o700)
    assert _served(warm) == served


def test_a_warm_up_that_fails_leaves_the_warm_process_to_start(monkeypatch):
    """The specimen page is laid out with the templates' stylesheet as it stands; one broken
    mid-edit is for each command to report, not a reason for the warm process not to start."""
    from inspection_report import pdf_layout, warm_server
    from inspection_report.errors import PublishError

    def broken(stylesheet: Path) -> None:
        raise PublishError(f"the PDF could not be printed as it stands: {stylesheet.name}")

    monkeypatch.setattr(pdf_layout, "warm_up", broken)
    warm_server.preload()


def test_a_build_in_the_warm_process_imports_nothing_the_warm_process_did_not(tmp_path):
    """What a build imports at its start is paid by every command: the warm process has it
    loaded already, or the command pays for it before its layouts can start."""
    findings = write_mini_report(tmp_path / "findings").parent
    script = (
        "import sys\n"
        "from inspection_report.warm_server import preload\n"
        "from inspection_report.cli import main\n"
        "preload()\n"
        "loaded = set(sys.modules)\n"
        f"main(['build', 'mini', '--findings', {str(findings)!r}, '--output', {str(tmp_path / 'out')!r}])\n"
        "print('imported:', sorted(set(sys.modules) - loaded))\n"
    )
    built = subprocess.run([sys.executable, "-c", script], capture_output=True, text=True, cwd=ROOT)
    assert built.returncode == 0, built.stderr
    assert "imported: []" in built.stdout, built.stdout


def test_an_idle_warm_process_ends_and_removes_its_socket(tmp_path):
    temporary = Path(tempfile.mkdtemp(prefix="warm-", dir="/tmp"))
    try:
        env = _environment(temporary)
        assert _run(["warm", "--idle", "0.02"], env).returncode == 0
        pid = _server_pid(env)
        assert pid is not None
        assert _until(lambda: not running(pid), 30), "still running when idle"
        assert not list(temporary.rglob("*.sock"))
        assert "none running" in _run(["warm", "--status"], env).stdout
    finally:
        shutil.rmtree(temporary, ignore_errors=True)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
@pytest.mark.parametrize("how", [signal.SIGINT, signal.SIGKILL])
def test_a_command_stops_with_its_caller_and_leaves_the_last_output(warm, tmp_path, how):
    """Ctrl+C reaches the command through its caller; a caller killed outright closes its end
    of the socket, which stops the command too. Either way no output is half written. The
    sample, not the mini report: its build lasts long enough that the signal always comes
    before the output is moved into place."""
    server = _server_pid(warm)
    assert server is not None
    command = ["build", SAMPLE.name, "--output", str(tmp_path / "out")]
    caller = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), *command],
        env=warm,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )
    try:
        assert _until(lambda: len(descendants(server)) >= 2), "the command did not start its layouts"
        caller.send_signal(how)
        caller.wait(timeout=30)
        if how == signal.SIGINT:
            assert caller.returncode == 130
            assert "interrupted; previous output left as it was" in caller.stderr.read()
        assert _until(lambda: not descendants(server), 20), "the command outlived its caller"
        assert not (tmp_path / "out" / SAMPLE.name).exists()
    finally:
        caller.kill()
        caller.wait()


def test_new_code_on_disk_runs_fresh_and_the_warm_process_starts_again_with_it(warm):
    source = ROOT / "inspection_report" / "warm_control.py"
    before = source.stat()
    try:
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns + 1_000_000_000))
        assert _run(["check", "--help"], warm).returncode == 0
        assert _until(lambda: _server_pid(warm) is not None, 60), "it did not start again"
        assert _served(warm) == 0, "the command ran in the process that had the old code"
        assert _run(["check", "--help"], warm).returncode == 0
        assert _served(warm) == 1, "the process started again does not take commands"
    finally:
        os.utime(source, ns=(before.st_atime_ns, before.st_mtime_ns))
        # The code on disk is as it was again: the warm process starts again with it, so the
        # module's other tests find one that takes their commands.
        _run(["check", "--help"], warm)
        _until(lambda: _server_pid(warm) is not None, 60)


def test_a_warm_process_that_does_not_answer_is_passed_over(tmp_path, monkeypatch, capfd):
    """A stopped (or swapping) warm process must not hang every command: past a time to
    answer, the caller runs its command itself, and the warm process, once it goes on, does
    not run it a second time into the caller's terminal."""
    temporary = Path(tempfile.mkdtemp(prefix="warm-", dir="/tmp"))
    env = _environment(temporary)
    assert _run(["warm", "--idle", "5"], env).returncode == 0
    pid = _server_pid(env)
    assert pid is not None
    try:
        monkeypatch.setattr(tempfile, "tempdir", str(temporary))
        loaded = warm_control.ask("status")
        assert loaded is not None
        os.kill(pid, signal.SIGSTOP)
        monkeypatch.setattr(warm_client, "ANSWER_SECONDS", 0.5)
        assert run_warm(["check", "--help"], fingerprint=loaded["fingerprint"]) is None
        os.kill(pid, signal.SIGCONT)
        assert _until(lambda: _served(env) == 1), "the warm process did not go on"
        assert _until(lambda: not descendants(pid))
        assert "usage:" not in capfd.readouterr().out
        os.kill(pid, signal.SIGSTOP)
        # Files, not pipes: the stopped warm process holds the caller's descriptors in flight.
        with open(tmp_path / "errors", "w") as errors:
            caller = subprocess.Popen(
                [sys.executable, str(ROOT / "build.py"), "check", "--help"],
                env=env,
                stdout=subprocess.DEVNULL,
                stderr=errors,
            )
            time.sleep(2)  # the caller waits for the stopped warm process
            caller.send_signal(signal.SIGINT)
            caller.wait(timeout=20)
        said = (tmp_path / "errors").read_text()
        assert caller.returncode == 130 and "interrupted" in said and "Traceback" not in said
    finally:
        os.kill(pid, signal.SIGKILL)
        monkeypatch.undo()
        shutil.rmtree(temporary, ignore_errors=True)


def test_a_caller_that_leaves_before_its_answer_or_sends_nonsense_leaves_it_running(warm, monkeypatch):
    monkeypatch.setattr(tempfile, "tempdir", warm["TMPDIR"])
    for request, fds in [({"kind": "run", "fingerprint": "other code"}, [0, 1, 2]), ({"kind": "x"}, [])]:
        connection = warm_client.connect()
        assert connection is not None
        warm_client.send(connection, request, fds)
        connection.close()
    connection = warm_client.connect()
    assert connection is not None
    with connection:
        connection.sendall(b"not json\n")
    assert warm_control.ask("status") is not None, "the warm process ended"


@pytest.mark.skipif(os.geteuid() != 0, reason="becoming another user needs root")
def test_another_user_who_reaches_the_socket_is_not_answered(warm, monkeypatch):
    """Defence in depth: even with the folder and socket opened to everyone, the warm process
    checks the caller's user id on the connection itself."""
    monkeypatch.setattr(tempfile, "tempdir", warm["TMPDIR"])
    path = warm_client.socket_path()
    served = _served(warm)
    for folder in (path.parent.parent, path.parent):
        folder.chmod(0o711)
    path.chmod(0o777)
    try:
        child = os.fork()
        if child == 0:
            code = 1
            try:
                os.setuid(65534)
                connection = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
                connection.connect(str(path))
                try:  # the warm process closes the connection without reading it
                    warm_client.send(connection, {"kind": "status"})
                    answer = connection.recv(65536)
                except (BrokenPipeError, ConnectionResetError):
                    answer = b""
                code = 0 if answer == b"" else 3
            finally:
                os._exit(code)
        _, status = os.waitpid(child, 0)
        assert os.waitstatus_to_exitcode(status) == 0, (
            "the other user was answered (3) or could not connect (1)"
        )
    finally:
        for folder in (path.parent.parent, path.parent):
            folder.chmod(0o700)
        path.chmod(0o755)
    assert _served(warm) == served

"""The sides of a diff: temporary folders always removed, and a commit's findings exported
without ever writing a link out of them."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from pathlib import Path

import pytest
from conftest import replace_in
from mini_report import write_mini_report

import inspection_report.diff.run
from inspection_report.cli import main
from inspection_report.diff.sides import extract_findings
from inspection_report.errors import UsageError

ITEMS = "findings/mini/parts/02-findings/items.yaml"
OUT_OF_FINDINGS = "is a link to a file outside the findings; findings may not link outside their folder"


def _git(repo: Path, *args: str) -> None:
    identity = ("-c", "user.email=t@example.org", "-c", "user.name=T", "-c", "commit.gpgsign=false")
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


def _commit(repo: Path, message: str) -> None:
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", message)


@pytest.fixture
def repository(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A repository holding the mini report in two commits, the second changing one count;
    the tests run inside it, as `build.py diff` does."""
    repo = tmp_path / "repo"
    write_mini_report(repo / "findings")
    _git(repo, "init", "-q")
    _commit(repo, "draft 1")
    replace_in(repo / ITEMS, "{id: crc-abided, value: 9,", "{id: crc-abided, value: 8,")
    _commit(repo, "draft 2")
    monkeypatch.chdir(repo)
    return repo


@pytest.fixture
def temporary(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A fresh folder that every temporary file and folder is made in."""
    folder = tmp_path / "temporary"
    folder.mkdir()
    monkeypatch.setattr(tempfile, "tempdir", str(folder))
    return folder


@pytest.mark.parametrize(
    ("sides", "exit_code"),
    [
        (["findings/mini", "findings/mini"], 0),
        (["HEAD~1", "HEAD"], 1),
        (["HEAD~1", "findings/mini"], 1),
        (["no-such-ref", "HEAD"], 2),
        (["HEAD", "no-such-ref"], 2),
    ],
    ids=["report folders", "two commits", "a commit and a folder", "an unknown ref", "an unknown second ref"],
)
def test_temporary_folders_are_removed_whether_the_diff_succeeds_or_fails(
    repository, temporary, capsys, sides, exit_code
):
    assert main(["diff", *sides]) == exit_code
    assert "internal error" not in capsys.readouterr().err
    assert list(temporary.iterdir()) == []


def test_temporary_folders_are_removed_when_a_side_does_not_validate(repository, temporary, capsys):
    replace_in(repository / ITEMS, "value: 8,", "value: eight,")
    assert main(["diff", "HEAD", "findings/mini"]) == 2
    assert "report mini cannot be loaded" in capsys.readouterr().err
    assert list(temporary.iterdir()) == []


def test_temporary_folders_are_removed_when_the_comparison_raises(repository, temporary, monkeypatch):
    def fail(*args: object) -> None:
        raise RuntimeError("comparison failed")

    monkeypatch.setattr(inspection_report.diff.run, "diff_reports", fail)
    with pytest.raises(RuntimeError):
        inspection_report.diff.run.compute_diffs("HEAD~1", "findings/mini", [], repository)
    assert list(temporary.iterdir()) == []


@pytest.mark.parametrize(
    "target",
    ["/etc/passwd", "../../../../../etc/passwd", "../../../README.md"],
    ids=["absolute", "out of the export", "out of the findings only"],
)
def test_a_link_out_of_the_findings_in_a_commit_is_a_plain_error(repository, capsys, target):
    (repository / "findings/mini/parts/x.md").symlink_to(target)
    _commit(repository, "draft 3")
    assert main(["diff", "HEAD~1", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err == f"error: HEAD: findings/mini/parts/x.md {OUT_OF_FINDINGS}\n"


def test_a_link_that_stays_inside_the_findings_of_a_commit_does_not_stop_the_diff(repository, capsys):
    (repository / "findings/notes.txt").symlink_to("mini/report.yaml")
    _commit(repository, "draft 3")
    assert main(["diff", "HEAD~1", "HEAD"]) == 0
    assert capsys.readouterr().err == ""


def _archive(*members: tuple[tarfile.TarInfo, bytes]) -> bytes:
    buffer = io.BytesIO()
    with tarfile.open(fileobj=buffer, mode="w") as tar:
        for member, data in members:
            member.size = len(data)
            tar.addfile(member, io.BytesIO(data))
    return buffer.getvalue()


def _member(name: str, kind: bytes = tarfile.REGTYPE, link: str = "") -> tarfile.TarInfo:
    member = tarfile.TarInfo(name)
    member.type, member.linkname = kind, link
    return member


def test_a_link_inside_the_findings_is_exported_as_a_link(tmp_path):
    archive = _archive(
        (_member("findings/mini/report.yaml"), b"report: {}\n"),
        (_member("findings/notes.yaml", tarfile.SYMTYPE, "mini/report.yaml"), b""),
    )
    findings = extract_findings(archive, tmp_path / "export", "v1")
    assert findings == tmp_path / "export" / "findings"
    assert (findings / "notes.yaml").readlink() == Path("mini/report.yaml")
    assert (findings / "notes.yaml").read_text() == "report: {}\n"


def test_a_hard_link_out_of_the_findings_is_a_plain_error(tmp_path):
    archive = _archive(
        (_member("secret.txt"), b"secret\n"),
        (_member("findings/mini/notes.md", tarfile.LNKTYPE, "secret.txt"), b""),
    )
    with pytest.raises(UsageError, match=f"^v1: findings/mini/notes.md {OUT_OF_FINDINGS}$"):
        extract_findings(archive, tmp_path / "export", "v1")


def test_a_special_file_in_an_exported_commit_is_a_plain_error(tmp_path):
    archive = _archive((_member("findings/mini/pipe", tarfile.FIFOTYPE), b""))
    with pytest.raises(UsageError) as raised:
        extract_findings(archive, tmp_path / "export", "v1")
    assert str(raised.value) == (
        "v1: findings/mini/pipe is a special file (a device or a pipe); "
        "findings may hold only files, folders and links"
    )
    assert not (tmp_path / "export" / "findings" / "mini" / "pipe").exists()


def test_an_export_that_is_not_an_archive_is_a_plain_error(tmp_path):
    with pytest.raises(UsageError, match=r"^v1: the findings could not be exported \("):
        extract_findings(b"not an archive", tmp_path / "export", "v1")


def test_a_path_out_of_the_export_is_a_plain_error(tmp_path):
    archive = _archive((_member("findings/../../escape.md"), b"text\n"))
    with pytest.raises(UsageError, match=r"^v1: findings/\.\./\.\./escape\.md cannot be exported safely \("):
        extract_findings(archive, tmp_path / "export" / "inner", "v1")
    assert not (tmp_path / "escape.md").exists() and not (tmp_path / "export" / "escape.md").exists()

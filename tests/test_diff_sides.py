"""The sides of a diff: temporary folders always removed."""

from __future__ import annotations

import subprocess
import tempfile
from pathlib import Path

import pytest
from conftest import replace_in
from mini_report import write_mini_report

import inspection_report.diff.run
from inspection_report.cli import main

ITEMS = "findings/mini/parts/02-findings/items.yaml"


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
    assert "report mini does not validate" in capsys.readouterr().err
    assert list(temporary.iterdir()) == []


def test_temporary_folders_are_removed_when_the_comparison_raises(repository, temporary, monkeypatch):
    def fail(*args: object) -> None:
        raise RuntimeError("comparison failed")

    monkeypatch.setattr(inspection_report.diff.run, "diff_reports", fail)
    with pytest.raises(RuntimeError):
        inspection_report.diff.run.compute_diffs("HEAD~1", "findings/mini", [], repository)
    assert list(temporary.iterdir()) == []

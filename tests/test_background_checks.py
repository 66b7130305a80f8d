"""The checks run beside the build, not before it, yet a build of findings with errors ends
as it did when they ran first: with those errors, located, the layouts stopped, and the last
good output left as it was."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT, replace_in
from mini_report import write_mini_report

from inspection_report.errors import FindingsError
from inspection_report.pipeline import build_report
from inspection_report.validate import validated
from inspection_report.warm_pool import WarmPool

CHAPTER = "parts/02-findings/1-crc.md"


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


@pytest.mark.parametrize(
    ("old", "new", "message"),
    [
        ("{count:crc-abided} of", "{count:nope} of", "no count with id 'nope'"),
        ("{example:amy}", "{example:nobody}", "no practice example with id 'nobody'"),
        ("{note:training-source}", "{note:nothing}", "no footnote with id 'nothing'"),
    ],
)
def test_findings_that_rendering_cannot_take_stop_with_their_errors(tmp_path, old, new, message):
    """An unknown id makes rendering raise before the checks have said why; the build reports
    what the checks found, as a findings error, and publishes nothing."""
    folder = write_mini_report(tmp_path / "findings")
    output = tmp_path / "output"
    build_report(folder, output, tmp_path, html_only=True)
    before = _files(output / "mini")
    replace_in(folder / CHAPTER, old, new)
    with pytest.raises(FindingsError) as stopped:
        build_report(folder, output, tmp_path, in_background=False)
    assert any(p.severity == "error" and message in p.message for p in stopped.value.problems)
    assert _files(output / "mini") == before


def test_the_command_line_says_so_with_the_located_error_and_no_traceback(tmp_path):
    folder = write_mini_report(tmp_path / "findings")
    replace_in(folder / CHAPTER, "{count:crc-abided} of", "{count:nope} of")
    command = ["build", "mini", "--findings", str(folder.parent), "--output", str(tmp_path / "output")]
    run = subprocess.run([sys.executable, str(ROOT / "build.py"), *command], capture_output=True, text=True)
    assert run.returncode == 1 and f"{CHAPTER}:" in run.stderr and "no count with id 'nope'" in run.stderr
    assert "internal error" not in run.stderr and "Traceback" not in run.stderr
    assert not (tmp_path / "output" / "mini").exists()


def test_errors_found_while_parts_are_laid_out_abandon_the_layouts(tmp_path, monkeypatch):
    abandoned = []
    original = WarmPool.abandon

    def abandon(pool: WarmPool) -> None:
        abandoned.append(pool)
        original(pool)

    monkeypatch.setattr(WarmPool, "abandon", abandon)
    folder = write_mini_report(tmp_path / "findings")
    replace_in(folder / "cases.yaml", "value: 12", "value: 25")
    with pytest.raises(FindingsError) as stopped:
        build_report(folder, tmp_path / "output", tmp_path, layout_workers=2)
    assert any("a part cannot exceed its whole" in p.message for p in stopped.value.problems)
    assert len(abandoned) == 1
    assert not (tmp_path / "output" / "mini").exists()


def test_a_build_that_passes_its_checks_keeps_its_layouts_and_its_warnings(tmp_path, monkeypatch):
    abandoned = []
    monkeypatch.setattr(WarmPool, "abandon", lambda pool: abandoned.append(pool))
    folder = write_mini_report(tmp_path / "findings")
    replace_in(folder / "cases.yaml", "value: 20,", "value: 20, illustrative: true,")
    result = build_report(folder, tmp_path / "output", tmp_path, layout_workers=2)
    assert not abandoned and (result.destination / "report.pdf").is_file()
    assert result.warnings == validated(folder, tmp_path)[1] != []

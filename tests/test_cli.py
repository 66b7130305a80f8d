"""The command line as an editor meets it: clear lines, right exit codes, output untouched."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, replace_in


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, str(ROOT / "build.py"), *args], capture_output=True, text=True, cwd=ROOT
    )


def test_check_passes_on_the_sample():
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "check: 0 errors" in result.stdout


def test_misspelled_reference_fails_the_build_with_file_and_line_and_keeps_output(
    sample_copy: Path, tmp_path: Path
):
    findings = sample_copy.parent
    output = tmp_path / "output"
    (output / sample_copy.name).mkdir(parents=True)
    (output / sample_copy.name / "report.html").write_text("last good build")
    replace_in(
        sample_copy / "parts/09-abiding-by-the-sentence/1-crc.md",
        "{count:crc-abided}",
        "{count:crc-abide}",
    )
    result = run("build", "--findings", str(findings), "--output", str(output))
    assert result.returncode == 1
    assert "Traceback" not in result.stderr
    assert "findings/york-north-yorkshire-2016/parts/09-abiding-by-the-sentence/1-crc.md:" in result.stderr
    assert "no count with id 'crc-abide'; did you mean 'crc-abided'?" in result.stderr
    assert (output / sample_copy.name / "report.html").read_text() == "last good build"
    assert sorted(p.name for p in output.iterdir()) == [sample_copy.name]


def test_unknown_report_is_one_plain_line_and_exit_2():
    result = run("no-such-report")
    assert result.returncode == 2
    assert result.stderr.strip().startswith("error: no report named no-such-report")


def test_help_carries_an_example():
    assert "python build.py york-north-yorkshire-2016" in run("--help").stdout

"""Builds as CI and editors run them: reproducible bytes, incremental rebuilds, many reports at
once, the CI matrix and workflow, new reports, and the live preview."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, BuiltReport, replace_in
from mini_report import write_mini_report
from process_table import all_gone, descendants

from inspection_report.cli import main
from inspection_report.manifest import read_manifest
from inspection_report.pipeline import build_report
from inspection_report.serve import Preview


def _hash_tree(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in sorted(folder.rglob("*")) if p.is_file()}


def test_the_same_commit_gives_the_same_bytes_in_another_folder_at_another_time(
    sample_build: BuiltReport, tmp_path
):
    time.sleep(1.1)
    again = build_report(SAMPLE, tmp_path / "elsewhere" / "output", ROOT, force=True)
    first, second = _hash_tree(sample_build.folder), _hash_tree(again.destination)
    assert first.keys() == second.keys()
    assert [name for name in first if first[name] != second[name]] == []


def test_manifest_lists_every_output_with_its_sha256_and_the_source_commit(sample_build: BuiltReport):
    import hashlib

    manifest = read_manifest(sample_build.folder)
    files = {str(p.relative_to(sample_build.folder)) for p in sample_build.folder.rglob("*") if p.is_file()}
    assert set(manifest["files"]) == files - {"manifest.json"}
    for name, digest in manifest["files"].items():
        assert hashlib.sha256((sample_build.folder / name).read_bytes()).hexdigest() == digest
    head = subprocess.run(["git", "-C", str(ROOT), "rev-parse", "HEAD"], capture_output=True, text=True)
    assert manifest["source_commit"] == (head.stdout.strip() or None)
    assert manifest["report"] == "york-north-yorkshire-2016"


def test_findings_outside_a_repository_or_without_git_are_built_with_no_source_commit(tmp_path, monkeypatch):
    folder = write_mini_report(tmp_path / "findings")
    monkeypatch.setenv("GIT_CEILING_DIRECTORIES", str(tmp_path))
    outside = build_report(folder, tmp_path / "out", tmp_path, html_only=True)
    assert read_manifest(outside.destination)["source_commit"] is None
    monkeypatch.setenv("PATH", str(tmp_path / "nowhere"))
    without_git = build_report(folder, tmp_path / "out", tmp_path, html_only=True, force=True)
    assert read_manifest(without_git.destination)["source_commit"] is None


def test_unchanged_report_is_not_rebuilt_and_a_change_or_force_rebuilds_it(tmp_path):
    folder = write_mini_report(tmp_path / "findings")
    output = tmp_path / "output"
    first = build_report(folder, output, tmp_path)
    assert not first.unchanged and first.charts_drawn == 1
    stamp = (output / "mini" / "report.pdf").stat().st_mtime_ns
    second = build_report(folder, output, tmp_path)
    assert second.unchanged
    assert (output / "mini" / "report.pdf").stat().st_mtime_ns == stamp
    replace_in(folder / "parts/01-foreword.md", "The work was good.", "The work was very good.")
    third = build_report(folder, output, tmp_path)
    assert not third.unchanged and third.charts_drawn == 0
    assert "very good" in (output / "mini" / "report.html").read_text()
    assert not build_report(folder, output, tmp_path, force=True).unchanged


def test_a_first_build_starts_loading_weasyprint_before_hashing_and_a_rebuild_only_when_needed(
    tmp_path, monkeypatch
):
    """An output with no manifest is built for certain, so its layout processes start before
    the inputs are hashed; an up-to-date output starts none."""
    from inspection_report import pipeline

    events: list[str] = []
    pool_class, fingerprint = pipeline.LayoutPool, pipeline.report_fingerprint

    def pool(*arguments):
        events.append("pool")
        return pool_class(*arguments)

    def hashed(*arguments):
        events.append("hashed")
        return fingerprint(*arguments)

    monkeypatch.setattr(pipeline, "LayoutPool", pool)
    monkeypatch.setattr(pipeline, "report_fingerprint", hashed)
    folder = write_mini_report(tmp_path / "findings")
    output = tmp_path / "output"
    build_report(folder, output, tmp_path)
    assert events == ["pool", "hashed"]
    events.clear()
    assert build_report(folder, output, tmp_path).unchanged
    assert events == ["hashed"]
    events.clear()
    replace_in(folder / "parts/01-foreword.md", "The work was good.", "The work was very good.")
    assert not build_report(folder, output, tmp_path).unchanged
    assert events == ["hashed", "pool"]


def test_library_versions_are_those_importlib_metadata_gives_without_its_import(tmp_path):
    """The fingerprint's library versions come from the installed `.dist-info` folders'
    names; they are what importlib.metadata reads from each METADATA file, without loading
    it; a library with no such folder is asked of importlib.metadata."""
    from importlib.metadata import version

    from inspection_report.fingerprint import LIBRARIES, library_versions

    assert library_versions() == {library: version(library) for library in LIBRARIES}
    code = (
        "import sys; from inspection_report.fingerprint import environment_fingerprint;"
        "environment_fingerprint(); print(sorted({'email', 'importlib.metadata'} & set(sys.modules)))"
    )
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, cwd=ROOT
    )
    assert loaded.stdout.strip() == "[]"
    # An egg's metadata ahead of the installed library on the path: as importlib.metadata
    # would, the first found counts.
    egg = tmp_path / "site"
    (egg / "pydyf-0.0.1.egg-info").mkdir(parents=True)
    (egg / "pydyf-0.0.1.egg-info" / "PKG-INFO").write_text(
        "Metadata-Version: 2.1\nName: pydyf\nVersion: 0.0.1\n"
    )
    shadow = subprocess.run(
        [sys.executable, "-c", "from inspection_report.fingerprint import library_versions as v; print(v())"],
        capture_output=True,
        text=True,
        check=True,
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(egg)},
    )
    assert "'pydyf': '0.0.1'" in shadow.stdout


def test_a_hand_edited_output_is_rebuilt(tmp_path):
    folder = write_mini_report(tmp_path / "findings")
    output = tmp_path / "output"
    build_report(folder, output, tmp_path)
    (output / "mini" / "report.html").write_text("tampered")
    assert not build_report(folder, output, tmp_path).unchanged
    assert "tampered" not in (output / "mini" / "report.html").read_text()


def test_a_changed_count_redraws_only_its_chart(tmp_path):
    folder = write_mini_report(tmp_path / "findings")
    output = tmp_path / "output"
    build_report(folder, output, tmp_path, html_only=True)
    replace_in(
        folder / "parts/02-findings/items.yaml", "{id: crc-abided, value: 9,", "{id: crc-abided, value: 8,"
    )
    assert build_report(folder, output, tmp_path, html_only=True).charts_drawn == 1
    assert ">8<" in (output / "mini" / "charts" / "chart-abiding.svg").read_text()


def test_many_reports_build_in_parallel_and_one_failure_stops_no_other(tmp_path, capsys):
    findings = tmp_path / "findings"
    write_mini_report(findings)
    broken = findings / "broken"
    shutil.copytree(findings / "mini", broken)
    replace_in(broken / "report.yaml", "id: mini", "id: broken")
    replace_in(broken / "cases.yaml", "value: 12", "value: twelve")
    output = tmp_path / "output"
    code = main(["build", "--findings", str(findings), "--output", str(output), "-j", "2", "--html-only"])
    captured = capsys.readouterr()
    assert code == 1
    assert (output / "mini" / "report.html").is_file()
    assert not (output / "broken").exists()
    assert "broken: not built" in captured.err
    assert "2 reports: 1 built, 0 unchanged, 1 failed" in captured.out
    assert "mini: checking" in captured.out and "mini: done" in captured.out


def test_matrix_prints_the_report_ids_as_json(capsys):
    assert main(["matrix"]) == 0
    assert json.loads(capsys.readouterr().out) == ["york-north-yorkshire-2016"]


def test_workflow_passes_actionlint():
    actionlint = Path(sys.executable).parent / "actionlint"
    result = subprocess.run(
        [str(actionlint), str(ROOT / ".github" / "workflows" / "report.yml")], capture_output=True, text=True
    )
    assert result.returncode == 0, result.stdout + result.stderr


def _get(url: str) -> str:
    with urllib.request.urlopen(url, timeout=10) as response:
        return response.read().decode("utf-8")


def _serve(findings: Path, *reports: str) -> subprocess.Popen[str]:
    return subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "serve",
            *reports,
            "--findings",
            str(findings),
            "--port",
            "0",
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )


def _wait_for(url: str, text: str, seconds: float = 20) -> str:
    deadline = time.monotonic() + seconds
    page = ""
    while time.monotonic() < deadline:
        page = _get(url)
        if text in page:
            return page
        time.sleep(0.1)
    raise AssertionError(f"{text!r} did not appear")


def test_serve_rebuilds_on_save_and_shows_errors_without_stopping(tmp_path):
    findings = tmp_path / "findings"
    folder = write_mini_report(findings)
    process = _serve(findings, "mini")
    try:
        line = process.stdout.readline()
        port = re.search(r"http://127\.0\.0\.1:(\d+)/", line)
        assert port, line
        url = f"http://127.0.0.1:{port.group(1)}/"
        assert "The work was good." in _get(url)
        assert "EventSource('/__events')" in _get(url)
        replace_in(folder / "parts/01-foreword.md", "The work was good.", "The work was excellent.")
        _wait_for(url, "The work was excellent.")
        replace_in(folder / "cases.yaml", "value: 12", "value: twelve")
        page = _wait_for(url, "The findings have errors")
        assert "findings/mini/cases.yaml:3:" in page
        replace_in(folder / "cases.yaml", "value: twelve", "value: 12")
        _wait_for(url, "The work was excellent.")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.parametrize("name", ["report.css", "charts/chart-abiding.svg"])
def test_serve_serves_the_assets_of_the_preview(tmp_path, name):
    findings = tmp_path / "findings"
    write_mini_report(findings)
    process = _serve(findings)
    try:
        port = re.search(r":(\d+)/", process.stdout.readline()).group(1)
        assert _get(f"http://127.0.0.1:{port}/{name}")
    finally:
        process.terminate()
        process.wait(timeout=10)


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_serve_prints_the_edited_pdf_from_warm_layout_processes_replaced_if_killed_ending_with_it(tmp_path):
    findings = tmp_path / "findings"
    folder = write_mini_report(findings)
    process = _serve(findings, "mini")
    try:
        port = re.search(r":(\d+)/", process.stdout.readline()).group(1)
        url = f"http://127.0.0.1:{port}/report.pdf"
        workers = descendants(process.pid)
        assert len(workers) >= 1
        first = urllib.request.urlopen(url, timeout=60).read()
        replace_in(folder / "parts/01-foreword.md", "The work was good.", "The work was excellent.")
        assert "rebuilt" in process.stdout.readline()
        second = urllib.request.urlopen(url, timeout=60).read()
        (tmp_path / "second.pdf").write_bytes(second)
        text = subprocess.run(
            ["pdftotext", str(tmp_path / "second.pdf"), "-"], capture_output=True, text=True
        )
        assert first.startswith(b"%PDF") and "The work was excellent." in text.stdout
        assert descendants(process.pid) >= workers
        for worker in workers:
            os.kill(worker, signal.SIGKILL)
        replace_in(folder / "parts/01-foreword.md", "The work was excellent.", "The work was outstanding.")
        assert "rebuilt" in process.stdout.readline()
        third = urllib.request.urlopen(url, timeout=60).read()
        (tmp_path / "third.pdf").write_bytes(third)
        text = subprocess.run(["pdftotext", str(tmp_path / "third.pdf"), "-"], capture_output=True, text=True)
        assert "The work was outstanding." in text.stdout
        replace_in(folder / "cases.yaml", "value: 12", "value: twelve")
        assert "errors" in process.stdout.readline()
        with pytest.raises(urllib.error.HTTPError) as refused:
            urllib.request.urlopen(url, timeout=60)
        assert refused.value.code == 409 and "cases.yaml:3:" in refused.value.read().decode()
        workers = descendants(process.pid)
    finally:
        process.terminate()
        process.wait(timeout=10)
    assert all_gone(workers), "layout processes outlived serve"


@pytest.mark.skipif(not Path("/proc").is_dir(), reason="reads the process table from /proc")
def test_a_build_killed_outright_leaves_no_worker_behind(tmp_path):
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "build", SAMPLE.name, "--output", str(tmp_path), "--force"],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 20
    workers: set[int] = set()
    while time.monotonic() < deadline and process.poll() is None and len(workers) < 2:
        workers |= descendants(process.pid)
        time.sleep(0.02)
    assert process.poll() is None, "the build finished before it could be killed"
    process.kill()
    process.wait(timeout=10)
    assert len(workers) >= 2
    assert all_gone(workers), "workers outlived the build"
    assert not (tmp_path / SAMPLE.name).exists()


def test_serve_prints_the_pdf_again_after_each_rebuild_once_it_has_been_asked_for(tmp_path):
    """An editor who reads the PDF finds it printed again after a save without asking; one
    who never asked pays nothing."""
    folder = write_mini_report(tmp_path / "findings")
    preview = Preview(folder, tmp_path / "out", tmp_path, layout_workers=1)
    try:
        preview.rebuild()
        replace_in(folder / "parts/01-foreword.md", "The work was good.", "The work was fine.")
        preview.rebuild()
        assert not preview.pdf.exists(), "printed before anyone asked"
        preview.build_pdf()
        replace_in(folder / "parts/01-foreword.md", "The work was fine.", "The work was excellent.")
        preview.rebuild()
        deadline = time.monotonic() + 60
        while preview.pdf_version != preview.version and time.monotonic() < deadline:
            time.sleep(0.05)
        assert preview.pdf_version == preview.version
        text = subprocess.run(["pdftotext", str(preview.pdf), "-"], capture_output=True, text=True).stdout
        assert "The work was excellent." in text
    finally:
        preview.close()


def test_serve_reloads_and_reprints_only_when_a_save_changed_the_preview(tmp_path):
    """One edit can reach the watcher twice (its event, then the fingerprint compared on a
    quiet tick); a second rebuild that finds nothing new must not reload the page or print
    another 'rebuilt' line, or a reader of that line asks for the PDF of the edit before."""
    folder = write_mini_report(tmp_path / "findings")
    preview = Preview(folder, tmp_path / "out", tmp_path, layout_workers=0)
    try:
        assert preview.rebuild() and preview.version == 1
        assert not preview.rebuild() and preview.version == 1
        foreword = folder / "parts/01-foreword.md"
        foreword.write_bytes(foreword.read_bytes())
        assert not preview.rebuild() and preview.version == 1
        replace_in(folder / "cases.yaml", "value: 12", "value: twelve")
        assert preview.rebuild() and preview.version == 2 and preview.error
        assert not preview.rebuild() and preview.version == 2, "the same errors again"
        replace_in(folder / "cases.yaml", "value: twelve", "value: 12")
        assert preview.rebuild() and preview.version == 3 and preview.error is None
    finally:
        preview.close()

"""The PDF typeset part by part against one whole flow, on the sample, each figure a median of
fresh processes measured in the same run:

- cold full build (check, charts, HTML, PDF into an empty output folder), `--pdf-mode parts`
  and `--pdf-mode whole`, against WeasyPrint alone on the same final HTML, as a ratio of
  medians and run by run (the machine's speed drifts between runs);
- full rebuild after a one-paragraph edit in one chapter (a sentence added to a paragraph),
  the first since the cold build, and after a second edit of the same paragraph (an
  editor's usual next step: the chapter is then cut where its last layout's pages began,
  so only the stretch holding the edit is laid out);
- `/report.pdf` from `serve` asked for as soon as the preview is rebuilt after such an edit,
  the server's layout processes kept warm;
- the cold build and the edit rebuild again as commands run in the warm process of
  `build.py warm` (the wall time of the command as typed; their CPU is spent in the warm
  process's children, so none is given for them).

Edit rebuilds are also given against the cold build of their own run, as a median of the
runs' ratios. Each measured command starts after a pause (`--settle`, 1 s), as an editor's
command comes seconds after the last: here, a chapter laid out just after two processes had
freed 800 MB took 0.81 s against 0.71 s after a pause (medians of 6).

    .venv/bin/python bench/pdf_parts.py [--runs 5] [--settle 1]
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from collections.abc import Callable
from pathlib import Path
from typing import Any, TypeVar

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from build_time import WEASYPRINT_ALONE, as_installed, line, timed, timed_with_cpu  # noqa: E402

T = TypeVar("T")
REPORT = "york-north-yorkshire-2016"
CHAPTER = Path("parts/08-protecting-the-public/2-nps.md")


def add_sentence(prose: Path, edit: int) -> None:
    """Add a sentence to the first paragraph of plain prose: a one-paragraph edit."""
    lines = prose.read_text(encoding="utf-8").split("\n")
    for index, text in enumerate(lines):
        if text and text[0].isalpha() and ":" not in text[:20]:
            lines[index] = f"{text} Staff said the work had improved again, edit {edit}."
            break
    prose.write_text("\n".join(lines), encoding="utf-8")


def run_by_run(edits: list[float], colds: list[float]) -> str:
    """Each edit rebuild against the cold build of the same run, measured a minute apart: the
    machine's speed drifts over the whole bench, and a ratio of medians mixes its phases."""
    pairs = [edit / cold for edit, cold in zip(edits, colds, strict=True)]
    runs = ", ".join(f"{pair:.0%}" for pair in pairs)
    return f"  the same, run by run: median {statistics.median(pairs):.0%}, runs {runs}"


def against_cold(label: str, times: list[float], colds: list[float]) -> None:
    print(f"{label} / cold full build: {statistics.median(times) / statistics.median(colds):.0%}")
    print(run_by_run(times, colds))


def serve_after_edits(findings: Path, edits: int, settle: float) -> list[float]:
    process = subprocess.Popen(
        [sys.executable, str(ROOT / "build.py"), "serve", REPORT, "--findings", str(findings), "--port", "0"],
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
        text=True,
    )
    assert process.stdout is not None
    try:
        port = re.search(r":(\d+)/", process.stdout.readline())
        assert port, "serve did not start"
        url = f"http://127.0.0.1:{port.group(1)}/report.pdf"
        urllib.request.urlopen(url, timeout=120).read()
        times = []
        for edit in range(edits):
            time.sleep(settle)
            add_sentence(findings / REPORT / CHAPTER, 1000 + edit)
            rebuilt = process.stdout.readline()
            assert "rebuilt" in rebuilt, rebuilt
            # Asked for as soon as the preview is rebuilt: serve has only just begun to print
            # it again in the background, so this is the whole print's time.
            started = time.perf_counter()
            body = urllib.request.urlopen(url, timeout=120).read()
            times.append(time.perf_counter() - started)
            printed = subprocess.run(["pdftotext", "-", "-"], input=body, capture_output=True).stdout
            assert f"edit {1000 + edit}.".encode() in b" ".join(printed.split()), "not the edited PDF"
        return times
    finally:
        process.terminate()
        process.wait(timeout=20)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--settle", type=float, default=1.0, help="seconds of pause before each command")
    args = parser.parse_args()

    def settled(measure: Callable[..., T], *arguments: Any, **options: Any) -> T:
        time.sleep(args.settle)
        return measure(*arguments, **options)

    as_installed()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        findings = scratch / "findings"
        shutil.copytree(ROOT / "findings", findings)
        build = [sys.executable, str(ROOT / "build.py"), "build", REPORT, "--findings", str(findings)]
        parts, whole, alone, edited, warm_cold, warm_edited = [], [], [], [], [], []
        edited_again: list[float] = []
        warm_again: list[float] = []
        cpu: dict[str, list[float]] = {"parts": [], "alone": [], "edited": []}
        warm = {**os.environ, "TMPDIR": str(scratch)}
        subprocess.run([sys.executable, str(ROOT / "build.py"), "warm", "--idle", "10"], env=warm, check=True)
        for run in range(args.runs):
            output = scratch / f"parts-{run}"
            wall, used = settled(timed_with_cpu, [*build, "--output", str(output)])
            parts.append(wall)
            cpu["parts"].append(used)
            # Right after the build it is compared with: the machine's speed drifts.
            html = output / REPORT / "report.html"
            alone_command = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(scratch / "alone.pdf")]
            wall, used = settled(timed_with_cpu, alone_command)
            alone.append(wall)
            cpu["alone"].append(used)
            whole_command = [*build, "--output", str(scratch / f"whole-{run}"), "--pdf-mode", "whole"]
            whole.append(settled(timed, whole_command))
            add_sentence(findings / REPORT / CHAPTER, run)
            wall, used = settled(timed_with_cpu, [*build, "--output", str(output)])
            edited.append(wall)
            cpu["edited"].append(used)
            add_sentence(findings / REPORT / CHAPTER, 200 + run)
            edited_again.append(settled(timed, [*build, "--output", str(output)]))
            warmed = scratch / f"warm-{run}"
            warm_cold.append(settled(timed, [*build, "--output", str(warmed)], env=warm))
            add_sentence(findings / REPORT / CHAPTER, 100 + run)
            warm_edited.append(settled(timed, [*build, "--output", str(warmed)], env=warm))
            add_sentence(findings / REPORT / CHAPTER, 300 + run)
            warm_again.append(settled(timed, [*build, "--output", str(warmed)], env=warm))
        subprocess.run([sys.executable, str(ROOT / "build.py"), "warm", "--stop"], env=warm, check=True)
        served = serve_after_edits(findings, args.runs, args.settle)
    print(f"report: {REPORT}, {args.runs} runs of each, fresh processes, 2 layout processes")
    print(line("cold full build, part by part", parts))
    print(line("cold full build, one flow (--pdf-mode whole)", whole))
    print(line("WeasyPrint alone on the same final HTML", alone))
    print(f"part by part / WeasyPrint alone: {statistics.median(parts) / statistics.median(alone):.2f}")
    pairs = [cold / weasyprint for cold, weasyprint in zip(parts, alone, strict=True)]
    print(
        f"  the same, run by run (each build against WeasyPrint alone run just after it): median "
        f"{statistics.median(pairs):.2f}, runs {', '.join(f'{pair:.2f}' for pair in pairs)}"
    )
    print(f"part by part / one flow: {statistics.median(parts) / statistics.median(whole):.2f}")
    print(line("full rebuild after a one-paragraph edit", edited))
    print(f"edit rebuild / cold full build: {statistics.median(edited) / statistics.median(parts):.0%}")
    print(run_by_run(edited, parts))
    print(line("rebuild after a second edit of the paragraph", edited_again))
    against_cold("second edit rebuild", edited_again, parts)
    print(line("serve: /report.pdf after a one-paragraph edit", served))
    print(line("warm process: cold full build", warm_cold))
    print(line("warm process: rebuild after the same edit", warm_edited))
    warm_edit = statistics.median(warm_edited)
    print(
        f"edit rebuild in the warm process / cold full build: {warm_edit / statistics.median(parts):.0%} "
        f"(/ cold build in the warm process: {warm_edit / statistics.median(warm_cold):.0%})"
    )
    print(run_by_run(warm_edited, parts))
    print(line("warm process: after a second edit", warm_again))
    against_cold("second edit in the warm process", warm_again, parts)
    cores = os.cpu_count() or 1
    print(f"CPU time (user + system, every process), medians, on {cores} cores:")
    for label, key in [("cold full build, part by part", "parts"), ("WeasyPrint alone", "alone")]:
        print(f"  {label:<42} {statistics.median(cpu[key]):.2f} s")
    print(f"  {'full rebuild after a one-paragraph edit':<42} {statistics.median(cpu['edited']):.2f} s")
    floor = statistics.median(cpu["parts"]) / cores / statistics.median(alone)
    print(
        f"cold build's CPU spread evenly over the cores / WeasyPrint alone: {floor:.2f} (the lowest possible)"
    )


if __name__ == "__main__":
    main()

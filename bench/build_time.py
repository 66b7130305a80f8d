"""Build timings of one report, each run a fresh process as an editor or CI meets it.

- cold: a full build into an empty output folder (no chart cache), against WeasyPrint alone
  rendering the same final HTML, and the overhead between them;
- no change: building again when nothing changed;
- one-paragraph edit: the HTML edition rebuilt (`--html-only`) after a paragraph changes.

    .venv/bin/python bench/build_time.py [REPORT] [--runs N]
"""

from __future__ import annotations

import argparse
import atexit
import os
import resource
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WEASYPRINT_ALONE = """
import sys
from pathlib import Path
from weasyprint import HTML
from inspection_report.fetcher import SandboxedFetcher
html = Path(sys.argv[1])
document = HTML(filename=str(html), url_fetcher=SandboxedFetcher([html.parent]))
document.write_pdf(sys.argv[2], pdf_variant="pdf/ua-1")
"""


def as_installed() -> None:
    """Run what is measured as an installed copy runs: with Python's compiled bytecode of
    the project's modules kept between runs. An environment that forbids writing it
    (PYTHONDONTWRITEBYTECODE) makes every build compile some forty modules afresh, about
    0.1 s of CPU that WeasyPrint alone, whose bytecode pip wrote, never pays.

    And in fresh processes: a warm process of this checkout (`build.py warm`) left running
    answers on a socket in the temporary folder, and would run the commands measured. They
    get a temporary folder of their own, where none answers; a bench that measures a warm
    process starts its own there."""
    os.environ.pop("PYTHONDONTWRITEBYTECODE", None)
    private = tempfile.mkdtemp(prefix="bench-")
    atexit.register(shutil.rmtree, private, ignore_errors=True)
    os.environ["TMPDIR"] = private


def timed(command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None) -> float:
    return timed_with_cpu(command, cwd, env)[0]


def timed_with_cpu(
    command: list[str], cwd: Path = ROOT, env: dict[str, str] | None = None
) -> tuple[float, float]:
    """Wall time, and CPU time (user and system) of the process and every process it waited
    for: its workers, and theirs."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=cwd, capture_output=True, env=env)
    wall = time.perf_counter() - started
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    return wall, (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)


def line(label: str, runs: list[float]) -> str:
    return f"{label:<44} median {statistics.median(runs):.2f} s  (min {min(runs):.2f}, max {max(runs):.2f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="york-north-yorkshire-2016")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    as_installed()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        findings = scratch / "findings"
        shutil.copytree(ROOT / "findings", findings)
        build = [sys.executable, str(ROOT / "build.py"), "build", args.report, "--findings", str(findings)]
        cold, alone, unchanged, edited = [], [], [], []
        for run in range(args.runs):
            output = scratch / f"output-{run}"
            cold.append(timed([*build, "--output", str(output)]))
            html = output / args.report / "report.html"
            alone.append(
                timed([sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(scratch / "alone.pdf")])
            )
            unchanged.append(timed([*build, "--output", str(output)]))
            prose = sorted((findings / args.report / "parts").rglob("*.md"))[0]
            prose.write_text(prose.read_text() + f"\nAn added paragraph, edit {run}.\n")
            edited.append(timed([*build, "--output", str(output), "--html-only"]))
    print(f"report: {args.report}, {args.runs} runs of each, fresh processes")
    print(line("cold full build (check, charts, HTML, PDF)", cold))
    print(line("WeasyPrint alone on the same final HTML", alone))
    overhead = statistics.median(cold) / statistics.median(alone) - 1
    print(f"overhead of the pipeline over WeasyPrint alone: {overhead:+.0%}")
    print(line("rebuild with nothing changed", unchanged))
    print(line("HTML rebuild after a one-paragraph edit", edited))


if __name__ == "__main__":
    main()

"""Where a cold build's CPU goes: each figure a median of fresh processes, rounds interleaved.

A cold build on N cores cannot take less wall time than its CPU time divided by N, so this
says what a cold build can reach against WeasyPrint alone, and what each piece costs:

- the cold build (check, charts, HTML, PDF part by part) with charts drawn, and with the
  chart cache filled beforehand (the difference is drawing the charts, matplotlib included);
- the HTML edition alone, with charts drawn and cached (loading, checking and rendering);
- WeasyPrint alone on the same final HTML.

    .venv/bin/python bench/cpu_breakdown.py [--runs 3]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))

from build_time import WEASYPRINT_ALONE, as_installed, timed_with_cpu  # noqa: E402

REPORT = "york-north-yorkshire-2016"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    as_installed()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        build = [sys.executable, str(ROOT / "build.py"), "build", REPORT]
        seed = scratch / "seed"
        timed_with_cpu([*build, "--output", str(seed)])
        html = seed / REPORT / "report.html"
        cases = {
            "cold build, charts drawn": ([], False),
            "cold build, chart cache filled": ([], True),
            "HTML only, charts drawn": (["--html-only"], False),
            "HTML only, chart cache filled": (["--html-only"], True),
        }
        cpu: dict[str, list[float]] = {name: [] for name in [*cases, "WeasyPrint alone"]}
        wall: dict[str, list[float]] = {name: [] for name in cpu}
        for run in range(args.runs):
            for index, (name, (options, cached)) in enumerate(cases.items()):
                output = scratch / f"out-{run}-{index}"
                if cached:
                    shutil.copytree(seed / ".cache" / "charts", output / ".cache" / "charts")
                seconds, used = timed_with_cpu([*build, "--output", str(output), *options])
                wall[name].append(seconds)
                cpu[name].append(used)
            seconds, used = timed_with_cpu(
                [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(scratch / "a.pdf")]
            )
            wall["WeasyPrint alone"].append(seconds)
            cpu["WeasyPrint alone"].append(used)
    median = {name: statistics.median(values) for name, values in cpu.items()}
    cores = os.cpu_count() or 1
    print(f"report: {REPORT}, {args.runs} interleaved rounds, fresh processes, {cores} cores")
    print(f"{'':<34} {'CPU':>8} {'wall':>8}")
    for name in cpu:
        print(f"{name:<34} {median[name]:>6.2f} s {statistics.median(wall[name]):>6.2f} s")
    alone = median["WeasyPrint alone"]
    charts = median["cold build, charts drawn"] - median["cold build, chart cache filled"]
    html_only = median["HTML only, chart cache filled"]
    beyond = median["cold build, charts drawn"] - alone - charts - html_only
    print(f"drawing the charts: {charts:.2f} s CPU; loading, checking and rendering: {html_only:.2f} s")
    print(f"the rest, working part by part beyond WeasyPrint's own CPU: about {beyond:.2f} s")
    floor = median["cold build, charts drawn"] / cores / statistics.median(wall["WeasyPrint alone"])
    ideal = (alone + charts + html_only) / cores / statistics.median(wall["WeasyPrint alone"])
    print(f"cold build / WeasyPrint alone, at best on {cores} cores: {floor:.2f} as built,")
    print(f"  {ideal:.2f} if working part by part cost nothing beyond WeasyPrint's own CPU")


if __name__ == "__main__":
    main()

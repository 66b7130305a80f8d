"""A report build as the data flow reads: load, check, derive, render, publish.

Everything is gathered and checked first; output is written last and only if all is well.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from inspection_report.checks import check_report
from inspection_report.derive import Derived, derive
from inspection_report.errors import FindingsError, Problem
from inspection_report.load import load_findings
from inspection_report.publish import STYLESHEET, publish
from inspection_report.render import render_report


@dataclass(frozen=True)
class BuildResult:
    report_id: str
    destination: Path
    files: list[Path]
    seconds: float
    warnings: list[Problem]


def validated(folder: Path, root: Path) -> tuple[Derived, list[Problem]]:
    """Load and check a report; raise with every error, return the warnings."""
    derived = derive(load_findings(folder, root))
    problems = check_report(derived)
    errors = [p for p in problems if p.severity == "error"]
    if errors:
        raise FindingsError(problems)
    return derived, problems


def draw_charts(derived: Derived) -> dict[str, str]:
    from charts import draw_chart
    from inspection_report.exhibits import chart_data

    drawn = {}
    for exhibit_id, exhibit in derived.findings.items["exhibits"].items():
        data = chart_data(derived, exhibit)
        if data is not None:
            drawn[exhibit_id] = draw_chart(data)
    return drawn


def build_report(folder: Path, output_root: Path, root: Path) -> BuildResult:
    started = time.perf_counter()
    derived, warnings = validated(folder, root)
    charts = draw_charts(derived)
    chart_paths = {exhibit_id: f"charts/{exhibit_id}.svg" for exhibit_id in charts}
    html = render_report(derived, chart_paths, STYLESHEET)
    destination = output_root / derived.findings.meta.id
    files = publish(destination, html, charts)
    return BuildResult(derived.findings.meta.id, destination, files, time.perf_counter() - started, warnings)

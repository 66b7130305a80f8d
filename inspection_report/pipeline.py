"""A report build as the data flow reads: load, check, derive, render, publish.

Everything is gathered and checked first; output is written last and only if all is well.
"""

from __future__ import annotations

import time
from dataclasses import dataclass
from pathlib import Path

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.publish import STYLESHEET, publish
from inspection_report.render import render_report
from inspection_report.validate import validated


@dataclass(frozen=True)
class BuildResult:
    report_id: str
    destination: Path
    files: list[Path]
    seconds: float
    warnings: list[Problem]


def draw_charts(derived: Derived) -> dict[str, str]:
    from charts.draw import draw_chart
    from inspection_report.exhibits import chart_data

    drawn = {}
    for exhibit_id, exhibit in derived.findings.items["exhibits"].items():
        data = chart_data(derived, exhibit)
        if data is not None:
            drawn[exhibit_id] = draw_chart(data)
    return drawn


def build_report(folder: Path, output_root: Path, root: Path, strict: bool = False) -> BuildResult:
    started = time.perf_counter()
    derived, warnings = validated(folder, root, strict=strict)
    charts = draw_charts(derived)
    chart_paths = {exhibit_id: f"charts/{exhibit_id}.svg" for exhibit_id in charts}
    html = render_report(derived, chart_paths, STYLESHEET)
    destination = output_root / derived.findings.meta.id
    extras = {}
    if derived.findings.meta.status == "draft":
        from inspection_report.watermark import WATERMARK_FILE, draft_watermark_svg

        extras[WATERMARK_FILE] = draft_watermark_svg()
    files = publish(destination, html, charts, extras=extras)
    return BuildResult(derived.findings.meta.id, destination, files, time.perf_counter() - started, warnings)

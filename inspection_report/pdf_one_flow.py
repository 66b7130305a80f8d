"""The PDF as one flow (`--pdf-mode whole`), printed in a layout process while this one draws
the charts: loading WeasyPrint takes about as long as the rest of a build, and the pool loads
it while the report is checked; charts drawn meanwhile are picked up as layout reaches them.
"""

from __future__ import annotations

import time
from pathlib import Path

from inspection_report.pdf_layout import LayoutPool, laid_out
from inspection_report.publish import Provide, write_pdf

CHART_WAIT_SECONDS = 300


def print_one_flow(
    pool: LayoutPool,
    chart_ids: list[str],
    html_path: Path,
    pdf_path: Path,
    allowed: list[Path],
    provide: Provide,
) -> None:
    """Print `html_path` in `pool` while this process writes the charts it will need."""
    if pool.workers == 0:
        write_pdf(html_path, pdf_path, allowed, provide)
        return
    chart_folder = html_path.parent / "charts"
    printed = pool.submit(_print_waiting_for_charts, html_path, pdf_path, allowed, chart_folder)
    for exhibit_id in chart_ids:
        provide(chart_folder / f"{exhibit_id}.svg")
    laid_out(printed)
    pool.done()


def _print_waiting_for_charts(
    html_path: Path, pdf_path: Path, allowed: list[Path], chart_folder: Path
) -> None:
    write_pdf(
        html_path, pdf_path, allowed, lambda path: _wait_for(path) if path.parent == chart_folder else None
    )


def _wait_for(path: Path) -> None:
    """A chart the parent has not written yet: wait for it (the parent writes every chart)."""
    deadline = time.monotonic() + CHART_WAIT_SECONDS
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)

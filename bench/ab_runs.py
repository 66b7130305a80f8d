"""What the benches that compare two ways of laying out the sample share: the sample's HTML,
built once, and the two ways measured in turns, so that the machine's drift over the runs
falls on both alike."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import TypeVar

from inspection_report.pipeline import build_report

ROOT = Path(__file__).resolve().parent.parent
REPORT = "york-north-yorkshire-2016"
T = TypeVar("T")


def sample_html(scratch: Path) -> Path:
    """The sample's HTML edition, built in `scratch` with its stylesheet and charts beside it."""
    built = build_report(ROOT / "findings" / REPORT, scratch, ROOT, html_only=True, in_background=False)
    return built.destination / "report.html"


def alternated(runs: int, measure: Callable[[bool], T]) -> dict[bool, list[T]]:
    """`measure(False)` and `measure(True)`, `runs` times each, the first of each pair
    changing from run to run."""
    results: dict[bool, list[T]] = {False: [], True: []}
    for run in range(runs):
        for way in (False, True) if run % 2 == 0 else (True, False):
            results[way].append(measure(way))
    return results

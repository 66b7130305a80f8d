"""Charts for inspection reports: pure functions from chart data to deterministic SVG text.

One module per chart kind. Nothing here reads findings or writes files: the pipeline hands
in a `ChartData` and gets SVG back, so charts are easy to test and cache.
"""

from charts.data import ChartData, ChartKind
from charts.draw import draw_chart

__all__ = ["ChartData", "ChartKind", "draw_chart"]

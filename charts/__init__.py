"""Charts for inspection reports: pure functions from chart data to deterministic SVG text.

One module per chart kind; `charts.draw.draw_chart` dispatches. Nothing here reads findings
or writes files. This package's import is kept light (matplotlib loads only when drawing),
so code that only describes charts, such as `check`, stays fast.
"""

from charts.data import ChartData, ChartKind

__all__ = ["ChartData", "ChartKind"]

"""Charts for inspection reports: pure functions from chart data to deterministic SVG text.

One module per chart kind; `charts.draw.draw_chart` dispatches. Nothing here reads findings
or writes files. This package's import is kept light (matplotlib loads only when drawing),
so code that only describes charts, such as `check`, stays fast.
"""

from collections.abc import Mapping

from charts.data import ChartData, ChartKind

__all__ = ["ChartData", "ChartKind", "draw_all"]


def draw_all(datas: Mapping[str, ChartData]) -> dict[str, str]:
    """Each chart's SVG by its id. Here, not in the build's modules, so a layout process
    handed the drawing as a job loads only this package to read it: the job names this
    function, and a process reading it imports the module it lives in."""
    from charts.draw import draw_chart

    return {chart_id: draw_chart(data) for chart_id, data in sorted(datas.items())}

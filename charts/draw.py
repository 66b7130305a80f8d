"""Dispatches chart data to the module that draws its kind."""

from __future__ import annotations

from charts.bars import draw_bars
from charts.case_findings import draw_case_findings
from charts.data import ChartData


def draw_chart(data: ChartData) -> str:
    if data.kind == "case-findings":
        return draw_case_findings(data)
    return draw_bars(data)

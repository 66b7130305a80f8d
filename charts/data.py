"""The data a chart needs, and nothing about where it came from."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

ChartKind = Literal["bar", "grouped-bar", "stacked-bar", "case-findings"]


@dataclass(frozen=True)
class ChartData:
    """Rows are the bars (areas, or inspection questions); series are the values per bar.

    `values[row][series]`. For case findings the series are answers (Yes, No) and the values
    are whole numbers of cases.
    """

    kind: ChartKind
    rows: tuple[str, ...]
    series: tuple[str, ...]
    values: tuple[tuple[float, ...], ...]
    unit: str = "number"
    value_axis_label: str = ""

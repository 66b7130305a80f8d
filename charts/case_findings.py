"""Case findings as horizontal stacked bars of absolute numbers, one bar per question.

Absolute numbers, not percentages: the segment lengths show the proportion and the numbers
show how small the sample is, as the report's methodology asks.
"""

from __future__ import annotations

import textwrap

from charts.data import ChartData
from charts.style import PALETTE, house_style, new_figure, to_svg


def draw_case_findings(data: ChartData) -> str:
    with house_style():
        height = 0.7 + 0.62 * len(data.rows)
        figure, axes = new_figure(6.4, height)
        positions = list(range(len(data.rows)))[::-1]
        lefts: list[float] = [0.0] * len(data.rows)
        for index, answer in enumerate(data.series):
            widths = [row[index] for row in data.values]
            bars = axes.barh(
                positions,
                widths,
                0.6,
                left=lefts,
                color=PALETTE[index % len(PALETTE)],
                label=answer,
            )
            labels = [f"{w:.0f}" if w else "" for w in widths]
            axes.bar_label(
                bars,
                labels=labels,
                label_type="center",
                fontsize=8,
                color="white" if index == 0 else "#0b0c0c",
            )
            lefts = [left + w for left, w in zip(lefts, widths, strict=True)]
        wrapped = ["\n".join(textwrap.wrap(text, 38)) for text in data.rows]
        axes.set_yticks(positions, wrapped)
        axes.set_xlim(0, max(lefts, default=0.0) or 1)
        axes.set_xlabel(data.value_axis_label or "Number of cases")
        axes.spines["left"].set_visible(False)
        axes.tick_params(axis="y", length=0)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=len(data.series))
        return to_svg(figure)

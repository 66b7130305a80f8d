"""Vertical bar charts of background data: one series, several series side by side, or stacked."""

from __future__ import annotations

from charts.data import ChartData
from charts.style import GRID, INK, PALETTE, house_style, new_figure, to_svg, value_label


def draw_bars(data: ChartData) -> str:
    with house_style():
        figure, axes = new_figure(6.0, 3.0)
        count = len(data.series)
        positions = range(len(data.rows))
        stacked = data.kind == "stacked-bar"
        width = 0.6 if stacked or count == 1 else 0.8 / count
        bottoms = [0.0] * len(data.rows)
        for index, name in enumerate(data.series):
            heights = [row[index] for row in data.values]
            offsets = (
                list(positions)
                if stacked or count == 1
                else [p - 0.4 + width * (index + 0.5) for p in positions]
            )
            bars = axes.bar(
                offsets,
                heights,
                width,
                bottom=bottoms if stacked else None,
                color=PALETTE[index % len(PALETTE)],
                label=name,
                zorder=2,
            )
            if stacked:
                _label_stacked(axes, bars, heights, bottoms, data.unit, white=index == 0)
                bottoms = [b + h for b, h in zip(bottoms, heights, strict=True)]
            else:
                labels = [value_label(h, data.unit) for h in heights]
                axes.bar_label(bars, labels=labels, padding=2, fontsize=8)
        axes.set_xticks(list(positions), data.rows)
        axes.yaxis.grid(True, color=GRID, linewidth=0.5, zorder=0)
        axes.set_axisbelow(True)
        if data.value_axis_label:
            axes.set_ylabel(data.value_axis_label)
        if count > 1:
            axes.legend(loc="upper center", bbox_to_anchor=(0.5, -0.12), ncol=min(count, 2))
        if stacked:
            axes.set_ylim(0, max(bottoms) * 1.12)
        return to_svg(figure)


def _label_stacked(axes, bars, heights, bottoms, unit: str, white: bool) -> None:
    """Label each segment inside it, or just above the stack when it is too thin to hold text."""
    scale = max(b + h for b, h in zip(bottoms, heights, strict=True)) or 1
    for bar, height, bottom in zip(bars, heights, bottoms, strict=True):
        x = bar.get_x() + bar.get_width() / 2
        if height / scale >= 0.07:
            axes.text(
                x,
                bottom + height / 2,
                value_label(height, unit),
                ha="center",
                va="center",
                fontsize=8,
                color="white" if white else INK,
            )
        else:
            axes.text(
                bar.get_x() + bar.get_width() + 0.02,
                bottom + height,
                value_label(height, unit),
                ha="left",
                va="center",
                fontsize=8,
                color=INK,
            )

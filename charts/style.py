"""One house style for every chart, and byte-for-byte reproducible SVG output.

The palette is Okabe and Ito's, distinguishable with the common colour-vision deficiencies;
the face is the report's (Liberation Sans, metric-compatible with Arial). Text stays text in
the SVG so it is searchable in the PDF and sharp at any zoom.
"""

from __future__ import annotations

import io
from contextlib import AbstractContextManager
from typing import Any

import matplotlib
import matplotlib.artist


def _import_figure() -> Any:
    """matplotlib's `Figure`, imported without writing the property table of every artist
    class's `set()` docstring.

    matplotlib writes those tables (for `help()`) while it imports, a third of its import
    time and of the CPU a build spends on charts when none is cached; drawing never reads
    them. `kwdoc`, which writes them, is put back at once, so a later caller of it gets the
    full table."""
    kwdoc = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = lambda artist: ""
    try:
        from matplotlib.figure import Figure
    finally:
        matplotlib.artist.kwdoc = kwdoc
    return Figure


Figure = _import_figure()

PALETTE = ("#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00")
INK = "#0b0c0c"
GRID = "#b1b4b6"
FONT_FAMILY = ["Liberation Sans", "Arial", "DejaVu Sans"]

RC: dict[str, Any] = {
    "svg.fonttype": "none",
    "svg.hashsalt": "inspection-report",
    "font.family": "sans-serif",
    "font.sans-serif": FONT_FAMILY,
    "font.size": 9,
    "axes.edgecolor": INK,
    "axes.labelcolor": INK,
    "axes.spines.top": False,
    "axes.spines.right": False,
    "xtick.color": INK,
    "ytick.color": INK,
    "text.color": INK,
    "legend.frameon": False,
}


def house_style() -> AbstractContextManager[Any]:
    """The house rcParams for the duration of drawing one chart."""
    return matplotlib.rc_context(RC)  # type: ignore[arg-type]  # keys are valid rcParams


def new_figure(width: float, height: float) -> tuple[Any, Any]:
    """A figure without pyplot: no global state, and a faster import."""
    figure = Figure(figsize=(width, height))
    return figure, figure.add_subplot()


def to_svg(figure: Any) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def value_label(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}%" if unit == "percent" else text

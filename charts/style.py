"""One house style for every chart, and byte-for-byte reproducible SVG output.

The palette is Okabe and Ito's, distinguishable with the common colour-vision deficiencies;
the face is the report's (Liberation Sans, metric-compatible with Arial). Text stays text in
the SVG so it is searchable in the PDF and sharp at any zoom.
"""

from __future__ import annotations

import importlib
import io
from contextlib import AbstractContextManager
from typing import Any

import matplotlib
import matplotlib.artist


def _import_without_set_docstrings() -> None:
    """Import what drawing uses without writing the property table of every artist class's
    `set()` docstring.

    matplotlib writes those tables (for `help()`) while it imports: a fifth of its import
    time, and drawing never reads them. `kwdoc`, which writes them, is put back at once, so
    a later caller of it gets the full table."""
    kwdoc = matplotlib.artist.kwdoc
    matplotlib.artist.kwdoc = lambda artist: ""
    try:
        for name in (
            "matplotlib.figure",
            "matplotlib.backends.backend_mixed",
            "matplotlib.backends.backend_svg",
        ):
            importlib.import_module(name)
    finally:
        matplotlib.artist.kwdoc = kwdoc


_import_without_set_docstrings()

from matplotlib.backends.backend_mixed import MixedModeRenderer  # noqa: E402
from matplotlib.backends.backend_svg import RendererSVG  # noqa: E402
from matplotlib.figure import Figure  # noqa: E402

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
    """The figure as SVG, cropped to what it draws, as `bbox_inches="tight"` crops it.

    `bbox_inches="tight"` draws the whole figure once with drawing switched off, only to
    measure it, then draws it again: a fifth of the CPU of drawing a chart. Here the crop
    is measured without that first pass, with the SVG renderer's own text metrics at the
    72 dpi it writes at: the same box, to the last digit or so of a float."""
    dpi = figure.dpi
    width, height = figure.get_size_inches()
    figure.dpi = 72
    try:
        measuring = RendererSVG(width * 72, height * 72, io.StringIO(), image_dpi=72)
        box = figure.get_tightbbox(MixedModeRenderer(figure, width, height, 72, measuring))
    finally:
        figure.dpi = dpi
    buffer = io.StringIO()
    crop = box.padded(matplotlib.rcParams["savefig.pad_inches"])
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches=crop)
    return buffer.getvalue()


def value_label(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}%" if unit == "percent" else text

import subprocess
import sys
from pathlib import Path

from charts.data import ChartData
from charts.draw import draw_chart

CASES = ChartData(
    "case-findings",
    ("Did the service user abide by the sentence?", "Were contact levels appropriate?"),
    ("Yes", "No"),
    ((41.0, 6.0), (38.0, 9.0)),
)


def test_svg_is_byte_identical_from_run_to_run():
    assert draw_chart(CASES) == draw_chart(CASES)


def test_text_stays_text_so_pdf_readers_can_find_it():
    svg = draw_chart(CASES)
    assert "Did the service user abide" in svg
    assert ">41<" in svg and ">6<" in svg
    assert "Liberation Sans" in svg


def test_each_bar_kind_draws_its_labels_and_values():
    for kind in ("bar", "grouped-bar", "stacked-bar"):
        data = ChartData(
            kind,
            ("City of York", "North Yorkshire"),
            ("Rate", "Other"),
            ((25.1, 3.0), (21.6, 4.0)),
            "percent",
        )
        svg = draw_chart(data)
        assert "City of York" in svg
        assert "25.1%" in svg


def test_drawing_imports_matplotlib_without_set_docstrings_and_leaves_kwdoc_whole():
    """Writing the property table of every artist's `set()` docstring is a third of
    matplotlib's import; the charts skip it, and `kwdoc` works as before afterwards."""
    probe = (
        "import charts.style, matplotlib.artist, matplotlib.patches\n"
        "print('Properties:' in matplotlib.patches.Rectangle.set.__doc__)\n"
        "print(matplotlib.artist.kwdoc(matplotlib.patches.Rectangle).startswith('Properties:'))\n"
    )
    root = Path(__file__).resolve().parent.parent
    result = subprocess.run(
        [sys.executable, "-c", probe], cwd=root, capture_output=True, text=True, check=True
    )
    assert result.stdout.split() == ["False", "True"]

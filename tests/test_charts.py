import io
import re
import subprocess
import sys
from pathlib import Path

import pytest

import charts.bars as charts_bars
import charts.case_findings as charts_case_findings
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


def _tight_svg(figure) -> str:
    buffer = io.StringIO()
    figure.savefig(buffer, format="svg", metadata={"Date": None}, bbox_inches="tight")
    return buffer.getvalue()


def _size(svg: str) -> tuple[float, float]:
    found = re.search(r'<svg[^>]* width="([\d.]+)pt" height="([\d.]+)pt"', svg)
    assert found, svg[:300]
    return float(found[1]), float(found[2])


def test_each_chart_is_cropped_as_matplotlibs_tight_crop_would(monkeypatch):
    """The crop is measured without matplotlib's extra measuring pass: it must still hold
    every label, legend and wrapped question the tight crop holds, and nothing more."""
    long_question = "Was the sentence plan reviewed after every significant change in the case? " * 2
    charts = [
        CASES,
        ChartData(
            "case-findings",
            (long_question, "Short"),
            ("Yes", "Partly", "No"),
            ((3.0, 2.0, 1.0), (0.0, 5.0, 9.0)),
        ),
        ChartData(
            "bar",
            ("York", "North Yorkshire", "England and Wales"),
            ("Rate",),
            ((25.1,), (21.6,), (30.0,)),
            "percent",
        ),
        ChartData(
            "grouped-bar",
            ("A", "B"),
            ("2015", "2016", "2017"),
            ((1.0, 2.0, 3.0), (4.0, 5.0, 6.0)),
            "number",
            "People",
        ),
        ChartData(
            "stacked-bar",
            ("A", "B"),
            ("White", "Black", "Asian", "Other"),
            ((90.0, 2.0, 1.0, 7.0), (80.0, 5.0, 10.0, 5.0)),
            "percent",
        ),
    ]
    ours = [draw_chart(data) for data in charts]
    monkeypatch.setattr(charts_bars, "to_svg", _tight_svg)
    monkeypatch.setattr(charts_case_findings, "to_svg", _tight_svg)
    theirs = [draw_chart(data) for data in charts]
    for mine, tight in zip(ours, theirs, strict=True):
        assert _size(mine) == pytest.approx(_size(tight), abs=0.01)


def test_a_layout_process_reads_the_drawing_job_without_loading_the_build_or_matplotlib():
    """The charts are a job of the layout pool: reading it must not cost the process the
    findings' models or matplotlib, which only the process forked to draw loads."""
    from multiprocessing.reduction import ForkingPickler

    from charts import draw_all
    from inspection_report.forked_call import call_in_fork

    job = bytes(ForkingPickler.dumps((call_in_fork, (draw_all, {"cases": CASES}))))
    read = (
        "import pickle, sys; pickle.loads(sys.stdin.buffer.read());"
        "print(' '.join(sorted({m.split('.')[0] for m in sys.modules})))"
    )
    loaded = subprocess.run([sys.executable, "-c", read], input=job, capture_output=True, check=True)
    roots = set(loaded.stdout.decode().split())
    assert {"charts", "inspection_report"} <= roots
    assert not roots & {"matplotlib", "pydantic", "jinja2", "yaml", "markdown_it", "numpy"}

"""Leader dots are laid out as one text box per line, drawn where WeasyPrint's copies were."""

from __future__ import annotations

import re
import subprocess
from contextlib import nullcontext
from pathlib import Path

import pytest

from inspection_report.leader_runs import leader_runs
from inspection_report.pdf_engine import load_engine

_TITLES = ["Foreword", "A much longer chapter title that takes most of the line", "Glossary", "Key facts"]


def _contents(style: str = "") -> str:
    items = "".join(f'<li><a href="#p{i}">{title}</a></li>' for i, title in enumerate(_TITLES))
    parts = "".join(f'<h2 id="p{i}">{title}</h2>' for i, title in enumerate(_TITLES))
    return (
        '<html lang="en"><head><title>Contents</title><style>@page { size: A5; }'
        " body { font-family: sans-serif; } a::after { content: leader('. ') '7'; }"
        " h2 { break-before: page; }"
        f" {style}</style></head><body><ol>{items}</ol>{parts}</body></html>"
    )


def _leaders(html: str, joined: bool, pdf: Path | None = None) -> list[tuple]:
    """Each leader's text boxes, as (text, x, width), from a layout with or without runs."""
    load_engine()
    from weasyprint import HTML

    with leader_runs() if joined else nullcontext():
        document = HTML(string=html).render()
    if pdf is not None:
        document.write_pdf(pdf)
    found = []
    for page in document.pages:
        for box in page._page_box.descendants():
            if getattr(box, "is_leader", False):
                found.append(tuple((child.text, child.position_x, child.width) for child in box.children))
    return found


def test_each_line_s_copies_become_one_box_that_spans_them():
    copies, runs = _leaders(_contents(), False), _leaders(_contents(), True)
    assert len(copies) == len(runs) == len(_TITLES)
    for line_copies, (run,) in zip(copies, runs, strict=True):
        assert len(line_copies) > 1
        leftmost = min(x for _, x, _ in line_copies)
        right = max(x + width for _, x, width in line_copies)
        assert run[0] == ". " * len(line_copies)
        assert run[1] == pytest.approx(leftmost, abs=1e-6)
        assert run[1] + run[2] == pytest.approx(right, abs=1e-3)


def test_a_pattern_whose_end_kerns_against_its_start_keeps_the_copies():
    # "VA" is kerned in the common sans fonts: "AVAV" is narrower than two copies of "AV".
    kerned = _contents("a::after { content: leader('AV') '1'; }")
    assert [len(line) for line in _leaders(kerned, True)] == [len(line) for line in _leaders(kerned, False)]
    assert all(len(line) > 1 for line in _leaders(kerned, True))


def test_letter_spacing_is_kept_in_the_run():
    spaced = _contents("a::after { letter-spacing: 1.5px; }")
    for line_copies, (run,) in zip(_leaders(spaced, False), _leaders(spaced, True), strict=True):
        assert run[0] == ". " * len(line_copies)
        assert run[2] == pytest.approx(sum(width for _, _, width in line_copies), abs=1e-3)


def _dots(pdf: Path) -> list[list[float]]:
    """The left edge of every leader dot on the page, line by line, in points."""
    bbox = subprocess.run(["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True)
    lines: dict[float, list[float]] = {}
    for x, y in re.findall(r'<word xMin="([\d.]+)" yMin="([\d.]+)"[^>]*>\.</word>', bbox.stdout):
        lines.setdefault(round(float(y)), []).append(float(x))
    return [sorted(xs) for _, xs in sorted(lines.items())]


def test_the_dots_are_drawn_within_a_quarter_point_of_the_copies(tmp_path: Path):
    _leaders(_contents(), False, tmp_path / "copies.pdf")
    _leaders(_contents(), True, tmp_path / "runs.pdf")
    copies, runs = _dots(tmp_path / "copies.pdf"), _dots(tmp_path / "runs.pdf")
    assert [len(line) for line in copies] == [len(line) for line in runs]
    assert sum(len(line) for line in runs) > 4 * len(_TITLES)
    for line_copies, line_runs in zip(copies, runs, strict=True):
        assert max(abs(a - b) for a, b in zip(line_copies, line_runs, strict=True)) < 0.25


def test_typesetting_draws_each_line_s_dots_as_one_text_object(tmp_path: Path):
    import pikepdf

    from inspection_report.pdf_layout import typeset

    (tmp_path / "contents.html").write_text(_contents(), encoding="utf-8")
    pdf = tmp_path / "contents.pdf"
    typeset(_contents(), str(tmp_path / "contents.html"), str(pdf), [str(tmp_path)], True)
    with pikepdf.open(pdf) as document:
        operators = [str(op) for _, op in pikepdf.parse_content_stream(document.pages[0])]
    # A text object per list marker, title line, leader and page number; not one per dot.
    assert sum(len(line) for line in _dots(pdf)) > 10 * len(_TITLES)
    assert operators.count("BT") <= 5 * len(_TITLES)

"""The PDF read back as assistive technology and auditors read it: tags, language, title, alt
text, header cells, outline, links, and the draft watermark only where it belongs."""

from __future__ import annotations

import runpy
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, BuiltReport, replace_in
from mini_report import write_mini_report
from PIL import Image
from pypdf import PdfReader

from inspection_report.pipeline import build_report


def _structure(reader: PdfReader) -> list:
    root = reader.trailer["/Root"]["/StructTreeRoot"].get_object()
    found = []

    def walk(node) -> None:
        node = node.get_object() if hasattr(node, "get_object") else node
        if isinstance(node, list):
            for child in node:
                walk(child)
        elif isinstance(node, dict) and "/S" in node:
            found.append(node)
            if "/K" in node:
                walk(node["/K"])

    walk(root["/K"])
    return found


@pytest.fixture(scope="module")
def reader(sample_build: BuiltReport) -> PdfReader:
    return PdfReader(sample_build.pdf)


def test_pdf_is_tagged_with_language_and_a_displayed_title(reader):
    catalog = reader.trailer["/Root"]
    assert "/StructTreeRoot" in catalog
    assert bool(catalog["/MarkInfo"]["/Marked"])
    assert str(catalog["/Lang"]) == "en-GB"
    assert bool(catalog["/ViewerPreferences"]["/DisplayDocTitle"])
    info = reader.metadata
    assert info.title == "Quality & Impact inspection: York & North Yorkshire"
    assert info.author == "HM Inspectorate of Probation"
    assert "York & North Yorkshire" in info.subject
    assert "probation" in reader.metadata["/Keywords"]


def test_every_figure_has_alt_text_from_its_data(reader):
    figures = [e for e in _structure(reader) if e["/S"] == "/Figure"]
    assert len(figures) >= 8
    assert all("/Alt" in f and len(str(f["/Alt"])) > 20 for f in figures)
    assert any(
        "Did the service user abide by the sentence? Yes in 41 of 47 cases" in str(f["/Alt"]) for f in figures
    )


def test_tables_have_header_cells(reader):
    kinds = [str(e["/S"]) for e in _structure(reader)]
    assert kinds.count("/Table") >= 9
    assert kinds.count("/TH") >= 18


def test_outline_lists_every_chapter_and_appendix_in_order(reader, sample_build):
    titles = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                titles.append(item.title)

    walk(reader.outline)
    headings = [h.get_text(" ").strip() for h in sample_build.soup.select("h2.part-title")]
    headings = [" ".join(h.split()) for h in headings]
    assert [t for t in titles if t in headings] == headings


def test_contents_cross_references_and_footnote_calls_are_working_links(reader):
    destinations = 0
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            annotation = annotation.get_object()
            if annotation.get("/Subtype") == "/Link" and ("/Dest" in annotation or "/A" in annotation):
                destinations += 1
    assert destinations >= 40


def test_footnote_calls_link_to_their_notes(reader):
    targets = set()
    for page in reader.pages:
        for annotation in page.get("/Annots") or []:
            destination = annotation.get_object().get("/Dest")
            if destination is not None and str(destination).startswith("fnp-"):
                targets.add(str(destination))
    assert targets == {f"fnp-{n}" for n in range(1, 13)}


def _pink_pixels(pdf: Path, page: int, tmp_path: Path) -> int:
    stem = tmp_path / f"page-{page}"
    subprocess.run(
        ["pdftoppm", "-r", "20", "-png", "-f", str(page), "-l", str(page), str(pdf), str(stem)], check=True
    )
    image = Image.open(next(tmp_path.glob(f"page-{page}*.png"))).convert("RGB")
    data = image.tobytes()
    pixels = zip(data[0::3], data[1::3], data[2::3], strict=True)
    return sum(1 for r, g, b in pixels if r >= 235 and 195 <= g <= 240 and abs(g - b) <= 12 and r - g >= 8)


def test_every_page_of_a_draft_carries_the_watermark(sample_build, tmp_path):
    pages = len(PdfReader(sample_build.pdf).pages)
    for page in (2, 3, pages // 2, pages):
        assert _pink_pixels(sample_build.pdf, page, tmp_path) > 50, page
    assert all("OFFICIAL-SENSITIVE: not for publication" in text for text in sample_build.pages)


def test_the_shipped_watermark_is_the_one_its_script_draws():
    """The mark is kept in templates/ so builds need not draw it; it must not drift from the
    script that makes it (after a change of word, colour or font, run the script)."""
    script = runpy.run_path(str(ROOT / "scripts" / "draw_watermark.py"))
    assert script["TARGET"].read_text(encoding="utf-8") == script["draft_watermark_svg"]()


def test_a_final_report_has_neither_watermark_nor_marking(tmp_path):
    folder = write_mini_report(tmp_path / "findings")
    replace_in(folder / "report.yaml", "status: draft", "status: final")
    result = build_report(folder, tmp_path / "output", tmp_path)
    pdf = result.destination / "report.pdf"
    for page in range(1, len(PdfReader(pdf).pages) + 1):
        assert _pink_pixels(pdf, page, tmp_path) < 5, page
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    assert "OFFICIAL-SENSITIVE" not in text and "DRAFT" not in text
    assert "OFFICIAL-SENSITIVE" not in (result.destination / "report.html").read_text()


def test_an_accessibility_error_fails_the_build_and_keeps_the_last_output(tmp_path, monkeypatch):
    from inspection_report import render
    from inspection_report.errors import PublishError

    folder = write_mini_report(tmp_path / "findings")
    output = tmp_path / "output"
    build_report(folder, output, tmp_path)
    before = (output / "mini" / "report.pdf").read_bytes()
    (folder / "parts/01-foreword.md").write_text((folder / "parts/01-foreword.md").read_text() + "\nMore.\n")
    original = render.render_report
    monkeypatch.setattr(
        "inspection_report.render.render_report",
        lambda *args, **kwargs: original(*args, **kwargs).replace('<html lang="en-GB">', "<html>"),
    )
    with pytest.raises(PublishError, match="lang"):
        build_report(folder, output, tmp_path)
    assert (output / "mini" / "report.pdf").read_bytes() == before

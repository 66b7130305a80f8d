from pathlib import Path

import pytest

from inspection_report.publish import publish


def _fake_pdf(html: Path, pdf: Path, allowed: list[Path]) -> None:
    pdf.write_bytes(b"%PDF-fake " + html.read_bytes()[:10])


def _broken_pdf(html: Path, pdf: Path, allowed: list[Path]) -> None:
    pdf.write_bytes(b"%PDF-half")
    raise RuntimeError("renderer crashed")


def test_outputs_appear_together(tmp_path: Path):
    files = publish(tmp_path / "report-a", "<html>new</html>", {"c1": "<svg/>"}, _fake_pdf)
    assert [str(f) for f in files] == ["charts/c1.svg", "report.css", "report.html", "report.pdf"]


def test_failed_build_keeps_previous_output_and_leaves_no_partial_files(tmp_path: Path):
    destination = tmp_path / "report-a"
    publish(destination, "<html>old</html>", {}, _fake_pdf)
    with pytest.raises(RuntimeError):
        publish(destination, "<html>new</html>", {}, _broken_pdf)
    assert (destination / "report.html").read_text() == "<html>old</html>"
    assert (destination / "report.pdf").read_bytes().startswith(b"%PDF-fake")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-a"]

from pathlib import Path

import pytest

from inspection_report.manifest import is_up_to_date, read_manifest
from inspection_report.publish import publish


class FixedCharts:
    def __init__(self, svgs: dict[str, str]) -> None:
        self.svgs = svgs
        self.ids = sorted(svgs)

    def svg(self, exhibit_id: str) -> str:
        return self.svgs[exhibit_id]

    def all(self) -> dict[str, str]:
        return dict(self.svgs)


def _fake_pdf(html: Path, pdf: Path, allowed: list[Path], provide) -> None:
    provide(html.parent / "charts" / "c1.svg")
    pdf.write_bytes(b"%PDF-fake " + (html.parent / "charts" / "c1.svg").read_bytes())


def _broken_pdf(html: Path, pdf: Path, allowed: list[Path], provide) -> None:
    pdf.write_bytes(b"%PDF-half")
    raise RuntimeError("renderer crashed")


def test_outputs_appear_together_with_a_manifest_of_their_hashes(tmp_path: Path):
    files = publish(
        tmp_path / "report-a",
        "<html>new</html>",
        FixedCharts({"c1": "<svg/>"}),
        _fake_pdf,
        manifest={"inputs": "abc", "report": "report-a"},
    )
    assert [str(f) for f in files] == [
        "charts/c1.svg",
        "manifest.json",
        "report.css",
        "report.html",
        "report.pdf",
    ]
    manifest = read_manifest(tmp_path / "report-a")
    assert manifest["inputs"] == "abc"
    assert set(manifest["files"]) == {"charts/c1.svg", "report.css", "report.html", "report.pdf"}
    assert is_up_to_date(tmp_path / "report-a", "abc", manifest)
    assert not is_up_to_date(tmp_path / "report-a", "abd", manifest)


def test_a_damaged_output_is_not_up_to_date(tmp_path: Path):
    publish(tmp_path / "r", "<html/>", FixedCharts({"c1": "<svg/>"}), _fake_pdf, manifest={"inputs": "k"})
    (tmp_path / "r" / "report.html").write_text("edited by hand")
    assert not is_up_to_date(tmp_path / "r", "k", read_manifest(tmp_path / "r"))


def test_html_only_publishes_no_pdf(tmp_path: Path):
    files = publish(tmp_path / "r", "<html/>", FixedCharts({"c1": "<svg/>"}), None)
    assert "report.pdf" not in [str(f) for f in files]
    assert "charts/c1.svg" in [str(f) for f in files]


def test_failed_build_keeps_previous_output_and_leaves_no_partial_files(tmp_path: Path):
    destination = tmp_path / "report-a"
    charts = FixedCharts({"c1": "<svg/>"})
    publish(destination, "<html>old</html>", charts, _fake_pdf)
    with pytest.raises(RuntimeError):
        publish(destination, "<html>new</html>", charts, _broken_pdf)
    assert (destination / "report.html").read_text() == "<html>old</html>"
    assert (destination / "report.pdf").read_bytes().startswith(b"%PDF-fake")
    assert sorted(p.name for p in tmp_path.iterdir()) == ["report-a"]

"""Shared fixtures: the sample report built once per session, copies of it to break, and the
mini report."""

from __future__ import annotations

import shutil
import subprocess
from dataclasses import dataclass
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from mini_report import write_mini_report

from inspection_report.pipeline import build_report

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ID = "york-north-yorkshire-2016"
SAMPLE = ROOT / "findings" / SAMPLE_ID
# The seed text sits in the shared folder beside the repository, as on CI.
SEED = ROOT / "tests" / "seed" / f"{SAMPLE_ID}.txt"


@dataclass(frozen=True)
class BuiltReport:
    folder: Path
    html: str
    pdf: Path
    pages: list[str]

    @property
    def soup(self) -> BeautifulSoup:
        return BeautifulSoup(self.html, "html.parser")


def pdf_pages(pdf: Path) -> list[str]:
    text = subprocess.run(
        ["pdftotext", "-enc", "UTF-8", str(pdf), "-"], check=True, capture_output=True, text=True
    ).stdout
    return text.split("\f")[:-1]


def pdf_body_text(pages: list[str], furniture: set[str], footnotes: list[str]) -> str:
    """The PDF's running text with headers and page numbers taken out.

    Each page's footnotes are moved to the first paragraph break after the page ends, so a
    sentence that crosses a page break reads straight on, as it does in the source.
    """
    from seed_text import normalise

    furniture = {" ".join(f.split()) for f in furniture}
    notes = [normalise(n)[:40] for n in footnotes]
    text, held = "", []
    for page in pages:
        paragraphs = [p for p in page.split("\n\n") if p.strip()]
        while paragraphs and " ".join(paragraphs[0].split()) in furniture:
            paragraphs.pop(0)
        page_notes = []
        while paragraphs and (
            paragraphs[-1].strip().isdigit()
            or " ".join(paragraphs[-1].split()) in furniture
            or any(normalise(paragraphs[-1]).lstrip("0123456789").startswith(n) for n in notes)
        ):
            last = paragraphs.pop()
            if not last.strip().isdigit() and " ".join(last.split()) not in furniture:
                page_notes.insert(0, last)
        if held and paragraphs:
            text += "\n" + paragraphs[0] + "\n\n" + "\n\n".join(held)
            paragraphs, held = paragraphs[1:], []
        text += "\n" + "\n\n".join(paragraphs)
        held += page_notes
    return text + "\n\n" + "\n\n".join(held)


@pytest.fixture(scope="session")
def sample_build(tmp_path_factory: pytest.TempPathFactory) -> BuiltReport:
    output = tmp_path_factory.mktemp("output")
    result = build_report(SAMPLE, output, ROOT)
    html = (result.destination / "report.html").read_text(encoding="utf-8")
    pdf = result.destination / "report.pdf"
    return BuiltReport(result.destination, html, pdf, pdf_pages(pdf))


@pytest.fixture
def sample_copy(tmp_path: Path) -> Path:
    """A private copy of the sample findings, laid out as in the repository."""
    destination = tmp_path / "findings" / SAMPLE_ID
    shutil.copytree(SAMPLE, destination)
    shutil.copyfile(SAMPLE.parent / "house-style.yaml", destination.parent / "house-style.yaml")
    return destination


def replace_in(path: Path, old: str, new: str, count: int = 1) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, count), encoding="utf-8")


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    """The mini report (`mini_report.py`), written afresh for the test."""
    return write_mini_report(tmp_path / "findings")

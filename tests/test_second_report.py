"""A second report, of the 2017 shape and fictional (tests/reports/), built as an editor
would: `check --strict` is clean; joint, three-way and article-less addressees read right; a
barriers-only and an enablers-only table print one column and the inspectorate's sentence;
no table has an empty column and no caption prints apart, read from the PDF; the PDF passes
the same structure checks as the sample; every chart and table has its CSV."""

from __future__ import annotations

import csv
import io
import shutil
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from conftest import ROOT
from pdf_structure import TaggedPdf

from inspection_report.cli import main
from inspection_report.load import load_findings

REPORT = ROOT / "tests" / "reports" / "newtown-westshire-2017"


@pytest.fixture(scope="module")
def built(tmp_path_factory: pytest.TempPathFactory) -> Path:
    findings = tmp_path_factory.mktemp("second") / "findings"
    shutil.copytree(REPORT, findings / REPORT.name)
    shutil.copyfile(ROOT / "findings" / "house-style.yaml", findings / "house-style.yaml")
    output = findings.parent / "output"
    assert main(["build", "--strict", "--findings", str(findings), "--output", str(output)]) == 0
    return output / REPORT.name


@pytest.fixture(scope="module")
def soup(built: Path) -> BeautifulSoup:
    return BeautifulSoup((built / "report.html").read_text(encoding="utf-8"), "html.parser")


def test_check_strict_is_clean(tmp_path, capsys):
    findings = tmp_path / "findings"
    shutil.copytree(REPORT, findings / REPORT.name)
    shutil.copyfile(ROOT / "findings" / "house-style.yaml", findings / "house-style.yaml")
    assert main(["check", "--strict", "--findings", str(findings)]) == 0
    assert "0 errors, 0 warnings" in capsys.readouterr().out


def test_it_says_it_is_fictional_on_its_cover_and_in_its_metadata(built: Path, soup):
    assert "it is not an inspection" in soup.select_one(".cover-fictional").get_text()
    with pikepdf.open(built / "report.pdf") as pdf:
        assert str(pdf.docinfo["/Keywords"]).startswith("fictional, not an inspection")
        assert str(pdf.docinfo["/Subject"]).startswith("A fictional report, not an inspection")


def test_addressees_read_right_in_any_combination(soup):
    assert [p.get_text() for p in soup.select(".recommendation-addressee")] == [
        "The Community Rehabilitation Company and the National Probation Service should:",
        "The Community Rehabilitation Company, the National Probation Service and the Ministry of "
        "Justice should:",
        "The Community Rehabilitation Company should:",
        "The National Probation Service should:",
        "HM Prison and Probation Service and the Ministry of Justice should:",
    ]


@pytest.mark.parametrize(
    ("table_id", "headings", "sentence"),
    [
        ("eb-protecting-nps", ["Barriers"], "There were no identified enablers to this work."),
        ("eb-protecting-together", ["Enablers"], "There were no identified barriers to this work."),
    ],
)
def test_a_one_sided_table_has_one_column_and_the_sentence_for_the_other(soup, table_id, headings, sentence):
    table = soup.select_one(f"table#{table_id}")
    assert [th.get_text() for th in table.select("thead th")] == headings
    assert table.find_previous_sibling("p").get_text() == sentence


def test_the_pdf_has_no_empty_column_no_caption_apart_and_passes_the_structure_checks(built: Path):
    tagged = TaggedPdf(built / "report.pdf")
    assert sum(1 for e in tagged.elements if e.role == "Table") >= 5
    assert tagged.empty_columns() == []
    assert tagged.captions_apart() == []
    assert {name: found for name, found in tagged.all_conditions().items() if found} == {}


def test_every_chart_and_table_has_its_csv_with_the_findings_numbers(built: Path, soup):
    findings = load_findings(REPORT, REPORT.parent)
    links = soup.select(".data-download a[download]")
    items = findings.items
    assert len(links) == len(items["exhibits"]) + len(items["enablers_barriers"])
    counts = items["counts"]
    for exhibit in items["exhibits"].values():
        rows = list(csv.reader(io.StringIO((built / f"data/{exhibit.id}.csv").read_text(encoding="utf-8"))))
        (question,) = exhibit.questions
        yes = sum(counts[c].value for c in question.counts)
        cases = sum(counts[counts[c].of].value for c in question.counts)
        assert rows[1][:4] == [question.text, str(yes), str(cases - yes), str(cases)]

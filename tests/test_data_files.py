"""Every chart and table in the HTML edition offers its data as a CSV file, generated from the
findings, listed in the manifest, and read back here against the findings themselves."""

from __future__ import annotations

import csv
import io

from conftest import SAMPLE, BuiltReport

from inspection_report.load import load_findings
from inspection_report.manifest import read_manifest


def _findings():
    return load_findings(SAMPLE, SAMPLE.parent.parent)


def _read(report: BuiltReport, href: str) -> list[list[str]]:
    data = (report.folder / href).read_bytes()
    assert (
        not data.startswith(b"\xef\xbb\xbf") and b"\r\n" in data and b"\n" not in data.replace(b"\r\n", b"")
    )
    return list(csv.reader(io.StringIO(data.decode("utf-8"), newline="")))


def _links(report: BuiltReport) -> dict[str, str]:
    """Item id -> the CSV its download link points at."""
    found = {}
    for link in report.soup.select(".data-download a[download]"):
        holder = link.find_parent(class_="exhibit") or link.find_parent("p").find_previous_sibling("table")
        found[holder["id"]] = link["href"]
    return found


def test_every_chart_and_table_links_to_its_csv_which_the_manifest_lists(sample_build: BuiltReport):
    links = _links(sample_build)
    exhibits = {e["id"] for e in sample_build.soup.select(".exhibit")}
    tables = {t["id"] for t in sample_build.soup.select("table.enablers-barriers")}
    assert set(links) == exhibits | tables and len(links) >= 15
    listed = read_manifest(sample_build.folder)["files"]
    for href in links.values():
        assert href in listed and (sample_build.folder / href).is_file()


def test_chart_and_table_csvs_hold_the_findings_values(sample_build: BuiltReport):
    findings = _findings()
    links = _links(sample_build)
    for exhibit in findings.items["exhibits"].values():
        rows = _read(sample_build, links[exhibit.id])
        if exhibit.chart == "case-findings":
            assert rows[0] == ["Question", "Yes", "No", "Cases", "Illustrative"]
            counts = findings.items["counts"]
            for question, row in zip(exhibit.questions, rows[1:], strict=True):
                yes = sum(counts[c].value for c in question.counts)
                cases = sum(counts[counts[c].of].value for c in question.counts)
                assert row[:4] == [question.text, str(yes), str(cases - yes), str(cases)]
            continue
        assert rows[0][0] == "Area" and rows[0][-1] == "Illustrative"
        assert len(rows) == len(exhibit.rows) + 1
        for data_row, row in zip(exhibit.rows, rows[1:], strict=True):
            assert row[0] == data_row.name
            assert [float(v) for v in row[1:-1]] == [float(v) for v in data_row.values]
            assert row[-1] == ("yes" if data_row.illustrative else "no")


def test_a_percentage_column_says_so_and_holds_plain_numbers(sample_build: BuiltReport):
    findings = _findings()
    percent = next(e for e in findings.items["exhibits"].values() if e.unit == "percent")
    rows = _read(sample_build, _links(sample_build)[percent.id])
    assert all(heading.endswith(" (%)") for heading in rows[0][1:-1])
    assert not any("%" in value or "," in value for row in rows[1:] for value in row[1:-1])


def test_an_enablers_and_barriers_csv_lists_each_entry_with_its_number(sample_build: BuiltReport):
    table = _findings().items["enablers_barriers"]["eb-abiding-nps"]
    rows = _read(sample_build, _links(sample_build)["eb-abiding-nps"])
    assert rows[0] == ["Kind", "Number", "Text"]
    assert [row[:2] for row in rows[1:]] == [["Enabler", str(n)] for n in range(1, len(table.enablers) + 1)]
    assert rows[1][2] == " ".join(table.enablers[0].split())


def test_download_links_are_for_the_screen_not_the_printed_report(sample_build: BuiltReport):
    assert "Download the data" not in " ".join(sample_build.pages)

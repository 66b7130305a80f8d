"""Each block kind renders as semantic HTML; a changed count changes sentence and chart."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

from bs4 import BeautifulSoup
from conftest import ROOT, replace_in

from inspection_report.chart_source import ChartSource
from inspection_report.exhibits import chart_data
from inspection_report.render import render_report
from inspection_report.validate import validated


def _render(folder: Path) -> tuple[BeautifulSoup, dict[str, str]]:
    derived, _ = validated(folder, folder.parent.parent)
    charts = ChartSource(derived, None, in_background=False).all()
    html = render_report(derived, {k: f"charts/{k}.svg" for k in charts}, "report.css")
    return BeautifulSoup(html, "html.parser"), charts


def test_headings_descend_without_skipping_a_level(sample_build):
    levels = [int(h.name[1]) for h in sample_build.soup.find_all(["h1", "h2", "h3", "h4", "h5", "h6"])]
    assert levels[0] == 1
    assert all(b - a <= 1 for a, b in pairwise(levels))


def test_document_has_language_title_and_landmarks(sample_build):
    soup = sample_build.soup
    assert soup.html["lang"] == "en-GB"
    assert soup.title.get_text() == "Quality & Impact inspection: York & North Yorkshire"
    assert soup.select_one("main#main") and soup.select_one("nav.contents")
    assert soup.select_one("a.skip-link")["href"] == "#main"


def test_enablers_and_barriers_are_two_column_tables_with_numbered_rows(sample_build):
    table = sample_build.soup.select_one("table#eb-reoffending-crc")
    assert table.caption.get_text() == "Enablers and barriers: 5.1 Effectiveness of the CRC"
    assert [th.get_text() for th in table.select("thead th")] == ["Enablers", "Barriers"]
    first_row = table.select("tbody tr")[0]
    assert first_row.select_one("td.enabler").get_text().startswith("1. Accurate assessments")
    assert first_row.select_one("td.barrier").get_text().startswith("1. The lack of consistent")


def test_an_enablers_only_table_has_one_column_and_says_there_were_no_barriers(sample_build):
    table = sample_build.soup.select_one("table#eb-abiding-nps")
    assert [th.get_text() for th in table.select("thead th")] == ["Enablers"]
    assert table.caption.get_text().startswith("Enablers: 7.2")
    assert table.find_previous_sibling("p").get_text() == "There were no identified barriers to this work."


def test_practice_examples_are_labelled_boxes(sample_build):
    good = sample_build.soup.select_one("#john.practice-example.practice-good")
    assert good.p.get_text().startswith("Good practice example: John had been convicted")
    poor = sample_build.soup.select_one("#david.practice-poor")
    assert poor.strong.get_text() == "Poor practice example:"


def test_quotes_are_blockquotes_with_the_speaker_in_a_caption(sample_build):
    quote = sample_build.soup.select_one("figure#crc-workload-manic")
    assert quote.blockquote.get_text().strip() == "“The workload is manic”"
    assert quote.figcaption.get_text() == "CRC responsible officer"


def test_data_tables_have_captions_and_scoped_headers(sample_build):
    table = sample_build.soup.select_one("#population table")
    assert table.caption.get_text().startswith("Table 4.1")
    assert [th["scope"] for th in table.select("thead th")] == ["col", "col"]
    assert table.select_one("tbody th")["scope"] == "row"
    assert "204,439" in table.get_text()


def test_key_facts_show_values_as_printed_with_their_source_notes(sample_build):
    facts = sample_build.soup.select(".key-fact")
    values = [f.dt.get_text() for f in facts]
    assert values[:2] == ["251,170", "5,248"]
    assert "5 (of 21)" in values and "Just under 10%" in values and "-30%" in values
    assert facts[0].select_one("a.footnote-ref sup").get_text() == "1"


def test_footnotes_link_both_ways(sample_build):
    soup = sample_build.soup
    call = soup.select_one("a#fnref-7")
    note = soup.select_one(call["href"])
    assert note.name == "li" and "National Audit Office" in note.get_text()
    assert note.select_one("a.footnote-back")["href"] == "#fnref-7"


def test_cross_references_link_to_their_target(sample_build):
    links = {a["href"] for a in sample_build.soup.select("a.xref")}
    assert {"#protecting-together", "#reoffending-rates", "#background-data"} <= links
    assert sample_build.soup.select_one("a.xref[href='#protecting-together']").get_text() == "6.3"


def test_a_changed_count_changes_the_sentence_and_the_chart(sample_copy: Path):
    items = sample_copy / "parts/09-abiding-by-the-sentence/items.yaml"
    replace_in(items, "id: crc-abided\n    value: 27", "id: crc-abided\n    value: 24")
    soup, charts = _render(sample_copy)
    text = " ".join(soup.get_text(" ").split())
    assert "in 24 of the 31 cases, the service user had abided by the sentence" in text
    assert ">38<" in charts["chart-abiding"] and ">41<" not in charts["chart-abiding"]
    assert "Yes in 38 of 47 cases" in soup.select_one("figure#chart-abiding img")["alt"]


def test_a_changed_sample_size_changes_words_and_digits_everywhere(sample_copy: Path):
    replace_in(sample_copy / "cases.yaml", "value: 31", "value: 30")
    protecting = sample_copy / "parts/08-protecting-the-public/items.yaml"
    replace_in(protecting, "id: crc-risk-low\n    value: 14", "id: crc-risk-low\n    value: 13")
    replace_in(protecting, "id: crc-risk-correct\n    value: 26", "id: crc-risk-correct\n    value: 25")
    replace_in(sample_copy / "cases.yaml", "value: 47", "value: 46")
    soup, _ = _render(sample_copy)
    text = " ".join(soup.get_text(" ").split())
    assert "Nine of the thirty service users" in text
    assert "the sample consisted of 46 cases, 30 of which were CRC cases" in text


def test_chart_data_sums_crc_and_nps_counts_against_their_bases(sample_copy: Path):
    derived, _ = validated(sample_copy, ROOT)
    exhibit = derived.findings.items["exhibits"]["chart-protecting-assessment"]
    data = chart_data(derived, exhibit)
    assert data.values[0] == (42.0, 5.0)
    assert data.values[1] == (4.0, 9.0)

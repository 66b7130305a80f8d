"""The report's fixed wording comes from the findings: addressee lines with each name's own
article, in any number; enablers and barriers tables with either side empty, printing the
inspectorate's sentence for it; headings and captions a report may reword."""

from __future__ import annotations

from pathlib import Path

from bs4 import BeautifulSoup
from conftest import replace_in
from corpus import line_of

from inspection_report.chart_source import ChartSource
from inspection_report.cli import main
from inspection_report.render import render_report
from inspection_report.validate import validated

ITEMS = "parts/02-findings/items.yaml"
RECOMMENDATIONS = "parts/03-recommendations/recommendations.yaml"
CRC_PROSE = "parts/02-findings/1-crc.md"


def _soup(folder: Path) -> BeautifulSoup:
    derived, _ = validated(folder, folder.parent.parent)
    charts = ChartSource(derived, None, in_background=False).all()
    return BeautifulSoup(render_report(derived, {k: f"{k}.svg" for k in charts}, "report.css"), "html.parser")


def _addressee_lines(folder: Path) -> list[str]:
    return [p.get_text() for p in _soup(folder).select(".recommendation-addressee")]


def _check(folder: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--findings", str(folder.parent)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


def test_each_addressee_takes_its_own_article(mini):
    replace_in(mini / RECOMMENDATIONS, "addressees: [crc]", "addressees: [crc, nps]")
    assert _addressee_lines(mini)[0] == (
        "The Community Rehabilitation Company and the National Probation Service should:"
    )


def test_three_addressees_read_as_a_list_and_a_name_may_take_no_article(mini):
    replace_in(
        mini / "report.yaml",
        "  - {id: nps, short: NPS, name: National Probation Service}",
        "  - {id: nps, short: NPS, name: National Probation Service}\n"
        "  - {id: hmpps, short: HMPPS, name: HM Prison and Probation Service, article: ''}\n"
        "  - {id: moj, short: MoJ, name: Ministry of Justice}",
    )
    replace_in(mini / RECOMMENDATIONS, "addressees: [crc]", "addressees: [crc, nps, moj]")
    replace_in(mini / RECOMMENDATIONS, "addressees: [nps]", "addressees: [hmpps, moj]")
    assert _addressee_lines(mini) == [
        "The Community Rehabilitation Company, the National Probation Service and the Ministry of "
        "Justice should:",
        "HM Prison and Probation Service and the Ministry of Justice should:",
    ]


def test_the_addressee_line_is_worded_by_the_report(mini):
    replace_in(
        mini / "report.yaml",
        "  plain_abbreviations: [HM]",
        "  plain_abbreviations: [HM]\n  wording: {addressees: 'We recommend that {names} should:'}",
    )
    assert _addressee_lines(mini)[0] == "We recommend that the Community Rehabilitation Company should:"


def test_an_unknown_placeholder_in_the_wording_is_an_error_at_its_line(mini, capsys):
    replace_in(
        mini / "report.yaml",
        "  plain_abbreviations: [HM]",
        "  plain_abbreviations: [HM]\n  wording: {addressees: '{name} should:'}",
    )
    code, out = _check(mini, capsys)
    assert code == 1
    line = line_of(mini / "report.yaml", "wording:")
    assert f"report.yaml:{line}:" in out
    assert "unknown placeholder {name}" in out and "this wording may use {names}" in out


def test_a_table_with_barriers_only_has_one_column_and_says_there_were_no_enablers(mini):
    replace_in(mini / ITEMS, "enablers: [Staff knew their cases., Managers supported staff.]", "enablers: []")
    soup = _soup(mini)
    table = soup.select_one("table#eb-crc")
    assert [th.get_text() for th in table.select("thead th")] == ["Barriers"]
    assert table.caption.get_text() == "Barriers: 1.1 Effectiveness of the CRC"
    assert not table.select("td.enabler")
    gap = table.find_previous_sibling("p")
    assert gap.get_text() == "There were no identified enablers to this work."


def test_a_table_with_enablers_only_says_there_were_no_barriers(mini):
    replace_in(mini / ITEMS, "barriers: [Travel was hard.]", "barriers: []")
    soup = _soup(mini)
    table = soup.select_one("table#eb-crc")
    assert [th.get_text() for th in table.select("thead th")] == ["Enablers"]
    assert table.find_previous_sibling("p").get_text() == "There were no identified barriers to this work."


def test_a_table_with_neither_side_is_a_warning_and_prints_both_sentences(mini, capsys):
    replace_in(mini / ITEMS, "enablers: [Staff knew their cases., Managers supported staff.]", "enablers: []")
    replace_in(mini / ITEMS, "barriers: [Travel was hard.]", "barriers: []")
    soup = _soup(mini)
    assert soup.select_one("table#eb-crc") is None
    gaps = [p.get_text() for p in soup.select("p.enablers-barriers-gap")]
    assert gaps == [
        "There were no identified enablers to this work.",
        "There were no identified barriers to this work.",
    ]
    assert soup.select_one("#eb-crc") is not None
    code, out = _check(mini, capsys)
    assert code == 0
    line = line_of(mini / ITEMS, "id: eb-crc")
    assert (
        f"items.yaml:{line}:" in out and "warning: enablers and barriers table 'eb-crc' lists neither" in out
    )


def test_the_sentence_typed_in_prose_as_well_is_an_error_there(mini, capsys):
    replace_in(mini / ITEMS, "barriers: [Travel was hard.]", "barriers: []")
    replace_in(
        mini / CRC_PROSE,
        "Staff were well trained.",
        "Staff were well trained. There were no identified barriers to this work.",
    )
    code, out = _check(mini, capsys)
    assert code == 1
    line = line_of(mini / CRC_PROSE, "There were no identified barriers")
    assert f"1-crc.md:{line}:" in out
    assert "is printed by the template with table 'eb-crc', which has none; remove it here" in out


def test_headings_captions_and_sentences_are_reworded_by_the_report(mini):
    replace_in(
        mini / "report.yaml",
        "  plain_abbreviations: [HM]",
        "  plain_abbreviations: [HM]\n"
        "  wording:\n"
        "    enablers: What helped\n"
        "    enabler: Helped\n"
        "    barriers: What got in the way\n"
        "    enablers_and_barriers: What helped and what got in the way\n"
        "    table_caption: '{section}: {what}'\n"
        "    no_enablers: Nothing helped this work.\n",
    )
    soup = _soup(mini)
    table = soup.select_one("table#eb-crc")
    assert table.caption.get_text() == "1.1 Effectiveness of the CRC: What helped and what got in the way"
    assert [th.get_text() for th in table.select("thead th")] == ["What helped", "What got in the way"]
    assert table.select_one("td.enabler")["data-label"] == "Helped"
    replace_in(mini / ITEMS, "enablers: [Staff knew their cases., Managers supported staff.]", "enablers: []")
    soup = _soup(mini)
    assert (
        soup.select_one("table#eb-crc").caption.get_text()
        == "1.1 Effectiveness of the CRC: What got in the way"
    )
    assert soup.select_one("p.enablers-barriers-gap").get_text() == "Nothing helped this work."

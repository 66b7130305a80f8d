"""The sample report built end to end and read back: PDF by its text, HTML by its structure."""

from __future__ import annotations

import re

import pytest
from conftest import SEED, BuiltReport, pdf_body_text
from pypdf import PdfReader
from seed_text import matched_in_order, normalise, seed_sentences

REPORT_TITLE = "Quality & Impact inspection: York & North Yorkshire"
MARKING = "OFFICIAL-SENSITIVE: not for publication"

# One sentence from every chapter and appendix, as the seed prints it.
SAMPLE_SENTENCES = {
    "foreword": "We found much to be commended and, indeed, it is a pleasure to present this report.",
    "key facts": "The number of offenders supervised by the North East division of the NPS",
    "overall judgements": "Overall, the findings from this inspection were positive.",
    "executive summary": "Staff paid appropriate attention to child safeguarding.",
    "recommendations": "provide the CRC with accurate Case Allocation System forms.",
    "local context": "In February 2015, the CRCs were sold to private companies.",
    "chapter 5": "The workload is manic",
    "chapter 5 table": "Management oversight and supervision arrangements failed to assist responsible "
    "officers to improve the quality of their practice.",
    "chapter 6": "We judged that the risk of harm level had been classified correctly in 26 of the 31 cases",
    "chapter 7": "in 27 of the 31 cases, the service user had abided by the sentence.",
    "appendix 1": "The working model for this inspection is: quality (of work) + impact (positive "
    "change achieved) = effectiveness.",
    "appendix 2": "The population of York & North Yorkshire was estimated at 805,975 in 2014.",
    "appendix 3": "In York & North Yorkshire, the sample consisted of 47 cases, 31 of which were CRC "
    "cases and 16 of which were NPS cases.",
    "appendix 4": "These charts show absolute numbers rather than percentages.",
    "appendix 5": "Local Delivery Unit",
    "appendix 6": "Yvonne McGuckian, Inspector",
    "appendix 7": "The Inspectorate is a public body.",
}


def _html_text(report: BuiltReport) -> str:
    soup = report.soup
    for hidden in soup.select(".footnote-print, .visually-hidden"):
        hidden.decompose()
    return soup.get_text(" ")


def _pdf_text(report: BuiltReport) -> str:
    soup = report.soup
    furniture = {REPORT_TITLE, MARKING} | {h.get_text(" ").strip() for h in soup.select("h2.part-title")}
    notes = [li.get_text(" ") for li in soup.select(".footnotes li")]
    return pdf_body_text(report.pages, furniture, notes)


@pytest.mark.parametrize("edition", ["pdf", "html"])
def test_edition_carries_97_percent_of_the_seed_sentences_in_order(sample_build, edition):
    text = _pdf_text(sample_build) if edition == "pdf" else _html_text(sample_build)
    found, in_order, missing = matched_in_order(seed_sentences(SEED), text)
    assert found >= 0.97, missing[:20]
    assert in_order >= 0.97


@pytest.mark.parametrize("where", sorted(SAMPLE_SENTENCES))
def test_every_chapter_and_appendix_reaches_both_editions(sample_build, where):
    sentence = normalise(SAMPLE_SENTENCES[where])
    assert sentence in normalise(_html_text(sample_build))
    assert sentence in normalise(_pdf_text(sample_build))


def test_pdf_is_40_to_90_a4_pages(sample_build):
    reader = PdfReader(sample_build.pdf)
    assert 40 <= len(reader.pages) <= 90
    width, height = (float(v) for v in reader.pages[5].mediabox.upper_right)
    assert (round(width), round(height)) == (595, 842)


def _outline(reader: PdfReader) -> list[tuple[str, int]]:
    entries: list[tuple[str, int]] = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                entries.append((item.title, reader.get_destination_page_number(item) + 1))

    walk(reader.outline)
    return entries


def test_bookmarks_cover_every_chapter_section_and_appendix(sample_build):
    titles = [title for title, _ in _outline(PdfReader(sample_build.pdf))]
    for expected in (
        "Foreword",
        "Key facts",
        "1. Overall judgements",
        "5. Reducing reoffending",
        "6.3 The CRC and NPS working together to promote effectiveness",
        "Appendix 2: Background data",
        "Appendix 7: Role of the Inspectorate and code of practice",
    ):
        assert expected in titles


def test_contents_page_numbers_are_where_the_headings_landed(sample_build):
    outline = dict(_outline(PdfReader(sample_build.pdf)))
    contents = sample_build.pages[1]
    checked = 0
    bare_titles = [re.sub(r"^(Appendix \d+: |\d+\.\s)", "", title) for title in outline]
    for (title, page), bare in zip(outline.items(), bare_titles, strict=True):
        if bare_titles.count(bare) > 1:
            continue
        match = re.search(re.escape(bare) + r"[ .]*?(\d+)\s*$", contents, re.MULTILINE)
        if match:
            assert int(match.group(1)) == page, title
            assert normalise(bare) in normalise(sample_build.pages[page - 1])
            checked += 1
    assert checked >= 25


def test_every_footnote_lands_on_the_page_of_its_call(sample_build):
    soup = sample_build.soup
    calls = soup.select("a.footnote-ref.first-call")
    assert len(calls) == 12
    for call in calls:
        number = call.get_text()
        body = call.find_next_sibling("a", class_="footnote-call-link").get_text(" ")
        before = normalise("".join(call.find_all_previous(string=True, limit=6)[::-1]))[-18:]
        call_pages = [i for i, page in enumerate(sample_build.pages) if before + number in normalise(page)]
        body_pages = [
            i for i, page in enumerate(sample_build.pages) if number + normalise(body)[:30] in normalise(page)
        ]
        assert call_pages and body_pages, number
        assert body_pages[0] in call_pages, f"footnote {number}"


def test_recommendations_are_numbered_one_to_eight_across_groups(sample_build):
    items = sample_build.soup.select(".recommendation-list li")
    assert [int(li["value"]) for li in items] == list(range(1, 9))
    groups = [p.get_text() for p in sample_build.soup.select(".recommendation-addressee")]
    assert groups[0] == "The Community Rehabilitation Company and the National Probation Service should:"
    assert groups[-1] == "The National Offender Management Service should:"


def test_illustrative_data_is_labelled_beside_its_chart_and_in_the_pdf(sample_build):
    soup = sample_build.soup
    deprivation = soup.select_one("figure#deprivation")
    assert "Illustrative data" in deprivation.select_one("figcaption").get_text()
    population = soup.select_one("#population")
    assert "Illustrative data" not in population.get_text()
    appendix_2 = next(p for p in sample_build.pages if "Multiple deprivation measures" in p)
    assert "Illustrative data" in appendix_2


def test_charts_are_svg_images_with_alt_text_from_their_data(sample_build):
    image = sample_build.soup.select_one("figure#chart-abiding img")
    assert image["src"] == "charts/chart-abiding.svg"
    assert "Did the service user abide by the sentence? Yes in 41 of 47 cases" in image["alt"]
    svg = (sample_build.folder / "charts" / "chart-abiding.svg").read_text()
    assert ">41<" in svg
    assert any("Did the service user abide" in page for page in sample_build.pages)

from conftest import ROOT, SAMPLE

from inspection_report.derive import derive
from inspection_report.load import load_findings


def _derived():
    return derive(load_findings(SAMPLE, ROOT))


def test_chapters_and_appendices_are_numbered_by_order():
    numbers = _derived().numbers
    assert numbers.parts["overall-judgements"] == "1"
    assert numbers.parts["abiding-by-the-sentence"] == "7"
    assert numbers.parts["background-data"] == "2"
    assert numbers.parts["case-findings"] == "4"
    assert "foreword" not in numbers.parts


def test_sections_take_their_chapter_number():
    numbers = _derived().numbers
    assert numbers.sections["protecting-together"] == "6.3"
    assert numbers.sections["reoffending-crc"] == "5.1"


def test_exhibits_share_one_sequence_with_the_part_prefix():
    numbers = _derived().numbers
    assert [
        numbers.exhibits[e] for e in ("population", "ethnicity", "unemployment", "reoffending-rates")
    ] == ["4.1", "4.2", "4.3", "4.5"]
    assert numbers.exhibits["chart-abiding"] == "4"


def test_recommendations_are_numbered_across_addressee_groups():
    derived = _derived()
    groups = list(derived.findings.items["recommendation_groups"].values())
    assert [derived.numbers.recommendations[r.id] for g in groups for r in g.recommendations] == list(
        range(1, 9)
    )


def test_footnotes_are_numbered_in_reading_order_and_shared_calls_keep_one_number():
    numbers = _derived().numbers.footnotes
    assert sorted(numbers.values()) == list(range(1, 13))
    assert numbers["caseload-statistics-april-2016"] == 1
    assert numbers["jtai-framework"] == 12

from pathlib import Path

from conftest import replace_in

from inspection_report.checks import check_report
from inspection_report.derive import derive
from inspection_report.load import load_findings

CRC_ABIDING = Path("parts/09-abiding-by-the-sentence/1-crc.md")


def _problems(folder: Path) -> list[str]:
    """The errors `check` finds (the sample's declared illustrative data are warnings)."""
    problems = check_report(derive(load_findings(folder, folder.parent.parent)))
    return [str(p) for p in problems if p.severity == "error"]


def test_the_sample_has_no_reference_problems(sample_copy: Path):
    assert _problems(sample_copy) == []


def test_misspelled_count_is_located_and_a_fix_suggested(sample_copy: Path):
    replace_in(sample_copy / CRC_ABIDING, "{count:crc-abided}", "{count:crc-abide}")
    (problem,) = _problems(sample_copy)
    assert problem.startswith(f"findings/york-north-yorkshire-2016/{CRC_ABIDING}:")
    assert "no count with id 'crc-abide'; did you mean 'crc-abided'?" in problem


def test_unknown_reference_kind_and_format_are_reported(sample_copy: Path):
    replace_in(sample_copy / CRC_ABIDING, "{count:crc-abided}", "{cout:crc-abided}")
    replace_in(sample_copy / CRC_ABIDING, "{count:crc}", "{count:crc|wrods}")
    problems = _problems(sample_copy)
    assert any("unknown reference kind 'cout'" in p and "did you mean 'count'?" in p for p in problems)
    assert any("unknown format 'wrods'" in p and "did you mean 'words'?" in p for p in problems)


def test_fraction_that_no_plain_word_fits_is_an_error(sample_copy: Path):
    replace_in(
        sample_copy / "parts/09-abiding-by-the-sentence/items.yaml",
        "id: crc-contact-appropriate\n    value: 23",
        "id: crc-contact-appropriate\n    value: 18",
    )
    problems = _problems(sample_copy)
    assert any("18 of 31 is not close to a plain fraction" in p for p in problems)


def test_cross_reference_to_a_missing_section_is_an_error(sample_copy: Path):
    replace_in(
        sample_copy / "parts/07-reducing-reoffending/1-crc.md",
        "{ref:protecting-together}",
        "{ref:protecting-togther}",
    )
    (problem,) = _problems(sample_copy)
    assert "cross-reference to 'protecting-togther'" in problem
    assert "did you mean 'protecting-together'?" in problem


def test_count_of_an_unknown_base_is_an_error(sample_copy: Path):
    replace_in(sample_copy / "parts/09-abiding-by-the-sentence/items.yaml", "of: crc", "of: crcc")
    problems = _problems(sample_copy)
    assert any("is of 'crcc', which is no count" in p for p in problems)


def test_an_item_placed_inside_a_sentence_is_an_error(sample_copy: Path):
    replace_in(
        sample_copy / CRC_ABIDING,
        "There were very good levels",
        "See {example:whitby-centre}. There were very good levels",
    )
    problems = _problems(sample_copy)
    assert any(
        "{example:whitby-centre} places a whole item, so it needs a paragraph of its own" in p
        for p in problems
    )


def test_an_item_that_places_itself_is_an_error_not_a_loop(sample_copy: Path):
    items = sample_copy / "parts/07-reducing-reoffending/items.yaml"
    replace_in(items, "John had been convicted", "John {example:john} had been convicted")
    problems = _problems(sample_copy)
    assert any(
        "{example:john} places an item, which only prose can do, not the text of a practice example" in p
        for p in problems
    )


def test_an_exhibit_without_what_its_kind_draws_is_an_error(sample_copy: Path):
    replace_in(
        sample_copy / "parts/11-appendix-background-data/background-data.yaml",
        "    chart: bar\n    unit: percent\n    series: [Proven reoffending rate]\n",
        "    chart: bar\n    unit: percent\n",
    )
    problems = _problems(sample_copy)
    assert any("exhibit 'reoffending-rates' (bar) needs 'series'" in p for p in problems)


def test_a_top_level_part_cannot_be_a_section(sample_copy: Path):
    replace_in(
        sample_copy / "parts/03-overall-judgements.md",
        "kind: chapter",
        "kind: section",
    )
    problems = _problems(sample_copy)
    assert any(
        "03-overall-judgements.md:2:1: error: kind 'section' is for files inside a chapter's folder" in p
        for p in problems
    )


def test_a_typed_count_is_found_even_after_another_of(sample_copy: Path):
    replace_in(
        sample_copy / CRC_ABIDING,
        "There were very good levels",
        "The best of 27 of the 31 cases had very good levels",
    )
    problems = _problems(sample_copy)
    assert any("'27 of the 31' is a count typed by hand" in p for p in problems)

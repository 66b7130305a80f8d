from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, replace_in

from inspection_report.errors import FindingsError
from inspection_report.load import load_findings


def test_the_sample_loads_every_kind_of_item():
    findings = load_findings(SAMPLE, ROOT)
    assert findings.meta.id == "york-north-yorkshire-2016"
    assert findings.items["counts"]["crc"].value == 31
    assert findings.items["counts"]["nps"].value == 16
    assert len(findings.items["key_facts"]) == 17
    assert len(findings.items["enablers_barriers"]) == 9
    assert sum(len(g.recommendations) for g in findings.items["recommendation_groups"].values()) == 8
    assert len(findings.items["glossary"]) > 30
    assert [p.meta.id for p in findings.parts][:3] == [
        "foreword",
        "key-facts",
        "overall-judgements",
    ]


def test_sections_load_in_file_order_with_their_prose():
    findings = load_findings(SAMPLE, ROOT)
    chapter = next(p for p in findings.parts if p.meta.id == "protecting-the-public")
    assert [s.meta.id for s in chapter.sections] == [
        "protecting-crc",
        "protecting-nps",
        "protecting-together",
    ]
    assert chapter.sections[0].body.path == Path(
        "findings/york-north-yorkshire-2016/parts/08-protecting-the-public/1-crc.md"
    )


def _problems(folder: Path) -> list[str]:
    with pytest.raises(FindingsError) as caught:
        load_findings(folder, folder.parent.parent)
    return [str(p) for p in caught.value.problems]


def test_unknown_key_suggests_the_nearest_field(sample_copy: Path):
    cases = sample_copy / "cases.yaml"
    replace_in(cases, "    description: CRC cases inspected", "    descripton: CRC cases inspected")
    (problem,) = _problems(sample_copy)
    assert problem.startswith("findings/york-north-yorkshire-2016/cases.yaml:9:5: error:")
    assert "unknown key 'descripton'; did you mean 'description'?" in problem


def test_wrong_type_is_described_in_plain_words(sample_copy: Path):
    replace_in(sample_copy / "cases.yaml", "value: 31", "value: thirty-one")
    (problem,) = _problems(sample_copy)
    assert "cases.yaml:6:12" in problem
    assert "expected a whole number of cases, got 'thirty-one'" in problem


def test_duplicate_ids_point_at_both_places(sample_copy: Path):
    replace_in(sample_copy / "cases.yaml", "id: nps", "id: crc")
    problems = _problems(sample_copy)
    assert any("id 'crc' is already used at" in p for p in problems)


def test_every_problem_in_every_file_is_reported_at_once(sample_copy: Path):
    replace_in(sample_copy / "cases.yaml", "value: 31", "value: many")
    replace_in(sample_copy / "report.yaml", "status: draft", "status: drafty")
    problems = _problems(sample_copy)
    assert len(problems) == 2
    assert any("expected one of draft, final, got 'drafty'; did you mean 'draft'?" in p for p in problems)


def test_markdown_without_front_matter_is_located(sample_copy: Path):
    (sample_copy / "parts" / "01-foreword.md").write_text("Just prose\n", encoding="utf-8")
    (problem,) = _problems(sample_copy)
    assert "01-foreword.md:1:1: error: expected front matter" in problem


def test_a_folder_inside_a_part_is_reported_not_ignored(sample_copy: Path):
    stray = sample_copy / "parts" / "07-reducing-reoffending" / "drafts"
    stray.mkdir()
    (stray / "1-extra.md").write_text("---\nid: extra\ntitle: Extra\n---\nText\n", encoding="utf-8")
    (problem,) = _problems(sample_copy)
    assert "07-reducing-reoffending/drafts:1:1: error: a folder inside a part is not read" in problem

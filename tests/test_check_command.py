"""`build.py check` as editors, tools and CI use it."""

from __future__ import annotations

import json
from pathlib import Path

from conftest import SAMPLE, replace_in

from inspection_report.cli import main

CRC_ABIDING = "parts/09-abiding-by-the-sentence/1-crc.md"


def _break(sample_copy: Path) -> None:
    replace_in(sample_copy / CRC_ABIDING, "{count:crc-abided}", "{count:crc-abide}")
    replace_in(sample_copy / "cases.yaml", "value: 31", "value: many")


def test_sample_passes_with_only_its_illustrative_data_as_warnings(capsys):
    assert main(["check"]) == 0
    out = capsys.readouterr().out.splitlines()
    warnings = [line for line in out if ": warning: " in line]
    assert warnings and all("declared illustrative data" in line for line in warnings)
    assert out[-1].startswith("check: 0 errors, ")


def test_every_problem_is_listed_then_a_summary(sample_copy, capsys):
    replace_in(sample_copy / CRC_ABIDING, "{count:crc-abided}", "{count:crc-abide}")
    replace_in(sample_copy / CRC_ABIDING, "{count:crc}", "{count:crcc}")
    assert main(["check", "--findings", str(sample_copy.parent)]) == 1
    err = capsys.readouterr().err.splitlines()
    errors = [line for line in err if ": error: " in line]
    assert len(errors) >= 2
    assert err[-1].startswith(f"check: {len(errors)} errors, ")


def test_json_format_has_a_stable_shape(sample_copy, capsys):
    _break(sample_copy)
    assert main(["check", "--findings", str(sample_copy.parent), "--format", "json"]) == 1
    report = json.loads(capsys.readouterr().out)
    assert set(report) == {"reports", "errors", "warnings", "seconds", "problems"}
    assert report["reports"] == ["york-north-yorkshire-2016"]
    problem = report["problems"][0]
    assert set(problem) == {"path", "line", "column", "severity", "message"}
    assert problem["path"] == "findings/york-north-yorkshire-2016/cases.yaml"


def test_github_format_writes_annotations(sample_copy, capsys):
    _break(sample_copy)
    assert main(["check", "--findings", str(sample_copy.parent), "--format", "github"]) == 1
    out = capsys.readouterr().out
    assert (
        "::error file=findings/york-north-yorkshire-2016/cases.yaml,line=6,col=12::"
        "value: expected a whole number of cases, got 'many'" in out
    )


def test_strict_turns_warnings_into_errors(capsys):
    assert main(["check", "--strict"]) == 1
    assert ": warning: " not in capsys.readouterr().err


def test_a_file_path_checks_the_report_it_belongs_to(capsys):
    assert main(["check", str(SAMPLE / "parts" / "01-foreword.md")]) == 0
    assert "check: 0 errors" in capsys.readouterr().out


def test_unused_items_and_todo_markers_are_warnings_in_a_draft(sample_copy, capsys):
    replace_in(sample_copy / "parts/07-reducing-reoffending/1-crc.md", "{example:john}", "TODO: example")
    assert main(["check", "--findings", str(sample_copy.parent)]) == 0
    out = capsys.readouterr().out
    assert "warning: practice example 'john' is never used" in out
    assert "1-crc.md:" in out and "warning: TODO marker" in out


def test_a_typed_cross_reference_that_is_right_is_a_warning(sample_copy, capsys):
    replace_in(
        sample_copy / "parts/11-appendix-background-data/index.md", "Table {ref:population}", "Table 4.1"
    )
    assert main(["check", "--findings", str(sample_copy.parent)]) == 0
    assert "warning: 'Table 4.1' is typed by hand; write 'Table {ref:population}'" in capsys.readouterr().out


def test_an_abbreviation_spelled_out_at_first_use_needs_no_glossary_entry(sample_copy, capsys):
    replace_in(
        sample_copy / "parts/03-overall-judgements.md",
        "Overall, the findings",
        "The Quality Review Board (QRB) agreed. The QRB noted that overall, the findings",
    )
    assert main(["check", "--findings", str(sample_copy.parent)]) == 0
    assert "QRB" not in capsys.readouterr().out


def test_a_future_bare_year_is_an_error(sample_copy, capsys):
    replace_in(sample_copy / "parts/03-overall-judgements.md", "in late 2013", "in late 2031")
    assert main(["check", "--findings", str(sample_copy.parent)]) == 1
    assert "the year 2031 is after the report's publication (August 2016)" in capsys.readouterr().err

"""diff on small pairs of drafts: every change kind, formatting that is no change, and impact."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest
from conftest import ROOT, replace_in
from mini_report import write_mini_report

from inspection_report.cli import main
from inspection_report.diff.changes import Change
from inspection_report.diff.run import compute_diffs

ITEMS = "parts/02-findings/items.yaml"
RECS = "parts/03-recommendations/recommendations.yaml"
CRC = "parts/02-findings/1-crc.md"


@pytest.fixture
def drafts(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "draft-1" / "findings", tmp_path / "draft-2" / "findings"
    write_mini_report(old)
    write_mini_report(new)
    return old, new / "mini"


def changes(old: Path, new_report: Path) -> list[Change]:
    (diff,) = compute_diffs(str(old), str(new_report.parent), [], old)
    return diff.changes


def summary(found: list[Change]) -> list[tuple[str, str, str]]:
    return sorted((c.kind, c.item_kind, c.item_id) for c in found)


def test_identical_drafts_have_no_changes_and_exit_0(drafts, capsys):
    old, new = drafts
    assert changes(old, new) == []
    assert main(["diff", str(old), str(new.parent)]) == 0
    assert "0 added, 0 removed, 0 changed, 0 moved, 0 renamed" in capsys.readouterr().out


def test_reformatting_is_no_change(drafts):
    old, new = drafts
    replace_in(
        new / ITEMS,
        "  - {id: crc-abided, value: 9, of: crc, description: CRC cases that abided by the sentence}",
        "  - description: 'CRC cases that abided by the sentence'\n"
        "    of: crc\n    value: 9\n    id: crc-abided",
    )
    replace_in(
        new / ITEMS,
        "  - {id: officer, speaker: CRC responsible officer, text: We know our cases well}",
        "  - text: \"We know our cases well\"\n    speaker: 'CRC responsible officer'\n    id: officer",
    )
    replace_in(
        new / "parts/02-findings/items.yaml",
        "text: Amy found work and kept it for a whole year.",
        'text: "Amy found work and kept it\n      for a whole year."',
    )
    replace_in(
        new / CRC,
        "the service user abided by the sentence,\nthat is",
        "the service user\nabided by the sentence, that is",
    )
    assert changes(old, new) == []


def test_a_changed_field_is_shown_field_by_field_with_numbers_whole(drafts):
    old, new = drafts
    replace_in(new / ITEMS, "kept it for a whole year.", "kept it for 12 months.")
    (change,) = changes(old, new)
    assert (change.kind, change.item_kind, change.item_id) == ("changed", "practice example", "amy")
    (field,) = change.fields
    assert field.name == "text"
    assert ("delete", "a whole year") in field.words
    assert ("insert", "12 months") in field.words


def test_added_and_removed_items(drafts):
    old, new = drafts
    replace_in(
        new / RECS,
        "      - {id: share-forms, text: share complete allocation forms with the CRC}",
        "      - {id: train-court-staff, text: train court staff in the new forms}",
    )
    replace_in(new / CRC, "{quote:officer}", "")
    replace_in(
        new / ITEMS, "  - {id: officer, speaker: CRC responsible officer, text: We know our cases well}\n", ""
    )
    replace_in(new / ITEMS, "quotes:\n", "")
    found = summary(changes(old, new))
    assert ("removed", "quote", "officer") in found
    assert ("added", "recommendation", "train-court-staff") in found
    assert ("removed", "recommendation", "share-forms") in found


def test_moved_to_another_addressee_and_reordered(drafts):
    old, new = drafts
    text = (new / RECS).read_text()
    text = text.replace("      - {id: review-cases, text: review cases when circumstances change}\n", "")
    text = text.replace(
        "      - {id: share-forms,",
        "      - {id: review-cases, text: review cases when circumstances change}\n      - {id: share-forms,",
    )
    (new / RECS).write_text(text)
    (change,) = changes(old, new)
    assert (change.kind, change.item_id) == ("moved", "review-cases")
    assert change.detail == "moved from 'CRC should' to 'NPS should'"


def test_a_removed_and_added_item_with_similar_text_is_a_possible_rename(drafts):
    old, new = drafts
    replace_in(new / ITEMS, "id: amy", "id: amelia")
    replace_in(new / CRC, "{example:amy}", "{example:amelia}")
    found = [c for c in changes(old, new) if c.item_kind == "practice example"]
    (change,) = found
    assert (change.kind, change.old_id, change.item_id) == ("renamed", "amy", "amelia")


def test_a_reworded_paragraph_is_matched_word_by_word(drafts):
    old, new = drafts
    replace_in(new / "parts/01-foreword.md", "The work was good.", "The work was very good.")
    (change,) = changes(old, new)
    assert (change.kind, change.item_kind) == ("changed", "paragraph")
    assert change.fields[0].words == (("equal", "The work was "), ("insert", "very "), ("equal", "good."))


def test_a_paragraph_moved_elsewhere_is_one_move(drafts):
    old, new = drafts
    replace_in(new / "parts/01-foreword.md", "We inspected probation work in Testshire.\n\n", "")
    replace_in(
        new / "parts/02-findings/index.md",
        "This chapter reports what we found.",
        "This chapter reports what we found.\n\nWe inspected probation work in Testshire.",
    )
    (change,) = changes(old, new)
    assert (change.kind, change.item_kind) == ("moved", "paragraph")
    assert change.detail == "moved from Foreword to 1. Findings"


def test_a_section_moved_to_another_chapter(drafts):
    old, new = drafts
    (new / "parts/03-recommendations/1-nps.md").write_text((new / "parts/02-findings/2-nps.md").read_text())
    (new / "parts/02-findings/2-nps.md").unlink()
    moved = [c for c in changes(old, new) if c.item_kind == "section"]
    assert [(c.kind, c.item_id) for c in moved] == [("moved", "findings-nps")]
    assert "to 2. Recommendations" in moved[0].detail


def test_a_changed_count_lists_the_sentences_percentages_and_charts_it_touches(drafts):
    old, new = drafts
    replace_in(new / ITEMS, "{id: crc-abided, value: 9,", "{id: crc-abided, value: 6,")
    (change,) = changes(old, new)
    assert (change.kind, change.item_id) == ("changed", "crc-abided")
    touches = {(t.kind, t.old, t.new) for t in change.touches}
    assert (
        "sentence",
        "In 9 of the 12 cases the service user abided by the sentence, that is 75% of them.",
        "In 6 of the 12 cases the service user abided by the sentence, that is 50% of them.",
    ) in touches
    assert ("percentage", "75%", "50%") in touches
    assert (
        "chart",
        "Did the service user abide by the sentence? Yes 9, No 3",
        "Did the service user abide by the sentence? Yes 6, No 6",
    ) in touches
    assert all(t.where.startswith(("1.1 Effectiveness of the CRC", "Chart 1")) for t in change.touches)


def test_a_changed_sample_reaches_sentences_through_derived_shares(drafts):
    old, new = drafts
    replace_in(new / "cases.yaml", "{id: crc, value: 12,", "{id: crc, value: 11,")
    replace_in(new / "cases.yaml", "{id: all-cases, value: 20,", "{id: all-cases, value: 19,")
    crc = next(c for c in changes(old, new) if c.item_id == "crc")
    assert ("percentage", "75%", "82%") in {(t.kind, t.old, t.new) for t in crc.touches}


def test_exit_2_for_a_ref_that_does_not_exist(tmp_path, capsys, monkeypatch):
    monkeypatch.chdir(tmp_path)
    assert main(["diff", "no-such-ref", "HEAD"]) == 2
    err = capsys.readouterr().err
    assert err.startswith("error: no-such-ref is neither a folder nor a git ref")
    assert "Traceback" not in err


def test_exit_2_for_a_folder_without_findings(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert main(["diff", str(tmp_path / "empty"), str(tmp_path / "empty")]) == 2
    assert "holds no findings" in capsys.readouterr().err


def test_a_side_that_cannot_be_loaded_is_reported_with_its_errors(drafts, capsys):
    old, new = drafts
    replace_in(new / ITEMS, "{id: crc-abided, value: 9,", "{id: crc-abided, value: nine,")
    assert main(["diff", str(old), str(new.parent)]) == 2
    err = capsys.readouterr().err
    assert "report mini cannot be loaded (1 errors)" in err
    assert "items.yaml:2:" in err and "expected a whole number of cases, got 'nine'" in err


def _documented_fields() -> dict[str, set[str]]:
    """The fields docs/diff-format.md lists in its tables, by the line that introduces each."""
    tables: dict[str, set[str]] = {}
    current = ""
    for line in (ROOT / "docs" / "diff-format.md").read_text(encoding="utf-8").splitlines():
        if line.endswith(":") and not line.startswith("|"):
            current = line[:-1]
        elif line.startswith("| `") and current:
            tables.setdefault(current, set()).update(re.findall(r"`([a-z_]+)`", line.split("|")[1]))
    return tables


def test_json_output_has_the_documented_shape(drafts, capsys):
    old, new = drafts
    replace_in(new / ITEMS, "{id: crc-abided, value: 9,", "{id: crc-abided, value: 6,")
    assert main(["diff", str(old), str(new.parent), "--format", "json"]) == 1
    document = json.loads(capsys.readouterr().out)
    assert document["format"] == 1
    (report,) = document["reports"]
    assert report["summary"] == {
        "added": 0,
        "removed": 0,
        "changed": 1,
        "moved": 0,
        "renamed": 0,
        "replaced": 0,
    }
    assert report["problems"] == {"old": [], "new": []}
    change = report["changes"][0]
    documented = _documented_fields()
    assert set(report) == documented["A report"]
    assert set(change) == documented["A change"]
    assert change["fields"][0] == {"name": "value", "old": "9", "new": "6", "words": None}


def test_text_output_without_colour_marks_word_changes(drafts, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    old, new = drafts
    replace_in(new / ITEMS, "kept it for a whole year.", "kept it for 12 months.")
    assert main(["diff", str(old), str(new.parent)]) == 1
    out = capsys.readouterr().out
    assert "[-a whole year-]{+12 months+}" in out
    assert "\x1b[" not in out
    assert out.strip().endswith("0 added, 0 removed, 1 changed, 0 moved, 0 renamed, 0 replaced")


CRC_PROSE = "parts/02-findings/1-crc.md"


def test_a_paragraph_is_compared_as_printed(drafts):
    old, new = drafts
    replace_in(new / CRC_PROSE, "{count:crc-abided|percent} of them", "{count:crc-abided|fraction} of them")
    (paragraph,) = changes(old, new)
    (field,) = paragraph.fields
    assert field.name == "text"
    assert "{count:" not in (field.old or "") + (field.new or "")
    assert ("delete", "75%") in (field.words or ()) and ("insert", "three-quarters") in (field.words or ())


def test_a_paragraph_written_differently_but_printed_the_same_shows_what_was_written(drafts):
    old, new = drafts
    replace_in(new / CRC_PROSE, "the service user abided", "the service user *abided*")
    (paragraph,) = changes(old, new)
    (field,) = paragraph.fields
    assert field.name == "source"
    assert any("*" in chunk for op, chunk in field.words or () if op == "insert")

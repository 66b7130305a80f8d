"""`diff` read the way git habits expect: no side, one side, `A..B`, options anywhere; drafts
that fail today's checks still compared; two different reports only when asked."""

from __future__ import annotations

import json
import shutil
import subprocess

import pytest
from conftest import ROOT, replace_in
from test_diff_sides import ITEMS, _commit, repository  # noqa: F401  (the fixture)

from inspection_report.cli import main

FOREWORD = "findings/mini/parts/01-foreword.md"


def _run(arguments: list[str], capsys) -> tuple[int, str, str]:
    code = main(["diff", *arguments])
    captured = capsys.readouterr()
    assert "internal error" not in captured.err and "Traceback" not in captured.err
    return code, captured.out, captured.err


def test_no_side_compares_head_with_the_working_tree(repository, capsys):  # noqa: F811
    assert _run([], capsys)[0] == 0
    replace_in(repository / FOREWORD, "The work was good.", "The work was very good.")
    code, out, _ = _run(["--format", "json"], capsys)
    assert code == 1
    (report,) = json.loads(out)["reports"]
    assert (report["old"], report["new"]) == ("HEAD", "working tree")


def test_one_side_is_compared_with_the_working_tree(repository, capsys):  # noqa: F811
    code, out, _ = _run(["HEAD~1", "--format", "json"], capsys)
    assert code == 1
    (report,) = json.loads(out)["reports"]
    assert report["new"] == "working tree" and report["summary"]["changed"] == 1


def test_a_dotted_range_is_two_sides(repository, capsys):  # noqa: F811
    code, out, _ = _run(["HEAD~1..HEAD", "--format", "json"], capsys)
    assert code == 1
    (report,) = json.loads(out)["reports"]
    assert (report["old"], report["new"]) == ("HEAD~1", "HEAD")


def test_options_may_stand_before_the_report_id(repository, capsys):  # noqa: F811
    code, out, _ = _run(["HEAD~1", "HEAD", "--format", "json", "mini"], capsys)
    assert code == 1 and json.loads(out)["reports"][0]["report"] == "mini"


def test_a_report_id_after_one_side_names_the_report(repository, capsys):  # noqa: F811
    code, _, err = _run(["HEAD~1", "no-such-report"], capsys)
    assert code == 2 and "no report named no-such-report on either side" in err


def test_a_draft_failing_todays_checks_is_compared_with_its_errors_first(repository, capsys):  # noqa: F811
    replace_in(repository / FOREWORD, "The work was good.", "The work was good in 75% of cases.")
    code, out, _ = _run(["HEAD", "--format", "text"], capsys)
    assert code == 1
    assert out.index("fails today's checks (1 errors); compared all the same") < out.index(
        "changed paragraph"
    )
    assert "percentage '75%' is typed by hand" in out


def test_two_different_reports_are_compared_only_when_asked(repository, tmp_path, capsys):  # noqa: F811
    other = tmp_path / "other" / "findings"
    shutil.copytree(repository / "findings" / "mini", other / "leeds")
    replace_in(other / "leeds" / "report.yaml", "id: mini", "id: leeds")
    code, _, err = _run(["findings", str(other)], capsys)
    assert code == 2 and "no report is on both sides" in err and "--pair mini=leeds" in err
    code, out, _ = _run(["findings", str(other), "--pair", "mini=leeds", "--format", "json"], capsys)
    assert code == 1
    changed = json.loads(out)["reports"][0]["changes"]
    assert {"name": "id", "old": "mini", "new": "leeds", "words": None} in changed[0]["fields"]


@pytest.mark.parametrize("pair", ["mini", "mini=nowhere", "=mini"])
def test_a_pair_that_names_nothing_is_a_usage_error(repository, capsys, pair):  # noqa: F811
    code, _, err = _run(["HEAD~1", "HEAD", "--pair", pair], capsys)
    assert code == 2 and "expected OLD=NEW" in err


def test_output_into_a_missing_folder_is_a_usage_error(repository, capsys):  # noqa: F811
    code, _, err = _run(["HEAD~1", "HEAD", "--output", "no/such/folder/redline.html"], capsys)
    assert code == 2 and "does not exist" in err


def test_the_first_commit_of_the_sample_compares_with_the_working_tree(capsys, monkeypatch):
    """Every draft in this repository's history can be compared, under today's rules."""
    monkeypatch.chdir(ROOT)
    first = subprocess.run(
        [
            "git",
            "log",
            "--diff-filter=A",
            "--format=%H",
            "--",
            "findings/york-north-yorkshire-2016/report.yaml",
        ],
        capture_output=True,
        text=True,
    ).stdout.split()
    if not first:
        pytest.skip("this clone holds no history of the sample")
    code, out, _ = _run([first[-1], "--format", "json"], capsys)
    assert code in (0, 1)
    assert json.loads(out)["reports"][0]["report"] == "york-north-yorkshire-2016"

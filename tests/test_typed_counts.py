"""A typed "X of Y" is an error only when it is plainly a case count: it matches a count and
its base, Y is a case sample's size, or "cases" follows. Other phrasing is left alone, and a
phrase listed under `not_case_counts` is accepted where it stands."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import replace_in
from corpus import line_of

from inspection_report.cli import main

PROSE = "parts/02-findings/2-nps.md"
TYPED = "Work by the NPS was thorough in {count:nps-thorough} of {count:nps} cases."


def _check(mini: Path, sentence: str, capsys) -> tuple[int, str]:
    replace_in(mini / PROSE, TYPED, f"{TYPED} {sentence}")
    code = main(["check", "--findings", str(mini.parent)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    "sentence",
    [
        "Staff worked from one of the two offices.",
        "Three of the seven market towns had a reporting centre.",
        "We visited 2 of 3 teams.",
    ],
)
def test_ordinary_phrasing_is_left_alone(mini, capsys, sentence):
    code, out = _check(mini, sentence, capsys)
    assert code == 0, out
    assert "typed by hand" not in out


@pytest.mark.parametrize(
    ("sentence", "typed", "hint"),
    [
        (
            "In 9 of the 12 cases plans were good.",
            "9 of the 12",
            "write '{count:crc-abided} of the {count:crc}'",
        ),
        ("Five of the twelve had a plan.", "Five of the twelve", "define the count in YAML"),
        ("In 3 of the 7 cases plans were late.", "3 of the 7", "define the count in YAML"),
    ],
)
def test_a_plain_case_count_is_an_error_at_its_line(mini, capsys, sentence, typed, hint):
    code, out = _check(mini, sentence, capsys)
    assert code == 1
    line = line_of(mini / PROSE, sentence)
    assert f"2-nps.md:{line}:" in out and f"'{typed}' is a count typed by hand; {hint}" in out


def test_a_phrase_listed_as_not_a_case_count_is_accepted_where_it_stands(mini, capsys):
    replace_in(
        mini / "report.yaml",
        "  plain_abbreviations: [HM]",
        "  plain_abbreviations: [HM]\n  not_case_counts: [nine of the twelve offices]",
    )
    code, out = _check(
        mini, "Nine of the twelve offices opened late. In 9 of the 12 cases plans were good.", capsys
    )
    assert "Nine of the twelve" not in out
    assert "'9 of the 12' is a count typed by hand" in out and code == 1


def test_a_listed_phrase_no_prose_reads_is_a_warning_at_its_line(mini, capsys):
    replace_in(
        mini / "report.yaml",
        "  plain_abbreviations: [HM]",
        "  plain_abbreviations: [HM]\n  not_case_counts:\n    - one of the two offices",
    )
    code, out = _check(mini, "", capsys)
    line = line_of(mini / "report.yaml", "- one of the two offices")
    assert code == 0
    assert f"report.yaml:{line}:" in out
    assert "'one of the two offices' is listed under not_case_counts but no prose reads it" in out

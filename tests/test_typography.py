"""A number in words takes a capital only at a sentence's start, and in a typographic house
style a straight quote or apostrophe in prose is an error that names the mark to write."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import replace_in
from corpus import line_of

from inspection_report.cli import main

PROSE = "parts/02-findings/2-nps.md"
FIRST = "Work by the NPS was thorough in {count:nps-thorough} of {count:nps} cases."


def _check(mini: Path, replacement: str, capsys, quotes: str | None = None) -> tuple[int, str]:
    replace_in(mini / PROSE, FIRST, replacement)
    if quotes is not None:
        (mini.parent / "house-style.yaml").write_text(f"quotes: {quotes}\n", encoding="utf-8")
    code = main(["check", "--findings", str(mini.parent)])
    captured = capsys.readouterr()
    return code, captured.out + captured.err


@pytest.mark.parametrize(
    "prose",
    [
        "{count:nps-thorough|Words} cases had thorough work.",
        "Work was good. {count:nps-thorough|Words} cases had thorough work.",
        "Work was good.\n\n*{count:nps-thorough|Words}* cases had thorough work.",
        "- {count:nps-thorough|Words} cases had thorough work.",
        "In {count:nps-thorough|words} cases the work was thorough.",
        "Work was good, e.g. {count:nps-thorough|words} cases were thorough.",
    ],
)
def test_a_number_in_words_in_the_right_case_passes(mini, capsys, prose):
    code, out = _check(mini, prose, capsys)
    assert code == 0, out


def test_a_capital_mid_sentence_is_an_error_that_names_the_format_to_use(mini, capsys):
    code, out = _check(mini, "Thorough work: {count:nps-thorough|Words} cases.", capsys)
    assert code == 1
    line = line_of(mini / PROSE, "Thorough work:")
    assert (
        f"2-nps.md:{line}:16: error: '{{count:nps-thorough|Words}}' prints a capital letter "
        "mid-sentence; write '{count:nps-thorough|words}'"
    ) in out


def test_lower_case_at_a_sentence_start_is_an_error(mini, capsys):
    code, out = _check(mini, "Work was good. {count:nps-thorough|words} cases were thorough.", capsys)
    assert code == 1
    assert "starts a sentence in lower case; write '{count:nps-thorough|Words}'" in out


def test_straight_quotes_in_typographic_prose_name_the_curly_mark(mini, capsys):
    code, out = _check(
        mini, "The NPS's staff called it 'agile' and said \"it works\".", capsys, "typographic"
    )
    assert code == 1
    line = line_of(mini / PROSE, "The NPS's staff")
    for column, mark, wanted in (
        (8, "'", "’"),
        (27, "'", "‘"),
        (33, "'", "’"),
        (44, '"', "“"),
        (53, '"', "”"),
    ):
        assert (
            f"2-nps.md:{line}:{column}: error: straight quote {mark} in typographic prose; write {wanted}"
            in out
        )


def test_straight_quotes_in_code_links_and_references_are_not_prose(mini, capsys):
    prose = "See `it's` and [the guide](https://example.org/a'b) in {count:nps-thorough} cases."
    _, out = _check(mini, prose, capsys, "typographic")
    assert "straight quote" not in out, out


def test_straight_quotes_pass_when_the_house_style_allows_any(mini, capsys):
    code, out = _check(mini, "The NPS's staff called it 'agile'.", capsys, "any")
    assert code == 0 and "straight quote" not in out

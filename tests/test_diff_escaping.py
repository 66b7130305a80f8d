"""Findings text echoed by diff can neither act on nor hide from whoever reads the output:
no forged lines or workflow commands, no raw escape sequences or bidi overrides, and JSON
that still decodes to exactly what the findings hold."""

from __future__ import annotations

import json
import re
from pathlib import Path
from typing import Any

import pytest
from bs4 import BeautifulSoup
from conftest import replace_in
from mini_report import write_mini_report

from inspection_report.cli import main
from inspection_report.diff.run import compute_diffs, render_diffs
from inspection_report.shown_text import is_hidden

ITEMS = "parts/02-findings/items.yaml"
RECS = "parts/03-recommendations/recommendations.yaml"
GLOSSARY = "parts/04-glossary/glossary.yaml"
FOREWORD = "parts/01-foreword.md"

# A forged line, a terminal colour, a mask request, a right-to-left override, the older
# `##[` command form, a line separator, DEL and a private-use character above U+FFFF.
HOSTILE = (
    "We know\n::error file=x::forged \x1b[31mred\x1b[0m ::add-mask::secret "
    "\u202eeurt si siht ##[add-mask]hidden\u2028and\x7f \U000f0000 our cases"
)
NAME = "Sam `Lead`\n::warning::named"
TITLE = "::notice::Foreword"


def _quoted(text: str) -> str:
    """`text` as a YAML double-quoted scalar, with every character outside printable ASCII
    written as an escape, so the file itself holds none of them."""

    def escape(char: str) -> str:
        if char in '"\\':
            return "\\" + char
        if " " <= char <= "~":
            return char
        return f"\\U{ord(char):08x}" if ord(char) > 0xFFFF else f"\\u{ord(char):04x}"

    return '"' + "".join(escape(c) for c in text) + '"'


def _hostile_pair(tmp_path: Path) -> tuple[Path, Path]:
    old, new = tmp_path / "draft-1" / "findings", tmp_path / "draft-2" / "findings"
    write_mini_report(old)
    report = write_mini_report(new)
    replace_in(report / ITEMS, "text: We know our cases well}", f"text: {_quoted(HOSTILE)}}}")
    replace_in(report / RECS, "text: review cases when circumstances change}", f"text: {_quoted(HOSTILE)}}}")
    replace_in(report / GLOSSARY, "name: Sam Lead,", f"name: {_quoted(NAME)},")
    replace_in(report / FOREWORD, "title: Foreword", f"title: {_quoted(TITLE)}")
    return old, new


@pytest.fixture
def hostile_drafts(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    """Two copies of the mini report; in the second, a quote, a recommendation, a team member's
    name (which is how the diff identifies members) and a part title are hostile.

    The loader refuses control characters written as YAML escapes (tested below); the diff's
    outputs must stay safe even for text that got past it, so here the loader lets them in."""
    monkeypatch.setattr("inspection_report.yaml_source._Builder._escaped_hidden", lambda *args: None)
    return _hostile_pair(tmp_path)


def test_a_draft_holding_escaped_control_characters_is_refused_and_the_refusal_is_escaped(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
):
    old, new = _hostile_pair(tmp_path)
    assert main(["diff", str(old), str(new)]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    _assert_nothing_acts_or_hides(err)
    assert "this string holds U+001B, an invisible or control character, written as an escape" in err


def _run(old: Path, new: Path, fmt: str, capsys: pytest.CaptureFixture[str]) -> str:
    assert main(["diff", str(old), str(new), "--format", fmt]) == 1
    out, err = capsys.readouterr()
    assert err == ""
    return out


def _assert_nothing_acts_or_hides(output: str) -> None:
    for line in output.split("\n"):
        assert not line.lstrip().startswith("::"), line
        assert "##[" not in line, line
        assert not [c for c in line if is_hidden(c)], line


def _strings(value: Any) -> list[str]:
    if isinstance(value, dict):
        return [s for inner in value.values() for s in _strings(inner)]
    if isinstance(value, list):
        return [s for inner in value for s in _strings(inner)]
    return [value] if isinstance(value, str) else []


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_findings_text_in_text_and_markdown_output_cannot_forge_lines_or_hide(hostile_drafts, capsys, fmt):
    out = _run(*hostile_drafts, fmt, capsys)
    _assert_nothing_acts_or_hides(out)
    assert all(f"U+{code}" in out for code in ("001B", "202E", "007F", "F0000"))


def test_text_output_shows_each_hidden_character_where_it_is(hostile_drafts, capsys, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    out = _run(*hostile_drafts, "text", capsys).split("\n")
    assert (
        "      text: We know {+<U+003A>:error file=x::forged <U+001B>[31mred<U+001B>[0m ::add-mask::secret "
        "<U+202E>eurt si siht <U+0023>#[add-mask]hidden and<U+007F> <U+F0000> +}our cases[- well-]"
    ) in out
    assert "<U+003A>:notice::Foreword" in out
    assert (
        "  + added team member Sam `Lead`<U+000A>::warning::named  "
        "“Sam `Lead`<U+000A>::warning::named, Inspector”"
    ) in out


def test_an_id_with_a_backtick_stays_one_code_span_in_markdown(hostile_drafts, capsys):
    out = _run(*hostile_drafts, "markdown", capsys)
    (line,) = [line for line in out.split("\n") if "added** team member" in line]
    assert line == (
        "- ➕ **added** team member ``Sam `Lead` ::warning::named``: "
        "Sam \\`Lead\\` ::warning::named, Inspector"
    )


def test_json_output_escapes_hidden_characters_and_decodes_to_the_findings_text(hostile_drafts, capsys):
    out = _run(*hostile_drafts, "json", capsys)
    _assert_nothing_acts_or_hides(out)
    strings = _strings(json.loads(out))
    assert HOSTILE in strings
    assert NAME in strings
    assert TITLE in strings
    assert "\\u001b[31m" in out and "\\u202e" in out and "\\udb80\\udc00" in out


def test_the_redline_holds_no_raw_control_characters(hostile_drafts):
    old, new = hostile_drafts
    html = render_diffs(compute_diffs(str(old), str(new), [], old), "html", to_terminal=False)
    assert html is not None
    assert not re.search(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]", html)
    text = BeautifulSoup(html, "html.parser").get_text()
    assert "<U+001B>[31mred" in text

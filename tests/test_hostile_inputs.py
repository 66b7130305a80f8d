"""Findings written to hurt: to read files outside the repository, hang or exhaust the
checker, forge lines in CI logs, publish impossible numbers or smuggle markup past the checks.
Each case states the property that must hold, and checks it on the mini report."""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tracemalloc
from pathlib import Path

import pytest
from conftest import ROOT, replace_in
from mini_report import write_mini_report

from inspection_report.cli import main
from inspection_report.shown_text import is_hidden

FOREWORD = "parts/01-foreword.md"
ITEMS = "parts/02-findings/items.yaml"
SECTION = "parts/02-findings/1-crc.md"
SECRET = "root:x:0:0"


def _run(args: list[str], capsys) -> tuple[int, str]:
    code = main(args)
    captured = capsys.readouterr()
    output = captured.out + captured.err
    assert "Traceback" not in output and "internal error" not in output, output
    return code, output


def _check(mini: Path, capsys, *extra: str) -> tuple[int, str]:
    return _run(["check", "--findings", str(mini.parent), *extra], capsys)


def _plant(mini: Path, text: str) -> None:
    replace_in(mini / FOREWORD, "The work was good.", text)


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_house_style_linked_to_a_system_file_is_refused_without_echoing_it(mini, capsys, fmt):
    (mini.parent / "house-style.yaml").symlink_to("/etc/passwd")
    code, output = _check(mini, capsys, "--format", fmt)
    assert code == 1
    assert "findings/house-style.yaml" in output and "link leading outside the findings folder" in output
    assert SECRET not in output and "/bin/" not in output


def test_a_house_style_that_is_a_link_loop_is_a_plain_problem(mini, capsys):
    (mini.parent / "house-style.yaml").symlink_to(mini.parent / "house-style.yaml")
    code, output = _check(mini, capsys)
    assert code == 1 and "findings/house-style.yaml:1:1: error: this link leads round in a loop" in output


def test_a_house_style_held_to_the_same_rules_as_report_files(mini, capsys):
    (mini.parent / "house-style.yaml").write_bytes(b"substitutions:\n  a: &x b\n  c: *x\n")
    code, output = _check(mini, capsys)
    assert code == 1 and "findings/house-style.yaml:2:6: error: anchors and aliases" in output


def test_a_pipe_posing_as_a_section_does_not_hang_the_check(mini, capsys):
    os.mkfifo(mini / "parts/02-findings/3-pipe.md")
    code, output = _check(mini, capsys)
    assert code == 1 and "3-pipe.md:1:1: error: this is not a regular file" in output


def test_a_gigabyte_file_is_refused_without_being_read(mini, capsys):
    with (mini / "parts/02-findings/huge.yaml").open("wb") as handle:
        handle.truncate(1_000_000_000)
    tracemalloc.start()
    code, output = _check(mini, capsys)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert code == 1 and "huge.yaml:1:1: error: file is 1,000,000,000 bytes" in output
    assert peak < 50_000_000


def test_a_folder_link_loop_inside_a_part_ends(mini, capsys):
    (mini / "parts/02-findings/again").symlink_to(mini / "parts", target_is_directory=True)
    code, output = _check(mini, capsys)
    assert code == 1 and "again:1:1: error: this link leads back to a folder that is already read" in output


def test_a_dangling_link_is_a_plain_problem(mini, capsys):
    (mini / "parts/02-findings/3-gone.md").symlink_to(mini / "nowhere.md")
    code, output = _check(mini, capsys)
    assert code == 1 and "3-gone.md:1:1: error: this link leads to nothing" in output


def test_a_folder_named_like_a_section_is_a_plain_problem(mini, capsys):
    (mini / "parts/02-findings/3-extra.md").mkdir()
    code, output = _check(mini, capsys)
    assert code == 1 and "3-extra.md:1:1: error: a folder named like a findings file" in output


def test_a_report_folder_linked_outside_the_findings_is_refused(mini, tmp_path, capsys):
    outside = tmp_path / "elsewhere" / "evil"
    write_mini_report(tmp_path / "elsewhere")
    (tmp_path / "elsewhere" / "mini").rename(outside)
    replace_in(outside / "report.yaml", "id: mini", "id: evil")
    (mini.parent / "evil").symlink_to(outside, target_is_directory=True)
    code, output = _check(mini, capsys, "evil")
    assert code == 1 and "findings/evil:1:1: error: this report folder is a link leading outside" in output


def test_a_link_to_another_file_inside_the_findings_is_followed(mini, capsys):
    shared = mini.parent / "shared-glossary.yaml"
    (mini / "parts/04-glossary/glossary.yaml").rename(shared)
    (mini / "parts/04-glossary/glossary.yaml").symlink_to(shared)
    code, output = _check(mini, capsys)
    assert code == 0, output


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["check", "../../etc"], "no such file or folder"),
        (["check", "./typo/"], "./typo/: no such file or folder"),
        (["check", "/etc/passwd"], "is not inside the findings folder"),
        (["build", "/etc/passwd"], "is not inside the findings folder"),
        (["check", "no-such-report"], "no report named no-such-report"),
    ],
)
def test_arguments_that_name_nothing_are_usage_errors(mini, capsys, monkeypatch, arguments, message):
    monkeypatch.chdir(mini.parent.parent)
    code, output = _run([*arguments[:1], "--findings", "findings", *arguments[1:]], capsys)
    assert code == 2 and message in output and SECRET not in output


def test_a_file_argument_names_its_report(mini, capsys, monkeypatch):
    monkeypatch.chdir(mini.parent.parent)
    code, output = _run(["check", "--findings", "findings", "findings/mini/cases.yaml"], capsys)
    assert code == 0 and "check: 0 errors" in output


FORGED = '"x\\n::error file=README.md::forged\\n::add-mask::secret\\n##[add-mask]x"'


@pytest.mark.parametrize("fmt", ["text", "json", "github"])
def test_a_key_cannot_forge_workflow_commands_or_colour_the_terminal(mini, capsys, fmt):
    replace_in(mini / ITEMS, "- {id: crc-abided,", f"- {{{FORGED}: 1, id: crc-abided,")
    code, output = _check(mini, capsys, "--format", fmt)
    assert code == 1
    for line in output.splitlines():
        assert not line.startswith(("::add-mask::", "::error file=README")), line
        assert not [c for c in line if is_hidden(c)], line
        assert "##[" not in line, line
    if fmt == "json":
        messages = [p["message"] for p in json.loads(output)["problems"]]
        assert any("x\n::error file=README.md::forged\n::add-mask::secret" in m for m in messages)


def test_a_key_holding_an_escape_sequence_is_refused_at_its_line(mini, capsys):
    replace_in(mini / ITEMS, "- {id: crc-abided,", '- {"x\\e[31m": 1, id: crc-abided,')
    code, output = _check(mini, capsys)
    assert code == 1 and f"{ITEMS}:2:" in output and "this string holds U+001B" in output
    assert "\x1b" not in output


def test_a_file_name_cannot_forge_a_line(mini, capsys):
    (mini / "parts/02-findings/x\n::error::forged.md").write_text("text\n", encoding="utf-8")
    code, output = _check(mini, capsys, "--format", "github")
    assert code == 1
    assert not [line for line in output.splitlines() if line.startswith("::error::forged")]
    assert "x<U+000A>" in output


@pytest.mark.parametrize("value", ["nan", "inf", "-inf", "1e309", ".nan"])
def test_numbers_that_are_not_finite_are_refused(mini, capsys, value):
    replace_in(
        mini / ITEMS,
        "enablers_barriers:",
        f"measures:\n  - {{id: m, value: {value}, description: d}}\nenablers_barriers:",
    )
    code, output = _check(mini, capsys)
    assert code == 1 and f"{ITEMS}:" in output and "value: expected a" in output


def test_nan_cannot_pass_the_check_that_shares_add_to_100(mini, capsys):
    replace_in(
        mini / ITEMS,
        "enablers_barriers:",
        "key_facts:\n  - {id: a, value: nan, unit: percent, share_of: w, description: d}\n"
        "  - {id: b, value: 100, unit: percent, share_of: w, description: d}\nenablers_barriers:",
    )
    code, output = _check(mini, capsys)
    assert code == 1 and "expected a finite number" in output


@pytest.mark.parametrize(
    ("markdown", "message"),
    [
        (
            "See [it][x].\n\n[x]: file:///etc/passwd",
            "link to 'file:///etc/passwd': 'file:' links are not allowed",
        ),
        ("See [it][x].\n\n[x]: javascript:alert(1)", "'javascript:' links are not allowed"),
        ("[x]: ../../../../etc/passwd", "points at a file, not a web address"),
        ("Go to <file:///etc/passwd>.", "'file:' links are not allowed"),
        ("Mail <ftp://evil.example/x>.", "'ftp:' links are not allowed"),
        ("<script>fetch('http://evil')</script>", "raw HTML is not rendered"),
        ("<iframe src=//evil></iframe>", "raw HTML is not rendered"),
        ("![x](http://127.0.0.1/track.png)", "prose cannot show images"),
        ("[x](<file:///a b>)", "'file:' links are not allowed"),
    ],
)
def test_links_and_markup_past_any_regex_are_refused_at_their_line(mini, capsys, markdown, message):
    _plant(mini, markdown)
    code, output = _check(mini, capsys)
    assert code == 1
    lines = [line for line in output.splitlines() if message in line]
    assert lines and all(line.startswith(f"findings/mini/{FOREWORD}:") for line in lines), output


@pytest.mark.parametrize(
    "prose",
    [
        "A" * 40_000,
        "-".join(["a"] * 20_000),
        "{" * 50_000,
        "{count:" * 10_000,
        "[" * 50_000 + "]" * 50_000,
        "*_" * 40_000,
        "<" * 50_000,
        ">" * 5_000 + " quote",
        " of ".join(str(n) for n in range(10_000)),
        "\\" * 50_000,
    ],
    ids=[
        "capitals",
        "hyphens",
        "braces",
        "unclosed refs",
        "brackets",
        "emphasis",
        "angles",
        "quotes",
        "of-chain",
        "backslashes",
    ],
)
def test_pathological_prose_gets_a_located_answer(mini, capsys, prose):
    _plant(mini, prose)
    code, output = _check(mini, capsys)
    assert code in (0, 1)
    assert output.splitlines()[-1].startswith("check:")


@pytest.mark.parametrize(
    ("text", "name"),
    [
        ("crc\u200babided", "U+200B ZERO WIDTH SPACE"),
        ("crc\u202eabided", "U+202E RIGHT-TO-LEFT OVERRIDE"),
        ("crc\u2066abided", "U+2066 LEFT-TO-RIGHT ISOLATE"),
        ("crc\ufeffabided", "U+FEFF ZERO WIDTH NO-BREAK SPACE"),
        ("crc\x07abided", "U+0007"),
    ],
)
def test_invisible_characters_in_a_reference_are_named(mini, capsys, text, name):
    replace_in(mini / SECTION, "{count:crc-abided} of", f"{{count:{text}}} of")
    code, output = _check(mini, capsys)
    assert code == 1
    assert f"findings/mini/{SECTION}:5:" in output and name in output
    assert not [c for c in output if is_hidden(c) and c != "\n"]


def test_a_cyrillic_lookalike_in_an_id_is_named(mini, capsys):
    replace_in(mini / SECTION, "{count:crc-abided} of", "{count:\u0441rc-abided} of")
    code, output = _check(mini, capsys)
    assert code == 1 and "U+0441 CYRILLIC SMALL LETTER ES" in output


# A child's peak memory counts the pages of the process it was forked from, so the check is
# started from this small launcher rather than from the test runner, which may be large.
_LAUNCHER = (
    "import os, subprocess, sys\n"
    "child = subprocess.Popen(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)\n"
    "_, status, usage = os.wait4(child.pid, 0)\n"
    "print(os.waitstatus_to_exitcode(status), usage.ru_maxrss)\n"
)


def test_the_check_runs_in_a_fresh_process_with_bounded_memory_on_a_megabyte_of_capitals(mini, tmp_path):
    _plant(mini, "\n\n".join(["ABCDEFGHIJ" * 990] * 100))
    check = [sys.executable, str(ROOT / "build.py"), "check", "--findings", str(mini.parent)]
    result = subprocess.run([sys.executable, "-c", _LAUNCHER, *check], capture_output=True, text=True)
    code, peak_kib = (int(part) for part in result.stdout.split())
    assert code == 1
    assert peak_kib < 300_000


def test_a_report_folder_name_cannot_forge_lines_in_build_output(mini, tmp_path, capsys):
    forged = mini.parent / "x\n::error file=README.md::forged"
    mini.rename(forged)
    code, output = _run(
        ["build", "--findings", str(forged.parent), "--output", str(tmp_path / "out")], capsys
    )
    assert code == 1
    assert not [line for line in output.splitlines() if line.startswith("::error file=README")]
    assert "x<U+000A>::error file=README.md::forged: not built" in output

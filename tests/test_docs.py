"""The README is the contract with editors: its commands and reference kinds must exist."""

import re

from conftest import ROOT

from inspection_report.cli import COMMANDS
from inspection_report.references import KNOWN_KINDS

README = (ROOT / "README.md").read_text(encoding="utf-8")
FORMAT = (ROOT / "docs" / "findings-format.md").read_text(encoding="utf-8")


def test_readme_gives_the_two_commands_and_make_defines_them():
    makefile = (ROOT / "Makefile").read_text(encoding="utf-8")
    for target in ("report", "test"):
        assert f"make {target}" in README
        assert re.search(rf"^{target}:", makefile, re.MULTILINE)


def test_ci_runs_the_readme_test_command():
    assert "make test" in (ROOT / ".ci" / "run").read_text(encoding="utf-8")


def test_every_command_is_documented():
    for command in COMMANDS:
        assert f"build.py {command}" in README or command == "build"


def test_every_reference_kind_is_documented_in_the_format_guide():
    for kind in KNOWN_KINDS:
        assert "{" + kind in FORMAT, kind


def test_every_option_of_every_command_is_documented():
    from inspection_report.cli_parser import build_parser as _parser

    parser = _parser()
    commands = next(a for a in parser._actions if a.__class__.__name__ == "_SubParsersAction")
    for name, command in commands.choices.items():
        assert f"`{name}" in README, name
        for action in command._actions:
            for option in action.option_strings:
                if option not in {"-h", "--help"}:
                    assert f"`{option}" in README, f"{name} {option}"

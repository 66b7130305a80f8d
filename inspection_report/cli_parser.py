"""The command line's grammar: every command and option, declared once, with its help.

Options may stand anywhere on the line (`diff A B --format html REPORT`), so each command's
arguments are read with argparse's intermixed parsing; `cli.py` runs what is parsed.
"""

from __future__ import annotations

import argparse
from functools import cache
from pathlib import Path

from inspection_report.fingerprint import PDF_MODES
from inspection_report.new_report import DEFAULT_SHAPE, SHAPES

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("build", "check", "diff", "matrix", "new", "schema", "serve", "textconv", "warm")


@cache
def build_parser() -> argparse.ArgumentParser:
    """The grammar, built once per process (about 6 ms): the warm process builds it before it
    forks its commands. Parsing leaves it as it was."""
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build inspection reports from findings into HTML and PDF.",
        epilog="Examples:\n"
        "  python build.py                             build every report\n"
        "  python build.py york-north-yorkshire-2016   build one report\n"
        "  python build.py check                       check every report without rendering\n"
        "  python build.py diff HEAD~1 HEAD            what changed in the findings since the last commit\n"
        "  python build.py schema                      regenerate the JSON Schemas in schema/",
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--verbose", action="store_true", help="show tracebacks of internal errors")
    commands = parser.add_subparsers(dest="command")
    build = commands.add_parser(
        "build",
        help="check, then render reports to output/<report-id>/",
        description="Check each report, then write report.html, report.pdf and charts to "
        "output/<report-id>/. Example: python build.py build york-north-yorkshire-2016",
    )
    check = commands.add_parser(
        "check",
        help="validate findings without rendering",
        description="Report every problem in the findings as path:line:column: severity: message. "
        "Exit 0 when there are no errors, 1 otherwise. "
        "Example: python build.py check york-north-yorkshire-2016 --format github",
    )
    check.add_argument(
        "--format",
        choices=("text", "json", "github"),
        default="text",
        help="text for people, json for tools, github for GitHub Actions annotations",
    )
    diff = commands.add_parser(
        "diff",
        help="what changed in the findings between two drafts",
        description="Compare the findings of two drafts, item by item, and show what each changed "
        "number touches. A and B are git refs (tags, branches, commits, HEAD~2) or folders; as "
        "with git diff, no side means HEAD against the working tree, one side means that side "
        "against the working tree, and A..B means A against B. Exit 0 when nothing changed, 1 when "
        "something did, 2 on trouble. "
        "Example: python build.py diff draft-2 draft-3 york-north-yorkshire-2016 --format markdown",
    )
    diff.add_argument(
        "arguments",
        nargs="*",
        metavar="[A [B]] [REPORT...]",
        help="the earlier and later drafts (git refs or folders), then report ids (default: all)",
    )
    diff.add_argument(
        "--pair",
        metavar="OLD=NEW",
        help="compare report OLD on side A with report NEW on side B (two different report ids)",
    )
    diff.add_argument(
        "--format",
        choices=("text", "markdown", "json", "html", "pdf"),
        default="text",
        help="text for a terminal, markdown for a pull-request comment, json for tools, "
        "html for a redline of the rendered report, pdf for the same redline printed",
    )
    diff.add_argument("--output", type=Path, help="write to this file instead of standard output")
    diff.add_argument(
        "--built",
        type=Path,
        default=ROOT / "output",
        help="the build's output folder: --format json gives each change's page in the PDF built "
        "there, when it was built from exactly the newer draft (default: output/)",
    )
    serve = commands.add_parser(
        "serve",
        help="preview the HTML edition, rebuilt and reloaded on every save",
        description="Serve the HTML edition on 127.0.0.1, rebuild it whenever a findings file or "
        "template is saved, and reload the open page. Errors in the findings show in the page. "
        "Example: python build.py serve york-north-yorkshire-2016 --port 8000",
    )
    serve.add_argument("reports", nargs="?", metavar="REPORT", help="report id (default: the only one)")
    serve.add_argument("--findings", type=Path, default=ROOT / "findings", help="findings folder")
    serve.add_argument("--port", type=int, default=8000, help="port on 127.0.0.1 (0 picks a free one)")
    serve.add_argument("--host", default="127.0.0.1", help="address to listen on (default 127.0.0.1)")
    serve.add_argument(
        "--output",
        type=Path,
        help="folder for the preview's files (default: a temporary folder, removed when serve stops)",
    )
    new = commands.add_parser(
        "new",
        help="start a new report's findings from a skeleton of the shape it will take",
        description="Create findings/REPORT-ID with every part and item kind of a Quality & Impact "
        "report of the chosen shape, each holding a TODO marker that check lists (the month of "
        "publication too). Shapes: "
        + "; ".join(f"{name}: {words}" for name, words in SHAPES.items())
        + ". Example: python build.py new leeds-2026 --shape 2017",
    )
    new.add_argument("report_id", metavar="REPORT-ID", help="the new report's id, e.g. leeds-2026")
    new.add_argument(
        "--shape",
        choices=tuple(SHAPES),
        default=DEFAULT_SHAPE,
        help=f"the report's shape (default: {DEFAULT_SHAPE})",
    )
    new.add_argument("--findings", type=Path, default=ROOT / "findings", help="findings folder")
    matrix = commands.add_parser(
        "matrix",
        help="print the report ids as JSON, for a CI matrix",
        description="Print every report id as a JSON array, so a CI workflow can build each report "
        "in its own job. Example: python build.py matrix",
    )
    matrix.add_argument("--findings", type=Path, default=ROOT / "findings", help="findings folder")
    schema = commands.add_parser(
        "schema",
        help="write the JSON Schemas of the findings to schema/",
        description="Regenerate schema/findings.schema.json and schema/house-style.schema.json from "
        "the models. Example: python build.py schema --check",
    )
    schema.add_argument("--check", action="store_true", help="only report whether the files are stale")
    textconv = commands.add_parser(
        "textconv",
        help="print a findings file as stable, readable text (git's textconv driver)",
        description="Print a YAML or Markdown findings file so that git diff shows findings, not "
        "formatting. Wire it up once with: git config diff.findings.textconv "
        "'.venv/bin/python build.py textconv'. Example: python build.py textconv findings/x/cases.yaml",
    )
    textconv.add_argument("file", type=Path, help="the file to print")
    warm = commands.add_parser(
        "warm",
        help="keep a loaded process so that later commands start at once",
        description="Start a process that keeps the libraries and WeasyPrint loaded; while it runs, "
        "every command of this checkout but serve runs in a fork of it, with the same arguments, "
        "folder, environment and terminal, and a rebuild after an edit costs about the layout of "
        "the edited part. It ends after --idle minutes with no command, when the code on disk "
        "changes (it then starts again with the new code), or with --stop. Linux only. "
        "Example: python build.py warm --idle 60",
    )
    action = warm.add_mutually_exclusive_group()
    action.add_argument("--stop", action="store_true", help="end the warm process")
    action.add_argument("--status", action="store_true", help="say whether one runs, and since when")
    warm.add_argument(
        "--idle",
        type=float,
        default=30,
        metavar="MINUTES",
        help="minutes with no command before it ends (30)",
    )
    for sub in (build, check):
        sub.add_argument(
            "reports",
            nargs="*",
            metavar="REPORT",
            help="report ids, or files inside findings/ (their reports are checked); default: all",
        )
        sub.add_argument("--findings", type=Path, default=ROOT / "findings", help="findings folder")
        sub.add_argument("--strict", action="store_true", help="treat warnings as errors")
    build.add_argument("--output", type=Path, default=ROOT / "output", help="output folder")
    build.add_argument("--force", action="store_true", help="rebuild even when nothing has changed")
    build.add_argument(
        "-j", "--jobs", type=int, default=0, help="reports built at once (default: the number of cores)"
    )
    build.add_argument("--html-only", action="store_true", help="build the HTML edition only (fast; no PDF)")
    build.add_argument(
        "--pdf-mode",
        choices=PDF_MODES,
        default=PDF_MODES[0],
        help="parts: typeset each part on its own, in parallel, and keep unchanged parts (default); "
        "whole: typeset the report as one flow",
    )
    return parser


def parse_command_line(arguments: list[str]) -> argparse.Namespace:
    """The command and its options; the command first (`build` when none is named), options
    anywhere after it."""
    parser = build_parser()
    if not arguments or arguments[0] in ("-h", "--help"):
        return parser.parse_args(arguments or ["build"])
    commands = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    command = arguments[0]
    parsed = commands.choices[command].parse_intermixed_args(arguments[1:])
    parsed.command = command
    return parsed

"""Command line: `build` (the default) and `check`.

User mistakes print as `file:line:column: error: message` lines with no traceback; only
`--verbose` shows tracebacks, and only for faults in the tool itself.
"""

from __future__ import annotations

import argparse
import sys
import time
import traceback
from pathlib import Path

from inspection_report.errors import FindingsError, Problem, UsageError

ROOT = Path(__file__).resolve().parent.parent
COMMANDS = ("build", "check")


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="build.py",
        description="Build inspection reports from findings into HTML and PDF.",
        epilog="Examples:\n  python build.py                      build every report\n"
        "  python build.py york-north-yorkshire-2016\n"
        "  python build.py check                check every report without rendering",
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
        description="Report every problem in the findings as file:line:column. "
        "Example: python build.py check york-north-yorkshire-2016",
    )
    for sub in (build, check):
        sub.add_argument("reports", nargs="*", metavar="REPORT", help="report ids (default: all)")
        sub.add_argument("--findings", type=Path, default=ROOT / "findings", help="findings folder")
    build.add_argument("--output", type=Path, default=ROOT / "output", help="output folder")
    return parser


def report_folders(findings: Path, ids: list[str]) -> list[Path]:
    if not findings.is_dir():
        raise UsageError(f"no findings folder at {findings}")
    available = sorted(p.name for p in findings.iterdir() if (p / "report.yaml").is_file())
    if not ids:
        if not available:
            raise UsageError(f"no reports under {findings} (a report is a folder with report.yaml)")
        return [findings / name for name in available]
    unknown = [i for i in ids if i not in available]
    if unknown:
        raise UsageError(f"no report named {', '.join(unknown)}; available: {', '.join(available)}")
    return [findings / i for i in ids]


def _print_problems(problems: list[Problem]) -> None:
    for problem in problems:
        print(problem, file=sys.stderr)


def _summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def run_check(args: argparse.Namespace) -> int:
    from inspection_report.validate import validated

    started = time.perf_counter()
    all_problems: list[Problem] = []
    for folder in report_folders(args.findings, args.reports):
        try:
            _, warnings = validated(folder, ROOT)
            all_problems += warnings
        except FindingsError as err:
            all_problems += err.problems
    _print_problems(all_problems)
    failed = any(p.severity == "error" for p in all_problems)
    print(
        f"check: {_summary(all_problems)} in {time.perf_counter() - started:.2f} s",
        file=sys.stderr if failed else sys.stdout,
    )
    return 1 if failed else 0


def run_build(args: argparse.Namespace) -> int:
    from inspection_report.pipeline import build_report

    failures = 0
    for folder in report_folders(args.findings, args.reports):
        try:
            result = build_report(folder, args.output, ROOT)
        except FindingsError as err:
            failures += 1
            _print_problems(err.problems)
            print(
                f"{folder.name}: not built ({_summary(err.problems)}); previous output left as it was",
                file=sys.stderr,
            )
            continue
        _print_problems(result.warnings)
        shown = _relative(result.destination)
        charts = sum(1 for f in result.files if f.parts[0] == "charts")
        print(
            f"{result.report_id}: wrote {shown}/report.html, {shown}/report.pdf and {charts} charts "
            f"in {result.seconds:.1f} s"
        )
    return 1 if failures else 0


def _relative(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    if not any(a in COMMANDS for a in argv[:2]) and "-h" not in argv and "--help" not in argv:
        argv = ["build", *argv] if "--verbose" not in argv[:1] else ["--verbose", "build", *argv[1:]]
    args = _parser().parse_args(argv)
    try:
        return run_check(args) if args.command == "check" else run_build(args)
    except UsageError as err:
        print(f"error: {err}", file=sys.stderr)
        return 2
    except KeyboardInterrupt:
        print("interrupted; previous output left as it was", file=sys.stderr)
        return 130
    except Exception as err:  # a fault in the tool, not in the findings
        if args.verbose:
            traceback.print_exc()
        print(
            f"internal error: {type(err).__name__}: {err} (run with --verbose for details)",
            file=sys.stderr,
        )
        return 2

"""Command line: `build` (the default), `check` and `schema`.

User mistakes print as `file:line:column: error: message` lines with no traceback; only
`--verbose` shows tracebacks, and only for faults in the tool itself.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
import time
import traceback
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from inspection_report.cli_parser import COMMANDS, ROOT, parse_command_line
from inspection_report.errors import FindingsError, Problem, UsageError, UserError
from inspection_report.problem_output import as_github, as_json, as_text, summary, text_lines
from inspection_report.shown_text import shown

if TYPE_CHECKING:
    from inspection_report.build_many import Outcome


def report_folders(findings: Path, names: list[str]) -> list[Path]:
    """Folders of the named reports. A name is a report id, or a path to a file or folder inside
    the findings (its report; the findings folder itself, or a file shared by every report such
    as the house style, names them all). A name that names nothing is a usage error, never a
    silent success that checked nothing."""
    if not findings.is_dir():
        raise UsageError(f"no findings folder at {findings}")
    available = sorted(p.name for p in findings.iterdir() if (p / "report.yaml").is_file())
    if not available:
        raise UsageError(f"no reports under {findings} (a report is a folder with report.yaml)")
    wanted: list[str] = []
    for name in names:
        wanted += _report_ids_for(findings, name, available)
    return [findings / w for w in dict.fromkeys(wanted or available)]


def _looks_like_a_path(name: str) -> bool:
    return "/" in name or "\\" in name or name in {".", ".."} or Path(name).suffix != ""


def _report_ids_for(findings: Path, name: str, available: list[str]) -> list[str]:
    if name in available:
        return [name]
    path = Path(name)
    if not _looks_like_a_path(name) and not path.exists():
        from inspection_report.checks.suggest import suggest

        raise UsageError(
            f"no report named {name}{suggest(name, available)} (available: {', '.join(available)})"
        )
    if not path.exists() and not path.is_symlink():
        raise UsageError(f"{name}: no such file or folder")
    try:
        inside = (path.parent.resolve() / path.name).relative_to(findings.resolve())
    except ValueError:
        raise UsageError(f"{name} is not inside the findings folder ({findings})") from None
    first = inside.parts[0] if inside.parts else ""
    if first in available:
        return [first]
    if not first or (findings / first).is_file():
        return list(available)
    raise UsageError(f"{name} is not in a report folder (a report is a folder with report.yaml)")


def _strict(problems: list[Problem]) -> list[Problem]:
    return [replace(p, severity="error") for p in problems]


def run_check(args: argparse.Namespace) -> int:
    from inspection_report.validate import validated

    started = time.perf_counter()
    folders = report_folders(args.findings, args.reports)
    problems: list[Problem] = []
    for folder in folders:
        try:
            _, warnings = validated(folder, args.findings.resolve().parent)
            problems += warnings
        except FindingsError as err:
            problems += err.problems
    if args.strict:
        problems = _strict(problems)
    failed = any(p.severity == "error" for p in problems)
    seconds = time.perf_counter() - started
    if args.format == "json":
        sys.stdout.write(as_json(problems, [f.name for f in folders], seconds))
    elif args.format == "github":
        sys.stdout.write(as_github(problems))
        print(f"check: {summary(problems)} in {seconds:.2f} s")
    else:
        stream = sys.stderr if failed else sys.stdout
        stream.writelines(text_lines(problems))
        print(f"check: {summary(problems)} in {seconds:.2f} s", file=stream)
    return 1 if failed else 0


def run_build(args: argparse.Namespace) -> int:
    from inspection_report.build_many import build_many

    started = time.perf_counter()
    folders = report_folders(args.findings, args.reports)
    options = {
        "strict": args.strict,
        "force": args.force,
        "html_only": args.html_only,
        "pdf_mode": args.pdf_mode,
    }
    jobs = args.jobs or os.cpu_count() or 1
    outcomes = build_many(folders, args.output, args.findings.resolve().parent, options, jobs)
    for outcome in outcomes:
        name = shown(outcome.report_id)
        if outcome.status == "failed":
            problems = _strict(outcome.problems) if args.strict else outcome.problems
            sys.stderr.write(as_text(problems))
            reason = summary(problems) if problems else shown(outcome.message)
            print(f"{name}: not built ({reason}); previous output left as it was", file=sys.stderr)
            continue
        where = shown(str(_relative(outcome.destination) if outcome.destination else outcome.report_id))
        if outcome.status == "unchanged":
            print(f"{name}: unchanged since the last build ({where}/); --force rebuilds it")
            continue
        if outcome.problems:
            print(f"{name}: {summary(outcome.problems)} (python build.py check lists them)")
        editions = f"{where}/report.html" + ("" if outcome.html_only else f", {where}/report.pdf")
        print(f"{name}: wrote {editions} in {outcome.seconds:.1f} s{_layouts(outcome)}")
    failed = sum(o.status == "failed" for o in outcomes)
    if len(outcomes) > 1:
        built = sum(o.status == "built" for o in outcomes)
        unchanged = sum(o.status == "unchanged" for o in outcomes)
        print(
            f"{len(outcomes)} reports: {built} built, {unchanged} unchanged, {failed} failed "
            f"in {time.perf_counter() - started:.1f} s with {min(jobs, len(outcomes))} processes"
        )
    return 1 if failed else 0


def run_serve(args: argparse.Namespace) -> int:
    from inspection_report.serve import serve

    folders = report_folders(args.findings, [args.reports] if args.reports else [])
    if len(folders) > 1:
        raise UsageError("name the report to serve: " + ", ".join(f.name for f in folders))
    with tempfile.TemporaryDirectory(prefix="report-preview-") as scratch:
        output = args.output or Path(scratch)
        try:
            serve(
                folders[0], output, args.findings.resolve().parent, ROOT / "templates", args.host, args.port
            )
        except OSError as err:
            raise UsageError(f"cannot listen on {args.host}:{args.port}: {err.strerror}") from err
    return 0


def run_new(args: argparse.Namespace) -> int:
    from inspection_report.new_report import create_report
    from inspection_report.validate import validated

    folder = create_report(args.findings, args.report_id, args.shape)
    try:
        _, warnings = validated(folder, args.findings.resolve().parent)
    except FindingsError as err:
        warnings = err.problems
    todos = sum("TODO" in p.message for p in warnings)
    print(
        f"created {_relative(folder)}/ with {todos} TODO markers; "
        f"python build.py check {args.report_id} lists them"
    )
    return 0


def run_matrix(args: argparse.Namespace) -> int:
    folders = report_folders(args.findings, [])
    print(json.dumps([folder.name for folder in folders]))
    return 0


def run_diff(args: argparse.Namespace) -> int:
    from inspection_report.diff.run import SideInvalid, compute_diffs, render_diffs
    from inspection_report.diff.sides import split_arguments

    if args.output is not None and not args.output.parent.resolve().is_dir():
        raise UsageError(f"--output {args.output}: the folder {args.output.parent} does not exist")

    old, new, reports = split_arguments(args.arguments, Path.cwd())
    try:
        built = args.built if args.format == "json" else None
        diffs = compute_diffs(old, new, reports, Path.cwd(), args.pair, built)
    except SideInvalid as err:
        sys.stderr.write(err.describe())
        return 2
    rendered = render_diffs(diffs, args.format, to_terminal=args.output is None)
    data = rendered.encode("utf-8") if isinstance(rendered, str) else rendered
    if data is not None:
        if args.output is not None:
            from inspection_report.whole_files import write_replacing

            write_replacing(args.output, data)
        else:
            sys.stdout.flush()
            sys.stdout.buffer.write(data)
            sys.stdout.buffer.flush()
    return 1 if any(d.changes for d in diffs) else 0


def run_textconv(args: argparse.Namespace) -> int:
    from inspection_report.diff.textconv import textconv

    if not args.file.is_file():
        raise UsageError(f"no such file: {args.file}")
    sys.stdout.write(textconv(args.file))
    return 0


def run_schema(args: argparse.Namespace) -> int:
    from inspection_report.schema import stale_schemas, write_schemas

    folder = ROOT / "schema"
    if args.check:
        stale = stale_schemas(folder)
        for name in stale:
            print(f"schema/{name} is stale; run: python build.py schema", file=sys.stderr)
        return 1 if stale else 0
    written = write_schemas(folder)
    print(f"schema: wrote {len(written)} file(s)" + "".join(f"\n  {_relative(p)}" for p in written))
    return 0


def run_warm(args: argparse.Namespace) -> int:
    from inspection_report import warm_control

    if args.stop:
        print(warm_control.stop())
    elif args.status:
        print(warm_control.status())
    else:
        print(warm_control.start(args.idle))
    return 0


def _layouts(outcome: Outcome) -> str:
    """What the part-by-part PDF laid out again: an editor sees that an edit cost one part."""
    if not outcome.typeset and not outcome.reused:
        return ""
    names = ", ".join(shown(name) for name in outcome.typeset[:4])
    more = f" and {len(outcome.typeset) - 4} more" if len(outcome.typeset) > 4 else ""
    laid = f"{len(outcome.typeset)} laid out ({names}{more})" if outcome.typeset else "none laid out"
    return f"; PDF layouts: {laid}, {outcome.reused} from the cache"


def _relative(path: Path) -> Path:
    try:
        return path.resolve().relative_to(Path.cwd())
    except ValueError:
        return path


def main(argv: list[str] | None = None) -> int:
    argv = list(sys.argv[1:] if argv is None else argv)
    verbose = "--verbose" in argv
    rest = [a for a in argv if a != "--verbose"]
    if not (rest and rest[0] in COMMANDS) and not {"-h", "--help"} & set(rest[:1]):
        rest = ["build", *rest]
    args = parse_command_line(rest)
    args.verbose = verbose
    runners = {
        "check": run_check,
        "diff": run_diff,
        "matrix": run_matrix,
        "new": run_new,
        "serve": run_serve,
        "schema": run_schema,
        "textconv": run_textconv,
        "build": run_build,
        "warm": run_warm,
    }
    try:
        return runners[args.command](args)
    except FindingsError as err:
        sys.stderr.write(as_text(err.problems))
        print(f"{args.command}: {summary(err.problems)}", file=sys.stderr)
        return err.exit_code
    except UserError as err:
        print(f"error: {shown(str(err))}", file=sys.stderr)
        return err.exit_code
    except KeyboardInterrupt:
        print("interrupted; previous output left as it was", file=sys.stderr)
        return 130
    except Exception as err:  # a fault in the tool, not in the findings
        if args.verbose:
            traceback.print_exc()
        print(
            f"internal error: {type(err).__name__}: {shown(str(err))} (run with --verbose for details)",
            file=sys.stderr,
        )
        return 2

"""`build.py diff A B [REPORT...]`: load both sides through the same model, compare, print."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from inspection_report.checks import check_report
from inspection_report.derive import Derived, derive
from inspection_report.diff.changes import Diff
from inspection_report.diff.compare import diff_reports
from inspection_report.diff.sides import Side, open_side
from inspection_report.errors import FindingsError, Problem, UsageError
from inspection_report.load import load_findings
from inspection_report.problem_output import as_text
from inspection_report.shown_text import shown


def _reports(side: Side) -> dict[str, Path]:
    return {
        p.name: p
        for p in sorted(side.findings.iterdir())
        if (p / "report.yaml").is_file() and side.only in (None, p.name)
    }


def _load(side: Side, folder: Path) -> tuple[Derived, list[Problem]]:
    """A side's report and the errors today's checks find in it. A draft that fails the
    checks (work in progress, or an older draft under newer rules) is still compared; only
    one that cannot be loaded at all stops the diff."""
    try:
        derived = derive(load_findings(folder, side.findings.parent))
    except FindingsError as err:
        raise SideInvalid(side.label, folder.name, err) from err
    return derived, [p for p in check_report(derived) if p.severity == "error"]


class SideInvalid(Exception):
    def __init__(self, label: str, report_id: str, error: FindingsError) -> None:
        self.label, self.report_id, self.error = label, report_id, error
        super().__init__(f"{label}: {report_id} cannot be loaded")

    def describe(self) -> str:
        errors = [p for p in self.error.problems if p.severity == "error"]
        head = (
            f"{shown(self.label)}: report {shown(self.report_id)} cannot be loaded ({len(errors)} errors):\n"
        )
        return head + as_text(errors)


def compute_diffs(
    old_spec: str,
    new_spec: str,
    report_ids: list[str],
    repository: Path,
    pair: str | None = None,
    built: Path | None = None,
) -> list[Diff]:
    """The diffs of the reports on both sides; with `built` (the build's output folder), each
    change also gets its page in the new side's PDF, if one was built from exactly that side."""
    with tempfile.TemporaryDirectory(prefix="report-diff-") as scratch:
        old, new = (
            open_side(old_spec, repository, Path(scratch)),
            open_side(new_spec, repository, Path(scratch)),
        )
        old_reports, new_reports = _reports(old), _reports(new)
        if pair is not None:
            return [_with_pages(_paired(old, new, old_reports, new_reports, pair), new_reports, built)]
        if not report_ids and old_reports and new_reports and not set(old_reports) & set(new_reports):
            raise UsageError(
                f"{shown(old.label)} holds {shown(', '.join(old_reports))} and {shown(new.label)} holds "
                f"{shown(', '.join(new_reports))}: no report is on both sides. To compare two different "
                f"reports, say so: --pair {shown(next(iter(old_reports)))}={shown(next(iter(new_reports)))}"
            )
        wanted = report_ids or sorted(set(old_reports) | set(new_reports))
        unknown = [r for r in wanted if r not in old_reports and r not in new_reports]
        if unknown:
            raise UsageError(f"no report named {shown(', '.join(unknown))} on either side")
        diffs = []
        for report_id in wanted:
            if report_id not in old_reports or report_id not in new_reports:
                present = new_reports.get(report_id) or old_reports[report_id]
                side = new if report_id in new_reports else old
                derived, _ = _load(side, present)
                diffs.append(_whole_report(derived, old.label, new.label, added=report_id in new_reports))
                continue
            compared = _compared(old, new, old_reports[report_id], new_reports[report_id])
            diffs.append(_with_pages(compared, new_reports, built))
        return diffs


def _with_pages(diff: Diff, new_reports: dict[str, Path], built: Path | None) -> Diff:
    if built is not None and diff.report_id in new_reports:
        from inspection_report.diff.pages import add_pages, built_pdf

        destination = built / diff.report_id
        index = built_pdf(new_reports[diff.report_id], destination)
        if index is not None:
            add_pages(diff, index, _shown_path(destination / "report.pdf"))
    return diff


def _shown_path(path: Path) -> str:
    """A path as a reviewer would type it: relative to the current folder when inside it."""
    try:
        return str(path.resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def _compared(old: Side, new: Side, old_folder: Path, new_folder: Path) -> Diff:
    (before, old_problems), (after, new_problems) = _load(old, old_folder), _load(new, new_folder)
    diff = diff_reports(before, after, old.label, new.label)
    diff.old_problems, diff.new_problems = old_problems, new_problems
    return diff


def _paired(
    old: Side, new: Side, old_reports: dict[str, Path], new_reports: dict[str, Path], pair: str
) -> Diff:
    """Two different reports compared on purpose (`--pair OLD=NEW`)."""
    old_id, _, new_id = pair.partition("=")
    if old_id not in old_reports or new_id not in new_reports:
        raise UsageError(
            f"--pair {shown(pair)}: expected OLD=NEW with report {shown(old_id)} on {shown(old.label)} "
            f"and report {shown(new_id)} on {shown(new.label)}"
        )
    return _compared(old, new, old_reports[old_id], new_reports[new_id])


def _whole_report(derived: Derived, old_label: str, new_label: str, added: bool) -> Diff:
    from inspection_report.diff.changes import Change

    meta = derived.findings.meta
    change = Change("added" if added else "removed", "Metadata", "report", meta.id, meta.full_title)
    return Diff(old_label, new_label, meta.id, [change])


def render_diffs(diffs: list[Diff], fmt: str, to_terminal: bool) -> str | bytes | None:
    """The diffs in the chosen format; text on a terminal is printed directly (None returned)."""
    if fmt == "json":
        from inspection_report.diff.json_output import diffs_to_json

        return diffs_to_json(diffs)
    if fmt == "markdown":
        from inspection_report.diff.markdown_output import diffs_to_markdown

        return diffs_to_markdown(diffs)
    if fmt == "html":
        from inspection_report.diff.redline import diffs_to_redline

        return diffs_to_redline(diffs)
    if fmt == "pdf":
        from inspection_report.diff.redline import diffs_to_redline_pdf

        if to_terminal and sys.stdout.isatty():
            raise UsageError("--format pdf writes a binary file; give --output FILE.pdf or redirect it")
        return diffs_to_redline_pdf(diffs)
    from rich.console import Console

    from inspection_report.diff.text_output import print_diff

    if to_terminal:
        console = Console(highlight=False)
        for diff in diffs:
            print_diff(diff, console)
        return None
    console = Console(record=True, no_color=True, width=100, file=open(os.devnull, "w"))  # noqa: SIM115
    for diff in diffs:
        print_diff(diff, console)
    return console.export_text()

"""`build.py diff A B [REPORT...]`: load both sides through the same model, compare, print."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

from inspection_report.derive import Derived
from inspection_report.diff.changes import Diff
from inspection_report.diff.compare import diff_reports
from inspection_report.diff.sides import Side, open_side
from inspection_report.errors import FindingsError, UsageError
from inspection_report.problem_output import as_text
from inspection_report.shown_text import shown
from inspection_report.validate import validated


def _reports(side: Side) -> dict[str, Path]:
    return {
        p.name: p
        for p in sorted(side.findings.iterdir())
        if (p / "report.yaml").is_file() and side.only in (None, p.name)
    }


def _load(side: Side, folder: Path) -> Derived:
    try:
        derived, _ = validated(folder, side.findings.parent)
    except FindingsError as err:
        raise SideInvalid(side.label, folder.name, err) from err
    return derived


class SideInvalid(Exception):
    def __init__(self, label: str, report_id: str, error: FindingsError) -> None:
        self.label, self.report_id, self.error = label, report_id, error
        super().__init__(f"{label}: {report_id} does not validate")

    def describe(self) -> str:
        errors = [p for p in self.error.problems if p.severity == "error"]
        head = (
            f"{shown(self.label)}: report {shown(self.report_id)} does not validate ({len(errors)} errors):\n"
        )
        return head + as_text(errors)


def compute_diffs(old_spec: str, new_spec: str, report_ids: list[str], repository: Path) -> list[Diff]:
    with tempfile.TemporaryDirectory(prefix="report-diff-") as scratch:
        old, new = (
            open_side(old_spec, repository, Path(scratch)),
            open_side(new_spec, repository, Path(scratch)),
        )
        old_reports, new_reports = _reports(old), _reports(new)
        wanted = report_ids or sorted(set(old_reports) | set(new_reports))
        unknown = [r for r in wanted if r not in old_reports and r not in new_reports]
        if unknown:
            raise UsageError(f"no report named {shown(', '.join(unknown))} on either side")
        diffs = []
        for report_id in wanted:
            if report_id not in old_reports or report_id not in new_reports:
                present = new_reports.get(report_id) or old_reports[report_id]
                side = new if report_id in new_reports else old
                derived = _load(side, present)
                diffs.append(_whole_report(derived, old.label, new.label, added=report_id in new_reports))
                continue
            diffs.append(
                diff_reports(
                    _load(old, old_reports[report_id]),
                    _load(new, new_reports[report_id]),
                    old.label,
                    new.label,
                )
            )
        return diffs


def _whole_report(derived: Derived, old_label: str, new_label: str, added: bool) -> Diff:
    from inspection_report.diff.changes import Change

    meta = derived.findings.meta
    change = Change("added" if added else "removed", "Metadata", "report", meta.id, meta.full_title)
    return Diff(old_label, new_label, meta.id, [change])


def render_diffs(diffs: list[Diff], fmt: str, to_terminal: bool) -> str | None:
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

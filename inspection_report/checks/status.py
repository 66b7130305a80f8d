"""What a report's status allows: a draft may carry TODOs and illustrative data, a final may not.

In a draft both are warnings, so the editor sees what is left to do; in a final report they
are errors, so nothing unfinished or invented is published.
"""

from __future__ import annotations

from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem, Severity
from inspection_report.item_kinds import ITEM_KINDS


def check_status(derived: Derived) -> list[Problem]:
    findings = derived.findings
    final = findings.meta.status == "final"
    severity: Severity = "error" if final else "warning"
    problems = []
    if not final and not findings.meta.marking.strip():
        problems.append(
            Problem(
                findings.locate_meta("marking"),
                "a draft must carry a protective marking (printed on every page); write one, such as "
                "'OFFICIAL-SENSITIVE: draft, not for publication', or remove the key for that default",
            )
        )
    message = (
        "TODO marker in a final report; finish or remove it"
        if final
        else "TODO marker: still to do before this report is final"
    )
    problems += [Problem(where, message, severity) for where in findings.todo_markers]
    for kind in (kind.collection for kind in ITEM_KINDS if kind.number):
        for item in findings.items[kind].values():
            if item.illustrative:
                problems.append(_illustrative(findings.locate(item.id, "illustrative"), item.id, final))
    for exhibit in findings.items["exhibits"].values():
        for index, row in enumerate(exhibit.rows):
            if row.illustrative:
                where = findings.locate(exhibit.id, "rows", index, "illustrative")
                problems.append(_illustrative(where, f"{exhibit.id}: {row.name}", final))
    return problems


def _illustrative(where: Location, what: str, final: bool) -> Problem:
    if final:
        return Problem(
            where, f"'{what}' is illustrative data; a final report may publish only sourced figures"
        )
    return Problem(
        where, f"'{what}' is declared illustrative data (not from the published source)", "warning"
    )

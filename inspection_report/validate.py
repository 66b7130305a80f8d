"""Load, derive and check a report: everything `check` does, without rendering.

Kept free of heavy imports (WeasyPrint, matplotlib, Jinja) so `check` starts fast enough
for a pre-commit hook.
"""

from __future__ import annotations

from pathlib import Path

from inspection_report.checks import check_report
from inspection_report.derive import Derived, derive
from inspection_report.errors import FindingsError, Problem
from inspection_report.load import load_findings


def validated(folder: Path, root: Path, strict: bool = False) -> tuple[Derived, list[Problem]]:
    """Load and check a report; raise with every problem if any is an error, else return the warnings.

    With `strict`, warnings count as errors.
    """
    derived = derive(load_findings(folder, root))
    problems = check_report(derived)
    if stops_the_build(problems, strict):
        raise FindingsError(problems)
    return derived, problems


def stops_the_build(problems: list[Problem], strict: bool) -> bool:
    """Any error does; with `strict`, any problem at all."""
    return any(p.severity == "error" or strict for p in problems)

"""Editorial checks: the rules that span items, beyond what the typed model can say.

Each check is a function from the derived report to a list of located problems; none raises,
so one run reports every mistake. `check_report` runs them all.
"""

from __future__ import annotations

from collections.abc import Callable

from inspection_report.checks.counts import check_counts, check_shares
from inspection_report.checks.cross_references import check_cross_references
from inspection_report.checks.dates import check_dates
from inspection_report.checks.glossary import check_glossary
from inspection_report.checks.labels import check_labels
from inspection_report.checks.markup import check_markup
from inspection_report.checks.numbering import check_numbering
from inspection_report.checks.ranges import check_ranges
from inspection_report.checks.references import check_references
from inspection_report.checks.status import check_status
from inspection_report.checks.style import check_style
from inspection_report.checks.typed_figures import check_typed_figures
from inspection_report.checks.typography import check_typography
from inspection_report.checks.usage import check_organisations, check_usage
from inspection_report.derive import Derived
from inspection_report.errors import Problem, in_file_order

CHECKS: tuple[Callable[[Derived], list[Problem]], ...] = (
    check_references,
    check_counts,
    check_shares,
    check_cross_references,
    check_typed_figures,
    check_numbering,
    check_glossary,
    check_usage,
    check_organisations,
    check_dates,
    check_status,
    check_style,
    check_markup,
    check_ranges,
    check_labels,
    check_typography,
)


def check_report(derived: Derived) -> list[Problem]:
    problems = [problem for check in CHECKS for problem in check(derived)]
    return in_file_order(set(problems))

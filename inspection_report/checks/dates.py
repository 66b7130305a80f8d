"""Dates are plausible for the inspection: not after publication, not years before it.

A slip like "December 2105" reads naturally and passes every spell-checker; here it is an
error because it lies after the report's publication month.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.references import REFERENCE
from inspection_report.texts import TextSpan

MONTHS = {
    name: index
    for index, names in enumerate(
        [
            ("January", "Jan"),
            ("February", "Feb"),
            ("March", "Mar"),
            ("April", "Apr"),
            ("May",),
            ("June", "Jun"),
            ("July", "Jul"),
            ("August", "Aug"),
            ("September", "Sept", "Sep"),
            ("October", "Oct"),
            ("November", "Nov"),
            ("December", "Dec"),
        ],
        start=1,
    )
    for name in names
}
_MONTH_YEAR = re.compile(r"\b(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?\s+(\d{4})\b")
_YEAR = re.compile(r"(?<![\d./-])(1[89]\d\d|2\d\d\d)(?![\d%])")
YEARS_BEFORE = 10


def check_dates(derived: Derived) -> list[Problem]:
    meta = derived.findings.meta
    year, month = (int(part) for part in meta.published.split("-"))
    published = year * 12 + month
    earliest = published - YEARS_BEFORE * 12
    problems = []
    for span in _spans(derived):
        text = REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text)
        month_years = list(_MONTH_YEAR.finditer(text))
        for match in month_years:
            when = int(match.group(2)) * 12 + MONTHS[match.group(1)]
            if when > published:
                problems.append(
                    Problem(
                        span.location_at(match.start()),
                        f"'{match.group(0)}' is after the report's publication "
                        f"({_month_name(month)} {year}); is the year mistyped?",
                    )
                )
            elif when < earliest:
                problems.append(
                    Problem(
                        span.location_at(match.start()),
                        f"'{match.group(0)}' is more than {YEARS_BEFORE} years before the "
                        f"report's publication ({_month_name(month)} {year}); is the year mistyped?",
                    )
                )
        covered = [range(m.start(), m.end()) for m in month_years]
        for match in _YEAR.finditer(text):
            if any(match.start() in r for r in covered):
                continue
            if int(match.group(1)) > year:
                problems.append(
                    Problem(
                        span.location_at(match.start()),
                        f"the year {match.group(1)} is after the report's publication "
                        f"({_month_name(month)} {year}); is it mistyped?",
                    )
                )
    return problems


def _month_name(month: int) -> str:
    return next(name for name, index in MONTHS.items() if index == month)


def _spans(derived: Derived) -> Iterator[TextSpan]:
    findings = derived.findings
    yield from derived.texts
    for exhibit in findings.items["exhibits"].values():
        if exhibit.source:
            yield TextSpan(exhibit.source, findings.locate(exhibit.id, "source"), "exhibit", exhibit.id)
    for kind in ("counts", "measures"):
        for item in findings.items[kind].values():
            yield TextSpan(item.description, findings.locate(item.id, "description"), "prose", item.id)

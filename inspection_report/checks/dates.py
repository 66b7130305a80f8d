"""Dates are real and plausible for the inspection: no 31 June, no month 13, nothing after
publication and nothing years before it.

A slip like "December 2105" reads naturally and passes every spell-checker; here it is an
error because it lies after the report's publication month. When most dates in the text
disagree with the publication month in the same direction, the mistake is the publication
month itself, so it is reported once, at `published:` in report.yaml, instead of at every
date that is in fact right.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Iterator
from dataclasses import dataclass

from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem
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
_MONTH = "(" + "|".join(sorted(MONTHS, key=len, reverse=True)) + r")\.?"
_ORDINAL = r"(\d{1,2})(?:st|nd|rd|th)?"
_DAY_MONTH_YEAR = re.compile(rf"\b{_ORDINAL}\s+{_MONTH},?\s+(\d{{4}})\b")
_MONTH_DAY_YEAR = re.compile(rf"\b{_MONTH}\s+{_ORDINAL},\s+(\d{{4}})\b")
_MONTH_YEAR = re.compile(rf"\b{_MONTH}\s+(\d{{4}})\b")
_NUMERIC = re.compile(r"(?<![\d/.-])(\d{1,2})/(\d{1,2})/(\d{4})(?![\d/])")
_ISO = re.compile(r"(?<![\d-])(\d{4})-(\d{2})-(\d{2})(?![\d-])")
# Every date this module reads holds a four-digit year; most text holds none, and is skipped.
_FOUR_DIGITS = re.compile(r"(?<!\d)\d{4}(?!\d)")
_YEAR = re.compile(r"(?<![\d./-])(1[89]\d\d|2\d\d\d)(?![\d%])")
YEARS_BEFORE = 10
# With fewer dated mentions than this, no majority can say the publication month is wrong.
_ENOUGH_TO_JUDGE = 3


@dataclass(frozen=True)
class _Mention:
    where: Location
    text: str
    month: int | None
    """Months since year 0 when the mention gives a month; None for a bare year."""
    year: int


def check_dates(derived: Derived) -> list[Problem]:
    meta = derived.findings.meta
    if meta.published_month is None:
        return [
            problem
            for span in _spans(derived)
            if _FOUR_DIGITS.search(span.text)
            for problem in _impossible(span, REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text))
        ]
    year, month = meta.published_month
    published = year * 12 + month
    earliest = published - YEARS_BEFORE * 12
    problems: list[Problem] = []
    mentions: list[_Mention] = []
    for span in _spans(derived):
        if not _FOUR_DIGITS.search(span.text):
            continue
        text = REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text)
        problems += _impossible(span, text)
        mentions += _mentions(span, text)
    after = [m for m in mentions if (m.month or 0) > published or m.year > year]
    before = [m for m in mentions if m.month is not None and m.month < earliest]
    # A bare year long before publication may be history ("since 1998"), so it is never an
    # error of its own; but it counts when judging whether the publication month is wrong.
    long_before = [m for m in mentions if (m.month or m.year * 12 + 12) < earliest]
    shown = f"{_month_name(month)} {year}"
    if len(mentions) >= _ENOUGH_TO_JUDGE and max(len(after), len(long_before)) * 2 > len(mentions):
        wrong = after if len(after) >= len(long_before) else long_before
        latest = max(mentions, key=lambda m: m.month or m.year * 12)
        direction = "before" if wrong is after else "more than ten years after"
        problems.append(
            Problem(
                derived.findings.locate_meta("published"),
                f"published: {meta.published} ({shown}) is {direction} {len(wrong)} of the "
                f"{len(mentions)} dates in the report (the latest is '{latest.text}' at {latest.where}); "
                "is the year mistyped?",
            )
        )
        return problems
    for mention in after:
        problems.append(
            Problem(
                mention.where,
                f"'{mention.text}' is after the report's publication ({shown}); is the year mistyped?"
                if mention.month is not None
                else f"the year {mention.text} is after the report's publication ({shown}); is it mistyped?",
            )
        )
    for mention in before:
        problems.append(
            Problem(
                mention.where,
                f"'{mention.text}' is more than {YEARS_BEFORE} years before the report's publication "
                f"({shown}); is the year mistyped?",
            )
        )
    return problems


def _impossible(span: TextSpan, text: str) -> list[Problem]:
    """Days and months that no calendar has: 31 June, 29 February 2015, 12/13/2016."""
    problems = []
    found: list[tuple[re.Match[str], int, int, int]] = []
    for match in _DAY_MONTH_YEAR.finditer(text):
        found.append((match, int(match.group(1)), MONTHS[match.group(2)], int(match.group(3))))
    for match in _MONTH_DAY_YEAR.finditer(text):
        found.append((match, int(match.group(2)), MONTHS[match.group(1)], int(match.group(3))))
    for match in _NUMERIC.finditer(text):
        found.append((match, int(match.group(1)), int(match.group(2)), int(match.group(3))))
    for match in _ISO.finditer(text):
        found.append((match, int(match.group(3)), int(match.group(2)), int(match.group(1))))
    for match, day, month, year in found:
        if not 1 <= month <= 12:
            reason = f"there is no month {month}"
        elif not 1 <= day <= calendar.monthrange(year, month)[1]:
            reason = f"{_month_name(month)} {year} has {calendar.monthrange(year, month)[1]} days"
        else:
            continue
        problems.append(
            Problem(span.location_at(match.start()), f"'{match.group(0)}' is not a date: {reason}")
        )
    return problems


def _mentions(span: TextSpan, text: str) -> Iterator[_Mention]:
    month_years = list(_MONTH_YEAR.finditer(text))
    for match in month_years:
        year = int(match.group(2))
        yield _Mention(
            span.location_at(match.start()), match.group(0), year * 12 + MONTHS[match.group(1)], year
        )
    covered = {match.start(2) for match in month_years}
    for match in _YEAR.finditer(text):
        if match.start() not in covered:
            yield _Mention(span.location_at(match.start()), match.group(1), None, int(match.group(1)))


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
            if _FOUR_DIGITS.search(item.description):
                yield TextSpan(item.description, findings.locate(item.id, "description"), "prose", item.id)

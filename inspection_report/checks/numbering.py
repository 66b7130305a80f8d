"""Numbers readers see are derived from order; a number typed into a title or item is an error.

An editor who types "5.1" into a section title or "4." before a recommendation will be
wrong the moment anything moves, so the typed number is refused and the fix is named.
"""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem

_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*\.?)\s")
_EXHIBIT_NUMBER = re.compile(r"^\s*(Figure|Table|Chart)\s+\d+(?:\.\d+)*\s*:?")


def check_numbering(derived: Derived) -> list[Problem]:
    findings = derived.findings
    problems: list[Problem] = []
    for part in findings.parts:
        if part.meta.kind == "section":
            problems.append(
                Problem(
                    Location(part.body.path, 2),
                    "kind 'section' is for files inside a "
                    "chapter's folder; a part is front, chapter or appendix",
                )
            )
        for meta, prose in [(part.meta, part.body), *((s.meta, s.body) for s in part.sections)]:
            match = _LEADING_NUMBER.match(meta.title)
            if match:
                problems.append(
                    Problem(
                        Location(prose.path, 3),
                        f"title '{meta.title}' starts with a typed number '{match.group(1)}'; numbers "
                        "are derived from order, so remove it",
                    )
                )
    problems += _headings(derived)
    numbered_items = [
        (rec.text, findings.locate(rec.id, "text"), "recommendation", "recommendations")
        for group in findings.items["recommendation_groups"].values()
        for rec in group.recommendations
    ] + [
        (text, findings.locate(table.id, column, index), column[:-1], "rows")
        for table in findings.items["enablers_barriers"].values()
        for column in ("enablers", "barriers")
        for index, text in enumerate(getattr(table, column))
    ]
    for text, where, what, numbered in numbered_items:
        match = _LEADING_NUMBER.match(text)
        if match:
            problems.append(
                Problem(
                    where,
                    f"{what} starts with a typed number '{match.group(1)}'; {numbered} are numbered "
                    "from their order, so remove it",
                )
            )
    for exhibit in findings.items["exhibits"].values():
        match = _EXHIBIT_NUMBER.match(exhibit.title)
        if match:
            problems.append(
                Problem(
                    findings.locate(exhibit.id, "title"),
                    f"title starts with '{match.group(0).strip()}'; the label and number are derived "
                    "(set 'label:' and the part's 'exhibit_prefix:'), so remove it",
                )
            )
    return problems


def _headings(derived: Derived) -> list[Problem]:
    """Sub-headings in prose start at '##' (a single '#' is the level of the part's own title)
    and go down one level at a time, so screen readers and the PDF outline see a true tree."""
    problems = []
    for span in derived.texts:
        if span.role != "prose":
            continue
        previous = 1
        for heading in derived.markdown(span).headings:
            where = span.location_at(heading.offset)
            number = _LEADING_NUMBER.match(heading.text + " ")
            if number:
                problems.append(
                    Problem(
                        where,
                        f"heading starts with a typed number '{number.group(1)}'; remove it (sub-headings "
                        "are not numbered, sections are numbered from their order)",
                    )
                )
            if heading.level == 1:
                problems.append(
                    Problem(
                        where,
                        "a '#' heading is at the level of the part's own title; sub-headings start at '##'",
                    )
                )
            elif heading.level > previous + 1:
                marks = "#" * heading.level
                problems.append(
                    Problem(
                        where,
                        f"a file's first heading is '##'; this one is '{marks}' (headings go down one "
                        "level at a time)"
                        if previous == 1
                        else f"heading '{marks}' follows '{'#' * previous}', skipping a level; use "
                        f"'{'#' * (previous + 1)}' (headings go down one level at a time)",
                    )
                )
            previous = max(heading.level, 2) if heading.level <= previous + 1 else previous + 1
    return problems

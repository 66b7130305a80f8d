"""Numbers readers see are derived from order; a number typed into a title or item is an error.

An editor who types "5.1" into a section title or "4." before a recommendation will be
wrong the moment anything moves, so the typed number is refused and the fix is named.
"""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem

_LEADING_NUMBER = re.compile(r"^\s*(\d+(?:\.\d+)*\.?)\s")
_HEADING_NUMBER = re.compile(r"^(#{1,6})\s+(\d+(?:\.\d+)*\.?)\s", re.MULTILINE)
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
            for heading in _HEADING_NUMBER.finditer(prose.text):
                line = prose.first_line + prose.text[: heading.start()].count("\n")
                problems.append(
                    Problem(
                        Location(prose.path, line),
                        f"heading starts with a typed number '{heading.group(2)}'; remove it (sub-headings "
                        "are not numbered, sections are numbered from their order)",
                    )
                )
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

"""Every number is one a reader could believe: percentages from 0 to 100, levels never
negative, a part never more than its whole, ranks from 1, a case sample counted once.

The model already refuses what is not a finite number; these are the slips that are numbers
but cannot be true: "112%", a rate of -4, "25 (of 21)", a case-findings question that adds
the CRC's cases twice. A rise or a fall may be negative or exceed 100%, so a key fact or
measure that is one says so with `change: true`.
"""

from __future__ import annotations

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.model import Exhibit

# A figure beyond this is a typing slip in any inspection report (the population of the
# world is below 10^10).
MAX_MAGNITUDE = 1e12


def check_ranges(derived: Derived) -> list[Problem]:
    problems = _levels(derived)
    for exhibit in derived.findings.items["exhibits"].values():
        problems += _exhibit_values(derived, exhibit)
        problems += _questions(derived, exhibit)
    return problems


def _levels(derived: Derived) -> list[Problem]:
    findings = derived.findings
    problems = []
    for kind, words in (("key_facts", "key fact"), ("measures", "measure")):
        for item in findings.items[kind].values():
            where = findings.locate(item.id, "value")
            shown = f"{item.value:g}{'%' if item.unit == 'percent' else ''}"
            if abs(item.value) > MAX_MAGNITUDE:
                problems.append(
                    Problem(where, f"{words} '{item.id}' is {item.value:g}, which no report prints")
                )
            elif not item.change and item.value < 0:
                problems.append(
                    Problem(
                        where,
                        f"{words} '{item.id}' is {shown}, below zero; a level cannot be negative "
                        "(if it is a fall, set 'change: true')",
                    )
                )
            elif not item.change and item.unit == "percent" and item.value > 100:
                problems.append(
                    Problem(
                        where,
                        f"{words} '{item.id}' is {shown}, over 100%; a share cannot exceed the whole "
                        "(if it is a rise, set 'change: true')",
                    )
                )
    for fact in findings.items["key_facts"].values():
        if fact.out_of is None:
            continue
        if fact.unit == "percent":
            problems.append(
                Problem(
                    findings.locate(fact.id, "out_of"),
                    f"key fact '{fact.id}' is a percentage, which is already out of 100; remove 'out_of'",
                )
            )
        elif fact.value > fact.out_of:
            problems.append(
                Problem(
                    findings.locate(fact.id, "value"),
                    f"key fact '{fact.id}' is {fact.value:g} (of {fact.out_of}): a part cannot exceed "
                    "its whole",
                )
            )
    return problems


def _exhibit_values(derived: Derived, exhibit: Exhibit) -> list[Problem]:
    problems = []
    for index, row in enumerate(exhibit.rows):
        where = derived.findings.locate(exhibit.id, "rows", index, "values")
        for value in row.values:
            reason = _implausible(value, exhibit.unit)
            if reason:
                problems.append(Problem(where, f"'{row.name}' has {value:g}: {reason}"))
                break
    return problems


def _implausible(value: float, unit: str) -> str | None:
    if abs(value) > MAX_MAGNITUDE:
        return "no report prints such a figure"
    if unit == "percent" and not 0 <= value <= 100:
        return "a percentage is from 0 to 100"
    if unit == "rank" and (value < 1 or not float(value).is_integer()):
        return "a rank is a whole number from 1"
    return None


def _questions(derived: Derived, exhibit: Exhibit) -> list[Problem]:
    """Each question of a case-findings chart counts each case sample once: two counts of the
    same sample (the CRC's cases twice) would add cases that do not exist."""
    findings = derived.findings
    counts = findings.items["counts"]
    problems = []
    for q_index, question in enumerate(exhibit.questions):
        seen: dict[str, str] = {}
        for c_index, count_id in enumerate(question.counts):
            count = counts.get(count_id)
            if count is None:
                continue
            sample = count.of or count.id
            where = findings.locate(exhibit.id, "questions", q_index, "counts", c_index)
            if count_id in seen.values():
                problems.append(Problem(where, f"'{count_id}' is listed twice in this question"))
            elif sample in seen:
                problems.append(
                    Problem(
                        where,
                        f"'{count_id}' and '{seen[sample]}' are both counts of '{sample}'; a question "
                        "gives one count for each case sample, so its cases are not counted twice",
                    )
                )
            else:
                seen[sample] = count_id
    return problems

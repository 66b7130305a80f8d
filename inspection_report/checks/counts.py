"""Numbers that must agree with each other: parts within their whole, shares adding to 100%."""

from __future__ import annotations

from collections import defaultdict

from inspection_report.checks.suggest import suggest
from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.model import Count


def check_counts(derived: Derived) -> list[Problem]:
    findings = derived.findings
    counts = findings.items["counts"]
    problems: list[Problem] = []
    cycles = _counts_in_cycles(counts)
    for count in counts.values():
        if count.of is None:
            continue
        if count.of not in counts:
            problems.append(
                Problem(
                    findings.locate(count.id, "of"),
                    f"count '{count.id}' is of '{count.of}', which is no count{suggest(count.of, counts)}",
                )
            )
            continue
        if count.id in cycles:
            problems.append(
                Problem(
                    findings.locate(count.id, "of"),
                    f"count '{count.id}' is, through its bases, part of itself",
                )
            )
            continue
        base = counts[count.of]
        if count.value > base.value:
            problems.append(
                Problem(
                    findings.locate(count.id, "value"),
                    f"'{count.id}' is {count.value} of '{base.id}', which is only {base.value}: "
                    "a part cannot exceed its whole",
                )
            )
    problems += _check_partitions(derived)
    return problems


def _counts_in_cycles(counts: dict[str, Count]) -> set[str]:
    """Ids of the counts that are, through their bases, part of themselves.

    Each chain of bases is walked once: a walk stops at a count an earlier walk has finished,
    or closes a cycle when it meets a count on its own path. A long `of:` chain thus costs
    its length, not its length squared. A count whose chain only leads into a cycle is not
    itself in one; it is checked against its base like any other part.
    """
    in_cycle: set[str] = set()
    finished: set[str] = set()
    for first in counts:
        path: dict[str, int] = {}
        current: str | None = first
        while current is not None and current in counts and current not in finished and current not in path:
            path[current] = len(path)
            current = counts[current].of
        if current is not None and current in path:
            in_cycle.update(list(path)[path[current] :])
        finished.update(path)
    return in_cycle


def _check_partitions(derived: Derived) -> list[Problem]:
    findings = derived.findings
    counts = findings.items["counts"]
    groups: dict[tuple[str, str], list[Count]] = defaultdict(list)
    first_of_partition: dict[str, Count] = {}
    for count in counts.values():
        if count.partition:
            groups[(count.partition, count.of or "")].append(count)
            first_of_partition.setdefault(count.partition, count)
    problems = []
    partitions_by_name: dict[str, set[str]] = defaultdict(set)
    for (name, base_id), members in groups.items():
        partitions_by_name[name].add(base_id)
        base = counts.get(base_id)
        if base is None:
            continue
        total = sum(m.value for m in members)
        if total != base.value:
            parts = " + ".join(f"{m.value} ({m.id})" for m in members)
            problems.append(
                Problem(
                    findings.locate(members[0].id, "partition"),
                    f"partition '{name}' adds up to {total} = {parts}, but its base '{base.id}' is "
                    f"{base.value}",
                )
            )
    for name, bases in partitions_by_name.items():
        if len(bases) > 1:
            problems.append(
                Problem(
                    findings.locate(first_of_partition[name].id, "partition"),
                    f"partition '{name}' mixes counts of different bases ({', '.join(sorted(bases))}); "
                    "the parts of one whole must share its 'of'",
                )
            )
    return problems


def check_shares(derived: Derived) -> list[Problem]:
    """Key facts declared shares of one whole, and percentage stacks, add up to 100%."""
    findings = derived.findings
    problems = []
    shares: dict[str, list] = defaultdict(list)
    for fact in findings.items["key_facts"].values():
        if fact.share_of:
            shares[fact.share_of].append(fact)
    for whole, facts in shares.items():
        if any(f.unit != "percent" for f in facts):
            problems.append(
                Problem(
                    findings.locate(facts[0].id, "share_of"), f"shares of '{whole}' must all be percentages"
                )
            )
            continue
        total = sum(f.value for f in facts)
        if abs(total - 100) > 0.05:
            parts = " + ".join(f"{f.value:g}%" for f in facts)
            problems.append(
                Problem(
                    findings.locate(facts[0].id, "share_of"),
                    f"key facts that are shares of '{whole}' add up to {total:g}% ({parts}), not 100%",
                )
            )
    for exhibit in findings.items["exhibits"].values():
        problems += _exhibit_shape(derived, exhibit)
        for index, row in enumerate(exhibit.rows):
            if exhibit.series and len(row.values) != len(exhibit.series):
                problems.append(
                    Problem(
                        findings.locate(exhibit.id, "rows", index, "values"),
                        f"'{row.name}' has {len(row.values)} values but the exhibit has "
                        f"{len(exhibit.series)} series ({', '.join(exhibit.series)})",
                    )
                )
            elif (
                exhibit.chart == "stacked-bar"
                and exhibit.unit == "percent"
                and abs(sum(row.values) - 100) > 0.15
            ):
                problems.append(
                    Problem(
                        findings.locate(exhibit.id, "rows", index, "values"),
                        f"'{row.name}' stacks to {sum(row.values):g}%, not 100%",
                    )
                )
        counts = findings.items["counts"]
        for q_index, question in enumerate(exhibit.questions):
            for c_index, count_id in enumerate(question.counts):
                if count_id not in counts:
                    problems.append(
                        Problem(
                            findings.locate(exhibit.id, "questions", q_index, "counts", c_index),
                            f"no count with id '{count_id}'{suggest(count_id, counts)}",
                        )
                    )
    return problems


def _exhibit_shape(derived: Derived, exhibit) -> list[Problem]:
    """An exhibit has what its kind draws: questions for case findings, rows and series otherwise."""
    where = derived.findings.locate(exhibit.id, "chart")
    if exhibit.chart == "case-findings":
        if not exhibit.questions:
            return [
                Problem(where, f"exhibit '{exhibit.id}' is a case-findings chart but has no 'questions:'")
            ]
        if exhibit.rows:
            return [
                Problem(
                    where, f"exhibit '{exhibit.id}' is a case-findings chart: give 'questions:', not 'rows:'"
                )
            ]
        return []
    missing = [name for name, present in (("rows", exhibit.rows), ("series", exhibit.series)) if not present]
    if missing:
        return [
            Problem(
                where,
                f"exhibit '{exhibit.id}' ({exhibit.chart}) needs {' and '.join(repr(m) for m in missing)}",
            )
        ]
    if exhibit.questions:
        return [
            Problem(where, f"exhibit '{exhibit.id}' has 'questions:', which only case-findings charts use")
        ]
    return []

"""Everything defined is used, and everything named exists.

A footnote never called is an error (its note would silently vanish); an item defined but
never placed or quoted is a warning (often a leftover from an earlier draft).
"""

from __future__ import annotations

from inspection_report.checks.suggest import suggest
from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.item_kinds import ITEM_KINDS


def check_usage(derived: Derived) -> list[Problem]:
    findings = derived.findings
    items = findings.items
    referenced: dict[str, set[str]] = {}
    for ref in derived.reading_order:
        if ref.target:
            referenced.setdefault(ref.kind, set()).add(ref.target)
    # A mistyped call is reported where it is; its item is not also "never used".
    for _, malformed in derived.malformed:
        if malformed.target:
            referenced.setdefault(malformed.kind, set()).add(malformed.target)
    referenced.setdefault("count", set()).update(
        {c for e in items["exhibits"].values() for q in e.questions for c in q.counts}
        | {c.of for c in items["counts"].values() if c.of}
    )
    problems = []
    for kind in ITEM_KINDS:
        if kind.unused == "never" or kind.reference is None:
            continue
        used = referenced.get(kind.reference, set())
        for item_id in items[kind.collection]:
            if item_id in used:
                continue
            if kind.unused == "error":
                message = (
                    f"{kind.words} '{item_id}' is never called; call it with "
                    f"{{{kind.reference}:{item_id}}} where it belongs"
                )
            else:
                message = (
                    f"{kind.words} '{item_id}' is never used; place or quote it with "
                    f"{{{kind.reference}:{item_id}}}, or remove it"
                )
            problems.append(Problem(findings.locations[item_id], message, kind.unused))
    placed = {ref.kind for ref in derived.reading_order} | {m.kind for _, m in derived.malformed}
    for singleton, present in (
        ("key-facts", items["key_facts"]),
        ("recommendations", items["recommendation_groups"]),
        ("glossary", items["glossary"]),
        ("team", findings.team),
    ):
        if present and singleton not in placed:
            first = next(iter(present.values())) if isinstance(present, dict) else None
            where = findings.locations[first.id] if first is not None else findings.locate_meta()
            problems.append(
                Problem(
                    where,
                    f"the {singleton.replace('-', ' ')} are defined but never placed; "
                    f"put {{{singleton}}} in a part",
                    "warning",
                )
            )
    return problems


def check_organisations(derived: Derived) -> list[Problem]:
    findings = derived.findings
    known = findings.organisations
    problems = []

    def unknown(item_id: str, org: str | None, *path: str | int) -> None:
        if org is not None and org not in known:
            problems.append(
                Problem(
                    findings.locate(item_id, *path),
                    f"no organisation '{org}'{suggest(org, known)}; "
                    f"organisations are listed in report.yaml ({', '.join(sorted(known))})",
                )
            )

    for kind in ("examples", "quotes"):
        for item in findings.items[kind].values():
            unknown(item.id, item.organisation, "organisation")
    for group in findings.items["recommendation_groups"].values():
        for index, org in enumerate(group.addressees):
            unknown(group.id, org, "addressees", index)
    return problems

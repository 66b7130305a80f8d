"""Everything defined is used, and everything named exists.

A footnote never called is an error (its note would silently vanish); an item defined but
never placed or quoted is a warning (often a leftover from an earlier draft).
"""

from __future__ import annotations

from inspection_report.checks.suggest import suggest
from inspection_report.derive import Derived
from inspection_report.errors import Problem

_KIND_WORDS = {
    "counts": ("count", "count"),
    "measures": ("measure", "measure"),
    "examples": ("practice example", "example"),
    "quotes": ("quote", "quote"),
    "enablers_barriers": ("enablers and barriers table", "enablers-barriers"),
    "exhibits": ("exhibit", "exhibit"),
}


def check_usage(derived: Derived) -> list[Problem]:
    findings = derived.findings
    items = findings.items
    referenced: dict[str, set[str]] = {}
    for ref in derived.reading_order:
        if ref.target:
            referenced.setdefault(ref.kind, set()).add(ref.target)
    used_counts = set(referenced.get("count", set()))
    used_counts |= {c for e in items["exhibits"].values() for q in e.questions for c in q.counts}
    used_counts |= {c.of for c in items["counts"].values() if c.of}
    used = {
        "counts": used_counts,
        "measures": referenced.get("measure", set()),
        "examples": referenced.get("example", set()),
        "quotes": referenced.get("quote", set()),
        "enablers_barriers": referenced.get("enablers-barriers", set()),
        "exhibits": referenced.get("exhibit", set()),
    }
    problems = []
    for kind, (words, syntax) in _KIND_WORDS.items():
        for item_id in items[kind]:
            if item_id not in used[kind]:
                problems.append(
                    Problem(
                        findings.locations[item_id],
                        f"{words} '{item_id}' is never used; place or quote it with {{{syntax}:{item_id}}}, "
                        "or remove it",
                        "warning",
                    )
                )
    for note_id in items["footnotes"]:
        if note_id not in referenced.get("note", set()):
            problems.append(
                Problem(
                    findings.locations[note_id],
                    f"footnote '{note_id}' is never called; call it with {{note:{note_id}}} where it belongs",
                )
            )
    for singleton, present in (
        ("key-facts", items["key_facts"]),
        ("recommendations", items["recommendation_groups"]),
        ("glossary", items["glossary"]),
        ("team", findings.team),
    ):
        placed = any(ref.kind == singleton for ref in derived.reading_order)
        if present and not placed:
            first = next(iter(present.values())) if isinstance(present, dict) else None
            where = (
                findings.locations[first.id] if first is not None else findings.locations[findings.meta.id]
            )
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

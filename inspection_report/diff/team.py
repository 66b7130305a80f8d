"""The inspection team compared member by member.

Members have no ids, so a member is known by name: a changed role or title is a change to
that person, and a renamed person reads as one removed and one added.
"""

from __future__ import annotations

from inspection_report.diff.changes import Change, FieldChange
from inspection_report.diff.view import SideView, fixed_group


def _members(view: SideView) -> dict[str, tuple[str, str]]:
    """Name -> (role, title)."""
    return {m.name: (role.role, m.title) for role in view.findings.team for m in role.members}


def compare_team(a: SideView, b: SideView) -> list[Change]:
    group, order = fixed_group("Team")
    old, new = _members(a), _members(b)
    changes = []
    for name in new:
        if name not in old:
            changes.append(
                Change("added", group, "team member", name, f"{name}, {new[name][1]}", order=(order, 0))
            )
        elif old[name] != new[name]:
            fields = [
                FieldChange(label, before, after)
                for label, before, after in (
                    ("role", old[name][0], new[name][0]),
                    ("title", old[name][1], new[name][1]),
                )
                if before != after
            ]
            changes.append(
                Change("changed", group, "team member", name, name, fields=fields, order=(order, 0))
            )
    for name in old:
        if name not in new:
            changes.append(
                Change("removed", group, "team member", name, f"{name}, {old[name][1]}", order=(order, 0))
            )
    return changes

"""Recommendations compared by id across their groups, and the groups' own fields.

Recommendations are numbered by their order, so a reordered one says that its number
changed; one moved to another group has changed whom it addresses, which the change names
by the groups' headings ("moved from 'CRC should' to 'NPS should'").
"""

from __future__ import annotations

from pydantic import BaseModel

from inspection_report.diff.changes import Change
from inspection_report.diff.fields import field_changes
from inspection_report.diff.keyed import compare_keyed
from inspection_report.diff.view import SideView, fixed_group


def _recommendation_index(view: SideView) -> dict[str, tuple[BaseModel, str]]:
    """Recommendation id -> (recommendation, id of its group), in reading order."""
    return {
        rec.id: (rec, group.id)
        for group in view.findings.items["recommendation_groups"].values()
        for rec in group.recommendations
    }


def _heading(view: SideView, group_id: str) -> str:
    groups = view.findings.items["recommendation_groups"]
    orgs = view.findings.organisations
    names = [orgs[o].short if o in orgs else o for o in groups[group_id].addressees]
    return " and ".join(names) + " should"


def compare_recommendations(a: SideView, b: SideView) -> list[Change]:
    group, order = fixed_group("Recommendations")
    old, new = _recommendation_index(a), _recommendation_index(b)
    old_groups, new_groups = (
        a.findings.items["recommendation_groups"],
        b.findings.items["recommendation_groups"],
    )

    def place(rec_id: str, on_new: bool) -> tuple[str, tuple[int, int], str | None]:
        view, index = (b, new) if on_new else (a, old)
        return group, (order, list(index).index(rec_id)), view.location(rec_id)

    def moved(rec_id: str) -> str:
        before, after = old[rec_id][1], new[rec_id][1]
        return "" if before == after else f"moved from '{_heading(a, before)}' to '{_heading(b, after)}'"

    changes = compare_keyed(
        {k: v[0] for k, v in old.items()},
        {k: v[0] for k, v in new.items()},
        "recommendation",
        "text",
        place,
        (list(old), list(new)),
        moved,
        reorder_detail="order changed, so its number changed",
    )
    for group_id in new_groups:
        if group_id in old_groups:
            fields = field_changes(old_groups[group_id], new_groups[group_id])
            fields = [f for f in fields if not f.name.startswith("recommendations")]
            if fields:
                changes.append(
                    Change(
                        "changed",
                        group,
                        "recommendation group",
                        group_id,
                        _heading(b, group_id),
                        fields=fields,
                        order=(order, -1),
                    )
                )
    return changes

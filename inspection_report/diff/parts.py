"""The report's outline compared: its parts (chapters, appendices, front matter) and their
sections, by id.

A section that changes chapter is one move, not a removal and an addition, because its id
stays the same; its prose is compared separately, paragraph by paragraph.
"""

from __future__ import annotations

from inspection_report.diff.changes import Change
from inspection_report.diff.fields import field_changes
from inspection_report.diff.order import moved_ids
from inspection_report.diff.view import SideView, group_of_part

# Within a part's group, the part itself is listed first, then its sections, then the rest.
_PART_RANK = -2
_SECTION_RANK = -1


def compare_parts(a: SideView, b: SideView) -> list[Change]:
    changes: list[Change] = []
    old_parts = {p.meta.id: p for p in a.findings.parts}
    new_parts = {p.meta.id: p for p in b.findings.parts}
    reordered = moved_ids(list(old_parts), list(new_parts))
    for part_id, part in new_parts.items():
        group, order = group_of_part(b, part_id)
        rank = (order, _PART_RANK)
        if part_id not in old_parts:
            changes.append(Change("added", group, "part", part_id, part.meta.title, order=rank))
            continue
        fields = field_changes(old_parts[part_id].meta, part.meta)
        if fields:
            changes.append(
                Change("changed", group, "part", part_id, part.meta.title, fields=fields, order=rank)
            )
        if part_id in reordered:
            changes.append(
                Change("moved", group, "part", part_id, part.meta.title, detail="order changed", order=rank)
            )
    for part_id, part in old_parts.items():
        if part_id not in new_parts:
            group, order = group_of_part(a, part_id)
            changes.append(
                Change("removed", group, "part", part_id, part.meta.title, order=(order, _PART_RANK))
            )
    return changes


def compare_sections(a: SideView, b: SideView) -> list[Change]:
    old = {s.meta.id: (p.meta.id, s) for p in a.findings.parts for s in p.sections}
    new = {s.meta.id: (p.meta.id, s) for p in b.findings.parts for s in p.sections}
    reordered = moved_ids(list(old), list(new))
    changes = []
    for section_id, (part_id, section) in new.items():
        group, order = group_of_part(b, part_id)
        rank = (order, _SECTION_RANK)
        label = b.section_labels[section_id]
        if section_id not in old:
            changes.append(Change("added", group, "section", section_id, label, order=rank))
            continue
        old_part, old_section = old[section_id]
        fields = field_changes(old_section.meta, section.meta)
        if fields:
            changes.append(Change("changed", group, "section", section_id, label, fields=fields, order=rank))
        if old_part != part_id:
            detail = f"moved from {a.part_labels[old_part]} to {b.part_labels[part_id]}"
            changes.append(Change("moved", group, "section", section_id, label, detail=detail, order=rank))
        elif section_id in reordered:
            changes.append(
                Change("moved", group, "section", section_id, label, detail="order changed", order=rank)
            )
    for section_id, (part_id, _) in old.items():
        if section_id not in new:
            group, order = group_of_part(a, part_id)
            label = a.section_labels[section_id]
            changes.append(
                Change("removed", group, "section", section_id, label, order=(order, _SECTION_RANK))
            )
    return changes

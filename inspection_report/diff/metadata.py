"""The report's metadata (report.yaml) and the organisations it names, compared.

Organisations are listed in id order rather than file order: their order in report.yaml
changes nothing a reader sees, so reordering them is no change.
"""

from __future__ import annotations

from inspection_report.diff.changes import Change, FieldChange
from inspection_report.diff.fields import field_changes
from inspection_report.diff.view import SideView, fixed_group


def compare_metadata(a: SideView, b: SideView) -> list[Change]:
    group, order = fixed_group("Metadata")
    changes = []
    fields = field_changes(a.findings.meta, b.findings.meta)
    if a.findings.meta.id != b.findings.meta.id:  # two reports compared on purpose (--pair)
        fields.insert(0, FieldChange("id", a.findings.meta.id, b.findings.meta.id))
    if fields:
        changes.append(
            Change(
                "changed",
                group,
                "report metadata",
                b.findings.meta.id,
                "report.yaml",
                fields=fields,
                order=(order, 0),
            )
        )
    old, new = a.findings.organisations, b.findings.organisations
    for org_id in sorted(set(old) | set(new)):
        if org_id not in old:
            changes.append(Change("added", group, "organisation", org_id, new[org_id].name, order=(order, 1)))
        elif org_id not in new:
            changes.append(
                Change("removed", group, "organisation", org_id, old[org_id].name, order=(order, 1))
            )
        else:
            fields = field_changes(old[org_id], new[org_id])
            if fields:
                changes.append(
                    Change(
                        "changed",
                        group,
                        "organisation",
                        org_id,
                        new[org_id].name,
                        fields=fields,
                        order=(order, 1),
                    )
                )
    return changes

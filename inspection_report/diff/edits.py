"""Raw differences gathered into the edits an editor made, each with its consequences.

Comparing item by item and paragraph by paragraph finds every difference, but one edit
shows up as several: renaming a quote's id also changes the paragraph that places it;
replacing a practice example removes one item, adds another and rewrites the placing
paragraph; swapping two sections moves every item placed in them. A reviewer wants one
entry per edit, with what it carried along nested under it. Each rule here is symmetric, so
comparing the drafts the other way round gives the inverse edits.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspection_report.diff.changes import Change, FieldChange, Touch
from inspection_report.diff.impact import sentences_quoting
from inspection_report.diff.view import SideView

_BLOCK_REFERENCE = re.compile(r"^\{([a-z-]+):([a-z0-9-]+)\}$")


@dataclass(frozen=True)
class _Paragraph:
    change: Change
    text: str


def gather_edits(changes: list[Change], old: SideView, new: SideView) -> list[Change]:
    """The changes with each consequence nested under the edit that caused it."""
    changes = _references_follow_renames(changes)
    changes, containers = _placements_follow_items(changes)
    changes = _replacements(changes, containers)
    changes = _section_orders(changes, old, new)
    return _recommendation_numbers(changes, old, new)


def _paragraph_text(change: Change, side: str) -> str | None:
    """A paragraph as written on one side, references and all."""
    if change.item_kind != "paragraph" or not change.written:
        return None
    return change.written[0] if side == "old" else change.written[1]


def _references_follow_renames(changes: list[Change]) -> list[Change]:
    """A paragraph whose only difference is a renamed item's id is that rename's consequence."""
    renames = [c for c in changes if c.kind == "renamed" and c.old_id]
    if not renames:
        return changes
    removed = [c for c in changes if c.kind == "removed" and c.item_kind == "paragraph"]
    added = [c for c in changes if c.kind == "added" and c.item_kind == "paragraph"]
    edited = [c for c in changes if c.kind == "changed" and c.item_kind == "paragraph"]
    absorbed: set[int] = set()
    for rename in renames:
        assert rename.old_id is not None
        before, after = f":{rename.old_id}", f":{rename.item_id}"
        candidates = [(c, c) for c in edited] + [(r, a) for r in removed for a in added]
        for gone, come in candidates:
            if id(gone) in absorbed or id(come) in absorbed:
                continue
            old_text, new_text = _paragraph_text(gone, "old"), _paragraph_text(come, "new")
            if old_text and new_text and before in old_text and old_text.replace(before, after) == new_text:
                absorbed |= {id(gone), id(come)}
                rename.touches.append(
                    Touch("reference", come.where, old_text, new_text, target=come.item_id.split("#")[0])
                )
                rename.detail = f"'{rename.old_id}' renamed to '{rename.item_id}'; its references follow"
                break
    return [c for c in changes if id(c) not in absorbed]


def _placements_follow_items(changes: list[Change]) -> tuple[list[Change], dict[int, set[str]]]:
    """A paragraph that only places an item added or removed is part of that addition or
    removal; returned with the containers (part or section ids) placing each such item."""
    items: dict[tuple[str, str], Change] = {
        (str(c.kind), c.item_id): c
        for c in changes
        if c.item_kind != "paragraph" and c.kind in ("added", "removed")
    }
    kept = []
    containers: dict[int, set[str]] = {}
    for change in changes:
        text = _paragraph_text(change, "new" if change.kind == "added" else "old")
        match = _BLOCK_REFERENCE.match(text or "") if change.kind in ("added", "removed") else None
        owner = items.get((str(change.kind), match.group(2))) if match else None
        if owner is None:
            kept.append(change)
            continue
        where = change.where
        containers.setdefault(id(owner), set()).add(change.item_id.split("#")[0])
        owner.touches.append(
            Touch(
                "placement",
                where,
                text if change.kind == "removed" else None,
                text if change.kind == "added" else None,
                target=change.item_id.split("#")[0],
            )
        )
    return kept, containers


def _replacements(changes: list[Change], containers: dict[int, set[str]]) -> list[Change]:
    """An item removed and another of the same kind added in the same place is one edit: a
    replacement, shown as the old item and the new, never as a word diff between them."""
    removed = [c for c in changes if c.kind == "removed" and c.item_kind != "paragraph"]
    gone: set[int] = set()
    for addition in (c for c in changes if c.kind == "added" and c.item_kind != "paragraph"):
        places = containers.get(id(addition), set())
        match = next(
            (
                r
                for r in removed
                if id(r) not in gone
                and r.item_kind == addition.item_kind
                and places & containers.get(id(r), set())
            ),
            None,
        )
        if match is None:
            continue
        gone.add(id(match))
        addition.kind = "replaced"
        addition.old_id = match.item_id
        addition.detail = f"'{match.item_id}' replaced by '{addition.item_id}'"
        addition.old_label = match.label
        addition.old_location = match.location
        addition.fields = _side_by_side(match.fields, addition.fields)
        old_placements = [t for t in match.touches if t.kind == "placement"]
        addition.touches = [
            Touch(
                "placement",
                t.where,
                old_placements[0].old if old_placements else None,
                t.new,
                target=t.target,
            )
            for t in addition.touches
            if t.kind == "placement"
        ]
    return [c for c in changes if id(c) not in gone]


def _side_by_side(old: list[FieldChange], new: list[FieldChange]) -> list[FieldChange]:
    """The replaced item's fields next to its replacement's, whole: unrelated texts are never
    diffed word by word."""
    before = {f.name: f.old for f in old}
    after = {f.name: f.new for f in new}
    names = [*before, *(name for name in after if name not in before)]
    return [FieldChange(n, before.get(n), after.get(n)) for n in names if before.get(n) != after.get(n)]


def _section_orders(changes: list[Change], old: SideView, new: SideView) -> list[Change]:
    """Sections reordered within a part are one edit, which renumbers them; items moved only
    because their section moved went with it and are not edits of their own."""
    reordered = [
        c for c in changes if c.kind == "moved" and c.item_kind == "section" and c.detail == "order changed"
    ]
    parts = {new.section_part[c.item_id] for c in reordered}
    if not parts:
        return changes
    kept = [c for c in changes if c not in reordered]
    for part_id in sorted(parts, key=lambda p: new.part_order.get(p, 0)):
        sections = [s for s, owner in new.section_part.items() if owner == part_id]
        touches = [
            Touch(
                "renumbered",
                new.section_labels[s].split(" ", 1)[1],
                old.derived.numbers.sections.get(s),
                new.derived.numbers.sections[s],
                target=s,
            )
            for s in sections
            if old.derived.numbers.sections.get(s) not in (None, new.derived.numbers.sections[s])
        ]
        touches += [
            sentence
            for touch_section in sections
            if old.derived.numbers.sections.get(touch_section) != new.derived.numbers.sections[touch_section]
            for sentence in sentences_quoting("ref", touch_section, old, new)
        ]
        first = next(c for c in reordered if new.section_part[c.item_id] == part_id)
        label = new.part_labels[part_id]
        kept.append(
            Change(
                "moved",
                first.group,
                "sections",
                part_id,
                label,
                detail="sections reordered",
                touches=touches,
                order=first.order,
            )
        )
    moved_with = {
        c.item_id
        for c in kept
        if c.kind == "moved"
        and c.item_kind not in ("sections", "section", "part", "recommendation")
        and c.detail == "order changed"
        and _same_section(c.item_id, old, new, parts)
    }
    return [c for c in kept if not (c.kind == "moved" and c.item_id in moved_with)]


def _same_section(item_id: str, old: SideView, new: SideView, parts: set[str]) -> bool:
    """Whether an item is placed in the same section on both sides, inside a reordered part."""
    before = next((place for (kind, target), place in old.placement.items() if target == item_id), None)
    after = next((place for (kind, target), place in new.placement.items() if target == item_id), None)
    return before is not None and after is not None and before[:2] == after[:2] and after[0] in parts


def _recommendation_numbers(changes: list[Change], old: SideView, new: SideView) -> list[Change]:
    """A recommendation moved or added renumbers the ones after it: the numbers readers see
    change, and that is said under the edit that caused it."""
    before = old.derived.numbers.recommendations
    after = new.derived.numbers.recommendations
    renumbered = [r for r in after if r in before and before[r] != after[r]]
    causes = [
        c
        for c in changes
        if c.item_kind == "recommendation" and c.kind in ("moved", "added", "removed", "replaced")
    ]
    if not causes or not renumbered:
        return changes
    others = [r for r in renumbered if r not in {c.item_id for c in causes}]
    causes[0].touches += [
        Touch("renumbered", f"recommendation '{r}'", str(before[r]), str(after[r]), target=r) for r in others
    ]
    caused = {
        c.item_id
        for c in changes
        if c.item_kind == "recommendation" and c.kind == "moved" and c.detail.startswith("order changed")
    }
    return [c for c in changes if not (c.item_id in caused and c not in causes)]

"""Items of one kind compared by their stable ids, never by list position.

Every keyed collection (key facts, recommendations, quotes, counts, ...) goes through
`compare_keyed`, so each kind reports the same five change kinds the same way; callers only
say where an item belongs and what counts as moving it.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from inspection_report.diff.changes import Change, ChangeKind
from inspection_report.diff.fields import content, field_changes, item_label, main_text
from inspection_report.diff.order import moved_ids
from inspection_report.diff.words import similarity

RENAME_SIMILARITY = 0.75

Place = Callable[[str, bool], tuple[str, tuple[int, int], str | None]]
"""For an item id and whether it is on the new side: its group, order and location."""


def compare_keyed(
    old: Mapping[str, BaseModel],
    new: Mapping[str, BaseModel],
    words: str,
    main: str | None,
    place: Place,
    orders: tuple[list[str], list[str]],
    moved_detail: Callable[[str], str],
    reorder_detail: str = "order changed",
) -> list[Change]:
    """Items of one kind compared by id: changed field by field, moved (to another container or
    out of order), possibly renamed, removed, added."""

    def make(change_kind: ChangeKind, item_id: str, item: BaseModel, on_new: bool, **extra: Any) -> Change:
        group, order, location = place(item_id, on_new)
        before = extra.get("old_id") or item_id
        if before in old:
            extra["old_location"] = place(before, False)[2]
        return Change(
            change_kind,
            group,
            words,
            item_id,
            item_label(item, main),
            order=order,
            location=location,
            **extra,
        )

    changes: list[Change] = []
    reordered = moved_ids(*orders)
    for item_id in new:
        if item_id not in old:
            continue
        fields = field_changes(old[item_id], new[item_id])
        if fields:
            changes.append(make("changed", item_id, new[item_id], True, fields=fields))
        detail = moved_detail(item_id)
        if detail or item_id in reordered:
            changes.append(make("moved", item_id, new[item_id], True, detail=detail or reorder_detail))
    removed = [i for i in old if i not in new]
    added = [i for i in new if i not in old]
    for old_id, new_id in _renames(old, new, removed, added, main):
        removed.remove(old_id)
        added.remove(new_id)
        changes.append(
            make(
                "renamed",
                new_id,
                new[new_id],
                True,
                old_id=old_id,
                fields=field_changes(old[old_id], new[new_id]),
                detail=f"possibly '{old_id}' renamed to '{new_id}'",
            )
        )
    changes += [make("removed", i, old[i], False, fields=content(old[i], "old")) for i in removed]
    changes += [make("added", i, new[i], True, fields=content(new[i], "new")) for i in added]
    return changes


def _renames(
    old: Mapping[str, BaseModel],
    new: Mapping[str, BaseModel],
    removed: list[str],
    added: list[str],
    main: str | None,
) -> list[tuple[str, str]]:
    """Removed and added items whose text is nearly the same: an editor who changes an id
    should see one possible rename, not an unrelated removal and addition."""
    pairs = []
    taken: set[str] = set()
    for old_id in removed:
        best, score = None, 0.0
        for new_id in added:
            if new_id in taken:
                continue
            ratio = similarity(main_text(old[old_id], main), main_text(new[new_id], main))
            if ratio > score:
                best, score = new_id, ratio
        if best is not None and score >= RENAME_SIMILARITY:
            taken.add(best)
            pairs.append((old_id, best))
    return pairs

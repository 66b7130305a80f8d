"""The report's item collections (key facts, examples, quotes, tables, footnotes, counts,
measures, exhibits, glossary), each compared by id and grouped where readers meet it.

An item placed by prose (`{example:amy}`) belongs to the chapter that places it, so its
change is listed with that chapter and moving its placing paragraph elsewhere is a move;
items that are not placed belong to a fixed group such as "Glossary".
"""

from __future__ import annotations

from collections.abc import Callable

from inspection_report.diff.changes import Change
from inspection_report.diff.keyed import compare_keyed
from inspection_report.diff.view import SideView, fixed_group, group_of_part
from inspection_report.item_kinds import BY_COLLECTION

GroupOf = Callable[[SideView, str], tuple[str, int]]
_UNPLACED = 10**6


def fixed(name: str) -> GroupOf:
    return lambda view, item_id: fixed_group(name)


def placed_group(ref_kind: str) -> GroupOf:
    def group(view: SideView, item_id: str) -> tuple[str, int]:
        placed = view.placement.get((ref_kind, item_id))
        return group_of_part(view, placed[0]) if placed else ("Unplaced items", 999)

    return group


def compare_items(
    a: SideView, b: SideView, kind: str, group_of: GroupOf, placed: bool = False
) -> list[Change]:
    """One collection compared by id; items `placed` by prose are ordered as read rather than
    as written in the files."""
    item_kind = BY_COLLECTION[kind]
    words, main = item_kind.words, item_kind.main
    placing = item_kind.reference if placed else None
    return _compare(a, b, kind, words, group_of, main, placing)


def _compare(
    a: SideView, b: SideView, kind: str, words: str, group_of: GroupOf, main: str | None, placed: str | None
) -> list[Change]:
    old, new = a.findings.items[kind], b.findings.items[kind]

    def place(item_id: str, on_new: bool) -> tuple[str, tuple[int, int], str | None]:
        view = b if on_new else a
        group, order = group_of(view, item_id)
        return group, (order, _rank(view, kind, item_id, placed)), view.location(item_id)

    if placed:
        old_order = sorted(old, key=lambda i: a.placement.get((placed, i), ("", None, _UNPLACED))[2])
        new_order = sorted(new, key=lambda i: b.placement.get((placed, i), ("", None, _UNPLACED))[2])
    else:
        old_order, new_order = list(old), list(new)
    moved = (lambda item_id: _moved_detail(a, b, placed, item_id)) if placed else (lambda item_id: "")
    return compare_keyed(old, new, words, main, place, (old_order, new_order), moved)


def _rank(view: SideView, kind: str, item_id: str, placed: str | None) -> int:
    """An item's place within its group: after the prose for placed items, in reading order."""
    if placed and (placed, item_id) in view.placement:
        return 1000 + view.placement[(placed, item_id)][2]
    items = list(view.findings.items[kind])
    return items.index(item_id) if item_id in items else 0


def _moved_detail(a: SideView, b: SideView, placed: str, item_id: str) -> str:
    before, after = a.placement.get((placed, item_id)), b.placement.get((placed, item_id))
    if before is None or after is None or before[:2] == after[:2]:
        return ""
    return f"moved from {a.container_label(*before[:2])} to {b.container_label(*after[:2])}"

"""Two derived reports compared item by item, keyed by stable ids, never by list position.

Formatting never counts as change: both sides are loaded through the same model (so YAML
indentation, key order and quote style vanish) and prose is compared with whitespace folded
(so a reflowed paragraph is the same paragraph).
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import BaseModel

from inspection_report.derive import Derived
from inspection_report.diff.changes import Change, ChangeKind, Diff, FieldChange
from inspection_report.diff.impact import add_impact
from inspection_report.diff.view import SideView, fixed_group, group_of_part, make_view
from inspection_report.diff.words import normalise, similarity, word_diff

RENAME_SIMILARITY = 0.75
PAIR_SIMILARITY = 0.4
GroupOf = Callable[[SideView, str], tuple[str, int]]


def diff_reports(old: Derived, new: Derived, old_label: str, new_label: str) -> Diff:
    a, b = make_view(old), make_view(new)
    changes: list[Change] = []
    changes += _metadata(a, b)
    changes += _items(a, b, "key_facts", "key fact", _fixed("Key facts"), "description")
    changes += _recommendations(a, b)
    changes += _parts(a, b)
    for kind, ref_kind, words, main in (
        ("examples", "example", "practice example", "text"),
        ("quotes", "quote", "quote", "text"),
        ("enablers_barriers", "enablers-barriers", "enablers and barriers table", None),
        ("footnotes", "note", "footnote", "text"),
    ):
        changes += _items(a, b, kind, words, _placed_group(ref_kind), main, placed=ref_kind)
    changes += _items(a, b, "counts", "count", _fixed("Case counts and measures"), "description")
    changes += _items(a, b, "measures", "measure", _fixed("Case counts and measures"), "description")
    changes += _items(
        a, b, "exhibits", "exhibit", _fixed("Charts and background data"), "title", placed="exhibit"
    )
    changes += _items(a, b, "glossary", "glossary entry", _fixed("Glossary"), "definition")
    changes += _team(a, b)
    for change in changes:
        add_impact(change, a, b)
    return Diff(old_label, new_label, new.findings.meta.id, changes, old, new)


def _fixed(name: str) -> GroupOf:
    return lambda view, item_id: fixed_group(name)


def _placed_group(ref_kind: str) -> GroupOf:
    def group(view: SideView, item_id: str) -> tuple[str, int]:
        placed = view.placement.get((ref_kind, item_id))
        return group_of_part(view, placed[0]) if placed else ("Unplaced items", 999)

    return group


def _text(value: Any) -> str:
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return "" if value is None else str(value)


def _flatten(model: BaseModel) -> dict[str, str]:
    """Fields as name -> text; lists become one field per element ('enablers 2', 'rows 1 values')."""
    flat: dict[str, str] = {}

    def walk(prefix: str, value: Any) -> None:
        if isinstance(value, dict):
            for key, inner in value.items():
                walk(f"{prefix} {key}".strip(), inner)
        elif isinstance(value, list) and value and isinstance(value[0], dict | list):
            for index, inner in enumerate(value, start=1):
                walk(f"{prefix} {index}", inner)
        elif isinstance(value, list):
            if prefix in {"enablers", "barriers"}:
                for index, inner in enumerate(value, start=1):
                    flat[f"{prefix} {index}"] = _text(inner)
            else:
                flat[prefix] = ", ".join(_text(v) for v in value)
        else:
            flat[prefix] = _text(value)

    walk("", model.model_dump(exclude={"id"}))
    return flat


def field_changes(old: BaseModel, new: BaseModel) -> list[FieldChange]:
    a, b = _flatten(old), _flatten(new)
    changes = []
    for name in [*a, *(k for k in b if k not in a)]:
        before, after = a.get(name), b.get(name)
        if normalise(before or "") == normalise(after or ""):
            continue
        words = word_diff(before or "", after or "") if " " in (before or "") + (after or "") else None
        changes.append(FieldChange(name, before, after, words))
    return changes


def _main_text(item: BaseModel, main: str | None) -> str:
    if main is None:
        return " ".join(_flatten(item).values())
    return _text(getattr(item, main, ""))


def _label(item: BaseModel, main: str | None) -> str:
    text = normalise(_main_text(item, main))
    words = text.split()
    return " ".join(words[:9]) + ("…" if len(words) > 9 else "")


def moved_ids(old_order: list[str], new_order: list[str]) -> set[str]:
    """Ids whose relative order changed: those outside a longest common subsequence."""
    common = set(old_order) & set(new_order)
    a = [i for i in old_order if i in common]
    b = [i for i in new_order if i in common]
    lengths = [[0] * (len(b) + 1) for _ in range(len(a) + 1)]
    for i in range(len(a) - 1, -1, -1):
        for j in range(len(b) - 1, -1, -1):
            lengths[i][j] = (
                lengths[i + 1][j + 1] + 1 if a[i] == b[j] else max(lengths[i + 1][j], lengths[i][j + 1])
            )
    kept, i, j = set(), 0, 0
    while i < len(a) and j < len(b):
        if a[i] == b[j]:
            kept.add(a[i])
            i, j = i + 1, j + 1
        elif lengths[i + 1][j] >= lengths[i][j + 1]:
            i += 1
        else:
            j += 1
    return common - kept


Place = Callable[[str, bool], tuple[str, tuple[int, int], str | None]]
"""For an item id and whether it is on the new side: its group, order and location."""


def _keyed(
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
        return Change(
            change_kind, group, words, item_id, _label(item, main), order=order, location=location, **extra
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
    changes += [make("removed", i, old[i], False) for i in removed]
    changes += [make("added", i, new[i], True) for i in added]
    return changes


def _items(
    a: SideView,
    b: SideView,
    kind: str,
    words: str,
    group_of: GroupOf,
    main: str | None,
    placed: str | None = None,
) -> list[Change]:
    old, new = a.findings.items[kind], b.findings.items[kind]

    def place(item_id: str, on_new: bool) -> tuple[str, tuple[int, int], str | None]:
        view = b if on_new else a
        group, order = group_of(view, item_id)
        where = view.findings.locations.get(item_id)
        return group, (order, _rank(view, kind, item_id, placed)), str(where) if where else None

    if placed:
        old_order = sorted(old, key=lambda i: a.placement.get((placed, i), ("", None, 10**6))[2])
        new_order = sorted(new, key=lambda i: b.placement.get((placed, i), ("", None, 10**6))[2])
    else:
        old_order, new_order = list(old), list(new)
    moved = (lambda item_id: _moved_detail(a, b, placed, item_id)) if placed else (lambda item_id: "")
    return _keyed(old, new, words, main, place, (old_order, new_order), moved)


def _rank(view: SideView, kind: str, item_id: str, placed: str | None) -> int:
    if placed and (placed, item_id) in view.placement:
        return 1000 + view.placement[(placed, item_id)][2]
    items = list(view.findings.items[kind])
    return items.index(item_id) if item_id in items else 0


def _moved_detail(a: SideView, b: SideView, placed: str, item_id: str) -> str:
    before, after = a.placement.get((placed, item_id)), b.placement.get((placed, item_id))
    if before is None or after is None or before[:2] == after[:2]:
        return ""
    return f"moved from {a.container_label(*before[:2])} to {b.container_label(*after[:2])}"


def _renames(
    old: Mapping[str, BaseModel],
    new: Mapping[str, BaseModel],
    removed: list[str],
    added: list[str],
    main: str | None,
) -> list[tuple[str, str]]:
    pairs = []
    taken: set[str] = set()
    for old_id in removed:
        best, score = None, 0.0
        for new_id in added:
            if new_id in taken:
                continue
            ratio = similarity(_main_text(old[old_id], main), _main_text(new[new_id], main))
            if ratio > score:
                best, score = new_id, ratio
        if best is not None and score >= RENAME_SIMILARITY:
            taken.add(best)
            pairs.append((old_id, best))
    return pairs


def _metadata(a: SideView, b: SideView) -> list[Change]:
    group, order = fixed_group("Metadata")
    changes = []
    fields = field_changes(a.findings.meta, b.findings.meta)
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


def _recommendation_index(view: SideView) -> dict[str, tuple[BaseModel, str]]:
    return {
        rec.id: (rec, group.id)
        for group in view.findings.items["recommendation_groups"].values()
        for rec in group.recommendations
    }


def _recommendations(a: SideView, b: SideView) -> list[Change]:
    group, order = fixed_group("Recommendations")
    old, new = _recommendation_index(a), _recommendation_index(b)
    old_groups, new_groups = (
        a.findings.items["recommendation_groups"],
        b.findings.items["recommendation_groups"],
    )

    def heading(view: SideView, group_id: str) -> str:
        groups = view.findings.items["recommendation_groups"]
        orgs = view.findings.organisations
        names = [orgs[o].short if o in orgs else o for o in groups[group_id].addressees]
        return " and ".join(names) + " should"

    def place(rec_id: str, on_new: bool) -> tuple[str, tuple[int, int], str | None]:
        view, index = (b, new) if on_new else (a, old)
        where = view.findings.locations.get(rec_id)
        return group, (order, list(index).index(rec_id)), str(where) if where else None

    def moved(rec_id: str) -> str:
        before, after = old[rec_id][1], new[rec_id][1]
        return "" if before == after else f"moved from '{heading(a, before)}' to '{heading(b, after)}'"

    changes = _keyed(
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
                        heading(b, group_id),
                        fields=fields,
                        order=(order, -1),
                    )
                )
    return changes


_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")


def paragraphs(text: str) -> list[str]:
    return [normalise(p) for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def _containers(view: SideView) -> dict[str, tuple[str, str | None, str]]:
    """Container id -> (part id, section id, text): a part's own prose, and each section's."""
    found: dict[str, tuple[str, str | None, str]] = {}
    for part in view.findings.parts:
        found[part.meta.id] = (part.meta.id, None, part.body.text)
        for section in part.sections:
            found[section.meta.id] = (part.meta.id, section.meta.id, section.body.text)
    return found


def _parts(a: SideView, b: SideView) -> list[Change]:
    changes: list[Change] = []
    old_parts = {p.meta.id: p for p in a.findings.parts}
    new_parts = {p.meta.id: p for p in b.findings.parts}
    reordered = moved_ids(list(old_parts), list(new_parts))
    for part_id, part in new_parts.items():
        group, order = group_of_part(b, part_id)
        if part_id not in old_parts:
            changes.append(Change("added", group, "part", part_id, part.meta.title, order=(order, -2)))
            continue
        fields = field_changes(old_parts[part_id].meta, part.meta)
        if fields:
            changes.append(
                Change("changed", group, "part", part_id, part.meta.title, fields=fields, order=(order, -2))
            )
        if part_id in reordered:
            changes.append(
                Change(
                    "moved",
                    group,
                    "part",
                    part_id,
                    part.meta.title,
                    detail="order changed",
                    order=(order, -2),
                )
            )
    for part_id, part in old_parts.items():
        if part_id not in new_parts:
            group, order = group_of_part(a, part_id)
            changes.append(Change("removed", group, "part", part_id, part.meta.title, order=(order, -2)))
    changes += _sections(a, b)
    changes += _prose(a, b)
    return changes


def _sections(a: SideView, b: SideView) -> list[Change]:
    old = {s.meta.id: (p.meta.id, s) for p in a.findings.parts for s in p.sections}
    new = {s.meta.id: (p.meta.id, s) for p in b.findings.parts for s in p.sections}
    reordered = moved_ids(list(old), list(new))
    changes = []
    for section_id, (part_id, section) in new.items():
        group, order = group_of_part(b, part_id)
        label = b.section_labels[section_id]
        if section_id not in old:
            changes.append(Change("added", group, "section", section_id, label, order=(order, -1)))
            continue
        old_part, old_section = old[section_id]
        fields = field_changes(old_section.meta, section.meta)
        if fields:
            changes.append(
                Change("changed", group, "section", section_id, label, fields=fields, order=(order, -1))
            )
        if old_part != part_id:
            detail = f"moved from {a.part_labels[old_part]} to {b.part_labels[part_id]}"
            changes.append(
                Change("moved", group, "section", section_id, label, detail=detail, order=(order, -1))
            )
        elif section_id in reordered:
            changes.append(
                Change(
                    "moved", group, "section", section_id, label, detail="order changed", order=(order, -1)
                )
            )
    for section_id, (part_id, _) in old.items():
        if section_id not in new:
            group, order = group_of_part(a, part_id)
            changes.append(
                Change(
                    "removed", group, "section", section_id, a.section_labels[section_id], order=(order, -1)
                )
            )
    return changes


def _paragraph_edits(old: list[str], new: list[str]) -> list[tuple[ChangeKind, int, str | None, str | None]]:
    """(kind, position in the new text, old paragraph, new paragraph) for each paragraph that differs."""
    edits: list[tuple[ChangeKind, int, str | None, str | None]] = []
    matcher = difflib.SequenceMatcher(a=old, b=new, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news and similarity(olds[0], news[0]) >= PAIR_SIMILARITY:
            edits.append(("changed", j1, olds.pop(0), news.pop(0)))
        edits += [("removed", j1, before, None) for before in olds]
        edits += [("added", j1, None, after) for after in news]
    return edits


def _prose(a: SideView, b: SideView) -> list[Change]:
    old_containers, new_containers = _containers(a), _containers(b)
    changes: list[Change] = []
    for container_id, (part_id, section_id, text) in new_containers.items():
        if container_id not in old_containers:
            continue
        group, order = group_of_part(b, part_id)
        where = b.container_label(part_id, section_id)
        edits = _paragraph_edits(paragraphs(old_containers[container_id][2]), paragraphs(text))
        for rank, (kind, index, before, after) in enumerate(edits):
            words = word_diff(before, after) if before and after else None
            field = FieldChange("text", before, after, words)
            shown = after if after is not None else before or ""
            changes.append(_paragraph(kind, group, order, where, container_id, index + rank, shown, [field]))
    return _pair_moved_paragraphs(changes)


def _paragraph(
    kind: ChangeKind,
    group: str,
    order: int,
    where: str,
    container: str,
    index: int,
    text: str,
    fields: list[FieldChange] | None = None,
) -> Change:
    words = text.split()
    label = " ".join(words[:9]) + ("…" if len(words) > 9 else "")
    return Change(
        kind,
        group,
        "paragraph",
        f"{container}#{index + 1}",
        label,
        fields=fields or [],
        detail=f"in {where}",
        order=(order, 2000 + index),
    )


def _pair_moved_paragraphs(changes: list[Change]) -> list[Change]:
    """A paragraph removed in one place and added unchanged in another has moved."""
    waiting: dict[str, list[Change]] = {}
    for change in changes:
        if change.kind == "removed":
            waiting.setdefault(change.fields[0].old or "", []).append(change)
    kept = []
    merged: set[int] = set()
    for change in changes:
        if change.kind == "added" and waiting.get(change.fields[0].new or ""):
            source = waiting[change.fields[0].new or ""].pop(0)
            merged.add(id(source))
            change.kind = "moved"
            change.fields = []
            change.detail = (
                f"moved from {source.detail.removeprefix('in ')} to {change.detail.removeprefix('in ')}"
            )
        kept.append(change)
    return [c for c in kept if id(c) not in merged]


def _team(a: SideView, b: SideView) -> list[Change]:
    group, order = fixed_group("Team")

    def members(view: SideView) -> dict[str, tuple[str, str]]:
        return {m.name: (role.role, m.title) for role in view.findings.team for m in role.members}

    old, new = members(a), members(b)
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

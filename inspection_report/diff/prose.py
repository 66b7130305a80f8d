"""Prose compared paragraph by paragraph, within each part's own text and each section.

Paragraphs have no ids, so they are aligned as sequences: a paragraph that differs but still
resembles its counterpart is one change with a word diff; one removed in one place and
added unchanged in another is one move.
"""

from __future__ import annotations

import difflib

from inspection_report.diff.changes import Change, ChangeKind, FieldChange
from inspection_report.diff.view import SideView, group_of_part
from inspection_report.diff.words import first_words, paragraphs, similarity, word_diff

PAIR_SIMILARITY = 0.4
# Paragraph changes are listed after the part, its sections and the items it places.
_PARAGRAPH_RANK = 2000

ParagraphEdit = tuple[ChangeKind, int, str | None, str | None]


def _containers(view: SideView) -> dict[str, tuple[str, str | None, str]]:
    """Container id -> (part id, section id, text): a part's own prose, and each section's."""
    found: dict[str, tuple[str, str | None, str]] = {}
    for part in view.findings.parts:
        found[part.meta.id] = (part.meta.id, None, part.body.text)
        for section in part.sections:
            found[section.meta.id] = (part.meta.id, section.meta.id, section.body.text)
    return found


def _paragraph_edits(old: list[str], new: list[str]) -> list[ParagraphEdit]:
    """(kind, position in the new text, old paragraph, new paragraph) for each paragraph that differs."""
    edits: list[ParagraphEdit] = []
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


def compare_prose(a: SideView, b: SideView) -> list[Change]:
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
    fields: list[FieldChange],
) -> Change:
    """A paragraph's change, named by its container and position ('foreword#2')."""
    return Change(
        kind,
        group,
        "paragraph",
        f"{container}#{index + 1}",
        first_words(text),
        fields=fields,
        detail=f"in {where}",
        order=(order, _PARAGRAPH_RANK + index),
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

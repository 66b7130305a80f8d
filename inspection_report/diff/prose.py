"""Prose compared paragraph by paragraph, within each part's own text and each section.

Paragraphs have no ids, so they are aligned as sequences of what the editor wrote: a
paragraph that differs but still resembles its counterpart is one change with a word diff;
one removed in one place and added unchanged in another is one move. Each is shown as
printed (numbers as readers see them) with where it is written on both sides.
"""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass
from pathlib import Path

from inspection_report.diff.changes import Change, ChangeKind, FieldChange
from inspection_report.diff.view import SideView, group_of_part
from inspection_report.diff.words import first_words, normalise, similarity, word_diff
from inspection_report.printed_text import printed_or_written

PAIR_SIMILARITY = 0.4
# Paragraph changes are listed after the part, its sections and the items it places.
_PARAGRAPH_RANK = 2000
_PARAGRAPH = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")


@dataclass(frozen=True)
class Paragraph:
    text: str
    """As written, whitespace folded."""
    location: str


@dataclass(frozen=True)
class Container:
    part_id: str
    section_id: str | None
    paragraphs: list[Paragraph]


ParagraphEdit = tuple[ChangeKind, int, Paragraph | None, Paragraph | None]


def split_paragraphs(text: str, path: Path, first_line: int) -> list[Paragraph]:
    """Paragraphs split at blank lines, each with the file and line where it starts."""
    found = []
    for match in _PARAGRAPH.finditer(text):
        if match.group(0).strip():
            line = first_line + text.count("\n", 0, match.start())
            found.append(Paragraph(normalise(match.group(0)), f"{path}:{line}"))
    return found


def _containers(view: SideView) -> dict[str, Container]:
    """Container id -> its paragraphs: a part's own prose, and each section's."""
    found: dict[str, Container] = {}
    for part in view.findings.parts:
        body = part.body
        found[part.meta.id] = Container(
            part.meta.id, None, split_paragraphs(body.text, body.path, body.first_line)
        )
        for section in part.sections:
            body = section.body
            found[section.meta.id] = Container(
                part.meta.id, section.meta.id, split_paragraphs(body.text, body.path, body.first_line)
            )
    return found


def _paragraph_edits(old: list[Paragraph], new: list[Paragraph]) -> list[ParagraphEdit]:
    """(kind, position in the new text, old paragraph, new paragraph) for each paragraph that differs."""
    edits: list[ParagraphEdit] = []
    matcher = difflib.SequenceMatcher(a=[p.text for p in old], b=[p.text for p in new], autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old[i1:i2], new[j1:j2]
        while olds and news and similarity(olds[0].text, news[0].text) >= PAIR_SIMILARITY:
            edits.append(("changed", j1, olds.pop(0), news.pop(0)))
        edits += [("removed", j1, before, None) for before in olds]
        edits += [("added", j1, None, after) for after in news]
    return edits


def compare_prose(a: SideView, b: SideView) -> list[Change]:
    old_containers, new_containers = _containers(a), _containers(b)
    changes: list[Change] = []
    for container_id, container in new_containers.items():
        if container_id not in old_containers:
            continue
        group, order = group_of_part(b, container.part_id)
        old_container = old_containers[container_id]
        where = (
            a.container_label(old_container.part_id, old_container.section_id),
            b.container_label(container.part_id, container.section_id),
        )
        edits = _paragraph_edits(old_container.paragraphs, container.paragraphs)
        for rank, (kind, index, before, after) in enumerate(edits):
            change = _paragraph(kind, group, (order, _PARAGRAPH_RANK + index + rank), where, before, after)
            change.item_id = f"{container_id}#{index + rank + 1}"
            change.fields = [_printed_field(a, b, before, after)]
            change.label = first_words(change.fields[0].new or change.fields[0].old or "")
            changes.append(change)
    return _pair_moved_paragraphs(changes)


def _printed_field(
    a: SideView, b: SideView, before: Paragraph | None, after: Paragraph | None
) -> FieldChange:
    """The paragraph as printed on each side; when the printed words are the same, the
    difference is in what was written (a reference's format, say), and that is shown."""
    old = printed_or_written(before.text if before else None, a.derived)
    new = printed_or_written(after.text if after else None, b.derived)
    if old is not None and new is not None and old == new and before and after:
        return FieldChange("source", before.text, after.text, word_diff(before.text, after.text))
    return FieldChange("text", old, new, word_diff(old, new) if old and new else None)


def _paragraph(
    kind: ChangeKind,
    group: str,
    order: tuple[int, int],
    where: tuple[str, str],
    before: Paragraph | None,
    after: Paragraph | None,
) -> Change:
    """A paragraph's change, named by its container and position ('foreword#2')."""
    shown = after or before
    assert shown is not None
    return Change(
        kind,
        group,
        "paragraph",
        "",
        first_words(shown.text),
        detail=f"in {where[1] if after else where[0]}"
        + (f" (before: {where[0]})" if before and after and where[0] != where[1] else ""),
        order=order,
        location=shown.location,
        old_location=before.location if before else None,
        where=where[1] if after else where[0],
        written=(before.text if before else None, after.text if after else None),
    )


def _pair_moved_paragraphs(changes: list[Change]) -> list[Change]:
    """A paragraph removed in one place and added unchanged in another has moved."""
    waiting: dict[str, list[Change]] = {}
    for change in changes:
        if change.kind == "removed" and change.written:
            waiting.setdefault(change.written[0] or "", []).append(change)
    kept = []
    merged: set[int] = set()
    for change in changes:
        text = change.written[1] if change.written else None
        if change.kind == "added" and waiting.get(text or ""):
            source = waiting[text or ""].pop(0)
            merged.add(id(source))
            change.kind = "moved"
            change.fields = []
            change.old_location = source.old_location
            change.written = (text, text)
            change.detail = f"moved from {source.where} to {change.where}"
        kept.append(change)
    return [c for c in kept if id(c) not in merged]

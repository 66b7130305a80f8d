"""What a changed number reaches: every sentence quoting it, every chart plotting it, every
percentage derived from it, each with its old and new wording.

Old wording is the same sentence rendered with the old data, so a reviewer sees exactly how
the published text moves when the number moves.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from inspection_report.diff.changes import Touch
from inspection_report.exhibits import chart_data
from inspection_report.item_kinds import ITEM_KINDS
from inspection_report.printed_text import printed
from inspection_report.references import REFERENCE, parse_reference

if TYPE_CHECKING:
    from inspection_report.derive import Derived
    from inspection_report.diff.changes import Change
    from inspection_report.diff.view import SideView

_VALUE_FIELDS = {"value", "of", "unit", "qualifier", "out_of"}
_SHARE_FORMATS = {"remainder", "base", "percent", "rough-percent", "fraction", "Fraction"}
_BLOCK = re.compile(r"(?:[^\n]|\n(?![ \t]*\n))+")
_SENTENCE = re.compile(r"[^.!?]*(?:[.!?]+[’”]?|$)")
# The reference word of each kind of number prose quotes, by the name a change gives it.
_KINDS = {kind.words: kind.reference for kind in ITEM_KINDS if kind.number and kind.reference}


def add_impact(change: Change, old: SideView, new: SideView) -> None:
    if change.kind != "changed":
        return
    changed = {f.name for f in change.fields}
    if change.item_kind in _KINDS and changed & _VALUE_FIELDS:
        change.touches = sentences_quoting(_KINDS[change.item_kind], change.item_id, old, new)
    elif change.item_kind == "exhibit" and any(
        n.startswith(("rows", "questions", "series")) for n in changed
    ):
        label = _exhibit_label(new, change.item_id)
        change.touches = [
            Touch(
                "chart",
                label,
                "drawn from the old data",
                "redrawn from the new data",
                target=change.item_id,
            )
        ]


def _dependents(derived: Derived, count_id: str) -> set[str]:
    return {c.id for c in derived.findings.items["counts"].values() if c.of == count_id}


def _quotes(kind: str, item_id: str, dependents: set[str], raw: str) -> tuple[bool, bool]:
    """(quotes the number, derives a share from it) for one reference."""
    ref = parse_reference(raw, None)  # type: ignore[arg-type]
    if ref is None or ref.kind != kind:
        return False, False
    if ref.target == item_id:
        return True, kind == "count" and bool(set(ref.formats) & _SHARE_FORMATS)
    if kind == "count" and ref.target in dependents and set(ref.formats) & _SHARE_FORMATS:
        return True, True
    return False, False


def sentences_quoting(kind: str, item_id: str, old: SideView, new: SideView) -> list[Touch]:
    """Every sentence that quotes the item (`{count:id}`, `{ref:id}`), as printed on each side,
    with the percentages and charts derived from a count."""
    dependents = _dependents(new.derived, item_id) if kind == "count" else set()
    touches: list[Touch] = []
    seen: set[str] = set()
    for span in new.derived.texts:
        refs = [(m, *_quotes(kind, item_id, dependents, m.group(0))) for m in REFERENCE.finditer(span.text)]
        if not any(quoted for _, quoted, _ in refs):
            continue
        where = new.container_label(span.part_id or "", span.section_id)
        place = span.section_id or span.part_id
        if span.role != "prose" and span.item_id:
            place = span.item_id
            where = f"{where} ({span.role} {span.item_id})"
        for start, end, raw in _sentences(span.text):
            inside = [(m, share) for m, quoted, share in refs if quoted and start <= m.start() < end]
            if not inside:
                continue
            key = f"{where}|{raw}"
            if key in seen:
                continue
            seen.add(key)
            touches.append(
                Touch("sentence", where, printed(raw, old.derived), printed(raw, new.derived), target=place)
            )
            for match, share in inside:
                if share:
                    before = printed(match.group(0), old.derived)
                    after = printed(match.group(0), new.derived)
                    if before != after:
                        touches.append(Touch("percentage", where, before, after, target=place))
    if kind == "count":
        touches += _chart_touches(item_id, dependents, old, new)
    return touches


def _sentences(text: str) -> list[tuple[int, int, str]]:
    """(start, end, sentence) within paragraphs: a sentence never runs across a blank line."""
    found = []
    for block in _BLOCK.finditer(text):
        for sentence in _SENTENCE.finditer(block.group(0)):
            if sentence.group(0).strip():
                start = block.start() + sentence.start()
                found.append((start, block.start() + sentence.end(), sentence.group(0).strip()))
    return found


def _exhibit_label(view: SideView, exhibit_id: str) -> str:
    exhibit = view.findings.items["exhibits"].get(exhibit_id)
    if exhibit is None:
        return exhibit_id
    return f"{exhibit.label} {view.derived.numbers.exhibits.get(exhibit_id, '')}: {exhibit.title}"


def _chart_touches(count_id: str, dependents: set[str], old: SideView, new: SideView) -> list[Touch]:
    touches = []
    watched = {count_id} | dependents
    for exhibit_id, exhibit in new.findings.items["exhibits"].items():
        hit = [i for i, q in enumerate(exhibit.questions) if watched & set(q.counts)]
        if not hit:
            continue
        after = chart_data(new.derived, exhibit)
        before_exhibit = old.findings.items["exhibits"].get(exhibit_id)
        before = chart_data(old.derived, before_exhibit) if before_exhibit else None
        for index in hit:
            question = exhibit.questions[index].text
            new_bar = _bar(after, index) if after else None
            old_bar = _bar(before, index) if before and index < len(before.values) else None
            touches.append(
                Touch(
                    "chart",
                    _exhibit_label(new, exhibit_id),
                    f"{question} {old_bar}" if old_bar else None,
                    f"{question} {new_bar}",
                    target=exhibit_id,
                )
            )
    return touches


def _bar(data, index: int) -> str:
    return ", ".join(
        f"{name} {value:.0f}" for name, value in zip(data.series, data.values[index], strict=True)
    )

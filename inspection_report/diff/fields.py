"""One item against its other draft, field by field.

An item is flattened to named text fields first ('enablers 2', 'rows 1 values'), so a
change deep inside a table still reads as one named field with its old and new text, and
numbers compare by what readers see (9.0 and 9 are the same count).
"""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel

from inspection_report.diff.changes import FieldChange
from inspection_report.diff.words import first_words, normalise, word_diff


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
    """Each field whose text differs once whitespace is folded, with a word diff for prose."""
    a, b = _flatten(old), _flatten(new)
    changes = []
    for name in [*a, *(k for k in b if k not in a)]:
        before, after = a.get(name), b.get(name)
        if normalise(before or "") == normalise(after or ""):
            continue
        words = word_diff(before or "", after or "") if " " in (before or "") + (after or "") else None
        changes.append(FieldChange(name, before, after, words))
    return changes


def content(item: BaseModel, side: str) -> list[FieldChange]:
    """Every field of an item added or removed, in full, so a reviewer can read what came or
    went rather than its first words."""
    fields = _flatten(item).items()
    if side == "new":
        return [FieldChange(name, None, value) for name, value in fields if value]
    return [FieldChange(name, value, None) for name, value in fields if value]


def main_text(item: BaseModel, main: str | None) -> str:
    """The field that says what the item is (all fields joined when none does), used to label
    an item and to recognise a renamed one by its text."""
    if main is None:
        return " ".join(_flatten(item).values())
    return _text(getattr(item, main, ""))


def item_label(item: BaseModel, main: str | None) -> str:
    return first_words(main_text(item, main))

"""The vocabulary of a diff: changes, the fields they touch, and what a changed number reaches."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Literal

if TYPE_CHECKING:
    from inspection_report.derive import Derived
    from inspection_report.errors import Problem

ChangeKind = Literal["added", "removed", "changed", "moved", "renamed", "replaced"]
CHANGE_KINDS: tuple[ChangeKind, ...] = ("added", "removed", "changed", "moved", "renamed", "replaced")
WordOp = tuple[Literal["equal", "delete", "insert"], str]


@dataclass(frozen=True)
class FieldChange:
    """One field of an item, before and after; `words` is a word-level diff for text."""

    name: str
    old: str | None
    new: str | None
    words: tuple[WordOp, ...] | None = None


TouchKind = Literal["sentence", "chart", "percentage", "reference", "placement", "renumbered"]
# How each kind of consequence reads before its place: "touches sentence in 7.1 ...".
TOUCH_WORDS: dict[str, str] = {
    "sentence": "touches sentence in",
    "chart": "touches chart in",
    "percentage": "touches percentage in",
    "reference": "updates the reference in",
    "placement": "placed in",
    "renumbered": "renumbers",
}


@dataclass(frozen=True)
class Touch:
    """A consequence of an edit: a sentence, chart or percentage a changed number reaches, a
    reference a rename updates, the paragraph that places an item, a number that changes."""

    kind: TouchKind
    where: str
    old: str | None
    new: str | None
    words: tuple[WordOp, ...] | None = None
    """The words that differ between `old` and `new`, marked as a tracked change would."""
    target: str | None = None
    """The id of the place touched (section, item, chart), so views can link to it."""


@dataclass
class Change:
    kind: ChangeKind
    group: str
    item_kind: str
    item_id: str
    label: str
    old_id: str | None = None
    fields: list[FieldChange] = field(default_factory=list)
    detail: str = ""
    touches: list[Touch] = field(default_factory=list)
    location: str | None = None
    order: tuple[int, int] = (0, 0)
    old_label: str | None = None
    """For a replacement, what the replaced item said."""
    old_location: str | None = None
    """Where the item was written on the old side, for every item the old side has."""
    number: tuple[str | None, str | None] | None = None
    """The item's number as printed (recommendation 5, section 7.1, Chart 4), before and after."""
    page: int | None = None
    """Its page in the new side's built PDF, when one was built from exactly that side."""
    where: str = ""
    """For a paragraph, the part or section it stands in, as readers find it."""
    written: tuple[str | None, str | None] | None = None
    """A paragraph as written on each side, references and all, which the edit rules read;
    `fields` show it as printed."""


@dataclass
class Diff:
    old_label: str
    new_label: str
    report_id: str
    changes: list[Change]
    old: Derived | None = field(default=None, repr=False)
    new: Derived | None = field(default=None, repr=False)
    old_problems: list[Problem] = field(default_factory=list)
    new_problems: list[Problem] = field(default_factory=list)
    """Errors today's checks find in each side; the sides are compared all the same."""
    pdf: str | None = None
    """The built PDF of the new side that the changes' pages refer to, if there is one."""

    def counts(self) -> dict[str, int]:
        return {kind: sum(c.kind == kind for c in self.changes) for kind in CHANGE_KINDS}

    def groups(self) -> list[tuple[str, list[Change]]]:
        ordered: dict[str, list[Change]] = {}
        for change in sorted(self.changes, key=lambda c: c.order):
            ordered.setdefault(change.group, []).append(change)
        return list(ordered.items())

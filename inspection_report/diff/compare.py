"""Two derived reports compared item by item, keyed by stable ids, never by list position.

Formatting never counts as change: both sides are loaded through the same model (so YAML
indentation, key order and quote style vanish) and prose is compared with whitespace folded
(so a reflowed paragraph is the same paragraph).

Each part of the report is compared by its own module; this one lists them in the order a
reader meets them and adds, to each change, what it touches.
"""

from __future__ import annotations

from dataclasses import replace

from inspection_report.derive import Derived
from inspection_report.diff.changes import Change, Diff, Touch
from inspection_report.diff.edits import gather_edits
from inspection_report.diff.impact import add_impact
from inspection_report.diff.items import compare_items, fixed, placed_group
from inspection_report.diff.metadata import compare_metadata
from inspection_report.diff.parts import compare_parts, compare_sections
from inspection_report.diff.prose import compare_prose
from inspection_report.diff.recommendations import compare_recommendations
from inspection_report.diff.team import compare_team
from inspection_report.diff.view import SideView, make_view
from inspection_report.diff.words import word_diff
from inspection_report.item_kinds import BY_COLLECTION

# Items read where prose places or calls them, compared in the chapter that shows them.
_PLACED = ("examples", "quotes", "enablers_barriers", "footnotes")
_NUMBERS = fixed("Case counts and measures")
_NUMBERED = {"recommendation", "section", "part", "exhibit", "footnote"}


def diff_reports(old: Derived, new: Derived, old_label: str, new_label: str) -> Diff:
    a, b = make_view(old), make_view(new)
    changes: list[Change] = []
    changes += compare_metadata(a, b)
    changes += compare_items(a, b, "key_facts", fixed("Key facts"))
    changes += compare_recommendations(a, b)
    changes += compare_parts(a, b)
    changes += compare_sections(a, b)
    changes += compare_prose(a, b)
    for collection in _PLACED:
        reference = BY_COLLECTION[collection].reference or ""
        changes += compare_items(a, b, collection, placed_group(reference), placed=True)
    changes += compare_items(a, b, "counts", _NUMBERS)
    changes += compare_items(a, b, "measures", _NUMBERS)
    changes += compare_items(a, b, "exhibits", fixed("Charts and background data"), placed=True)
    changes += compare_items(a, b, "glossary", fixed("Glossary"))
    changes += compare_team(a, b)
    changes = gather_edits(changes, a, b)
    for change in changes:
        add_impact(change, a, b)
        _number(change, a, b)
        change.touches = [_marked(touch) for touch in change.touches]
    return Diff(old_label, new_label, new.findings.meta.id, changes, old, new)


def _number(change: Change, a: SideView, b: SideView) -> None:
    """The item's printed number before and after, when it has one on either side."""
    if change.item_kind in _NUMBERED:
        before = a.number_of(change.old_id or change.item_id) if change.kind != "added" else None
        after = b.number_of(change.item_id) if change.kind != "removed" else None
        if before or after:
            change.number = (before, after)


def _marked(touch: Touch) -> Touch:
    """A touched sentence or chart with the words that changed marked, as in tracked changes."""
    if touch.kind == "renumbered" or not touch.old or not touch.new or touch.old == touch.new:
        return touch
    return replace(touch, words=word_diff(touch.old, touch.new))

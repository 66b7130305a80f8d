"""Two derived reports compared item by item, keyed by stable ids, never by list position.

Formatting never counts as change: both sides are loaded through the same model (so YAML
indentation, key order and quote style vanish) and prose is compared with whitespace folded
(so a reflowed paragraph is the same paragraph).

Each part of the report is compared by its own module; this one lists them in the order a
reader meets them and adds, to each change, what it touches.
"""

from __future__ import annotations

from inspection_report.derive import Derived
from inspection_report.diff.changes import Change, Diff
from inspection_report.diff.impact import add_impact
from inspection_report.diff.items import compare_items, fixed, placed_group
from inspection_report.diff.metadata import compare_metadata
from inspection_report.diff.parts import compare_parts, compare_sections
from inspection_report.diff.prose import compare_prose
from inspection_report.diff.recommendations import compare_recommendations
from inspection_report.diff.team import compare_team
from inspection_report.diff.view import make_view

# Items placed by prose: (collection, reference kind, what one is called, its main field).
_PLACED_KINDS: tuple[tuple[str, str, str, str | None], ...] = (
    ("examples", "example", "practice example", "text"),
    ("quotes", "quote", "quote", "text"),
    ("enablers_barriers", "enablers-barriers", "enablers and barriers table", None),
    ("footnotes", "note", "footnote", "text"),
)


def diff_reports(old: Derived, new: Derived, old_label: str, new_label: str) -> Diff:
    a, b = make_view(old), make_view(new)
    changes: list[Change] = []
    changes += compare_metadata(a, b)
    changes += compare_items(a, b, "key_facts", "key fact", fixed("Key facts"), "description")
    changes += compare_recommendations(a, b)
    changes += compare_parts(a, b)
    changes += compare_sections(a, b)
    changes += compare_prose(a, b)
    for kind, ref_kind, words, main in _PLACED_KINDS:
        changes += compare_items(a, b, kind, words, placed_group(ref_kind), main, placed=ref_kind)
    numbers = fixed("Case counts and measures")
    changes += compare_items(a, b, "counts", "count", numbers, "description")
    changes += compare_items(a, b, "measures", "measure", numbers, "description")
    changes += compare_items(
        a, b, "exhibits", "exhibit", fixed("Charts and background data"), "title", placed="exhibit"
    )
    changes += compare_items(a, b, "glossary", "glossary entry", fixed("Glossary"), "definition")
    changes += compare_team(a, b)
    for change in changes:
        add_impact(change, a, b)
    return Diff(old_label, new_label, new.findings.meta.id, changes, old, new)

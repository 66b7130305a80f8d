"""The diff as JSON, in the shape documented in docs/diff-format.md. The shape is stable:
fields are only ever added.

Strings hold the findings exactly, but hidden characters are written as JSON escapes
(`json_document`), so the document can be printed to a log or a terminal as it is.
"""

from __future__ import annotations

import json
from typing import Any

from inspection_report.diff.changes import Change, Diff, WordOp
from inspection_report.errors import Problem
from inspection_report.shown_text import json_document

FORMAT_VERSION = 1


def _change(change: Change) -> dict[str, Any]:
    return {
        "kind": change.kind,
        "group": change.group,
        "item_kind": change.item_kind,
        "id": change.item_id,
        "old_id": change.old_id,
        "label": change.label,
        "detail": change.detail or None,
        "location": change.location,
        "fields": [
            {
                "name": f.name,
                "old": f.old,
                "new": f.new,
                "words": _words(f.words),
            }
            for f in change.fields
        ],
        "touches": [
            {
                "kind": t.kind,
                "where": t.where,
                "target": t.target,
                "old": t.old,
                "new": t.new,
                "words": _words(t.words),
            }
            for t in change.touches
        ],
        "old_label": change.old_label,
        "old_location": change.old_location,
        "number": {"old": change.number[0], "new": change.number[1]} if change.number else None,
        "page": change.page,
    }


def _words(words: tuple[WordOp, ...] | None) -> list[dict[str, str]] | None:
    return [{"op": op, "text": text} for op, text in words] if words else None


def diff_to_dict(diff: Diff) -> dict[str, Any]:
    return {
        "report": diff.report_id,
        "old": diff.old_label,
        "new": diff.new_label,
        "summary": diff.counts(),
        "pdf": diff.pdf,
        "problems": {
            "old": [_problem(p) for p in diff.old_problems],
            "new": [_problem(p) for p in diff.new_problems],
        },
        "changes": [_change(c) for _, group in diff.groups() for c in group],
    }


def _problem(problem: Problem) -> dict[str, Any]:
    where = problem.location
    return {"path": str(where.path), "line": where.line, "column": where.column, "message": problem.message}


def diffs_to_json(diffs: list[Diff]) -> str:
    document = {"format": FORMAT_VERSION, "reports": [diff_to_dict(d) for d in diffs]}
    return json_document(json.dumps(document, indent=2, ensure_ascii=False)) + "\n"

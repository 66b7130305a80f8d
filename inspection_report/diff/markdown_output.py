"""The diff as Markdown for a pull-request comment or a CI job summary.

A summary table first, then one collapsible section per report part. GitHub refuses a
comment over 65,536 characters, so sections are added while they fit and the rest is
counted in a closing line, never cut mid-way.

Findings text is folded onto one line, its hidden characters spelled out (`shown`) and its
Markdown marks escaped, so no value can open a heading, a table row, a link or an HTML
tag, or end the list item it sits in. Ids and side labels are shown as code, in a run of
backticks longer than any inside them. Group names sit in an HTML `<summary>`, where
Markdown escapes do not apply, so they are escaped as HTML.
"""

from __future__ import annotations

import html
import re

from inspection_report.diff.changes import CHANGE_KINDS, TOUCH_WORDS, Change, Diff, FieldChange, WordOp
from inspection_report.diff.text_output import number_words
from inspection_report.shown_text import shown

LIMIT = 65_536
_RESERVE = 600
_MARKS = {"added": "➕", "removed": "➖", "changed": "✏️", "moved": "↪️", "renamed": "🔁", "replaced": "🔄"}
# Whitespace a reader sees as space; other line breaks (U+2028, form feed, ...) are spelled out.
_SPACES = re.compile(r"[ \t\r\n]+")
_BACKTICKS = re.compile(r"`+")


def _one_line(text: str) -> str:
    return shown(_SPACES.sub(" ", text).strip(" "))


def _escape(text: str | None) -> str:
    if text is None:
        return "—"
    out = _one_line(text)
    for char in "\\`*_[]<>|#":
        out = out.replace(char, "\\" + char)
    return out


def _code(text: str) -> str:
    """`text` as inline code: backslashes do not escape inside code, so the fence is made
    longer than any run of backticks in the text, and padded when the text touches one."""
    out = _one_line(text)
    fence = "`" * (max((len(run) for run in _BACKTICKS.findall(out)), default=0) + 1)
    pad = " " if out.startswith("`") or out.endswith("`") else ""
    return f"{fence}{pad}{out}{pad}{fence}"


def _words(words: tuple[WordOp, ...]) -> str:
    parts = []
    for op, chunk in words:
        lead = " " if chunk[:1].isspace() else ""
        trail = " " if chunk[-1:].isspace() else ""
        core = _escape(chunk)
        if not core:
            parts.append(lead or trail)
        elif op == "equal":
            parts.append(lead + core + trail)
        elif op == "delete":
            parts.append(f"{lead}~~{core}~~{trail}")
        else:
            parts.append(f"{lead}**{core}**{trail}")
    return "".join(parts)


def _field(field: FieldChange) -> str:
    if field.words and field.old and field.new:
        return _words(field.words)
    if field.old is None:
        return _escape(field.new)
    if field.new is None:
        return f"~~{_escape(field.old)}~~"
    return f"~~{_escape(field.old)}~~ → **{_escape(field.new)}**"


def _change(change: Change) -> str:
    head = f"- {_MARKS[change.kind]} **{change.kind}** {_escape(change.item_kind)} {_code(change.item_id)}"
    if change.label and change.label != change.item_id:
        head += f": {_escape(change.label)}"
    lines = [head]
    if change.detail:
        lines.append(f"  - {_escape(change.detail)}")
    if change.number and change.number[0] != change.number[1]:
        lines.append(f"  - {_escape(number_words(change.number))}")
    if change.location:
        lines.append(f"  - at {_code(change.location)}")
    if change.old_location and change.old_location != change.location:
        lines.append(f"  - was at {_code(change.old_location)}")
    lines += [f"  - {_escape(field.name)}: {_field(field)}" for field in change.fields]
    for touch in change.touches:
        if touch.words:
            shown_touch = _words(touch.words)
        elif touch.old is not None and touch.old != touch.new:
            shown_touch = f"~~{_escape(touch.old)}~~ → {_escape(touch.new)}"
        else:
            shown_touch = _escape(touch.new)
        lines.append(f"  - {TOUCH_WORDS[touch.kind]} *{_escape(touch.where)}*: {shown_touch}")
    return "\n".join(lines) + "\n"


def _summary(diffs: list[Diff]) -> str:
    rows = ["| report | " + " | ".join(CHANGE_KINDS) + " |", "|---" * (len(CHANGE_KINDS) + 1) + "|"]
    for diff in diffs:
        counts = diff.counts()
        rows.append(
            f"| {_escape(diff.report_id)} | " + " | ".join(str(counts[k]) for k in CHANGE_KINDS) + " |"
        )
    return "\n".join(rows) + "\n"


def _problems(diff: Diff) -> str:
    """A side that fails today's checks is compared all the same; its errors come first."""
    text = ""
    for label, problems in ((diff.old_label, diff.old_problems), (diff.new_label, diff.new_problems)):
        if problems:
            shown_problems = "".join(f"- {_escape(str(p))}\n" for p in problems[:50])
            more = f"- … and {len(problems) - 50} more\n" if len(problems) > 50 else ""
            summary = f"{html.escape(_one_line(label))} fails today's checks ({len(problems)} errors)"
            text += (
                f"<details>\n<summary>{summary}; compared all the same</summary>\n\n"
                f"{shown_problems}{more}\n</details>\n\n"
            )
    return text


def diffs_to_markdown(diffs: list[Diff], limit: int = LIMIT) -> str:
    if not diffs:
        return "No reports compared.\n"
    title = f"## Findings diff: {_code(diffs[0].old_label)} → {_code(diffs[0].new_label)}\n\n"
    text = title + _summary(diffs) + "\n" + "".join(_problems(diff) for diff in diffs)
    if not any(d.changes for d in diffs):
        return text + "No changes in the findings.\n"
    budget = limit - _RESERVE
    pending = [(diff, group, changes) for diff in diffs for group, changes in diff.groups()]
    left_out = 0
    for diff, group, changes in pending:
        if left_out:
            left_out += len(changes)
            continue
        name = f"{diff.report_id} · {group}" if len(diffs) > 1 else group
        opening = f"<details>\n<summary>{html.escape(_one_line(name))} ({len(changes)})</summary>\n\n"
        closing = "\n</details>\n\n"
        if len(text) + len(opening) + len(closing) > budget:
            left_out += len(changes)
            continue
        text += opening
        for index, change in enumerate(changes):
            entry = _change(change)
            if len(text) + len(entry) + len(closing) > budget:
                left_out += len(changes) - index
                break
            text += entry
        text += closing
    if left_out:
        text += (
            f"**{left_out} more changes not shown**: GitHub comments are limited to {limit:,} characters. "
            "Run `python build.py diff` locally, or see the JSON or HTML output, for all of them.\n"
        )
    return text

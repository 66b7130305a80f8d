"""The diff for a terminal: grouped in reading order, colour when it helps, markers when not.

Colour follows rich's rules (only on a terminal; `NO_COLOR` turns it off). Without colour,
word changes read as `[-old-]{+new+}`, as `git diff --word-diff=plain` writes them. Every
piece of findings text goes through `shown`, and every line is printed unwrapped, so the
findings cannot start a line of their own in the log this lands in.
"""

from __future__ import annotations

import re

from rich.console import Console
from rich.text import Text

from inspection_report.diff.changes import TOUCH_WORDS, Change, Diff, FieldChange, WordOp
from inspection_report.shown_text import shown

MARKS = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "renamed": "≈", "replaced": "⇄"}
STYLES = {
    "added": "green",
    "removed": "red",
    "changed": "yellow",
    "moved": "cyan",
    "renamed": "magenta",
    "replaced": "blue",
}


_ONE_LINE = 100
_PARAGRAPH_BREAK = re.compile(r"[ \t]*\r?\n[ \t]*\r?\n\s*")


def number_words(number: tuple[str | None, str | None]) -> str:
    """'number 5 → 7', or the one side's number for an item added or removed."""
    before, after = number
    if before and after:
        return f"number {before} → {after}"
    return f"number {after}" if after else f"was number {before}"


def summary_line(diff: Diff) -> str:
    counts = diff.counts()
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def _words(words: tuple[WordOp, ...], coloured: bool) -> Text:
    text = Text()
    for op, chunk in words:
        if op == "equal":
            text.append(_flat_chunk(chunk))
        elif coloured:
            text.append(_flat_chunk(chunk), style="red strike" if op == "delete" else "green underline")
        else:
            text.append(f"[-{_flat_chunk(chunk)}-]" if op == "delete" else f"{{+{_flat_chunk(chunk)}+}}")
    return text


def _field(field: FieldChange, coloured: bool) -> list[Text]:
    name = shown(field.name)
    if field.words and field.old and field.new:
        return [Text(f"      {name}: ").append_text(_words(field.words, coloured))]
    if field.old is None or field.new is None:
        value, style = (field.new, "green") if field.new is not None else (field.old, "red")
        return [Text(f"      {name}: ").append(_flat(value or ""), style=style if coloured else "")]
    if len(field.old) + len(field.new) > _ONE_LINE:
        return [
            Text(f"      {name}, before: ").append(_flat(field.old), style="red" if coloured else ""),
            Text(f"      {name}, after: ").append(_flat(field.new), style="green" if coloured else ""),
        ]
    line = Text(f"      {name}: ")
    line.append(_flat(field.old), style="red" if coloured else "")
    line.append(" → ")
    line.append(_flat(field.new), style="green" if coloured else "")
    return [line]


def _flat_chunk(chunk: str) -> str:
    """A run of words inside a word diff, keeping the spaces at its edges."""
    lead = " " if chunk[:1].isspace() else ""
    trail = " " if chunk[-1:].isspace() and chunk.strip() else ""
    return lead + _flat(chunk) + trail if chunk.strip() else (" " if chunk else "")


def _flat(text: str) -> str:
    """A value on one line: paragraph breaks shown as ¶, other whitespace folded."""
    return shown(" ".join(_PARAGRAPH_BREAK.sub(" ¶ ", text).split()))


def _change(change: Change, coloured: bool) -> list[Text]:
    head = Text(f"  {MARKS[change.kind]} ", style=STYLES[change.kind] if coloured else "")
    head.append(f"{change.kind} {shown(change.item_kind)} ", style="bold" if coloured else "")
    head.append(shown(change.item_id))
    if change.label and change.label != change.item_id:
        head.append(f"  “{shown(change.label)}”", style="dim" if coloured else "")
    lines = [head]
    if change.detail:
        lines.append(Text(f"      {shown(change.detail)}"))
    if change.number and change.number[0] != change.number[1]:
        lines.append(Text(f"      {number_words(change.number)}"))
    if change.location:
        lines.append(Text(f"      at {shown(change.location)}", style="dim" if coloured else ""))
    if change.old_location and change.old_location != change.location:
        lines.append(Text(f"      was at {shown(change.old_location)}", style="dim" if coloured else ""))
    for field in change.fields:
        lines += _field(field, coloured)
    for touch in change.touches:
        line = Text(
            f"      {TOUCH_WORDS[touch.kind]} {shown(touch.where)}: ", style="bold" if coloured else ""
        )
        if touch.words:
            line.append_text(_words(touch.words, coloured))
            lines.append(line)
            continue
        if touch.old != touch.new and touch.old is not None:
            line.append(shown(touch.old), style="red" if coloured else "")
            line.append(" → ")
        line.append(shown(touch.new or "—"), style="green" if coloured else "")
        lines.append(line)
    return lines


def print_diff(diff: Diff, console: Console) -> None:
    coloured = console.color_system is not None and not console.no_color
    report = shown(diff.report_id)
    heading = f"{report}: {shown(diff.old_label)} → {shown(diff.new_label)}"
    lines = [Text(heading, style="bold" if coloured else "")]
    for label, problems in ((diff.old_label, diff.old_problems), (diff.new_label, diff.new_problems)):
        if problems:
            lines.append(
                Text(f"{shown(label)} fails today's checks ({len(problems)} errors); compared all the same:")
            )
            lines += [Text(f"  {shown(str(problem))}") for problem in problems]
    for group, changes in diff.groups():
        lines.append(Text(shown(group), style="bold underline" if coloured else ""))
        for change in changes:
            lines += _change(change, coloured)
    lines.append(Text(f"{report}: {summary_line(diff)}"))
    for line in lines:
        console.print(line, soft_wrap=True, highlight=False)

"""The diff for a terminal: grouped in reading order, colour when it helps, markers when not.

Colour follows rich's rules (only on a terminal; `NO_COLOR` turns it off). Without colour,
word changes read as `[-old-]{+new+}`, as `git diff --word-diff=plain` writes them.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from inspection_report.diff.changes import Change, Diff, FieldChange

MARKS = {"added": "+", "removed": "-", "changed": "~", "moved": ">", "renamed": "≈"}
STYLES = {"added": "green", "removed": "red", "changed": "yellow", "moved": "cyan", "renamed": "magenta"}


def summary_line(diff: Diff) -> str:
    counts = diff.counts()
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def _words(field: FieldChange, coloured: bool) -> Text:
    text = Text()
    for op, chunk in field.words or ():
        if op == "equal":
            text.append(chunk)
        elif coloured:
            text.append(chunk, style="red strike" if op == "delete" else "green underline")
        else:
            text.append(f"[-{chunk}-]" if op == "delete" else f"{{+{chunk}+}}")
    return text


def _field(field: FieldChange, coloured: bool) -> Text:
    line = Text(f"      {field.name}: ")
    if field.words and field.old and field.new:
        line.append_text(_words(field, coloured))
    else:
        line.append(field.old or "—", style="red" if coloured else "")
        line.append(" → ")
        line.append(field.new or "—", style="green" if coloured else "")
    return line


def _change(change: Change, coloured: bool) -> list[Text]:
    head = Text(f"  {MARKS[change.kind]} ", style=STYLES[change.kind] if coloured else "")
    head.append(f"{change.kind} {change.item_kind} ", style="bold" if coloured else "")
    head.append(change.item_id)
    if change.label and change.label != change.item_id:
        head.append(f"  “{change.label}”", style="dim" if coloured else "")
    lines = [head]
    if change.detail:
        lines.append(Text(f"      {change.detail}"))
    if change.location:
        lines.append(Text(f"      at {change.location}", style="dim" if coloured else ""))
    lines += [_field(f, coloured) for f in change.fields]
    for touch in change.touches:
        line = Text(f"      touches {touch.kind} in {touch.where}: ", style="bold" if coloured else "")
        if touch.old != touch.new and touch.old is not None:
            line.append(touch.old, style="red" if coloured else "")
            line.append(" → ")
        line.append(touch.new or "—", style="green" if coloured else "")
        lines.append(line)
    return lines


def print_diff(diff: Diff, console: Console) -> None:
    coloured = console.color_system is not None and not console.no_color
    console.print(
        Text(f"{diff.report_id}: {diff.old_label} → {diff.new_label}", style="bold" if coloured else "")
    )
    for group, changes in diff.groups():
        console.print(Text(group, style="bold underline" if coloured else ""))
        for change in changes:
            for line in _change(change, coloured):
                console.print(line, soft_wrap=True, highlight=False)
    console.print(f"{diff.report_id}: {summary_line(diff)}", highlight=False)

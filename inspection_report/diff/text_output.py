"""The diff for a terminal: grouped in reading order, colour when it helps, markers when not.

Colour follows rich's rules (only on a terminal; `NO_COLOR` turns it off). Without colour,
word changes read as `[-old-]{+new+}`, as `git diff --word-diff=plain` writes them. Every
piece of findings text goes through `shown`, and every line is printed unwrapped, so the
findings cannot start a line of their own in the log this lands in.
"""

from __future__ import annotations

from rich.console import Console
from rich.text import Text

from inspection_report.diff.changes import TOUCH_WORDS, Change, Diff, FieldChange
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


def summary_line(diff: Diff) -> str:
    counts = diff.counts()
    return ", ".join(f"{n} {kind}" for kind, n in counts.items())


def _words(field: FieldChange, coloured: bool) -> Text:
    text = Text()
    for op, chunk in field.words or ():
        if op == "equal":
            text.append(shown(chunk))
        elif coloured:
            text.append(shown(chunk), style="red strike" if op == "delete" else "green underline")
        else:
            text.append(f"[-{shown(chunk)}-]" if op == "delete" else f"{{+{shown(chunk)}+}}")
    return text


def _field(field: FieldChange, coloured: bool) -> Text:
    line = Text(f"      {shown(field.name)}: ")
    if field.words and field.old and field.new:
        line.append_text(_words(field, coloured))
    else:
        line.append(shown(field.old or "—"), style="red" if coloured else "")
        line.append(" → ")
        line.append(shown(field.new or "—"), style="green" if coloured else "")
    return line


def _change(change: Change, coloured: bool) -> list[Text]:
    head = Text(f"  {MARKS[change.kind]} ", style=STYLES[change.kind] if coloured else "")
    head.append(f"{change.kind} {shown(change.item_kind)} ", style="bold" if coloured else "")
    head.append(shown(change.item_id))
    if change.label and change.label != change.item_id:
        head.append(f"  “{shown(change.label)}”", style="dim" if coloured else "")
    lines = [head]
    if change.detail:
        lines.append(Text(f"      {shown(change.detail)}"))
    if change.location:
        lines.append(Text(f"      at {shown(change.location)}", style="dim" if coloured else ""))
    lines += [_field(f, coloured) for f in change.fields]
    for touch in change.touches:
        line = Text(
            f"      {TOUCH_WORDS[touch.kind]} {shown(touch.where)}: ", style="bold" if coloured else ""
        )
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

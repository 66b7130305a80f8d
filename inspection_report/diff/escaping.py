"""Findings text made safe for each output the diff writes.

A diff is read where findings text must not act: a terminal, a CI log, a pull-request
comment, a tool reading JSON. Hidden characters are spelled as `<U+XXXX>` (see
`shown_text.visible`), so a newline cannot forge a line, an escape byte cannot recolour a
terminal and a bidi override cannot reorder what a reviewer reads. GitHub Actions also
treats a line whose first text is `::` as a workflow command, and `##[` anywhere in a line
as an older form of one, so those marks are spelled too when they come from the findings.
JSON keeps every string exact for the tools that read it: there the same characters become
JSON escapes, which decode back to what the findings hold.
"""

from __future__ import annotations

import re

from inspection_report.shown_text import is_hidden, visible

_LEADING_COMMAND = re.compile(r"^(\s*):(?=:)")
_OLD_COMMAND = re.compile(r"#(?=#\[)")
# In a JSON document only these can need escaping: the rest is printable ASCII, and the
# document's own line breaks (strings never hold a raw newline).
_JSON_CANDIDATE = re.compile(r"[^\x20-\x7e\n]|#(?=#\[)")
_SURROGATE_SPLIT = 0x10000


def shown(text: str) -> str:
    """`text` as a reader should see it in a terminal, a log or Markdown: hidden characters
    spelled out, and workflow-command marks spelled so that no log runs them."""
    text = _LEADING_COMMAND.sub(r"\1<U+003A>", visible(text))
    return _OLD_COMMAND.sub("<U+0023>", text)


def _json_escape(char: str) -> str:
    code = ord(char)
    if code < _SURROGATE_SPLIT:
        return f"\\u{code:04x}"
    code -= _SURROGATE_SPLIT
    return f"\\u{0xD800 + (code >> 10):04x}\\u{0xDC00 + (code & 0x3FF):04x}"


def json_document(document: str) -> str:
    """A JSON document (written with `ensure_ascii=False`) with every hidden character and
    every `##[` mark written as JSON escapes; `json.loads` gives back the same strings."""

    def escape(match: re.Match[str]) -> str:
        char = match.group()
        return _json_escape(char) if char == "#" or is_hidden(char) else char

    return _JSON_CANDIDATE.sub(escape, document)

"""Text from the findings made safe to echo into a terminal, a CI log or a generated file.

Findings are written by many hands: a key, an id or a sentence may hold a newline, an escape
byte or an invisible bidi override. Echoed raw, such a character can forge a line (a GitHub
workflow command such as `::add-mask::`), recolour a terminal, or make two different ids
look the same. Every output that repeats findings text passes it through `shown` (or, for
JSON, `json_document`), which spells each such character as `<U+XXXX>`, so what a reader
sees is what is there. GitHub Actions also treats a line whose first text is `::` as a
workflow command, and `##[` anywhere in a line as an older form of one, so those marks are
spelled too. JSON keeps every string exact for the tools that read it: there the same
characters become JSON escapes, which decode back to what the findings hold.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterator

# Categories that never print as themselves: controls, format characters (zero-width
# spaces, joiners, bidi controls), line and paragraph separators, surrogates, private use
# and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
# Characters outside these runs (ASCII, Latin, Greek, Cyrillic, typographic punctuation)
# are few in a report, so only they are looked up, which keeps a scan of a large file fast.
_CANDIDATE = re.compile(r"[^\x20-\x7e\u00a0-\u00ac\u00ae-\u05ff\u2010-\u2027\u2030-\u205f]")


def is_hidden(char: str) -> bool:
    """True for a character a reader cannot see or that changes how the line around it reads."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def describe(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE': the code point and, when it has one, its Unicode name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def hidden_in(text: str, allowed: frozenset[str] = frozenset()) -> Iterator[tuple[int, str]]:
    """(offset, character) for each hidden character in `text` that is not `allowed`."""
    for match in _CANDIDATE.finditer(text):
        char = match.group()
        if char not in allowed and is_hidden(char):
            yield match.start(), char


def visible(text: str) -> str:
    """`text` with every hidden character written as `<U+XXXX>`; printable text unchanged."""
    if text.isprintable():
        return text
    return _CANDIDATE.sub(lambda m: f"<U+{ord(m.group()):04X}>" if is_hidden(m.group()) else m.group(), text)


_LEADING_COMMAND = re.compile(r"^(\s*):(?=:)")
_OLD_COMMAND = re.compile(r"#(?=#\[)")
# In a JSON document only these can need escaping: the rest is printable ASCII, and the
# document's own line breaks (strings never hold a raw newline).
_JSON_CANDIDATE = re.compile(r"[^\x20-\x7e\n]|#(?=#\[)")
_SURROGATE_SPLIT = 0x10000


def shown(text: str) -> str:
    """`text` as a reader should see it in a terminal, a log or Markdown: hidden characters
    spelled out, and workflow-command marks spelled so that no log runs them."""
    text = visible(text)
    if "::" in text:
        text = _LEADING_COMMAND.sub(r"\1<U+003A>", text)
    return _OLD_COMMAND.sub("<U+0023>", text) if "##[" in text else text


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

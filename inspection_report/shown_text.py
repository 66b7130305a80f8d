"""Text from the findings made safe to echo into a terminal, a CI log or a generated file.

Findings are written by many hands: a key, an id or a sentence may hold a newline, an escape
byte or an invisible bidi override. Echoed raw, such a character can forge a line (a GitHub
workflow command such as `::add-mask::`), recolour a terminal, or make two different ids
look the same. Every output that repeats findings text passes it through `visible` first,
which spells each such character as `<U+XXXX>`, so what a reader sees is what is there.
"""

from __future__ import annotations

import re
import unicodedata

# Categories that never print as themselves: controls, format characters (zero-width
# spaces, joiners, bidi controls), line and paragraph separators, surrogates, private use
# and unassigned code points.
_HIDDEN_CATEGORIES = frozenset({"Cc", "Cf", "Zl", "Zp", "Cs", "Co", "Cn"})
_CANDIDATES = re.compile(r"[^\x20-\x7e\u00a0-\u00ac\u00ae-\u05ff]")


def is_hidden(char: str) -> bool:
    """True for a character a reader cannot see or that changes how the line around it reads."""
    return unicodedata.category(char) in _HIDDEN_CATEGORIES


def describe(char: str) -> str:
    """'U+200B ZERO WIDTH SPACE': the code point and, when it has one, its Unicode name."""
    name = unicodedata.name(char, "")
    return f"U+{ord(char):04X}" + (f" {name}" if name else "")


def visible(text: str) -> str:
    """`text` with every hidden character written as `<U+XXXX>`; printable text unchanged."""
    if not _CANDIDATES.search(text):
        return text
    return "".join(f"<U+{ord(c):04X}>" if is_hidden(c) else c for c in text)

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
    return _CANDIDATE.sub(lambda m: f"<U+{ord(m.group()):04X}>" if is_hidden(m.group()) else m.group(), text)

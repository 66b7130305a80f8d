"""Text as the diff compares it: whitespace folded, split into paragraphs, and word-level
differences with numbers kept whole ("27" to "26" is one token, not two digits)."""

from __future__ import annotations

import difflib
import re

from inspection_report.diff.changes import WordOp

_TOKENS = re.compile(r"\{[^{}\s]+\}|\d[\d,.]*\d%?|\d%?|\w+(?:[’'-]\w+)*|\s+|[^\w\s]")
_PARAGRAPH_BREAK = re.compile(r"\n[ \t]*\n")
LABEL_WORDS = 9


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def normalise(text: str) -> str:
    """Whitespace folded: reflowing a paragraph is no change."""
    return " ".join(text.split())


def paragraphs(text: str) -> list[str]:
    """Paragraphs split at blank lines, each with whitespace folded: prose is compared and
    shown paragraph by paragraph, so an edit in one never marks its neighbours."""
    return [normalise(p) for p in _PARAGRAPH_BREAK.split(text.strip()) if p.strip()]


def first_words(text: str) -> str:
    """The opening words of a text, enough for a reader to recognise the item in a list."""
    words = text.split()
    return " ".join(words[:LABEL_WORDS]) + ("…" if len(words) > LABEL_WORDS else "")


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    """Deleted and inserted runs of words; a lone space between two changes joins them, so
    "a whole year" to "12 months" reads as one replacement, not three."""
    a, b = tokens(normalise(old)), tokens(normalise(new))
    raw: list[tuple[str, str, str]] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        if opcode == "equal":
            raw.append(("equal", "".join(a[i1:i2]), ""))
        else:
            raw.append(("change", "".join(a[i1:i2]), "".join(b[j1:j2])))
    merged: list[tuple[str, str, str]] = []
    for index, (kind, first, second) in enumerate(raw):
        bridging = (
            kind == "equal"
            and not first.strip()
            and 0 < index < len(raw) - 1
            and raw[index - 1][0] == raw[index + 1][0] == "change"
        )
        if (kind == "change" or bridging) and merged and merged[-1][0] == "change":
            previous = merged.pop()
            extra = (first, first) if bridging else (first, second)
            merged.append(("change", previous[1] + extra[0], previous[2] + extra[1]))
        else:
            merged.append((kind, first, second))
    ops: list[WordOp] = []
    for kind, first, second in merged:
        if kind == "equal":
            ops.append(("equal", first))
            continue
        if first:
            ops.append(("delete", first))
        if second:
            ops.append(("insert", second))
    return tuple(ops)


def similarity(old: str, new: str) -> float:
    a, b = tokens(normalise(old)), tokens(normalise(new))
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()

"""Word-level differences, with numbers kept whole ("27" to "26" is one token, not two digits)."""

from __future__ import annotations

import difflib
import re

from inspection_report.diff.changes import WordOp

_TOKENS = re.compile(r"\{[^{}\s]+\}|\d[\d,.]*\d%?|\d%?|\w+(?:[’'-]\w+)*|\s+|[^\w\s]")


def tokens(text: str) -> list[str]:
    return _TOKENS.findall(text)


def normalise(text: str) -> str:
    """Whitespace folded: reflowing a paragraph is no change."""
    return " ".join(text.split())


def word_diff(old: str, new: str) -> tuple[WordOp, ...]:
    a, b = tokens(normalise(old)), tokens(normalise(new))
    ops: list[WordOp] = []
    matcher = difflib.SequenceMatcher(a=a, b=b, autojunk=False)
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            ops.append(("equal", "".join(a[i1:i2])))
        else:
            if i2 > i1:
                ops.append(("delete", "".join(a[i1:i2])))
            if j2 > j1:
                ops.append(("insert", "".join(b[j1:j2])))
    return tuple(ops)


def similarity(old: str, new: str) -> float:
    a, b = tokens(normalise(old)), tokens(normalise(new))
    return difflib.SequenceMatcher(a=a, b=b, autojunk=False).ratio()

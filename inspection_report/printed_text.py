"""Findings text as the reader sees it printed, as plain text: what a reviewer compares and
what a downloaded data file holds.

`{count:crc-abided|fraction}` reads as "three-quarters", `{ref:protecting-crc}` as "5.1", and a
paragraph that places a practice example reads as that example's name in brackets. Emphasis
marks are dropped; the words stay.
"""

from __future__ import annotations

import re
from typing import TYPE_CHECKING

from inspection_report.item_kinds import BY_REFERENCE
from inspection_report.references import REFERENCE, parse_reference
from inspection_report.values import reference_text

if TYPE_CHECKING:
    from inspection_report.derive import Derived

_INLINE = {"count", "measure", "fact", "ref"}
# Emphasis marks: asterisks anywhere, underscores only at a word's edge (snake_case stays).
_EMPHASIS = re.compile(r"(?<!\\)\*{1,3}|(?<![\w\\])_{1,3}(?=\S)|(?<=\S)_{1,3}(?!\w)")


def printed(text: str, derived: Derived) -> str | None:
    """Text with every reference replaced by what readers see, whitespace folded; None when a
    reference cannot be resolved on this side."""
    failed = False

    def resolve(match: re.Match[str]) -> str:
        nonlocal failed
        ref = parse_reference(match.group(0), None)  # type: ignore[arg-type]
        if ref is None:
            return match.group(0)
        if ref.kind in _INLINE:
            try:
                return reference_text(derived, ref)[0]
            except (KeyError, ValueError):
                failed = True
                return match.group(0)
        kind = BY_REFERENCE.get(ref.kind)
        if kind is not None and kind.placement == "block" and ref.target:
            return f"[{kind.words} {ref.target}]"
        return ""

    rendered = _EMPHASIS.sub("", REFERENCE.sub(resolve, text))
    return None if failed else " ".join(rendered.split())


def printed_or_written(text: str | None, derived: Derived) -> str | None:
    """The printed text, or the text as written when a reference in it does not resolve."""
    if text is None:
        return None
    shown = printed(text, derived)
    return shown if shown is not None else " ".join(text.split())

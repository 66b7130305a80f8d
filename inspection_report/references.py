"""The reference syntax prose uses to quote data: `{kind:id|format|format}`.

Prose never types a number the data holds; it refers to it. This module only finds and
parses references with their exact file positions; resolving them is `derive`'s job and
rendering them is `markdown_render`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspection_report.errors import Location

INLINE_KINDS = {"count", "measure", "fact", "note", "ref"}
BLOCK_KINDS = {"example", "quote", "enablers-barriers", "exhibit"}
BLOCK_SINGLETONS = {"key-facts", "recommendations", "glossary", "team", "signature"}
KNOWN_KINDS = INLINE_KINDS | BLOCK_KINDS | BLOCK_SINGLETONS
# Which item collection each kind of reference looks its target up in.
COLLECTIONS = {
    "count": "counts",
    "measure": "measures",
    "fact": "key_facts",
    "note": "footnotes",
    "example": "examples",
    "quote": "quotes",
    "enablers-barriers": "enablers_barriers",
    "exhibit": "exhibits",
}

NUMBER_FORMATS = {"digits", "words", "Words", "percent", "rough-percent", "fraction", "Fraction"}
COUNT_TRANSFORMS = {"remainder", "base"}
FACT_FORMATS = {"abs"}

REFERENCE = re.compile(
    r"(?<!\\)\{(?P<kind>[A-Za-z][A-Za-z_-]*)(?::(?P<target>[^{}|\s]*))?(?P<formats>(?:\|[^{}|\s]*)*)\}"
)


@dataclass(frozen=True)
class Reference:
    kind: str
    target: str | None
    formats: tuple[str, ...]
    raw: str
    location: Location

    @property
    def is_block(self) -> bool:
        return self.kind in BLOCK_KINDS or self.kind in BLOCK_SINGLETONS


def parse_reference(raw: str, location: Location) -> Reference | None:
    match = REFERENCE.fullmatch(raw)
    if not match:
        return None
    formats = tuple(f for f in match.group("formats").split("|") if f) if match.group("formats") else ()
    return Reference(match.group("kind"), match.group("target"), formats, raw, location)


def find_references(text: str, path, first_line: int = 1) -> list[Reference]:
    """Every reference in `text`, located in the file it came from."""
    found = []
    line_starts = [0] + [i + 1 for i, ch in enumerate(text) if ch == "\n"]
    for match in REFERENCE.finditer(text):
        line_index = _line_index(line_starts, match.start())
        column = match.start() - line_starts[line_index] + 1
        ref = parse_reference(match.group(0), Location(path, first_line + line_index, column))
        if ref is not None:
            found.append(ref)
    return found


def _line_index(line_starts: list[int], offset: int) -> int:
    low, high = 0, len(line_starts) - 1
    while low < high:
        mid = (low + high + 1) // 2
        if line_starts[mid] <= offset:
            low = mid
        else:
            high = mid - 1
    return low

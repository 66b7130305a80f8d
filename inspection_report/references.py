"""The reference syntax prose uses to quote data: `{kind:id|format|format}`.

Prose never types a number the data holds; it refers to it. This module only finds and
parses references with their exact file positions; resolving them is `derive`'s job and
rendering them is `markdown_render`'s.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from inspection_report.errors import Location
from inspection_report.item_kinds import BY_REFERENCE
from inspection_report.line_index import LineIndex

# `{ref:id}` gives the number of a chapter, section, appendix or exhibit.
INLINE_KINDS = {word for word, kind in BY_REFERENCE.items() if kind.placement == "inline"} | {"ref"}
BLOCK_KINDS = {word for word, kind in BY_REFERENCE.items() if kind.placement == "block"}
# References that place a whole list, or a piece of the report that is not an item.
BLOCK_SINGLETONS = {"key-facts", "recommendations", "glossary", "team", "signature"}
KNOWN_KINDS = INLINE_KINDS | BLOCK_KINDS | BLOCK_SINGLETONS
# Which item collection each kind of reference looks its target up in.
COLLECTIONS = {word: kind.collection for word, kind in BY_REFERENCE.items()}

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
    locate = _locator(text, path, first_line)
    for match in REFERENCE.finditer(text):
        ref = parse_reference(match.group(0), locate(match.start()))
        if ref is not None:
            found.append(ref)
    return found


@dataclass(frozen=True)
class Malformed:
    """Something an editor meant as a reference that is not one, so it would print as typed.

    `kind` and `target` are what it seems to name, so a footnote whose call is mistyped is
    not also reported as never called: the mistake is at the call."""

    raw: str
    reason: str
    kind: str
    target: str | None
    offset: int


_OPENING = re.compile(r"(?<!\\)\{")
_ATTEMPT = re.compile(r"[ \t]*([A-Za-z][A-Za-z_-]*)[ \t]*(:?)[ \t]*([^{}|\s]*)")
_SHOWN = 60


def find_malformed(text: str) -> list[Malformed]:
    """Every `{` that opens what looks like a reference (a known kind, or a word and a colon)
    but is not a well-formed one: unclosed, or with spaces or stray characters inside."""
    found = []
    for opening in _OPENING.finditer(text):
        start = opening.start()
        if REFERENCE.match(text, start):
            continue
        attempt = _ATTEMPT.match(text, start + 1)
        if attempt is None:
            continue
        word, colon, target = attempt.groups()
        if not colon and word.lower() not in KNOWN_KINDS:
            continue
        line_end = text.find("\n", start)
        line_end = len(text) if line_end == -1 else line_end
        close = text.find("}", start, min(line_end, start + 200))
        reopened = text.find("{", start + 1, close) if close != -1 else -1
        if close == -1 or reopened != -1:
            raw = text[start : min(attempt.end(), start + _SHOWN)]
            reason = "is not closed: a reference ends with '}'"
        else:
            raw = text[start : close + 1]
            compact = "".join(raw.split())
            if compact != raw and REFERENCE.fullmatch(compact):
                reason = f"has spaces inside; write {compact}"
            else:
                reason = "is not a reference; write {kind:id} or {kind:id|format} (\\{ prints a brace)"
        found.append(Malformed(raw, reason, word.lower(), target or None, start))
    return found


def _locator(text: str, path, first_line: int):
    """A function from an offset in `text` to its location, built with one pass over `text`."""
    index = LineIndex(text)

    def locate(offset: int) -> Location:
        line, column = index.position(offset)
        return Location(path, first_line + line, column + 1)

    return locate

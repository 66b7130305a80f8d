"""Every piece of text in a report, in the order a reader meets it, with where it was written.

Prose files come in part order; an item placed by a block reference (a practice example, a
table, the key facts) is read where it is placed, and a footnote where it is first called.
Checks that care about order ("spelled out at first use") and numbering of footnotes both
walk this one sequence, so they can never disagree about what comes first.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, replace
from typing import Any

from inspection_report.errors import Location
from inspection_report.item_kinds import Role
from inspection_report.line_index import LineIndex
from inspection_report.load import Findings
from inspection_report.references import Reference, find_references


@dataclass(frozen=True)
class TextSpan:
    """A run of Markdown text and the file position of its first character."""

    text: str
    location: Location
    role: Role
    item_id: str | None = None
    part_id: str | None = None
    section_id: str | None = None

    def references(self) -> list[Reference]:
        return find_references(self.text, self.location.path, self.location.line)

    def location_at(self, offset: int) -> Location:
        """The file position of the character at `offset` in this text.

        Later lines are taken to share the first line's indentation, as block scalars do.
        The offsets where lines start are found once per span, on its first call, and kept
        with it: a span with many problems then costs a binary search for each, not a count
        of the newlines before every one.
        """
        index = self.__dict__.get("_lines")
        if index is None:
            index = self.__dict__["_lines"] = LineIndex(self.text)
        line, column = index.position(offset)
        start = self.location
        return Location(start.path, start.line + line, start.column + column)


def iter_texts(findings: Findings) -> Iterator[TextSpan]:
    """Every text span in reading order, each tagged with the part and section it is read in."""
    called: set[str] = set()
    for part in findings.parts:
        containers = [(None, part.body), *((s.meta.id, s.body) for s in part.sections)]
        for section_id, prose in containers:
            span = TextSpan(prose.text, prose.location, "prose", None, part.meta.id, section_id)
            yield from _with_placed_items(findings, span, called, frozenset())


def _with_placed_items(
    findings: Findings, span: TextSpan, called: set[str], inside: frozenset[tuple[str, str]]
) -> Iterator[TextSpan]:
    """The span itself, then, after each reference in it, the text that reference brings in.

    `inside` holds the items being read out, so an item that places itself is read once.
    """
    yield span
    for ref in span.references():
        key = (ref.kind, ref.target or "")
        if key in inside:
            continue
        for placed in _placed_texts(findings, ref, called):
            placed = replace(placed, part_id=span.part_id, section_id=span.section_id)
            yield from _with_placed_items(findings, placed, called, inside | {key})


def _placed_texts(findings: Findings, ref: Reference, called: set[str]) -> list[TextSpan]:
    items, target = findings.items, ref.target or ""
    if ref.kind == "note" and target in items["footnotes"] and target not in called:
        called.add(target)
        return [_field(findings, items["footnotes"][target], "footnote", "text")]
    if ref.kind == "example" and target in items["examples"]:
        return [_field(findings, items["examples"][target], "example", "text")]
    if ref.kind == "quote" and target in items["quotes"]:
        return [_field(findings, items["quotes"][target], "quote", "text")]
    if ref.kind == "enablers-barriers" and target in items["enablers_barriers"]:
        table = items["enablers_barriers"][target]
        return [
            TextSpan(text, findings.locate(target, column, index), "table", target)
            for column in ("enablers", "barriers")
            for index, text in enumerate(getattr(table, column))
        ]
    if ref.kind == "exhibit" and target in items["exhibits"]:
        exhibit = items["exhibits"][target]
        spans = [_field(findings, exhibit, "exhibit", "title")]
        if exhibit.note:
            spans.append(_field(findings, exhibit, "exhibit", "note"))
        return spans
    if ref.kind == "key-facts":
        spans = []
        for fact in items["key_facts"].values():
            spans.append(_field(findings, fact, "fact", "description"))
            if fact.source:
                call = f"{{note:{fact.source}}}"
                spans.append(TextSpan(call, findings.locate(fact.id, "source"), "fact", fact.id))
        return spans
    if ref.kind == "recommendations":
        return [
            _field(findings, rec, "recommendation", "text")
            for group in items["recommendation_groups"].values()
            for rec in group.recommendations
        ]
    if ref.kind == "glossary":
        return [_field(findings, entry, "glossary", "definition") for entry in items["glossary"].values()]
    return []


def _field(findings: Findings, item: Any, role: Role, name: str) -> TextSpan:
    """The text of one field of an item, located where the editor wrote it."""
    return TextSpan(getattr(item, name) or "", findings.locate(item.id, name), role, item.id)

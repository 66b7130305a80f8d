"""Everything computed from the findings, computed once: numbers, footnote order, values.

Chapter, section, exhibit, recommendation and footnote numbers all come from order, so an
editor who moves a section or adds a recommendation never renumbers anything by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from inspection_report.errors import Location
from inspection_report.load import Findings, Part, Prose
from inspection_report.model import Count, Exhibit
from inspection_report.references import Reference, find_references


@dataclass
class Numbering:
    parts: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    exhibits: dict[str, str] = field(default_factory=dict)
    recommendations: dict[str, int] = field(default_factory=dict)
    footnotes: dict[str, int] = field(default_factory=dict)

    def of(self, target: str) -> str | None:
        for table in (self.parts, self.sections, self.exhibits):
            if target in table:
                return table[target]
        return None


@dataclass
class Derived:
    """The findings plus everything derived from them; the input to rendering and diffing."""

    findings: Findings
    numbers: Numbering
    reading_order: list[Reference]
    exhibit_parts: dict[str, str]

    def count(self, count_id: str) -> Count:
        return self.findings.items["counts"][count_id]

    def base(self, count: Count) -> Count | None:
        return self.findings.items["counts"].get(count.of) if count.of else None

    def exhibit_is_illustrative(self, exhibit: Exhibit) -> bool:
        if any(row.illustrative for row in exhibit.rows):
            return True
        counts = self.findings.items["counts"]
        for question in exhibit.questions:
            for count_id in question.counts:
                count = counts.get(count_id)
                if count is not None and (count.illustrative or _base_illustrative(counts, count)):
                    return True
        return False


def _base_illustrative(counts: dict[str, Count], count: Count) -> bool:
    base = counts.get(count.of) if count.of else None
    return bool(base and base.illustrative)


def derive(findings: Findings) -> Derived:
    numbers = Numbering()
    chapter = appendix = 0
    exhibit_parts: dict[str, str] = {}
    for part in findings.parts:
        if part.meta.kind == "chapter":
            chapter += 1
            numbers.parts[part.meta.id] = str(chapter)
        elif part.meta.kind == "appendix":
            appendix += 1
            numbers.parts[part.meta.id] = str(appendix)
        number = numbers.parts.get(part.meta.id)
        for index, section in enumerate(part.sections, start=1):
            numbers.sections[section.meta.id] = f"{number}.{index}" if number else str(index)
    group_numbers = iter(range(1, 10**6))
    for group in findings.items["recommendation_groups"].values():
        for rec in group.recommendations:
            numbers.recommendations[rec.id] = next(group_numbers)

    order = list(reading_order(findings))
    for part in findings.parts:
        placed = [ref.target for ref in _part_references(part) if ref.kind == "exhibit" and ref.target]
        prefix = part.meta.exhibit_prefix or ""
        for index, exhibit_id in enumerate(dict.fromkeys(placed), start=1):
            numbers.exhibits.setdefault(exhibit_id, f"{prefix}{index}")
            exhibit_parts.setdefault(exhibit_id, part.meta.id)
    for ref in order:
        if ref.kind == "note" and ref.target and ref.target not in numbers.footnotes:
            numbers.footnotes[ref.target] = len(numbers.footnotes) + 1
    return Derived(findings, numbers, order, exhibit_parts)


def part_proses(part: Part) -> list[Prose]:
    return [part.body, *(section.body for section in part.sections)]


def _part_references(part: Part) -> Iterator[Reference]:
    for prose in part_proses(part):
        yield from find_references(prose.text, prose.path, prose.first_line)


def reading_order(findings: Findings) -> Iterator[Reference]:
    """Every reference in the order a reader meets it, following block items into their text."""
    for part in findings.parts:
        for ref in _part_references(part):
            yield ref
            if ref.is_block:
                yield from _block_references(findings, ref)


def _text_refs(text: str | None, where: Location) -> list[Reference]:
    if not text:
        return []
    return find_references(text, where.path, where.line)


def _block_references(findings: Findings, ref: Reference) -> Iterator[Reference]:
    items, locations = findings.items, findings.locations
    kind, target = ref.kind, ref.target or ""
    if kind == "example" and target in items["examples"]:
        yield from _text_refs(items["examples"][target].text, locations[target])
    elif kind == "quote" and target in items["quotes"]:
        yield from _text_refs(items["quotes"][target].text, locations[target])
    elif kind == "enablers-barriers" and target in items["enablers_barriers"]:
        table = items["enablers_barriers"][target]
        for text in [*table.enablers, *table.barriers]:
            yield from _text_refs(text, locations[target])
    elif kind == "exhibit" and target in items["exhibits"]:
        exhibit = items["exhibits"][target]
        yield from _text_refs(exhibit.note, locations[target])
    elif kind == "key-facts":
        for fact in items["key_facts"].values():
            where = locations[fact.id]
            yield from _text_refs(fact.description, where)
            if fact.source:
                yield Reference("note", fact.source, (), f"{{note:{fact.source}}}", where)
    elif kind == "recommendations":
        for group in items["recommendation_groups"].values():
            for rec in group.recommendations:
                yield from _text_refs(rec.text, locations[rec.id])
    elif kind == "glossary":
        for entry in items["glossary"].values():
            yield from _text_refs(entry.definition, locations[entry.id])

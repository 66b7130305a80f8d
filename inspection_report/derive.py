"""Everything computed from the findings, computed once: numbers, footnote order, values.

Chapter, section, exhibit, recommendation and footnote numbers all come from order, so an
editor who moves a section or adds a recommendation never renumbers anything by hand.
"""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import cached_property

from inspection_report.load import Findings, Part, Prose
from inspection_report.markdown_scan import MarkdownScan, scan_markdown
from inspection_report.model import Count, Exhibit
from inspection_report.references import Malformed, Reference, find_malformed, find_references
from inspection_report.texts import TextSpan, iter_texts


@dataclass
class Numbering:
    parts: dict[str, str] = field(default_factory=dict)
    sections: dict[str, str] = field(default_factory=dict)
    exhibits: dict[str, str] = field(default_factory=dict)
    recommendations: dict[str, int] = field(default_factory=dict)
    footnotes: dict[str, int] = field(default_factory=dict)

    @cached_property
    def targets(self) -> list[str]:
        """Every id a {ref:} may name; read once derive has numbered everything."""
        return [*self.parts, *self.sections, *self.exhibits]

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
    texts: list[TextSpan] = field(default_factory=list)
    """Every text span in reading order, read once and shared by every check."""
    malformed: list[tuple[TextSpan, Malformed]] = field(default_factory=list)
    """What editors meant as references but mistyped, with the span each is in."""
    _scans: dict[str, MarkdownScan] = field(default_factory=dict, repr=False)

    def markdown(self, span: TextSpan) -> MarkdownScan:
        """What markdown-it finds in a span, parsed once and shared by every check."""
        scan = self._scans.get(span.text)
        if scan is None:
            scan = self._scans[span.text] = scan_markdown(span.text)
        return scan

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

    texts = list(iter_texts(findings))
    order = [ref for span in texts for ref in span.references()]
    for part in findings.parts:
        placed = [
            ref.target
            for ref in _part_references(part)
            if ref.kind == "exhibit" and ref.target in findings.items["exhibits"]
        ]
        prefix = part.meta.exhibit_prefix or ""
        for index, exhibit_id in enumerate(dict.fromkeys(placed), start=1):
            numbers.exhibits.setdefault(exhibit_id, f"{prefix}{index}")
    for ref in order:
        if ref.kind == "note" and ref.target and ref.target not in numbers.footnotes:
            numbers.footnotes[ref.target] = len(numbers.footnotes) + 1
    malformed = [(span, found) for span in texts for found in find_malformed(span.text)]
    return Derived(findings, numbers, order, texts, malformed)


def part_proses(part: Part) -> list[Prose]:
    return [part.body, *(section.body for section in part.sections)]


def _part_references(part: Part) -> Iterator[Reference]:
    for prose in part_proses(part):
        yield from find_references(prose.text, prose.path, prose.first_line)

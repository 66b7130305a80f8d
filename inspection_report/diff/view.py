"""One side of a diff, with what comparing needs: labels, groups and where items are placed."""

from __future__ import annotations

from dataclasses import dataclass, field

from inspection_report.derive import Derived
from inspection_report.load import Part
from inspection_report.references import BLOCK_KINDS

# Report parts outside the chapters, in the reading order reviewers expect.
GROUP_ORDER = {
    "Metadata": 0,
    "Key facts": 1,
    "Recommendations": 2,
    "Case counts and measures": 1000,
    "Charts and background data": 1001,
    "Glossary": 1002,
    "Team": 1003,
}


@dataclass
class SideView:
    derived: Derived
    part_labels: dict[str, str] = field(default_factory=dict)
    section_labels: dict[str, str] = field(default_factory=dict)
    part_order: dict[str, int] = field(default_factory=dict)
    section_part: dict[str, str] = field(default_factory=dict)
    placement: dict[tuple[str, str], tuple[str, str | None, int]] = field(default_factory=dict)

    @property
    def findings(self):
        return self.derived.findings

    def container_label(self, part_id: str, section_id: str | None) -> str:
        if section_id:
            return self.section_labels.get(section_id, section_id)
        return self.part_labels.get(part_id, part_id)

    def number_of(self, item_id: str) -> str | None:
        """The number readers see on an item (recommendation 5, section 7.1, Chart 4)."""
        numbers = self.derived.numbers
        if item_id in numbers.recommendations:
            return str(numbers.recommendations[item_id])
        if item_id in numbers.footnotes:
            return str(numbers.footnotes[item_id])
        return numbers.of(item_id)

    def location(self, item_id: str) -> str | None:
        """Where the item is written (file:line:column), so a reviewer can open it."""
        where = self.findings.locations.get(item_id)
        return str(where) if where else None


def part_label(derived: Derived, part: Part) -> str:
    number = derived.numbers.parts.get(part.meta.id)
    if number is None:
        return part.meta.title
    if part.meta.kind == "appendix":
        return f"Appendix {number}: {part.meta.title}"
    return f"{number}. {part.meta.title}"


def make_view(derived: Derived) -> SideView:
    view = SideView(derived)
    for index, part in enumerate(derived.findings.parts):
        view.part_labels[part.meta.id] = part_label(derived, part)
        view.part_order[part.meta.id] = 10 + index
        for section in part.sections:
            number = derived.numbers.sections[section.meta.id]
            view.section_labels[section.meta.id] = f"{number} {section.meta.title}"
            view.section_part[section.meta.id] = part.meta.id
    order = 0
    for span in derived.texts:
        for ref in span.references():
            if ref.target and (ref.kind in BLOCK_KINDS or ref.kind == "note"):
                key = (ref.kind, ref.target)
                if key not in view.placement and span.part_id:
                    view.placement[key] = (span.part_id, span.section_id, order)
                    order += 1
    return view


def group_of_part(view: SideView, part_id: str) -> tuple[str, int]:
    return view.part_labels.get(part_id, part_id), view.part_order.get(part_id, 500)


def fixed_group(name: str) -> tuple[str, int]:
    return name, GROUP_ORDER[name]

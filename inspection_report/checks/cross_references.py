"""Cross-references name something that exists, of the kind the sentence says it is.

"see chapter {ref:protecting-together}" must point at a chapter or section; "Figure
{ref:population}" is an error when population is a Table. A number typed by hand
("Figure 4.1") is checked against the derived numbering: wrong is an error, right is a
warning to type it as a reference so it follows renumbering.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem
from inspection_report.texts import TextSpan

_KIND_BEFORE_REF = re.compile(
    r"\b(Figure|Table|Chart|chapter|Chapter|section|Section|paragraph|Paragraph|Appendix|appendix)"
    r"s?\s+(?<!\\)\{ref:([^{}|\s]+)\}"
)
_TYPED_EXHIBIT = re.compile(r"\b(Figure|Table|Chart)\s+(\d+(?:\.\d+)?)\b")
_TYPED_SECTION = re.compile(r"\b(chapter|Chapter|section|Section|paragraph|Paragraph)\s+(\d+(?:\.\d+)?)\b")
_TYPED_APPENDIX = re.compile(r"\b(Appendix)\s+(\d+)\b")


@dataclass
class _Targets:
    """Every numbered target looked up by number and by id, built once per check so that each
    typed number or reference costs a dictionary look-up, not a scan of the report."""

    exhibits_by_number: dict[str, list[str]] = field(default_factory=dict)
    sections_by_number: dict[str, str] = field(default_factory=dict)
    chapters_by_number: dict[str, str] = field(default_factory=dict)
    appendices_by_number: dict[str, str] = field(default_factory=dict)
    part_kinds: dict[str, str] = field(default_factory=dict)


def _targets(derived: Derived) -> _Targets:
    numbers = derived.numbers
    targets = _Targets()
    for exhibit_id, number in numbers.exhibits.items():
        targets.exhibits_by_number.setdefault(number, []).append(exhibit_id)
    targets.sections_by_number = {n: s for s, n in numbers.sections.items()}
    for part in derived.findings.parts:
        targets.part_kinds.setdefault(part.meta.id, part.meta.kind)
        if part.meta.kind == "chapter":
            targets.chapters_by_number[numbers.parts[part.meta.id]] = part.meta.id
        elif part.meta.kind == "appendix":
            targets.appendices_by_number[numbers.parts[part.meta.id]] = part.meta.id
    return targets


# Texts that cite other documents, whose figures, tables and paragraphs are not this report's.
CITING_ROLES = {"footnote", "quote", "glossary"}


def check_cross_references(derived: Derived) -> list[Problem]:
    problems: list[Problem] = []
    targets = _targets(derived)
    for span in derived.texts:
        problems += _kind_words(derived, targets, span)
        found = _typed_numbers(derived, targets, span)
        if span.role in CITING_ROLES:
            found = [_as_citation(p) for p in found if not p.message.startswith("there is no")]
        problems += found
    return problems


def _as_citation(problem: Problem) -> Problem:
    """In a footnote, a quote or a definition, a typed number may be another document's ("the
    NAO report, paragraph 4.3"), so the mismatch is a warning that says which reading it is."""
    return Problem(
        problem.location,
        f"{problem.message} (if it means this report's; a number in another document is fine)",
        "warning",
    )


def _target_kind(derived: Derived, targets: _Targets, target: str) -> tuple[str, str] | None:
    """(kind word, number) of a numbered target: ('Table', '4.1'), ('chapter', '6'), ('section', '6.3')."""
    numbers = derived.numbers
    if target in numbers.exhibits:
        return derived.findings.items["exhibits"][target].label, numbers.exhibits[target]
    if target in numbers.sections:
        return "section", numbers.sections[target]
    if target in numbers.parts:
        kind = targets.part_kinds[target]
        return ("Appendix" if kind == "appendix" else "chapter"), numbers.parts[target]
    return None


def _fits(word: str, kind: str) -> bool:
    word = word.lower()
    if kind in {"Figure", "Table", "Chart"}:
        return word == kind.lower()
    if kind == "Appendix":
        return word == "appendix"
    return word in {"chapter", "section", "paragraph"}


def _kind_words(derived: Derived, targets: _Targets, span: TextSpan) -> list[Problem]:
    problems = []
    for match in _KIND_BEFORE_REF.finditer(span.text):
        word, target = match.group(1), match.group(2)
        found = _target_kind(derived, targets, target)
        if found is None:
            continue
        kind, number = found
        if not _fits(word, kind):
            problems.append(
                Problem(
                    span.location_at(match.start()),
                    f"'{word} {{ref:{target}}}' points at {kind} {number}, not a {word.lower()}; "
                    f"write '{kind} {{ref:{target}}}'"
                    if kind in {"Figure", "Table", "Chart", "Appendix"}
                    else f"'{word} {{ref:{target}}}' points at {kind} {number}",
                )
            )
    return problems


def _typed_numbers(derived: Derived, targets: _Targets, span: TextSpan) -> list[Problem]:
    exhibits = derived.findings.items["exhibits"]
    problems = []
    for match in _TYPED_EXHIBIT.finditer(span.text):
        word, number = match.groups()
        numbered = targets.exhibits_by_number.get(number, [])
        hits = [e for e in numbered if exhibits[e].label == word]
        others = [e for e in numbered if exhibits[e].label != word]
        where = span.location_at(match.start())
        if hits:
            problems.append(_typed_but_right(where, f"{word} {number}", f"{word} {{ref:{hits[0]}}}"))
        elif others:
            label = exhibits[others[0]].label
            problems.append(
                Problem(
                    where,
                    f"'{word} {number}' is captioned {label} {number} ({exhibits[others[0]].title}); "
                    f"write '{label} {{ref:{others[0]}}}'",
                )
            )
        else:
            problems.append(Problem(where, f"there is no {word} {number} in this report"))
    for match in _TYPED_SECTION.finditer(span.text):
        word, number = match.groups()
        target = (
            targets.sections_by_number.get(number)
            if "." in number
            else targets.chapters_by_number.get(number)
        )
        where = span.location_at(match.start())
        if target is None:
            problems.append(Problem(where, f"there is no {word.lower()} {number} in this report"))
        else:
            problems.append(_typed_but_right(where, f"{word} {number}", f"{word} {{ref:{target}}}"))
    for match in _TYPED_APPENDIX.finditer(span.text):
        number = match.group(2)
        where = span.location_at(match.start())
        appendix = targets.appendices_by_number.get(number)
        if appendix is None:
            problems.append(Problem(where, f"there is no Appendix {number} in this report"))
        else:
            problems.append(_typed_but_right(where, f"Appendix {number}", f"Appendix {{ref:{appendix}}}"))
    return problems


def _typed_but_right(where: Location, typed: str, reference: str) -> Problem:
    return Problem(
        where,
        f"'{typed}' is typed by hand; write '{reference}' so it follows any renumbering",
        "warning",
    )

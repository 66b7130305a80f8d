"""Every `{kind:id}` reference is well formed, resolves to an item of its kind, and its formats fit
the data; block items are placed once each, by prose, in a paragraph of their own."""

from __future__ import annotations

from inspection_report.checks.suggest import suggest as _suggest
from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem
from inspection_report.item_kinds import BY_REFERENCE
from inspection_report.references import (
    BLOCK_KINDS,
    BLOCK_SINGLETONS,
    COLLECTIONS,
    COUNT_TRANSFORMS,
    FACT_FORMATS,
    INLINE_KINDS,
    KNOWN_KINDS,
    NUMBER_FORMATS,
    REFERENCE,
    Reference,
)
from inspection_report.shown_text import describe
from inspection_report.wording import fraction_words


def check_references(derived: Derived) -> list[Problem]:
    problems = []
    for ref in derived.reading_order:
        problems += check_reference(derived, ref)
    for span, malformed in derived.malformed:
        problems.append(Problem(span.location_at(malformed.offset), f"'{malformed.raw}' {malformed.reason}"))
    return problems + check_placement(derived)


def check_placement(derived: Derived) -> list[Problem]:
    """Items are placed by prose, each once, by a paragraph of its own; never inside a
    sentence, a list or another item (which could place itself for ever)."""
    problems = []
    placed: dict[tuple[str, str], Location] = {}
    for span in derived.texts:
        for match in REFERENCE.finditer(span.text):
            kind = match.group("kind")
            if kind not in BLOCK_KINDS and kind not in BLOCK_SINGLETONS:
                continue
            where = span.location_at(match.start())
            if span.role != "prose":
                problems.append(
                    Problem(
                        where,
                        f"{match.group(0)} places an item, which only prose can do, not the text of "
                        f"{_ROLE_WORDS.get(span.role, span.role)}",
                    )
                )
                continue
            paragraph = derived.markdown(span).paragraph_at(match.start())
            if paragraph is None or not paragraph.top_level or paragraph.text.strip() != match.group(0):
                problems.append(
                    Problem(
                        where,
                        f"{match.group(0)} places a whole item, so it needs a paragraph "
                        "of its own (a blank line before and after it, not in a list or quote)",
                    )
                )
                continue
            key = (kind, match.group("target") or "")
            if key in placed:
                problems.append(
                    Problem(
                        where,
                        f"{match.group(0)} is already placed at {placed[key]}; an item is placed once "
                        "(refer to it elsewhere in words, or with {ref:id} for an exhibit)",
                    )
                )
            else:
                placed[key] = where
    return problems


_ROLE_WORDS = {
    "example": "a practice example",
    "quote": "a quote",
    "table": "an enablers and barriers table",
    "exhibit": "an exhibit",
    "fact": "a key fact",
    "recommendation": "a recommendation",
    "glossary": "a glossary entry",
    "footnote": "a footnote",
}


def check_reference(derived: Derived, ref: Reference) -> list[Problem]:
    findings = derived.findings
    where = ref.location
    if ref.kind not in KNOWN_KINDS:
        return [
            Problem(
                where,
                f"unknown reference kind '{ref.kind}' in {ref.raw}{_suggest(ref.kind, KNOWN_KINDS)}",
            )
        ]
    if ref.kind in BLOCK_SINGLETONS:
        if ref.target:
            return [Problem(where, f"{{{ref.kind}}} takes no id; write it as {{{ref.kind}}}")]
        return []
    if not ref.target:
        return [Problem(where, f"{ref.raw} names no item; write {{{ref.kind}:<id>}}")]
    if ref.kind == "ref":
        if derived.numbers.of(ref.target) is None:
            return [
                Problem(
                    where,
                    f"cross-reference to '{ref.target}', which is no numbered chapter, "
                    f"section, appendix or exhibit{_suggest(ref.target, derived.numbers.targets)}",
                )
            ]
        return _no_formats(ref)
    collection = findings.items[COLLECTIONS[ref.kind]]
    if ref.target not in collection:
        return [
            Problem(
                where,
                f"no {BY_REFERENCE[ref.kind].words} with id '{ref.target}'{_suggest(ref.target, collection)}"
                f"{_lookalikes(ref.target)}",
            )
        ]
    if ref.kind == "count":
        return _check_count_formats(derived, ref)
    if ref.kind == "fact":
        bad = [f for f in ref.formats if f not in FACT_FORMATS]
        return [Problem(where, f"unknown format '{f}' for a key fact; expected one of: abs") for f in bad]
    if ref.kind in BLOCK_KINDS or ref.kind in INLINE_KINDS:
        return _no_formats(ref)
    return []


def _no_formats(ref: Reference) -> list[Problem]:
    if ref.formats:
        return [Problem(ref.location, f"{ref.raw}: a {ref.kind} reference takes no '|' format")]
    return []


def _check_count_formats(derived: Derived, ref: Reference) -> list[Problem]:
    problems = []
    count = derived.count(ref.target or "")
    base = derived.base(count)
    value = count.value
    for fmt in ref.formats:
        if fmt in COUNT_TRANSFORMS:
            if base is None:
                problems.append(
                    Problem(ref.location, f"{ref.raw}: '{fmt}' needs a count with a base ('of:')")
                )
                return problems
            value = base.value - value if fmt == "remainder" else base.value
        elif fmt in NUMBER_FORMATS:
            if fmt in {"percent", "rough-percent", "fraction", "Fraction"}:
                if base is None or base.value == 0:
                    problems.append(
                        Problem(ref.location, f"{ref.raw}: '{fmt}' needs a count with a non-zero base")
                    )
                elif fmt.lower() == "fraction" and fraction_words(value, base.value) is None:
                    problems.append(
                        Problem(
                            ref.location,
                            f"{ref.raw}: {value} of {base.value} is not close to a plain fraction "
                            "(quarter, third, half, two-thirds, three-quarters); use |percent instead",
                        )
                    )
        else:
            choices = NUMBER_FORMATS | COUNT_TRANSFORMS
            problems.append(
                Problem(ref.location, f"unknown format '{fmt}' in {ref.raw}{_suggest(fmt, choices)}")
            )
    return problems


def _lookalikes(target: str) -> str:
    """Ids are plain ASCII, so a letter from another alphabet that looks like one (a Cyrillic
    es for a Latin c) is named; otherwise "did you mean 'crc'?" for an id that looks exactly
    like 'crc' reads as nonsense."""
    foreign = [char for char in dict.fromkeys(target) if not char.isascii()]
    if not foreign:
        return ""
    named = ", ".join(f"'{char}' ({describe(char)})" for char in foreign)
    return f"; the id contains {named}, not a letter or digit an id may hold"

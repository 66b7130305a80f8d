"""The text a data reference stands for: pure functions of the derived report.

Shared by rendering (what readers see) and later by diffing (what a changed number does to
a sentence), so the two can never disagree.
"""

from __future__ import annotations

from inspection_report.derive import Derived
from inspection_report.model import Count, KeyFact, Measure
from inspection_report.references import Reference
from inspection_report.wording import (
    capitalised,
    fraction_words,
    grouped,
    number_words,
    percent,
    rough_percent,
)


def count_text(derived: Derived, count: Count, formats: tuple[str, ...]) -> str:
    base = derived.base(count)
    value = count.value
    shown: str | None = None
    for fmt in formats:
        if fmt == "remainder" and base is not None:
            value = base.value - value
        elif fmt == "base" and base is not None:
            value = base.value
        elif fmt == "words":
            shown = number_words(value)
        elif fmt == "Words":
            shown = capitalised(number_words(value))
        elif fmt == "percent" and base is not None:
            shown = percent(value, base.value)
        elif fmt == "rough-percent" and base is not None:
            shown = rough_percent(value, base.value)
        elif fmt in {"fraction", "Fraction"} and base is not None:
            words = fraction_words(value, base.value) or percent(value, base.value)
            shown = capitalised(words) if fmt == "Fraction" else words
        elif fmt == "digits":
            shown = grouped(value)
    return shown if shown is not None else grouped(value)


def count_is_illustrative(derived: Derived, count: Count, formats: tuple[str, ...]) -> bool:
    base = derived.base(count)
    uses_base = any(
        f in {"remainder", "base", "percent", "rough-percent", "fraction", "Fraction"} for f in formats
    )
    return count.illustrative or bool(uses_base and base is not None and base.illustrative)


def measure_text(measure: Measure) -> str:
    text = grouped(measure.value)
    return f"{text}%" if measure.unit == "percent" else text


def fact_text(fact: KeyFact, absolute: bool = False) -> str:
    value = abs(fact.value) if absolute else fact.value
    text = grouped(value) + ("%" if fact.unit == "percent" else "")
    if fact.out_of is not None:
        text = f"{text} (of {fact.out_of})"
    if fact.qualifier:
        text = f"{fact.qualifier} {text}"
    return text


def month_year(year_month: str) -> str:
    """'2016-08' as 'August 2016'; a month still to be decided reads as the TODO it is."""
    if year_month == "TODO":
        return "TODO: month of publication"
    months = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ]
    year, month = year_month.split("-")
    return f"{months[int(month) - 1]} {year}"


def reference_text(derived: Derived, ref: Reference) -> tuple[str, bool]:
    """The plain text of an inline data reference and whether it is illustrative."""
    items = derived.findings.items
    target = ref.target or ""
    if ref.kind == "count":
        count = items["counts"][target]
        return count_text(derived, count, ref.formats), count_is_illustrative(derived, count, ref.formats)
    if ref.kind == "measure":
        measure = items["measures"][target]
        return measure_text(measure), measure.illustrative
    if ref.kind == "fact":
        fact = items["key_facts"][target]
        return fact_text(fact, absolute="abs" in ref.formats), fact.illustrative
    if ref.kind == "ref":
        return derived.numbers.of(target) or "", False
    raise ValueError(f"{ref.raw} is not an inline data reference")

"""Exhibits (charts and data tables) as data: chart input, data-table rows and alt text.

Everything a reader or a screen reader needs about a chart is derived here from the same
numbers the chart is drawn from, so alt text and data tables never drift from the picture.
"""

from __future__ import annotations

from dataclasses import dataclass

from charts import ChartData
from inspection_report.derive import Derived
from inspection_report.model import Exhibit

_KIND_WORDS = {
    "bar": "Bar chart",
    "grouped-bar": "Grouped bar chart",
    "stacked-bar": "Stacked bar chart",
    "case-findings": "Horizontal stacked bar chart of numbers of cases",
}
_AXIS_LABELS = {
    "percent": "Per cent",
    "rank": "Rank (1 = most deprived)",
    "score": "Score",
    "number": "",
}


@dataclass(frozen=True)
class ExhibitTable:
    """An exhibit's numbers as a table: header cells, then rows of (label, values, illustrative)."""

    header: tuple[str, ...]
    rows: tuple[tuple[str, tuple[str, ...], bool], ...]


def chart_data(derived: Derived, exhibit: Exhibit) -> ChartData | None:
    if exhibit.chart == "table":
        return None
    if exhibit.chart == "case-findings":
        rows = tuple(q.text for q in exhibit.questions)
        values = tuple(yes_no(derived, q.counts) for q in exhibit.questions)
        return ChartData("case-findings", rows, ("Yes", "No"), values, "number", "Number of cases")
    return ChartData(
        exhibit.chart,
        tuple(row.name for row in exhibit.rows),
        tuple(exhibit.series),
        tuple(tuple(row.values) for row in exhibit.rows),
        exhibit.unit,
        _AXIS_LABELS[exhibit.unit],
    )


def question_is_illustrative(derived: Derived, count_ids: list[str]) -> bool:
    """Whether a case-findings bar shows a value the source does not give: one of its counts,
    or the base its 'No' is worked out from, is illustrative."""
    counts = [derived.count(c) for c in count_ids]
    return any(
        c.illustrative or (b is not None and b.illustrative)
        for c, b in ((c, derived.base(c)) for c in counts)
    )


def yes_no(derived: Derived, count_ids: list[str]) -> tuple[float, float]:
    counts = [derived.count(c) for c in count_ids]
    yes = sum(c.value for c in counts)
    bases = [derived.base(c) for c in counts]
    total = sum(base.value if base is not None else c.value for c, base in zip(counts, bases, strict=True))
    return (float(yes), float(total - yes))


def _format(value: float, unit: str) -> str:
    text = f"{value:,.0f}" if float(value).is_integer() else f"{value:,.1f}"
    return f"{text}%" if unit == "percent" else text


def exhibit_table(derived: Derived, exhibit: Exhibit) -> ExhibitTable:
    if exhibit.chart == "case-findings":
        rows = []
        for question in exhibit.questions:
            yes, no = yes_no(derived, question.counts)
            illustrative = question_is_illustrative(derived, question.counts)
            rows.append((question.text, (f"{yes:.0f}", f"{no:.0f}", f"{yes + no:.0f}"), illustrative))
        return ExhibitTable(("Question", "Yes", "No", "Cases"), tuple(rows))
    header = ("Area", *exhibit.series)
    return ExhibitTable(
        header,
        tuple(
            (row.name, tuple(_format(v, exhibit.unit) for v in row.values), row.illustrative)
            for row in exhibit.rows
        ),
    )


def alt_text(derived: Derived, exhibit: Exhibit) -> str:
    """A sentence-form description of the chart from its data, for screen readers and PDF /Alt."""
    parts = [f"{_KIND_WORDS.get(exhibit.chart, 'Table')}: {exhibit.title}."]
    table = exhibit_table(derived, exhibit)
    if exhibit.chart == "case-findings":
        for text, (yes, no, total), _ in table.rows:
            parts.append(f"{text} Yes in {yes} of {total} cases, no in {no}.")
    else:
        for name, values, _ in table.rows:
            pairs = ", ".join(
                f"{series} {value}" for series, value in zip(table.header[1:], values, strict=True)
            )
            parts.append(f"{name}: {pairs}.")
    if derived.exhibit_is_illustrative(exhibit):
        parts.append("Illustrative data: some values are not from the published source.")
    return " ".join(parts)

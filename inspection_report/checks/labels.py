"""Words and marks the templates print must not be typed into the data as well.

A practice example is printed after "Good practice example:", a quote between quote marks,
an exhibit's source after "Source:", a footnote after its number. Typed into the YAML too,
they print twice ("Good practice example: Good practice example: ...", "““...””").
"""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Location, Problem

_PRACTICE_LABEL = re.compile(r"^\s*\**\s*((?:good|poor)\s+)?practice\s+example\s*\**\s*[:.-]?", re.IGNORECASE)
_DOUBLE_QUOTES = '"“”«»„'
_SINGLE_OPENING, _SINGLE_CLOSING = "'‘", "'’"
_SOURCE_LABEL = re.compile(r"^\s*sources?\s*:", re.IGNORECASE)
_NOTE_NUMBER = re.compile(r"^\s*(\[\d{1,3}\]|\d{1,3}[.)])\s")
_TABLE_LABEL = re.compile(r"^\s*(enablers?|barriers?)\s*:", re.IGNORECASE)
_SPEAKER_DASH = re.compile("^\\s*[-\\u2013\\u2014]")


def check_labels(derived: Derived) -> list[Problem]:
    findings = derived.findings
    items = findings.items
    problems: list[Problem] = []

    def typed(where: Location, typed_text: str, printed_by: str) -> None:
        problems.append(
            Problem(where, f"'{typed_text.strip()}' is printed by the template {printed_by}; remove it here")
        )

    for example in items["examples"].values():
        match = _PRACTICE_LABEL.match(example.text)
        if match:
            typed(findings.locate(example.id, "text"), match.group(0), "before every practice example")
    for quote in items["quotes"].values():
        mark = _wrapping_quote_mark(quote.text.strip())
        if mark:
            typed(findings.locate(quote.id, "text"), mark, "around every quote (quote marks)")
        if _SPEAKER_DASH.match(quote.speaker):
            typed(findings.locate(quote.id, "speaker"), quote.speaker[:1], "before the speaker's name")
    for exhibit in items["exhibits"].values():
        match = _SOURCE_LABEL.match(exhibit.source or "")
        if match:
            typed(findings.locate(exhibit.id, "source"), match.group(0), "before an exhibit's source")
    for note in items["footnotes"].values():
        match = _NOTE_NUMBER.match(note.text)
        if match:
            typed(findings.locate(note.id, "text"), match.group(1), "as the footnote's number")
    for table in items["enablers_barriers"].values():
        for column in ("enablers", "barriers"):
            for index, text in enumerate(getattr(table, column)):
                match = _TABLE_LABEL.match(text)
                if match:
                    typed(findings.locate(table.id, column, index), match.group(0), "as the column heading")
    problems += _table_gaps(derived)
    return problems


def _table_gaps(derived: Derived) -> list[Problem]:
    """A table with one side empty prints the inspectorate's sentence for it ("There were no
    identified barriers to this work."); typed into the prose that places the table as well,
    it prints twice. A table with both sides empty is probably unfinished."""
    findings = derived.findings
    wording = findings.meta.wording
    problems: list[Problem] = []
    tables = findings.items["enablers_barriers"]
    for table in tables.values():
        if not table.enablers and not table.barriers:
            problems.append(
                Problem(
                    findings.locate(table.id),
                    f"enablers and barriers table '{table.id}' lists neither; the report prints only "
                    f"'{wording.no_enablers}' and '{wording.no_barriers}'",
                    "warning",
                )
            )
    for span in derived.texts:
        for ref in span.references():
            table = tables.get(ref.target or "") if ref.kind == "enablers-barriers" else None
            if table is None:
                continue
            gaps = [(table.enablers, wording.no_enablers), (table.barriers, wording.no_barriers)]
            for entries, sentence in gaps:
                at = span.text.lower().find(sentence.lower())
                if not entries and at >= 0:
                    problems.append(
                        Problem(
                            span.location_at(at),
                            f"'{sentence}' is printed by the template with table '{table.id}', "
                            "which has none; remove it here",
                        )
                    )
    return problems


def _wrapping_quote_mark(text: str) -> str | None:
    """A double quote mark at either end, or single ones at both (an apostrophe ends words)."""
    for char in (text[:1], text[-1:]):
        if char and char in _DOUBLE_QUOTES:
            return char
    if text[:1] and text[:1] in _SINGLE_OPENING and text[-1:] and text[-1:] in _SINGLE_CLOSING:
        return text[0]
    return None

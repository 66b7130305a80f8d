"""Counts and percentages in prose come from the data, never typed by hand.

"in 27 of the 31 cases" typed as text silently disagrees with the data the day a count
changes. A typed "X of Y" is an error when it is plainly a case count: its numbers match a
count and its base, Y is the size of one of the report's case samples (a count others are
counted out of), or "cases" follows. Other phrasing ("one of the two offices") is left alone,
and a phrase that looks like a case count but is not can be listed in `report.yaml` under
`not_case_counts`. Typed percentages are always errors that name the reference to use.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.model import Count
from inspection_report.references import REFERENCE
from inspection_report.wording import number_words

_WORDS = {number_words(n): n for n in range(0, 101)}
_LONGEST_WORD = max(len(word) for word in _WORDS)
# No count runs to a hundred digits; longer runs are not read as numbers, which also keeps
# int() away from the digit strings it is slow on (and refuses past 4,300 digits).
_LONGEST_NUMBER = 100
# Any two words around "of"; they count only when both are numbers (digits or words to 100).
# Prose is cut into runs of word characters and hyphens as it is read, and "X of Y" is
# recognised from a run and the few runs after it, so the work is one pass over the text
# however long a run is: a pattern that retried a run from every word boundary in it took
# quadratic time on a hyphen chain.
_RUN = re.compile(r"[\w-]+")
_NEXT_RUN = re.compile(r"\s+([\w-]+)")
_FILLERS = {"the", "these", "those", "all"}
_CASE_NOUNS = {"case", "cases"}
_PERCENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%")
CHECKED_ROLES = {"prose", "example", "table", "recommendation"}
# A key fact's figure is its value; a percentage typed into its description is a second,
# unchecked copy (its "X of Y" phrases are about things other than case samples).
PERCENT_ROLES = CHECKED_ROLES | {"fact"}


def _value(token: str) -> int | None:
    if token.isdecimal():
        return int(token) if len(token) <= _LONGEST_NUMBER else None
    return _WORDS.get(token.lower()) if len(token) <= _LONGEST_WORD else None


def _part_starts(run: str) -> list[int]:
    """Offsets in a run where a number may begin: the run's start or just after a hyphen,
    and only where what follows can be a number word or digits ('x-12', 'twenty-one')."""
    tail = max(0, len(run) - _LONGEST_WORD)
    starts = [k for k in range(tail, len(run)) if run[k] != "-" and (k == 0 or run[k - 1] == "-")]
    last = run.rfind("-") + 1
    if last < tail:
        starts.insert(0, last)
    return starts


def _whole(text: str, end: int) -> tuple[str, int] | None:
    """The word after "of" that follows a run ending at `end`, and where it ends, or None.

    Reads `\\s+(out\\s+)?of\\s+(the|these|those|all\\s+)?WORD` where WORD keeps its trailing
    hyphens off, as a word boundary would.
    """
    after = _NEXT_RUN.match(text, end)
    if after and after.group(1) == "out":
        after = _NEXT_RUN.match(text, after.end())
    if after is None or after.group(1) != "of":
        return None
    whole = _NEXT_RUN.match(text, after.end())
    if whole is None:
        return None
    if whole.group(1) in _FILLERS:
        beyond = _NEXT_RUN.match(text, whole.end())
        if beyond and beyond.group(1).rstrip("-"):
            whole = beyond
    word = whole.group(1).rstrip("-")
    return (word, whole.start(1) + len(word)) if word else None


def _typed_counts(text: str) -> Iterator[tuple[int, str, int, int]]:
    """(offset, words as typed, part, whole) for each "X of Y" whose X and Y are numbers,
    overlapping ones included: '3 of 4 of 5' gives '3 of 4' and '4 of 5'."""
    for run in _RUN.finditer(text):
        word = run.group(0)
        if "-" in word:
            parts = [
                (start, part) for start in _part_starts(word) if (part := _value(word[start:])) is not None
            ]
        else:
            part = _value(word)
            parts = [] if part is None else [(0, part)]
        if not parts:
            continue
        found = _whole(text, run.end())
        if found is None:
            continue
        whole = _value(found[0])
        if whole is None:
            continue
        for start, part in parts:
            offset = run.start() + start
            yield offset, text[offset : found[1]], part, whole


class _Fits:
    """The first count (in findings order) with a given value and base value, indexed once."""

    def __init__(self, counts: dict[str, Count]) -> None:
        self._counts = counts
        self._index: dict[tuple[int, int], str] | None = None

    def first(self, part: int, whole: int) -> str | None:
        if self._index is None:
            counts = self._counts
            self._index = {}
            for count in counts.values():
                base = counts.get(count.of) if count.of else None
                if base is not None:
                    self._index.setdefault((count.value, base.value), count.id)
        return self._index.get((part, whole))


def _says_cases(text: str, end: int) -> bool:
    """Whether "cases" (or "case") follows the typed count: 'in 12 of the 31 cases'."""
    after = _NEXT_RUN.match(text, end)
    return after is not None and after.group(1).lower() in _CASE_NOUNS


def check_typed_figures(derived: Derived) -> list[Problem]:
    findings = derived.findings
    counts = findings.items["counts"]
    fits = _Fits(counts)
    samples = {counts[c.of].value for c in counts.values() if c.of in counts}
    allowed = [phrase.lower() for phrase in findings.meta.not_case_counts]
    used: set[str] = set()
    problems = []
    for span in derived.texts:
        if span.role not in PERCENT_ROLES:
            continue
        text = REFERENCE.sub(lambda m: "\0" * len(m.group(0)), span.text)
        for offset, typed, part, whole in _typed_counts(text) if span.role in CHECKED_ROLES else ():
            listed = next((p for p in allowed if text[offset : offset + len(p)].lower() == p), None)
            if listed is not None:
                used.add(listed)
                continue
            fit = fits.first(part, whole)
            if fit is None and whole not in samples and not _says_cases(text, offset + len(typed)):
                continue
            where = span.location_at(offset)
            if part > whole:
                problems.append(Problem(where, f"'{typed}': {part} is more than {whole}"))
                continue
            hint = (
                f"write '{{count:{fit}}} of the {{count:{counts[fit].of}}}'"
                if fit
                else "define the count in YAML and write it as {count:id}"
            )
            problems.append(Problem(where, f"'{typed}' is a count typed by hand; {hint}"))
        for match in _PERCENT.finditer(text):
            problems.append(
                Problem(
                    span.location_at(match.start()),
                    f"percentage '{match.group(0)}' is typed by hand; write it as "
                    "{count:id|percent} or {measure:id} so it follows the data",
                )
            )
    for index, phrase in enumerate(findings.meta.not_case_counts):
        if phrase.lower() not in used:
            problems.append(
                Problem(
                    findings.locate_meta("not_case_counts", index),
                    f"'{phrase}' is listed under not_case_counts but no prose reads it; remove it",
                    "warning",
                )
            )
    return problems

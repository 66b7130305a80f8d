"""Counts and percentages in prose come from the data, never typed by hand.

"in 27 of the 31 cases" typed as text silently disagrees with the data the day a count
changes. Typed "X of Y" and typed percentages are errors that name the reference to use.
"""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.references import REFERENCE
from inspection_report.wording import number_words

_WORDS = {number_words(n): n for n in range(0, 101)}
# Any two words around "of"; they count only when both are numbers (digits or words to 100).
_X_OF_Y = re.compile(r"(?=(\b([\w-]+)\s+(?:out\s+)?of\s+(?:the\s+|these\s+|those\s+|all\s+)?([\w-]+)\b))")
_PERCENT = re.compile(r"(?<![\w.])\d+(?:\.\d+)?\s?%")
CHECKED_ROLES = {"prose", "example", "table", "recommendation"}


def _value(token: str) -> int | None:
    if token.isdigit():
        return int(token)
    return _WORDS.get(token.lower())


def check_typed_figures(derived: Derived) -> list[Problem]:
    counts = derived.findings.items["counts"]
    problems = []
    for span in derived.texts:
        if span.role not in CHECKED_ROLES:
            continue
        text = REFERENCE.sub(lambda m: "\0" * len(m.group(0)), span.text)
        for match in _X_OF_Y.finditer(text):
            part, whole = _value(match.group(2)), _value(match.group(3))
            if part is None or whole is None:
                continue
            where = span.location_at(match.start())
            if part > whole:
                problems.append(Problem(where, f"'{match.group(1)}': {part} is more than {whole}"))
                continue
            fits = [
                c.id
                for c in counts.values()
                if c.value == part and c.of and counts.get(c.of) and counts[c.of].value == whole
            ]
            hint = (
                f"write '{{count:{fits[0]}}} of the {{count:{counts[fits[0]].of}}}'"
                if fits
                else "define the count in YAML and write it as {count:id}"
            )
            problems.append(Problem(where, f"'{match.group(1)}' is a count typed by hand; {hint}"))
        for match in _PERCENT.finditer(text):
            problems.append(
                Problem(
                    span.location_at(match.start()),
                    f"percentage '{match.group(0)}' is typed by hand; write it as "
                    "{count:id|percent} or {measure:id} so it follows the data",
                )
            )
    return problems

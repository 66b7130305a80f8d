"""House style: known slips and doubled words, from `findings/house-style.yaml` (loaded with
the findings).

Spell-checkers pass "risk if harm" and "servicer user" because every word is a word; a
house-style list of known slips (extended by editors as they meet new ones) and a
doubled-word rule catch them.
"""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.references import REFERENCE

# "had had" is ordinary English (the past perfect of have); house style may allow more.
_DOUBLED = re.compile(r"\b([A-Za-z]+)(?:[ \t]+|[ \t]*\n[ \t]*(?=\S))\1\b", re.IGNORECASE)


def check_style(derived: Derived) -> list[Problem]:
    style = derived.findings.house_style
    found: list[Problem] = []
    patterns = [
        (re.compile(r"\b" + r"\s+".join(map(re.escape, slip.split())) + r"(?!\w)", re.IGNORECASE), slip, fix)
        for slip, fix in style.substitutions.items()
    ]
    allowed = {"had"} | {w.lower() for w in style.repeated_words_allowed}
    for span in derived.texts:
        text = REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text)
        for pattern, _slip, fix in patterns:
            for match in pattern.finditer(text):
                found.append(
                    Problem(
                        span.location_at(match.start()),
                        f"'{_one_line(match.group(0))}': write '{fix}' (house style)",
                    )
                )
        for match in _DOUBLED.finditer(text):
            if match.group(1).lower() not in allowed:
                found.append(
                    Problem(
                        span.location_at(match.start()),
                        f"'{_one_line(match.group(0))}': the word '{match.group(1)}' is written twice",
                    )
                )
    return found


def _one_line(text: str) -> str:
    return " ".join(text.split())

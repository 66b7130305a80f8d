"""House style: known slips and doubled words, from `findings/house-style.yaml`.

Spell-checkers pass "risk if harm" and "servicer user" because every word is a word; a
house-style list of known slips (extended by editors as they meet new ones) and a
doubled-word rule catch them.
"""

from __future__ import annotations

import re
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.plain_errors import problems_from_validation
from inspection_report.references import REFERENCE
from inspection_report.yaml_source import load_yaml

HOUSE_STYLE = "house-style.yaml"
# "had had" is ordinary English (the past perfect of have); house style may allow more.
_DOUBLED = re.compile(r"\b([A-Za-z]+)(?:[ \t]+|[ \t]*\n[ \t]*(?=\S))\1\b", re.IGNORECASE)


class HouseStyle(BaseModel):
    model_config = ConfigDict(extra="forbid")

    substitutions: dict[str, str] = Field(
        default_factory=dict, description="Slip → what to write instead; matched ignoring case."
    )
    repeated_words_allowed: list[str] = Field(
        default_factory=list, description="Words that may stand twice in a row, such as 'had had'."
    )


def load_house_style(path: Path, shown: Path) -> tuple[HouseStyle, tuple[Problem, ...]]:
    if not path.is_file():
        return HouseStyle(), ()
    doc, problems = load_yaml(path, shown)
    if doc is None or problems:
        return HouseStyle(), tuple(problems)
    try:
        return HouseStyle.model_validate(doc.data or {}), ()
    except ValidationError as err:
        return HouseStyle(), tuple(problems_from_validation(err, HouseStyle, doc))


def check_style(derived: Derived) -> list[Problem]:
    findings = derived.findings
    style_path = findings.folder.parent / HOUSE_STYLE
    shown = findings.shown_folder.parent / HOUSE_STYLE
    style, problems = load_house_style(style_path, shown)
    found = list(problems)
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

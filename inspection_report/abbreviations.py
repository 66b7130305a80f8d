"""What each abbreviation stands for, so the HTML edition can explain it at first use.

Expansions come from the glossary ("Building Better Relationships (BBR)", or a definition
that opens with the full name, "Community Rehabilitation Company: ..."), from the
organisations, and from the report's own text where an abbreviation is spelled out
("Multi-Agency Public Protection Arrangements (MAPPA)").
"""

from __future__ import annotations

import re

from inspection_report.checks.glossary import abbreviation_of
from inspection_report.derive import Derived

_BRACKETED = re.compile(r"\(([A-Za-z][\w-]*[A-Z][\w-]*)\)")
_WORDS_BEFORE = 8
_SKIPPED = {"of", "and", "the", "for", "&", "in", "on", "to", "a"}


def _initials(words: list[str]) -> str:
    parts = [p for w in words if w.lower() not in _SKIPPED and not w.isdigit() for p in w.split("-") if p]
    return "".join(p[0] for p in parts).upper()


def _spells(abbreviation: str, words: list[str]) -> bool:
    capitals = "".join(c for c in abbreviation if c.isupper())
    return _initials(words) == capitals


def _fits(abbreviation: str, phrase: str, from_start: bool = False) -> str | None:
    """The shortest run of words at the end (or start) of `phrase` whose initials spell the
    abbreviation's capitals: 'work with the Case Allocation System' gives 'Case Allocation System'."""
    words = [w for w in re.split(r"[\s,]+", phrase.strip()) if w]
    for size in range(1, len(words) + 1):
        run = words[:size] if from_start else words[-size:]
        if _spells(abbreviation, run):
            return " ".join(run)
    return None


def expansions(derived: Derived) -> dict[str, str]:
    findings = derived.findings
    found: dict[str, str] = {}
    for org in findings.organisations.values():
        found.setdefault(org.short, org.name)
    for entry in findings.items["glossary"].values():
        abbreviation = entry.abbreviation or abbreviation_of(entry.term)
        if not abbreviation:
            continue
        bracketed = _BRACKETED.search(entry.term)
        if bracketed and bracketed.group(1) == abbreviation:
            found.setdefault(abbreviation, " ".join(entry.term[: bracketed.start()].split()))
            continue
        lead = re.split(r"[:.;]", entry.definition, maxsplit=1)[0]
        phrase = _fits(abbreviation, lead, from_start=True)
        if phrase:
            found.setdefault(abbreviation, phrase)
    for span in derived.texts:
        for match in _BRACKETED.finditer(span.text):
            abbreviation = match.group(1)
            if abbreviation_of(abbreviation) and abbreviation not in found:
                before = span.text[max(0, match.start() - 160) : match.start()].split()[-_WORDS_BEFORE:]
                phrase = _fits(abbreviation, " ".join(before))
                if phrase:
                    found[abbreviation] = phrase
    return found

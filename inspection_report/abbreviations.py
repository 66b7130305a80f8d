"""What each abbreviation stands for, so the HTML edition can explain it at first use.

Expansions come from the glossary ("Building Better Relationships (BBR)", or a definition
that opens with the full name, "Community Rehabilitation Company: ..."), from the
organisations, and from the report's own text where an abbreviation is spelled out
("Multi-Agency Public Protection Arrangements (MAPPA)").
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from inspection_report.checks.glossary import abbreviation_of
from inspection_report.derive import Derived

# A bracketed word, found by a pattern whose one run stops at the closing bracket; whether
# the word may be an abbreviation (an ASCII letter, then a capital somewhere after it) is
# then decided in Python, so a long run after '(' is read once, not retried at every capital.
_BRACKETED = re.compile(r"\(([\w-]+)\)")
_CAPITAL = re.compile(r"[A-Z]")
_WORDS_BEFORE = 8
_SKIPPED = {"of", "and", "the", "for", "&", "in", "on", "to", "a"}


def _may_abbreviate(word: str) -> bool:
    return ("A" <= word[0] <= "Z" or "a" <= word[0] <= "z") and _CAPITAL.search(word, 1) is not None


def _bracketed(text: str) -> Iterator[re.Match[str]]:
    """Each '(word)' in `text` whose word may be an abbreviation: '(MAPPA)', '(i-SOTP)'."""
    return (match for match in _BRACKETED.finditer(text) if _may_abbreviate(match.group(1)))


def _initials(word: str) -> str:
    if word.lower() in _SKIPPED or word.isdigit():
        return ""
    return "".join(part[0] for part in word.split("-") if part).upper()


def _fits(abbreviation: str, phrase: str, from_start: bool = False) -> str | None:
    """The shortest run of words at the end (or start) of `phrase` whose initials spell the
    abbreviation's capitals: 'work with the Case Allocation System' gives 'Case Allocation System'.

    Runs are grown a word at a time and given up once their initials outrun the capitals,
    so a long definition costs one pass, not one pass per run length.
    """
    capitals = "".join(c for c in abbreviation if c.isupper())
    words = [w for w in re.split(r"[\s,]+", phrase.strip()) if w]
    initials = ""
    for size in range(1, len(words) + 1):
        word = words[size - 1] if from_start else words[-size]
        initials = initials + _initials(word) if from_start else _initials(word) + initials
        if initials == capitals:
            return " ".join(words[:size] if from_start else words[-size:])
        if len(initials) > len(capitals):
            return None
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
        bracketed = next(_bracketed(entry.term), None)
        if bracketed and bracketed.group(1) == abbreviation:
            found.setdefault(abbreviation, " ".join(entry.term[: bracketed.start()].split()))
            continue
        lead = re.split(r"[:.;]", entry.definition, maxsplit=1)[0]
        phrase = _fits(abbreviation, lead, from_start=True)
        if phrase:
            found.setdefault(abbreviation, phrase)
    for span in derived.texts:
        for match in _bracketed(span.text):
            abbreviation = match.group(1)
            if abbreviation_of(abbreviation) and abbreviation not in found:
                before = span.text[max(0, match.start() - 160) : match.start()].split()[-_WORDS_BEFORE:]
                phrase = _fits(abbreviation, " ".join(before))
                if phrase:
                    found[abbreviation] = phrase
    return found

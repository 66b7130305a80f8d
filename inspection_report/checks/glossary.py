"""Every abbreviation a reader meets is explained: in the glossary, or spelled out where first used.

An abbreviation is a word with two or more capitals making up at least half its letters
(CRC, PSRs, EQuiP, i-SOTP); a trailing plural 's' is ignored. "Spelled out at first use"
means its first appearance, in reading order, opens a bracket after the words it abbreviates:
"Multi-Agency Public Protection Arrangements (MAPPA)", "probation instruction (PI 04/2016)".
"""

from __future__ import annotations

import re
from bisect import bisect_left
from collections.abc import Iterator

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.references import REFERENCE
from inspection_report.texts import TextSpan

# Prose is cut into whole words once; each word is then judged in plain Python, so no
# pattern ever retries a long run of capitals or a hyphen chain from every position in it.
_WORD = re.compile(r"[\w-]+")
_LETTERS_AND_HYPHENS = re.compile(r"[A-Za-z][A-Za-z-]*")
_CAPITALS = re.compile(r"[A-Z]{2,}s?")
_IN_BRACKETS = re.compile(r"\(([^()]+)\)")
_TERM_WORD = re.compile(r"\w+")
_MARKERS = {"TODO"}
_LONGEST_SHOWN = 40


def _is_candidate(word: str) -> bool:
    """Whether a whole word (a run of word characters and hyphens) may be an abbreviation.

    It must be ASCII letters and hyphens, start with a letter, and have two capitals after its
    first letter (EQuiP, i-SOTP, PSRs) or be two or more capitals with an optional plural 's'
    (PI, PSRs); abbreviation_of() then decides. Words with digits or other letters never are.
    """
    if word[1:].islower() or not _LETTERS_AND_HYPHENS.fullmatch(word):
        return False
    return sum(c.isupper() for c in word[1:]) >= 2 or _CAPITALS.fullmatch(word) is not None


def abbreviation_of(token: str) -> str | None:
    """The abbreviation a word is, or None: 'PSRs' -> 'PSR', 'EQuiP' -> 'EQuiP', 'York' -> None."""
    core = token[:-1] if len(token) > 2 and token.endswith("s") and token[-2].isupper() else token
    letters = [c for c in core if c.isalpha()]
    capitals = sum(c.isupper() for c in letters)
    if capitals >= 2 and capitals * 2 >= len(letters) and core not in _MARKERS:
        return core
    return None


def _data_spans(derived: Derived) -> Iterator[TextSpan]:
    """Data strings outside Markdown fields: exhibit sources, series, row names, questions."""
    findings = derived.findings
    for exhibit in findings.items["exhibits"].values():
        if exhibit.source:
            yield TextSpan(exhibit.source, findings.locate(exhibit.id, "source"), "exhibit", exhibit.id)
        for index, name in enumerate(exhibit.series):
            yield TextSpan(name, findings.locate(exhibit.id, "series", index), "exhibit", exhibit.id)
        for index, row in enumerate(exhibit.rows):
            yield TextSpan(
                row.name, findings.locate(exhibit.id, "rows", index, "name"), "exhibit", exhibit.id
            )
        for index, question in enumerate(exhibit.questions):
            yield TextSpan(
                question.text, findings.locate(exhibit.id, "questions", index, "text"), "exhibit", exhibit.id
            )


def _uses(span: TextSpan) -> Iterator[tuple[str, int, bool]]:
    """(abbreviation, offset, spelled out here) for each abbreviation in a span."""
    text = REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text)
    for match in _WORD.finditer(text):
        found = abbreviation_of(match.group(0)) if _is_candidate(match.group(0)) else None
        if found is None:
            continue
        spelled = text[match.start() - 1 : match.start()] == "("
        yield found, match.start(), spelled


def known_abbreviations(derived: Derived) -> set[str]:
    findings = derived.findings
    known = set(findings.meta.plain_abbreviations)
    for entry in findings.items["glossary"].values():
        if entry.abbreviation:
            known.add(entry.abbreviation)
        for word in [entry.term, *_IN_BRACKETS.findall(entry.term)]:
            if abbreviation_of(word.strip()):
                known.add(abbreviation_of(word.strip()) or "")
    return known


def check_glossary(derived: Derived) -> list[Problem]:
    known = known_abbreviations(derived)
    seen: set[str] = set()
    problems = []
    body = [span for span in [*derived.texts, *_data_spans(derived)] if span.role != "glossary"]
    for span in body:
        for abbreviation, offset, spelled in _uses(span):
            if abbreviation in seen or abbreviation in known:
                seen.add(abbreviation)
                continue
            seen.add(abbreviation)
            if not spelled:
                shown = _shown(abbreviation)
                problems.append(
                    Problem(
                        span.location_at(offset),
                        f"abbreviation '{shown}' is not in the glossary and is not spelled out "
                        f"at its first use; write the full words followed by '({shown})', or add "
                        "a glossary entry",
                    )
                )
    problems += _unused_entries(derived, body, seen)
    return problems + _duplicate_entries(derived)


def _shown(abbreviation: str) -> str:
    """The abbreviation as quoted in a message: a pasted run of thousands of capitals is cut
    short, so one slip does not print a line as long as itself (twice)."""
    if len(abbreviation) <= _LONGEST_SHOWN:
        return abbreviation
    return f"{abbreviation[:_LONGEST_SHOWN]}… ({len(abbreviation):,} characters)"


def _unused_entries(derived: Derived, body: list[TextSpan], abbreviations: set[str]) -> list[Problem]:
    """Glossary entries the body never uses, by abbreviation or by their term's words."""
    findings = derived.findings
    terms = {
        entry.id: tuple(_TERM_WORD.findall(_IN_BRACKETS.sub("", entry.term).lower()))
        for entry in findings.items["glossary"].values()
        if not entry.standard
    }
    found = _terms_in(terms, [s.text for s in body])
    problems = []
    for entry in findings.items["glossary"].values():
        if entry.standard:
            continue
        used = (entry.abbreviation in abbreviations) or (abbreviation_of(entry.term) in abbreviations)
        if not used and entry.id not in found:
            problems.append(
                Problem(
                    findings.locate(entry.id, "term"),
                    f"glossary entry '{entry.term}' is never used in the report; remove it, or mark it "
                    "'standard: true' if the inspectorate's glossary always carries it",
                    "warning",
                )
            )
    return problems


def _terms_in(terms: dict[str, tuple[str, ...]], texts: list[str]) -> set[str]:
    """Ids of the terms whose words stand in the texts in order (the last as a word's start,
    so 'contract package area' is found in 'contract package areas').

    The texts' words are read once for each distinct term length and looked up in sets, so
    many entries cost no more than a few, however long the report."""
    words = [word for text in texts for word in _TERM_WORD.findall(text.lower())]
    prefixes = {term[:-1] for term in terms.values() if term}
    followers: dict[tuple[str, ...], set[str]] = {}
    for size in {len(prefix) for prefix in prefixes}:
        for start in range(len(words) - size):
            key = tuple(words[start : start + size])
            if key in prefixes:
                followers.setdefault(key, set()).add(words[start + size])
    ordered = {key: sorted(following) for key, following in followers.items()}
    found = set()
    for entry_id, term in terms.items():
        candidates = ordered.get(term[:-1], []) if term else []
        index = bisect_left(candidates, term[-1]) if term else 0
        if index < len(candidates) and candidates[index].startswith(term[-1]):
            found.add(entry_id)
    return found


def _duplicate_entries(derived: Derived) -> list[Problem]:
    """One entry per abbreviation and per term: a second one splits what readers look up, and
    the report would print both."""
    findings = derived.findings
    first: dict[tuple[str, str], str] = {}
    problems = []
    for entry in findings.items["glossary"].values():
        keys = [("term", " ".join(entry.term.lower().split()))]
        abbreviation = entry.abbreviation or abbreviation_of(entry.term)
        if abbreviation:
            keys.append(("abbreviation", abbreviation))
        for what, key in keys:
            if (what, key) in first:
                earlier = first[(what, key)]
                field_name = "abbreviation" if what == "abbreviation" and entry.abbreviation else "term"
                problems.append(
                    Problem(
                        findings.locate(entry.id, field_name),
                        f"glossary {what} '{key if what == 'abbreviation' else entry.term}' is already "
                        f"defined by '{earlier}' at {findings.locate(earlier, 'term')}; keep one entry",
                    )
                )
                break
            first[(what, key)] = entry.id
    return problems

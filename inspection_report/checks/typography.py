"""Typography a reader notices: a number in words with a capital mid-sentence, and straight
quotes in prose that is otherwise typographic.

`{count:x|Words}` prints "Seventeen", right at the start of a sentence and wrong after a
colon or mid-sentence; `{count:x|words}` at a sentence's start prints a lower-case
"seventeen". Straight quotes and apostrophes (' ") among curly ones (’ “ ”) look like typing
slips; the house style says which the inspectorate uses (`quotes: typographic`).
"""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.references import REFERENCE, parse_reference
from inspection_report.texts import TextSpan

# Formats that print words, and their capitalised twin.
_CAPITALISED = {"words": "Words", "fraction": "Fraction"}
_LOWER = {upper: lower for lower, upper in _CAPITALISED.items()}
# What may stand between a sentence's end and its first word: spaces, emphasis, an opening
# quote or bracket; and what may end the previous sentence.
_LEAD = re.compile(r"[\s*_‘“'\"(\[]*$")
_SENTENCE_END = re.compile(r"[.!?][’”'\")\]*_]*$")
_LINE_MARKER = re.compile(r"(?:^|\n)[ \t]*(?:[-+*]|\d+[.)]|#+)$")
_BLANK_LINE = re.compile(r"\n[ \t]*\n")
_LOOK_BACK = 80
# A full stop that ends an abbreviation, not a sentence.
_ABBREVIATION = re.compile(r"(?:^|[\s(])(?:e\.g|i\.e|etc|cf|approx|vs|nos?|paras?|figs?)\.$", re.IGNORECASE)
# Where straight quotes are not prose: references, code spans, link targets, autolinks.
_NOT_PROSE = re.compile(r"\{[^{}]*\}|`[^`]*`|\]\([^)]*\)|<[^<>\s]+>")
_STRAIGHT = re.compile(r"['\"]")
CHECKED_ROLES = {"prose", "example", "quote", "table", "recommendation", "glossary", "footnote", "fact"}


def check_typography(derived: Derived) -> list[Problem]:
    typographic = derived.findings.house_style.quotes == "typographic"
    problems: list[Problem] = []
    for span in derived.texts:
        if span.role not in CHECKED_ROLES:
            continue
        problems += _word_case(span)
        if typographic:
            problems += _straight_quotes(span)
    return problems


def _starts_sentence(text: str, at: int) -> bool:
    """Whether a word at `at` begins a sentence: only spaces, emphasis or an opening mark
    stand between it and the start of the text, of a paragraph, of a list item or heading,
    or the full stop that ends the sentence before. Only the few characters before it are
    read, so a long paragraph full of references costs no more than a short one."""
    before = text[max(0, at - _LOOK_BACK) : at]
    lead = _LEAD.search(before)
    start = lead.start() if lead else at
    head = before[:start]
    if not head.strip() or _BLANK_LINE.search(before[start:]):
        return True
    if _ABBREVIATION.search(head):
        return False
    return bool(_SENTENCE_END.search(head) or _LINE_MARKER.search(head))


def _word_case(span: TextSpan) -> list[Problem]:
    problems = []
    for match in REFERENCE.finditer(span.text):
        ref = parse_reference(match.group(0), span.location)
        if ref is None or ref.kind != "count":
            continue
        starts = _starts_sentence(span.text, match.start())
        for fmt in ref.formats:
            if fmt in _LOWER and not starts:
                wanted = match.group(0).replace(f"|{fmt}", f"|{_LOWER[fmt]}")
                problems.append(
                    Problem(
                        span.location_at(match.start()),
                        f"'{match.group(0)}' prints a capital letter mid-sentence; write '{wanted}'",
                    )
                )
            elif fmt in _CAPITALISED and starts:
                wanted = match.group(0).replace(f"|{fmt}", f"|{_CAPITALISED[fmt]}")
                problems.append(
                    Problem(
                        span.location_at(match.start()),
                        f"'{match.group(0)}' starts a sentence in lower case; write '{wanted}'",
                    )
                )
    return problems


def _straight_quotes(span: TextSpan) -> list[Problem]:
    text = _NOT_PROSE.sub(lambda m: "\0" * len(m.group(0)), span.text)
    problems = []
    for match in _STRAIGHT.finditer(text):
        at = match.start()
        problems.append(
            Problem(
                span.location_at(at),
                f"straight quote {match.group(0)} in typographic prose; write {_curly(text, at)} "
                "(house style: quotes: typographic)",
            )
        )
    return problems


def _curly(text: str, at: int) -> str:
    """The typographic mark a straight one stands for: an apostrophe or closing quote after
    a letter or punctuation, an opening quote after a space or at the start."""
    mark = text[at]
    before = text[at - 1] if at else " "
    opening = before.isspace() or before in "([{\0\u2014\u2013-"
    if mark == "'":
        return "‘" if opening else "’"
    return "“" if opening else "”"

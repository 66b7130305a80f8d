"""House style: known slips and doubled words, from `findings/house-style.yaml` (loaded with
the findings).

Spell-checkers pass "risk if harm" and "servicer user" because every word is a word; a
house-style list of known slips (extended by editors as they meet new ones) and a
doubled-word rule catch them.
"""

from __future__ import annotations

import re
from itertools import pairwise

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.model import MAX_SLIP_WORDS
from inspection_report.references import REFERENCE

# "had had" is ordinary English (the past perfect of have); house style may allow more.
ALWAYS_ALLOWED_TWICE = {"had"}
# Words (letters, digits, apostrophes, inner hyphens) and single punctuation marks.
_TOKEN = re.compile(r"[\w'’]+(?:-[\w'’]+)*|[^\w\s]")


def _tokens(text: str) -> list[tuple[str, int, int]]:
    return [(m.group().lower(), m.start(), m.end()) for m in _TOKEN.finditer(text)]


def check_style(derived: Derived) -> list[Problem]:
    """Slips are matched word by word from an index of their first words, and doubled words
    by comparing neighbours, so the time grows with the text, not with text times slips."""
    style = derived.findings.house_style
    slips: dict[tuple[str, ...], str] = {}
    for slip, fix in style.substitutions.items():
        words = tuple(word for word, _, _ in _tokens(slip))
        if 0 < len(words) <= MAX_SLIP_WORDS:
            slips[words] = fix
    lengths: dict[str, list[int]] = {}
    for words in slips:
        lengths.setdefault(words[0], []).append(len(words))
    allowed = ALWAYS_ALLOWED_TWICE | {w.lower() for w in style.repeated_words_allowed}
    found: list[Problem] = []
    for span in derived.texts:
        text = REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text)
        tokens = _tokens(text)
        for index, (word, start, _) in enumerate(tokens):
            for length in sorted(set(lengths.get(word, ()))):
                following = tokens[index : index + length]
                replacement = slips.get(tuple(t[0] for t in following))
                if replacement is not None and _one_run(text, following):
                    slip = _one_line(text[start : following[-1][2]])
                    found.append(
                        Problem(span.location_at(start), f"'{slip}': write '{replacement}' (house style)")
                    )
            pair = tokens[index : index + 2]
            doubled = len(pair) == 2 and pair[1][0] == word and word.isalpha() and word not in allowed
            if doubled and _one_run(text, pair):
                shown = _one_line(text[start : pair[1][2]])
                written = text[start : pair[0][2]]
                found.append(
                    Problem(span.location_at(start), f"'{shown}': the word '{written}' is written twice")
                )
    return found


def _one_run(text: str, tokens: list[tuple[str, int, int]]) -> bool:
    """Neighbouring tokens separated by spaces or one line break (not a paragraph break)."""
    for (_, _, end), (_, start, _) in pairwise(tokens):
        gap = text[end:start]
        if gap.count("\n") > 1 or (gap and not gap.isspace()):
            return False
    return True


def _one_line(text: str) -> str:
    return " ".join(text.split())

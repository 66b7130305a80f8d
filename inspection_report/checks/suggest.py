"""'Did you mean ...?' for names an editor mistyped.

difflib compares the word with each choice, which is fine for the few dozen ids of an
ordinary report but not for every mistyped reference against 100,000 counts. So the choices
are indexed once per collection: by length, since difflib's own first test rules out any
choice too much shorter or longer than the word, and in spelling order forwards and
backwards, since a typo leaves one end of a name intact. When at most `COMPARED` choices
have a fitting length, all of them are compared and the answer is exactly difflib's;
otherwise only the `NEAREST` on either side of the word in each spelling order, among
choices of the word's length and then of the lengths closest to it, until there are
`4 * NEAREST`. Answers are kept per word, so each distinct word costs a bounded number of
comparisons whatever the number of choices.
"""

from __future__ import annotations

import difflib
import math
from bisect import bisect_left, bisect_right
from collections.abc import Collection, Iterable
from itertools import accumulate

CUTOFF = 0.6
COMPARED = 100
NEAREST = 8
# Indexes of the last few large collections asked about, most recently used last, each held
# with its collection so that the collection's identity cannot pass to another object while
# its index is kept.
_HELD = 4


def suggest(word: str, choices: Iterable[str]) -> str:
    """'; did you mean 'x'?' for the closest choice, or '' when none is close."""
    if not isinstance(choices, Collection):
        choices = list(choices)
    closest = _closest(word, choices) if len(choices) <= COMPARED else _index_of(choices).closest(word)
    return f"; did you mean '{closest}'?" if closest else ""


def _closest(word: str, choices: Iterable[str]) -> str | None:
    close = difflib.get_close_matches(word, choices, n=1, cutoff=CUTOFF)
    return close[0] if close else None


def _length_range(length: int) -> tuple[int, int]:
    """Lengths a choice may have and still pass difflib's real_quick_ratio() at CUTOFF,
    rounded outwards (difflib applies the exact test to whatever is compared)."""
    shortest = math.floor(length * CUTOFF / (2 - CUTOFF))
    longest = math.ceil(length * (2 - CUTOFF) / CUTOFF)
    return shortest, longest


class _Index:
    def __init__(self, choices: Iterable[str]) -> None:
        by_length: dict[int, list[str]] = {}
        for choice in choices:
            by_length.setdefault(len(choice), []).append(choice)
        self._lengths = sorted(by_length)
        self._up_to = [0, *accumulate(len(by_length[n]) for n in self._lengths)]
        self._forwards = {n: sorted(group) for n, group in by_length.items()}
        self._backwards = {n: sorted(c[::-1] for c in group) for n, group in by_length.items()}
        self._answers: dict[str, str | None] = {}

    def closest(self, word: str) -> str | None:
        if word not in self._answers:
            self._answers[word] = _closest(word, self._candidates(word))
        return self._answers[word]

    def _candidates(self, word: str) -> list[str]:
        """Every choice of a fitting length when they are few; otherwise the nearest in
        spelling order among choices of the word's length, then of the lengths next to it."""
        shortest, longest = _length_range(len(word))
        first = bisect_left(self._lengths, shortest)
        last = bisect_right(self._lengths, longest)
        if self._up_to[last] - self._up_to[first] <= COMPARED:
            return [c for n in self._lengths[first:last] for c in self._forwards[n]]
        near: list[str] = []
        below = bisect_left(self._lengths, len(word)) - 1
        above = below + 1
        while len(near) < 4 * NEAREST and (below >= first or above < last):
            if above < last and (
                below < first or self._lengths[above] - len(word) <= len(word) - self._lengths[below]
            ):
                length, above = self._lengths[above], above + 1
            else:
                length, below = self._lengths[below], below - 1
            near += _around(self._forwards[length], word)
            near += [c[::-1] for c in _around(self._backwards[length], word[::-1])]
        return list(dict.fromkeys(near))


def _around(ordered: list[str], word: str) -> list[str]:
    """The NEAREST entries of a sorted list on either side of where `word` would stand."""
    middle = bisect_left(ordered, word)
    return ordered[max(0, middle - NEAREST) : middle + NEAREST]


_indexes: list[tuple[Collection[str], int, _Index]] = []


def _index_of(choices: Collection[str]) -> _Index:
    """The index of a collection, built on first use; a collection that has changed size
    since is indexed afresh. Checks never change the findings they look at."""
    for position, (held, size, index) in enumerate(_indexes):
        if held is choices and size == len(choices):
            _indexes.append(_indexes.pop(position))
            return index
    index = _Index(choices)
    _indexes.append((choices, len(choices), index))
    del _indexes[:-_HELD]
    return index

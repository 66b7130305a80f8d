"""Numbers as a report prints them: digits, words, percentages and plain fractions.

Inspection reports mix styles ("Nine of the thirty-one", "in 27 of the 31 cases",
"three-quarters", "over 80%"); these functions produce each style from the data so a
changed count changes the sentence.
"""

from __future__ import annotations

from fractions import Fraction

_ONES = [
    "zero",
    "one",
    "two",
    "three",
    "four",
    "five",
    "six",
    "seven",
    "eight",
    "nine",
    "ten",
    "eleven",
    "twelve",
    "thirteen",
    "fourteen",
    "fifteen",
    "sixteen",
    "seventeen",
    "eighteen",
    "nineteen",
]
_TENS = ["_", "_", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"]

# Fractions an inspector writes in words, with how they read.
_FRACTION_WORDS = (
    (Fraction(1, 4), "a quarter"),
    (Fraction(1, 3), "one-third"),
    (Fraction(1, 2), "half"),
    (Fraction(2, 3), "two-thirds"),
    (Fraction(3, 4), "three-quarters"),
)
_CLOSE = 0.02
_NEAR = 0.06


def number_words(value: int) -> str:
    """Whole numbers in British English words: 31 -> 'thirty-one', 105 -> 'one hundred and five'."""
    if value < 0:
        return "minus " + number_words(-value)
    if value < 20:
        return _ONES[value]
    if value < 100:
        tens, ones = divmod(value, 10)
        return _TENS[tens] + (f"-{_ONES[ones]}" if ones else "")
    if value < 1000:
        hundreds, rest = divmod(value, 100)
        return f"{_ONES[hundreds]} hundred" + (f" and {number_words(rest)}" if rest else "")
    if value < 1_000_000:
        thousands, rest = divmod(value, 1000)
        joiner = " and " if 0 < rest < 100 else " "
        return f"{number_words(thousands)} thousand" + (f"{joiner}{number_words(rest)}" if rest else "")
    return grouped(value)


def grouped(value: float) -> str:
    """Digits with thousands separators; decimals kept only when present: 251170 -> '251,170'."""
    if float(value).is_integer():
        return f"{int(value):,}"
    return f"{value:,}"


def percent(part: int, whole: int) -> str:
    return f"{round_half_up(100 * part / whole)}%"


def round_half_up(value: float) -> int:
    return int(value + 0.5) if value >= 0 else -int(-value + 0.5)


def rough_percent(part: int, whole: int) -> str:
    """'over 80%', 'under 50%' or 'around 40%': the share rounded to tens, honestly qualified."""
    share = 100 * part / whole
    if share == 100:
        return "all"
    nearest = int(round(share / 10.0) * 10)
    if abs(share - nearest) < 1:
        return f"around {nearest}%"
    floor = int(share // 10 * 10)
    return f"over {floor}%"


def fraction_words(part: int, whole: int) -> str | None:
    """The plain fraction nearest to part/whole ('three-quarters', 'just under half'), or None."""
    if whole <= 0:
        return None
    share = part / whole
    if part == whole:
        return "all"
    if part == 0:
        return "none"
    best_value, best_word = min(_FRACTION_WORDS, key=lambda fw: abs(share - float(fw[0])))
    gap = share - float(best_value)
    if abs(gap) <= _CLOSE:
        return best_word
    if abs(gap) <= _NEAR:
        return ("just over " if gap > 0 else "just under ") + best_word
    return None


def capitalised(text: str) -> str:
    return text[:1].upper() + text[1:]

import pytest

from inspection_report.wording import fraction_words, grouped, number_words, percent, rough_percent


@pytest.mark.parametrize(
    ("value", "words"),
    [
        (0, "zero"),
        (9, "nine"),
        (16, "sixteen"),
        (31, "thirty-one"),
        (40, "forty"),
        (105, "one hundred and five"),
        (2016, "two thousand and sixteen"),
    ],
)
def test_number_words_are_british_english(value, words):
    assert number_words(value) == words


@pytest.mark.parametrize(
    ("part", "whole", "words"),
    [
        (23, 31, "three-quarters"),
        (12, 24, "half"),
        (14, 31, "just under half"),
        (4, 12, "one-third"),
        (9, 20, "just under half"),
        (16, 16, "all"),
        (0, 5, "none"),
    ],
)
def test_fraction_words_name_the_nearest_plain_fraction(part, whole, words):
    assert fraction_words(part, whole) == words


def test_fraction_words_refuse_shares_far_from_any_plain_fraction():
    assert fraction_words(18, 31) is None


def test_percentages_round_half_up_and_roughly():
    assert percent(25, 36) == "69%"
    assert percent(1, 8) == "13%"
    assert rough_percent(26, 31) == "over 80%"
    assert rough_percent(4, 10) == "around 40%"


def test_grouped_digits_keep_decimals_only_when_present():
    assert grouped(251170) == "251,170"
    assert grouped(75.9) == "75.9"
    assert grouped(13000.0) == "13,000"

"""Checks stay correct on inputs built to make careless code slow.

These tests assert results, never timings: each input below took seconds to minutes before
the code that reads it became linear, and must still give the right answer now.
`bench/check_scale.py` measures the time.
"""

from __future__ import annotations

import difflib
import re
from pathlib import Path
from types import SimpleNamespace

from inspection_report.abbreviations import _bracketed, _fits
from inspection_report.checks.counts import _counts_in_cycles, check_counts
from inspection_report.checks.glossary import _uses, abbreviation_of, check_glossary
from inspection_report.checks.suggest import suggest
from inspection_report.checks.typed_figures import _typed_counts
from inspection_report.derive import derive
from inspection_report.errors import Location
from inspection_report.load import load_findings
from inspection_report.markdown_render import markdown_to_html
from inspection_report.model import Count
from inspection_report.references import REFERENCE
from inspection_report.texts import TextSpan, iter_texts

RUN = 40_000
HERE = Location(Path("parts/x.md"), 5, 1)
# The abbreviation pattern the word-by-word reading replaced: right on ordinary prose, but
# it retried a long run of capitals at every split.
_PATTERN_BEFORE = re.compile(
    r"(?<![\w-])([A-Za-z][a-z-]*[A-Z][A-Za-z-]*[A-Z][A-Za-z-]*|[A-Z]{2,}s?)(?![\w-])"
)


def _abbreviations(text: str) -> list[tuple[str, int, bool]]:
    return list(_uses(TextSpan(text, HERE, "prose")))


def test_abbreviations_in_ordinary_prose_are_found_as_named_in_the_rules():
    text = (
        "The CRC and NPS wrote PSRs with EQuiP and i-SOTP; Multi-Agency Public Protection "
        "Arrangements (MAPPA) met. York, TODO, A1B2, AB_C, HM's IT and {count:crc} stay plain."
    )
    found = [(abbreviation, spelled) for abbreviation, _, spelled in _abbreviations(text)]
    assert found == [
        ("CRC", False),
        ("NPS", False),
        ("PSR", False),
        ("EQuiP", False),
        ("i-SOTP", False),
        ("MAPPA", True),
        ("HM", False),
        ("IT", False),
    ]


def test_abbreviations_in_the_sample_are_those_the_single_pattern_found(sample_copy: Path):
    findings = load_findings(sample_copy, sample_copy.parent.parent)
    for span in iter_texts(findings):
        text = REFERENCE.sub(lambda m: " " * len(m.group(0)), span.text)
        expected = [
            (abbreviation, match.start())
            for match in _PATTERN_BEFORE.finditer(text)
            if (abbreviation := abbreviation_of(match.group(1)))
        ]
        assert [(abbreviation, offset) for abbreviation, offset, _ in _uses(span)] == expected


def test_a_run_of_forty_thousand_capitals_is_one_abbreviation():
    capitals = "".join(chr(ord("A") + i % 26) for i in range(RUN))
    ((abbreviation, offset, spelled),) = _abbreviations(f"See {capitals} here.")
    assert (len(abbreviation), offset, spelled) == (RUN, 4, False)


def test_a_run_of_capitals_ending_in_a_digit_is_no_abbreviation():
    assert _abbreviations("A" * RUN + "1 and " + "B" * RUN + "_") == []


def test_hyphen_chains_are_one_word_each():
    assert _abbreviations("-".join(["a"] * (RUN // 2))) == []
    ((abbreviation, offset, _),) = _abbreviations("x " + "-".join(["AB"] * (RUN // 3)))
    assert (abbreviation[:5], offset) == ("AB-AB", 2)


def test_a_pasted_run_of_capitals_is_reported_once_and_quoted_short(sample_copy: Path):
    section = sample_copy / "parts/09-abiding-by-the-sentence/4-shouted.md"
    section.write_text(f"---\nid: shouted\ntitle: Shouted\n---\nWe saw {'Q' * RUN} in the file.\n")
    problems = [p for p in check_glossary(derive(load_findings(sample_copy, sample_copy.parent.parent)))]
    (problem,) = [p for p in problems if p.location.path.name == "4-shouted.md"]
    assert (problem.location.line, problem.location.column) == (5, 8)
    assert f"abbreviation '{'Q' * 40}… (40,000 characters)' is not in the glossary" in problem.message
    assert len(problem.message) < 400


class _Glossary:
    """Knows one abbreviation and explains it at its first use only, as the report does."""

    def __init__(self) -> None:
        self.asked: list[str] = []

    def inline(self, ref):
        return ""

    def block(self, ref):
        return ""

    def first_use(self, text: str) -> str | None:
        first = text == "CRC" and text not in self.asked
        self.asked.append(text)
        return "Community Rehabilitation Company" if first else None


def test_rendering_marks_the_first_use_of_an_abbreviation_beside_hostile_runs():
    text = f"{'A' * RUN}1 {'-'.join(['a'] * (RUN // 2))} {'Ab-' * (RUN // 3)} the CRC and the CRC."
    glossary = _Glossary()
    html = markdown_to_html(text, glossary)
    assert html.count('<abbr title="Community Rehabilitation Company">CRC</abbr>') == 1
    assert glossary.asked == [f"{'A' * RUN}1", "Ab-" * (RUN // 3), "CRC", "CRC"]


def test_bracketed_abbreviations_are_found_and_long_bracketed_runs_are_not():
    text = f"Arrangements (MAPPA) and (i-SOTP), not (York) or ({'A' * RUN}x or ({'B' * RUN}1)"
    assert [match.group(1) for match in _bracketed(text)] == ["MAPPA", "i-SOTP", f"{'B' * RUN}1"]


def test_an_abbreviation_is_spelled_from_the_shortest_run_of_words_even_in_a_long_definition():
    definition = "Case Allocation System " + "used by staff " * 20_000
    assert _fits("CAS", definition, from_start=True) == "Case Allocation System"
    assert _fits("CAS", "work with the Case Allocation System") == "Case Allocation System"
    assert _fits("CAS", "the case " * 20_000) is None


def test_typed_counts_are_read_from_whole_words_including_overlapping_ones():
    found = list(_typed_counts("in 3 of 4 of 5 cases; twenty-one of the thirty-one; 9 out of all 10"))
    assert [(typed, part, whole) for _, typed, part, whole in found] == [
        ("3 of 4", 3, 4),
        ("4 of 5", 4, 5),
        ("twenty-one of the thirty-one", 21, 31),
        ("one of the thirty-one", 1, 31),
        ("9 out of all 10", 9, 10),
    ]


def test_a_hyphen_chain_holds_a_typed_count_only_at_its_end():
    chain = "-".join(["a"] * (RUN // 2))
    assert list(_typed_counts(f"{chain} of 3")) == []
    ((offset, typed, part, whole),) = list(_typed_counts(f"{chain}-12 of 31"))
    assert (offset, typed, part, whole) == (RUN, "12 of 31", 12, 31)


def test_digit_runs_longer_than_any_count_are_not_read_as_numbers():
    assert list(_typed_counts(f"{'9' * RUN} of {'9' * RUN} and 1² of 3")) == []
    assert [typed for _, typed, _, _ in _typed_counts(f"{'9' * 100} of 3")] == [f"{'9' * 100} of 3"]


def test_a_chain_of_numbers_gives_one_typed_count_per_link():
    text = " of ".join(str(n) for n in range(1, 5_001))
    found = list(_typed_counts(text))
    assert len(found) == 4_999
    assert found[-1][1:] == ("4999 of 5000", 4999, 5000)


def _chain(length: int) -> dict[str, Count]:
    """Counts c0 .. c(length-1), each of the next, the last of itself."""
    counts = {}
    for index in range(length):
        base = f"c{index + 1}" if index + 1 < length else f"c{index}"
        counts[f"c{index}"] = Count(id=f"c{index}", value=1, of=base, description="cases")
    return counts


def test_a_cycle_at_the_end_of_a_long_chain_is_found_and_reported_once():
    counts = _chain(50_000)
    assert _counts_in_cycles(counts) == {"c49999"}
    findings = SimpleNamespace(
        items={"counts": counts}, locate=lambda item_id, *path: Location(Path(item_id))
    )
    problems = check_counts(SimpleNamespace(findings=findings))
    assert [(str(p.location), p.message) for p in problems] == [
        ("c49999:1:1", "count 'c49999' is, through its bases, part of itself")
    ]


def test_every_count_of_a_cycle_is_in_it_and_none_that_only_lead_to_it():
    counts = _chain(1_000)
    counts["c999"] = Count(id="c999", value=1, of="c997", description="cases")
    counts["loose"] = Count(id="loose", value=1, of="nowhere", description="cases")
    assert _counts_in_cycles(counts) == {"c997", "c998", "c999"}


def test_location_of_any_offset_in_a_large_span_is_its_line_and_column():
    lines = [f"line {n} " + "x" * (n % 50) for n in range(100_000)]
    text = "\n".join(lines)
    span = TextSpan(text, Location(Path("items.yaml"), 10, 7), "prose")
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line) + 1)
    for number in [0, 1, 2, 49, 50, 77_777, 99_998, 99_999]:
        for column in [0, 3, len(lines[number])]:
            where = span.location_at(starts[number] + column)
            assert (where.line, where.column) == (10 + number, 7 + column)
    assert span.location_at(len(text)).line == 10 + 99_999


def test_a_mistyped_id_is_matched_among_a_hundred_thousand_others():
    ids = {f"b{n % 10}-{n:05d}": None for n in range(100_000)}
    ids.update(dict.fromkeys(["crc", "crc-abided", "crc-reoffended", "nps-abided", "all-cases"]))
    assert suggest("crc-abide", ids) == "; did you mean 'crc-abided'?"
    assert suggest("xrc-abided", ids) == "; did you mean 'crc-abided'?"
    assert suggest("crcc", ids) == "; did you mean 'crc'?"
    assert suggest("al-cases", ids) == "; did you mean 'all-cases'?"
    assert suggest("zzzzzzzzzzzzzzzzzzzzzzzzzzzz", ids) == ""


def test_suggestions_among_an_ordinary_reports_ids_are_exactly_difflibs():
    ids = [f"{org}-{topic}" for org in ("crc", "nps") for topic in ("abided", "reoffended", "risk", "plan")]
    for word in ["crc-abide", "nps-risks", "npc-plan", "crc", "risk", "x"]:
        close = difflib.get_close_matches(word, sorted(ids), n=1, cutoff=0.6)
        assert suggest(word, ids) == (f"; did you mean '{close[0]}'?" if close else "")


def test_glossary_terms_are_found_by_their_words_the_last_as_a_word_start():
    from inspection_report.checks.glossary import _terms_in

    terms = {
        "area": ("contract", "package", "area"),
        "sotp": ("i", "sotp"),
        "gate": ("through", "the", "gate"),
        "absent": ("risk", "of", "flooding"),
    }
    texts = ["Each Contract Package Areas had an i-SOTP place.", "Work Through the Gateway."]
    assert _terms_in(terms, texts) == {"area", "sotp", "gate"}


def test_ten_thousand_glossary_terms_are_judged_in_one_reading_of_a_long_text():
    from inspection_report.checks.glossary import _terms_in

    terms = {f"t{n}": ("term", f"w{n:05d}", "x") for n in range(10_000)}
    terms["used"] = ("term", "w00042", "y")
    text = " ".join(["term w00042 yes"] + ["filler words here"] * 100_000)
    assert _terms_in(terms, [text]) == {"used"}

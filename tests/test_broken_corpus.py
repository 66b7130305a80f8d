"""Broken copies of the sample, one mistake each, as editors make them.

Each must give exit 1 from `check`, point at the right file and line, say what is wrong in
plain words, never show a traceback, and leave output/ untouched when built.
"""

from __future__ import annotations

import pytest
from conftest import replace_in
from corpus import Break, line_of

from inspection_report.cli import main

CH5 = "parts/07-reducing-reoffending"
CH6 = "parts/08-protecting-the-public"
CH7 = "parts/09-abiding-by-the-sentence"
APP2 = "parts/11-appendix-background-data"


CORPUS = [
    Break(
        "yaml syntax error",
        "cases.yaml",
        "description: CRC cases inspected",
        "description: CRC cases: inspected",
        "YAML syntax error: mapping values are not allowed in this context",
    ),
    Break(
        "duplicate key",
        "cases.yaml",
        "    value: 31\n",
        "    value: 31\n    value: 32\n",
        "duplicate key 'value'",
        at="value: 32",
    ),
    Break(
        "unknown key",
        "cases.yaml",
        "    description: CRC cases inspected",
        "    descripton: CRC cases inspected",
        "unknown key 'descripton'; did you mean 'description'?",
    ),
    Break(
        "wrong type",
        "cases.yaml",
        "value: 31",
        "value: thirty-one",
        "expected a whole number of cases, got 'thirty-one'",
    ),
    Break(
        "yaml 1.1 boolean is not a status",
        "report.yaml",
        "status: draft",
        "status: NO",
        "expected one of draft, final, got 'NO'",
    ),
    Break("anchor", "cases.yaml", "value: 31", "value: &n 31", "anchors and aliases"),
    Break("tab indentation", "cases.yaml", "  - id: crc\n", "\t- id: crc\n", "tab character", at="- id: crc"),
    Break(
        "missing required key",
        "cases.yaml",
        "    description: CRC cases inspected\n",
        "",
        "missing required key 'description'",
        at="id: crc\n",
    ),
    Break(
        "part larger than its whole",
        f"{CH7}/items.yaml",
        "id: crc-abided\n    value: 27",
        "id: crc-abided\n    value: 32",
        "'crc-abided' is 32 of 'crc', which is only 31",
        at="value: 32",
    ),
    Break(
        "risk levels do not add up",
        f"{CH6}/items.yaml",
        "id: crc-risk-low\n    value: 14",
        "id: crc-risk-low\n    value: 15",
        "partition 'crc-risk-level' adds up to 32",
        at="partition: crc-risk-level",
    ),
    Break(
        "correct plus incorrect do not add up",
        f"{CH6}/items.yaml",
        "id: crc-risk-incorrect\n    value: 5",
        "id: crc-risk-incorrect\n    value: 6",
        "partition 'crc-risk-classification' adds up to 32",
        at="partition: crc-risk-classification",
    ),
    Break(
        "samples do not add up",
        "cases.yaml",
        "value: 47",
        "value: 48",
        "partition 'sample-by-organisation' adds up to 47",
        at="partition: sample-by-organisation",
    ),
    Break(
        "key fact shares miss 100%",
        "parts/02-key-facts/key-facts.yaml",
        "value: 52\n",
        "value: 53\n",
        "add up to 101% (24% + 24% + 53%), not 100%",
        at="share_of: nps-caseload",
    ),
    Break(
        "typed percentage",
        f"{CH5}/2-nps.md",
        "{count:nps-psr-quality|percent}",
        "69%",
        "percentage '69%' is typed by hand",
    ),
    Break(
        "typed count",
        f"{CH7}/1-crc.md",
        "in {count:crc-abided} of the {count:crc} cases",
        "in 27 of the 31 cases",
        "'27 of the 31' is a count typed by hand; write '{count:crc-abided} of",
    ),
    Break(
        "misspelt count reference",
        f"{CH7}/1-crc.md",
        "{count:crc-abided}",
        "{count:crc-abide}",
        "no count with id 'crc-abide'; did you mean 'crc-abided'?",
    ),
    Break(
        "missing practice example",
        f"{CH5}/1-crc.md",
        "{example:john}",
        "{example:jon}",
        "no practice example with id 'jon'; did you mean 'john'?",
    ),
    Break(
        "fraction no word fits",
        f"{CH7}/items.yaml",
        "id: crc-contact-appropriate\n    value: 23",
        "id: crc-contact-appropriate\n    value: 18",
        "18 of 31 is not close to a plain fraction",
        at="{count:crc-contact-appropriate|fraction}",
        where=f"{CH7}/1-crc.md",
    ),
    Break(
        "seed slip: Figure for a Table",
        f"{APP2}/index.md",
        "As set out in Table {ref:population}",
        "As set out in Figure 4.1",
        "'Figure 4.1' is captioned Table 4.1",
    ),
    Break(
        "seed slip: Table for a Figure",
        f"{CH5}/1-crc.md",
        "Figure {ref:reoffending-rates}",
        "Table 4.5",
        "'Table 4.5' is captioned Figure 4.5",
    ),
    Break(
        "kind word disagrees with the reference",
        f"{APP2}/index.md",
        "As set out in Table {ref:population}",
        "As set out in Figure {ref:population}",
        "points at Table 4.1, not a figure",
    ),
    Break(
        "cross-reference to nothing",
        f"{CH5}/1-crc.md",
        "{ref:protecting-together}",
        "{ref:protecting-togther}",
        "cross-reference to 'protecting-togther'",
    ),
    Break(
        "typed chapter that does not exist",
        f"{CH5}/1-crc.md",
        "(see chapter {ref:protecting-together})",
        "(see chapter 9.3)",
        "there is no chapter 9.3",
    ),
    Break(
        "unexplained abbreviation",
        f"{CH7}/1-crc.md",
        "There were very good levels",
        "The QXR said there were very good levels",
        "abbreviation 'QXR' is not in the glossary",
    ),
    Break(
        "footnote never called",
        f"{CH5}/1-crc.md",
        "{note:corston-report}",
        "",
        "footnote 'corston-report' is never called",
        at="- id: corston-report",
        where=f"{CH5}/items.yaml",
    ),
    Break(
        "footnote call without a footnote",
        f"{CH5}/1-crc.md",
        "{note:corston-report}",
        "{note:corston}",
        "no footnote with id 'corston'; did you mean 'corston-report'?",
    ),
    Break(
        "seed slip: December 2105",
        f"{CH7}/3-working-together.md",
        "December 2015",
        "December 2105",
        "'December 2105' is after the report's publication (August 2016)",
    ),
    Break(
        "seed slip: risk if harm",
        f"{CH6}/items.yaml",
        "Critical risk of harm",
        "Critical risk if harm",
        "write 'risk of harm' (house style)",
        at="- Critical risk if harm",
    ),
    Break(
        "seed slip: servicer user",
        "parts/10-appendix-inspection-framework.md",
        "experience of the service user",
        "experience of the servicer user",
        "write 'service user' (house style)",
    ),
    Break(
        "seed slip: that that",
        "parts/05-recommendations/recommendations.yaml",
        "make sure that staff at court",
        "make sure that that staff at court",
        "the word 'that' is written twice",
    ),
    Break(
        "typed recommendation number",
        "parts/05-recommendations/recommendations.yaml",
        "text: make sure that staff at court",
        "text: 9. make sure that staff at court",
        "recommendation starts with a typed number '9.'",
    ),
    Break(
        "typed section number",
        f"{CH6}/1-crc.md",
        "title: Effectiveness of the CRC",
        "title: 6.1 Effectiveness of the CRC",
        "starts with a typed number '6.1'",
    ),
    Break(
        "unknown organisation",
        f"{CH5}/items.yaml",
        "organisation: crc",
        "organisation: crcc",
        "no organisation 'crcc'; did you mean 'crc'?",
    ),
    Break(
        "stacked percentages miss 100",
        f"{APP2}/background-data.yaml",
        "values: [94.3, 5.7]",
        "values: [94.3, 7.5]",
        "'City of York' stacks to 101.8%, not 100%",
    ),
    Break(
        "final report with illustrative data",
        "report.yaml",
        "status: draft",
        "status: final",
        "is illustrative data; a final report may publish only sourced figures",
        at="illustrative: true",
        where=f"{CH5}/items.yaml",
    ),
    Break(
        "markdown without front matter",
        "parts/03-overall-judgements.md",
        "---\nid: overall-judgements\n",
        "id: overall-judgements\n",
        "expected front matter",
        at="id: overall-judgements",
    ),
]


def test_the_corpus_has_at_least_25_kinds_of_mistake():
    assert len(CORPUS) >= 25
    assert len({b.name for b in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=lambda b: b.name)
def test_each_mistake_is_found_at_its_place_and_nothing_is_built(case, sample_copy, tmp_path, capsys):
    replace_in(sample_copy / case.file, case.old, case.new)
    where = case.where or case.file
    expected_line = line_of(sample_copy / where, case.at or case.new) if (case.at or case.new) else None
    findings = sample_copy.parent

    code = main(["check", "--findings", str(findings)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err
    expected = f"findings/york-north-yorkshire-2016/{where}:{expected_line}:"
    lines = [line for line in err.splitlines() if case.message in line]
    assert lines, err
    assert any(line.startswith(expected) for line in lines), (expected, lines)

    output = tmp_path / "output"
    (output / sample_copy.name).mkdir(parents=True)
    (output / sample_copy.name / "report.html").write_text("last good build")
    assert main(["build", "--findings", str(findings), "--output", str(output)]) == 1
    assert "Traceback" not in capsys.readouterr().err
    assert (output / sample_copy.name / "report.html").read_text() == "last good build"
    assert [p.name for p in output.iterdir()] == [sample_copy.name]

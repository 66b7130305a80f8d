"""Mistakes that hurried editors make, each in a copy of the sample, each of which would have
published a visibly wrong report: every one must be an error (or, where a person must
judge, a warning) at the line where the editor has to act, with no traceback."""

from __future__ import annotations

import pytest
from conftest import replace_in
from corpus import Break, line_of

from inspection_report.cli import main

CH5 = "parts/07-reducing-reoffending"
CH6 = "parts/08-protecting-the-public"
CH7 = "parts/09-abiding-by-the-sentence"
APP2 = "parts/11-appendix-background-data"
CASES = "parts/13-appendix-case-findings/case-findings.yaml"
FACTS = "parts/02-key-facts/key-facts.yaml"
GLOSSARY = "parts/14-appendix-glossary/glossary.yaml"
FOREWORD = "parts/01-foreword.md"
PLAIN = "Purple Futures demonstrated commitment to working with service users"

CORPUS = [
    # Numbers a reader cannot believe.
    Break(
        "a share over 100 percent",
        FACTS,
        "value: 14\n    unit: percent",
        "value: 114\n    unit: percent",
        "'purple-futures-offender-share' is 114%, over 100%",
    ),
    Break(
        "a negative satisfaction rate",
        f"{CH7}/items.yaml",
        "value: 75.9",
        "value: -75.9",
        "'nps-satisfaction' is -75.9%, below zero",
    ),
    Break(
        "a key fact drawn out of a smaller whole",
        FACTS,
        "value: 5\n    out_of: 21",
        "value: 25\n    out_of: 21",
        "'purple-futures-crcs' is 25 (of 21): a part cannot exceed its whole",
    ),
    Break(
        "a percentage key fact given a whole",
        FACTS,
        "value: 22\n    unit: percent",
        "value: 22\n    unit: percent\n    out_of: 40",
        "is a percentage, which is already out of 100; remove 'out_of'",
        at="out_of: 40",
    ),
    Break("nan as a measure", f"{CH7}/items.yaml", "value: 75.9", "value: nan", "expected a finite number"),
    Break(
        "infinity in a chart row",
        f"{APP2}/background-data.yaml",
        "values: [94.3, 5.7]",
        "values: [inf, 5.7]",
        "expected a finite number",
    ),
    Break(
        "an overflowing count",
        "cases.yaml",
        "value: 31",
        "value: 1e309",
        "expected a whole number of cases, got '1e309'",
    ),
    Break(
        "an absurdly large count",
        "cases.yaml",
        "value: 31",
        "value: 31000000000",
        "value: must be at most 10,000,000",
    ),
    Break(
        "a percentage over 100 in a chart",
        f"{APP2}/background-data.yaml",
        "values: [25.1]",
        "values: [125.1]",
        "'City of York' has 125.1: a percentage is from 0 to 100",
    ),
    Break(
        "a rank of zero",
        f"{APP2}/background-data.yaml",
        "values: [128, 129, 84, 80]",
        "values: [0, 129, 84, 80]",
        "a rank is a whole number from 1",
    ),
    Break(
        "a case sample counted twice in one question",
        CASES,
        "counts: [crc-abided, nps-abided]",
        "counts: [crc-abided, crc-contact-appropriate]",
        "'crc-contact-appropriate' and 'crc-abided' are both counts of 'crc'",
    ),
    Break(
        "the same count twice in one question",
        CASES,
        "counts: [crc-abided, nps-abided]",
        "counts: [crc-abided, crc-abided]",
        "'crc-abided' is listed twice in this question",
    ),
    # Dates no calendar has, and a mistyped publication month.
    Break(
        "31 June",
        f"{CH5}/1-crc.md",
        "Introduced in February 2016",
        "Introduced on 31 June 2016",
        "'31 June 2016' is not a date: June 2016 has 30 days",
    ),
    Break(
        "29 February in a common year",
        f"{CH5}/1-crc.md",
        "Introduced in February 2016",
        "Introduced on 29 February 2015",
        "'29 February 2015' is not a date: February 2015 has 28 days",
    ),
    Break(
        "month 13 in a numeric date",
        f"{CH5}/1-crc.md",
        "Introduced in February 2016",
        "Introduced on 12/13/2016",
        "'12/13/2016' is not a date: there is no month 13",
    ),
    Break(
        "month 13 in an exhibit source",
        f"{APP2}/background-data.yaml",
        "source: Office for National Statistics, Dec 2012",
        "source: Office for National Statistics, 2012-13-01",
        "'2012-13-01' is not a date: there is no month 13",
    ),
    Break(
        "the publication year typed wrong",
        "report.yaml",
        "published: 2016-08",
        "published: 2061-08",
        "published: 2061-08 (August 2061) is more than ten years after",
    ),
    Break(
        "the publication year typed too early",
        "report.yaml",
        "published: 2016-08",
        "published: 2006-08",
        "published: 2006-08 (August 2006) is before",
    ),
    # References that would print raw.
    Break(
        "an unclosed count reference",
        f"{CH7}/1-crc.md",
        PLAIN,
        "In {count:crc cases, " + PLAIN,
        "'{count:crc' is not closed: a reference ends with '}'",
    ),
    Break(
        "a footnote call with a space",
        f"{CH5}/1-crc.md",
        "{note:corston-report}",
        "{note: corston-report}",
        "'{note: corston-report}' has spaces inside; write {note:corston-report}",
    ),
    Break(
        "a list placement with a space",
        "parts/02-key-facts/index.md",
        "{key-facts}",
        "{key-facts }",
        "'{key-facts }' has spaces inside; write {key-facts}",
    ),
    Break(
        "a reference kind in capitals",
        f"{CH7}/1-crc.md",
        PLAIN,
        "{Count:crc} cases. " + PLAIN,
        "unknown reference kind 'Count' in {Count:crc}; did you mean 'count'?",
    ),
    Break(
        "an id spelt with a Cyrillic letter",
        f"{CH7}/1-crc.md",
        PLAIN,
        "{count:\u0441rc} cases. " + PLAIN,
        "(U+0441 CYRILLIC SMALL LETTER ES), not a letter or digit an id may hold",
    ),
    Break(
        "a practice example placed twice",
        f"{CH5}/2-nps.md",
        "## Organisational issues\n",
        "## Organisational issues\n\n{example:john}\n",
        "{example:john} is already placed at",
        at="{example:john}",
    ),
    Break(
        "an item placed inside a list",
        f"{CH5}/2-nps.md",
        "## Organisational issues\n",
        "## Organisational issues\n\n- {quote:crc-interchange-gives-it-a-name}\n",
        "needs a paragraph of its own",
        at="- {quote:",
    ),
    # Markdown that would print as stray characters.
    Break(
        "a heading that jumps a level",
        f"{CH7}/1-crc.md",
        "## Organisational/operational issues",
        "#### Organisational/operational issues",
        "a file's first heading is '##'; this one is '####'",
    ),
    Break(
        "a sub-heading that skips a level",
        f"{CH5}/1-crc.md",
        "### Assessment and planning",
        "#### Assessment and planning",
        "heading '####' follows '##', skipping a level; use '###'",
    ),
    Break(
        "a heading at the level of the part's title",
        f"{CH7}/1-crc.md",
        "## Organisational/operational issues",
        "# Organisational/operational issues",
        "a '#' heading is at the level of the part's own title",
    ),
    Break(
        "an HTML comment left as a note",
        f"{CH7}/1-crc.md",
        PLAIN,
        "<!-- check this with the CRC --> " + PLAIN,
        "an HTML comment is not hidden: it prints as text",
    ),
    Break(
        "a comment block across lines",
        f"{CH7}/1-crc.md",
        "## Organisational/operational issues\n",
        "## Organisational/operational issues\n\n### Detail\n\n<!--\nnote to self\n-->\n",
        "an HTML comment is not hidden",
        at="<!--",
    ),
    Break(
        "a line break typed as HTML",
        f"{CH7}/1-crc.md",
        PLAIN,
        "First line<br>" + PLAIN,
        "'<br>': raw HTML is not rendered",
    ),
    Break(
        "a pipe table in prose",
        f"{CH7}/1-crc.md",
        "## Organisational/operational issues\n",
        "## Organisational/operational issues\n\n| Area | Cases |\n|---|---|\n| York | 12 |\n",
        "a pipe table is not printed as a table",
        at="| Area | Cases |",
    ),
    Break(
        "a paragraph indented by accident",
        f"{CH7}/1-crc.md",
        "## Organisational/operational issues\n\n",
        "## Organisational/operational issues\n\n    ",
        "prints as computer code; remove the indentation",
        at="    " + PLAIN,
    ),
    Break(
        "strikethrough left in",
        f"{CH7}/1-crc.md",
        PLAIN,
        "~~Old words~~ " + PLAIN,
        "strikethrough~~ is not printed as struck-out text",
    ),
    Break(
        "a picture in prose",
        f"{CH7}/1-crc.md",
        PLAIN,
        "![map](map.png) " + PLAIN,
        "image 'map.png': prose cannot show images",
    ),
    Break(
        "a link to a shared drive",
        f"{CH7}/1-crc.md",
        PLAIN,
        "[the plan](\\\\server\\share\\plan.docx) " + PLAIN,
        "it points at a file, not a web address",
    ),
    Break(
        "a reference-style link to a local file",
        f"{CH7}/1-crc.md",
        "## Organisational/operational issues\n",
        "## Organisational/operational issues\n\nSee [the plan][plan].\n\n[plan]: file:///C:/plans/plan.docx\n",
        "link to 'file:///C:/plans/plan.docx': 'file:' links are not allowed",
        at="[plan]: file",
    ),
    Break(
        "raw HTML in a practice example",
        f"{CH5}/items.yaml",
        "John had been convicted",
        "<b>John</b> had been convicted",
        "'<b>': raw HTML is not rendered",
    ),
    # Labels and marks the templates print.
    Break(
        "a practice label typed into the example",
        f"{CH5}/items.yaml",
        "John had been convicted",
        "Good practice example: John had been convicted",
        "'Good practice example:' is printed by the template before every practice example",
    ),
    Break(
        "quote marks typed around a quote",
        f"{CH7}/items.yaml",
        "text: I’ve learned to control myself more",
        "text: “I’ve learned to control myself more",
        "'“' is printed by the template around every quote",
    ),
    Break(
        "a dash typed before a speaker",
        f"{CH7}/items.yaml",
        "speaker: NPS service user",
        "speaker: — NPS service user",
        "is printed by the template before the speaker's name",
    ),
    Break(
        "Source typed into an exhibit source",
        f"{APP2}/background-data.yaml",
        "source: Office for National Statistics, Dec 2012",
        "source: 'Source: Office for National Statistics, Dec 2012'",
        "'Source:' is printed by the template before an exhibit's source",
    ),
    Break(
        "a number typed before a footnote",
        f"{CH5}/items.yaml",
        "      Taken from the HLNY CRC Annual Delivery Plan 2016",
        "      1. Taken from the HLNY CRC Annual Delivery Plan 2016",
        "'1.' is printed by the template as the footnote's number",
    ),
    Break(
        "a column heading typed into a barrier",
        f"{CH7}/items.yaml",
        "      - Service user engagement could have been enhanced",
        "      - >-\n        Barriers: Service user engagement could have been enhanced",
        "'Barriers:' is printed by the template as the column heading",
        at="Barriers: Service",
    ),
    Break(
        "a glossary abbreviation defined twice",
        GLOSSARY,
        "  - id: glossary-dv\n",
        "  - {id: glossary-crc-again, term: Community Rehabilitation Company, abbreviation: CRC, "
        "definition: x}\n  - id: glossary-dv\n",
        "glossary abbreviation 'CRC' is already defined by 'glossary-crc' at",
        at="glossary-crc-again",
    ),
    Break(
        "a glossary term defined twice",
        GLOSSARY,
        "  - id: glossary-dv\n",
        "  - {id: glossary-allocation-again, term: allocation, definition: x}\n  - id: glossary-dv\n",
        "glossary term 'allocation' is already defined by 'glossary-allocation' at",
        at="glossary-allocation-again",
    ),
    Break(
        "a percentage typed into a key fact's description",
        FACTS,
        "The number of courts serviced by the NPS",
        "The number of courts (75% of them) serviced by the NPS",
        "percentage '75%' is typed by hand",
    ),
    Break(
        "Figure naming a table in a footnote",
        f"{CH5}/items.yaml",
        "      Taken from the HLNY CRC Annual Delivery Plan 2016\n",
        "      Taken from the HLNY CRC Annual Delivery Plan 2016; see Figure {ref:population}\n",
        "'Figure {ref:population}' points at Table 4.1, not a figure",
    ),
    # Metadata and structure.
    Break(
        "an empty protective marking on a draft",
        "report.yaml",
        "marking: 'OFFICIAL-SENSITIVE: not for publication'",
        "marking: ''",
        "a draft must carry a protective marking",
    ),
    Break(
        "an exhibit prefix without its dot",
        f"{APP2}/index.md",
        'exhibit_prefix: "4."',
        'exhibit_prefix: "4"',
        "'4' is not an exhibit prefix",
    ),
    Break(
        "a negative number of cases",
        "cases.yaml",
        "value: 31",
        "value: -31",
        "value: must be at least 0, got '-31'",
    ),
    Break(
        "a house-style slip too long to be one",
        "../house-style.yaml",
        "  risk if harm: risk of harm",
        "  this whole sentence is far too long to be a slip anyone makes: x",
        "is not a slip: a slip is at most 8 words",
        at="substitutions:",
    ),
    Break(
        "a duplicate key in the house style",
        "../house-style.yaml",
        "  servicer user: service user\n",
        "  servicer user: service user\n  servicer user: service users\n",
        "duplicate key 'servicer user'",
        at="  servicer user: service users",
    ),
    Break(
        "a zero-width space inside an id",
        "cases.yaml",
        "id: crc\n",
        "id: crc\u200b\n",
        "U+200B ZERO WIDTH SPACE is an invisible character",
    ),
    Break(
        "a bidi override pasted into prose",
        f"{CH7}/1-crc.md",
        PLAIN,
        "\u202e" + PLAIN,
        "U+202E RIGHT-TO-LEFT OVERRIDE is a bidirectional control character",
    ),
    Break(
        "an escape written into a quoted YAML string",
        f"{CH7}/items.yaml",
        "speaker: NPS service user",
        'speaker: "NPS service user\\u200b"',
        "this string holds U+200B ZERO WIDTH SPACE",
    ),
]


def test_the_corpus_holds_at_least_50_mistakes_with_distinct_names():
    assert len(CORPUS) >= 50
    assert len({b.name for b in CORPUS}) == len(CORPUS)


@pytest.mark.parametrize("case", CORPUS, ids=lambda b: b.name)
def test_each_mistake_is_reported_where_the_editor_must_act(case, sample_copy, capsys):
    replace_in(sample_copy / case.file, case.old, case.new)
    where = case.where or case.file
    expected_line = line_of(sample_copy / where, case.at or case.new)
    code = main(["check", "--findings", str(sample_copy.parent)])
    err = capsys.readouterr().err
    assert code == 1
    assert "Traceback" not in err and "internal error" not in err
    shown = f"findings/york-north-yorkshire-2016/{where}".replace("york-north-yorkshire-2016/../", "")
    lines = [line for line in err.splitlines() if case.message in line]
    assert lines, err
    assert any(line.startswith(f"{shown}:{expected_line}:") for line in lines), (shown, expected_line, lines)


def _check_output(findings, capsys) -> tuple[int, list[str]]:
    code = main(["check", "--findings", str(findings)])
    out = capsys.readouterr()
    return code, [line for line in (out.out + out.err).splitlines() if not line.startswith("check:")]


def _resave(folder, newline: str, bom: bool = False) -> None:
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            text = path.read_text(encoding="utf-8").replace("\n", newline)
            path.write_bytes((b"\xef\xbb\xbf" if bom else b"") + text.encode("utf-8"))


@pytest.mark.parametrize(("newline", "bom"), [("\r\n", False), ("\r\n", True), ("\r", False)])
def test_the_sample_saved_on_windows_or_old_macs_checks_exactly_like_the_original(
    sample_copy, capsys, newline, bom
):
    expected = _check_output(sample_copy.parent, capsys)
    _resave(sample_copy.parent, newline, bom)
    assert _check_output(sample_copy.parent, capsys) == expected


def test_the_sample_saved_with_windows_line_endings_builds_the_same_html(sample_copy, tmp_path):
    assert (
        main(
            ["build", "--findings", str(sample_copy.parent), "--output", str(tmp_path / "lf"), "--html-only"]
        )
        == 0
    )
    _resave(sample_copy.parent, "\r\n")
    assert (
        main(
            [
                "build",
                "--findings",
                str(sample_copy.parent),
                "--output",
                str(tmp_path / "crlf"),
                "--html-only",
            ]
        )
        == 0
    )
    lf = (tmp_path / "lf" / sample_copy.name / "report.html").read_bytes()
    assert (tmp_path / "crlf" / sample_copy.name / "report.html").read_bytes() == lf


def test_a_mistake_in_a_crlf_file_is_located_on_the_same_line(sample_copy, capsys):
    path = sample_copy / CH7 / "1-crc.md"
    replace_in(path, "{count:crc-abided}", "{count:crc-abide}")
    expected_line = line_of(path, "{count:crc-abide}")
    path.write_bytes(path.read_text(encoding="utf-8").replace("\n", "\r\n").encode("utf-8"))
    _, lines = _check_output(sample_copy.parent, capsys)
    (line,) = [line for line in lines if "no count with id 'crc-abide'" in line]
    assert line.startswith(f"findings/york-north-yorkshire-2016/{CH7}/1-crc.md:{expected_line}:")


def test_a_file_saved_in_windows_1252_names_the_byte_and_the_character_it_meant(sample_copy, capsys):
    path = sample_copy / CH7 / "1-crc.md"
    text = path.read_text(encoding="utf-8")
    line = line_of(path, "Such ‘agile’ working")
    path.write_bytes(text.encode("cp1252", errors="replace"))
    code, lines = _check_output(sample_copy.parent, capsys)
    assert code == 1
    column = text.splitlines()[line - 1].index("‘") + 1
    assert lines == [
        f"findings/york-north-yorkshire-2016/{CH7}/1-crc.md:{line}:{column}: "
        "error: file is not valid UTF-8: byte 0x91 (in Windows-1252 it is '‘'); save the file as UTF-8"
    ]

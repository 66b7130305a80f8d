from pathlib import Path

from inspection_report.yaml_source import parse_yaml_text

HERE = Path("findings/x/items.yaml")


def parse(text: str):
    return parse_yaml_text(text, HERE)


def test_yaml_1_1_surprises_stay_the_text_the_editor_typed():
    doc, problems = parse("a: NO\nb: 10:30\nc: 012\nd: 1.10\ne: 2016-08-01\nf: off\n")
    assert problems == []
    assert doc.data == {
        "a": "NO",
        "b": "10:30",
        "c": "012",
        "d": "1.10",
        "e": "2016-08-01",
        "f": "off",
    }


def test_duplicate_key_is_reported_with_both_lines():
    _, problems = parse("id: one\ntext: first\ntext: second\n")
    assert len(problems) == 1
    assert problems[0].location.line == 3
    assert "duplicate key 'text'" in problems[0].message
    assert "line 2" in problems[0].message


def test_aliases_are_rejected_at_the_anchor():
    doc, problems = parse("a: &x [1, 2]\nb: *x\n")
    assert doc is None
    assert problems[0].location.line == 1
    assert "anchors and aliases" in problems[0].message


def test_tabs_get_a_plain_message():
    _, problems = parse("a:\n\t- 1\n")
    assert "tab character" in problems[0].message


def test_syntax_error_carries_parser_line_and_column():
    _, problems = parse("a: 1\nb: [1, 2\n")
    assert problems[0].location.line == 3 or problems[0].location.line == 2
    assert problems[0].message.startswith("YAML syntax error")


def test_python_tags_are_refused():
    _, problems = parse("a: !!python/object/apply:os.system ['true']\n")
    assert problems and "not allowed" in problems[0].message


def test_every_value_keeps_its_line_and_column():
    doc, _ = parse("counts:\n  - id: a\n    value: 3\n")
    assert doc.locate(("counts", 0, "value")).line == 3
    assert doc.locate(("counts", 0, "value")).column == 12
    assert doc.locate(("counts", 0, "missing")).line == 2


def test_front_matter_offsets_shift_lines():
    doc, _ = parse_yaml_text("id: a\ntitle: b\n", HERE, first_line=2)
    assert doc.locate(("title",)).line == 3


def test_plain_nulls_are_none_and_quoted_ones_stay_text():
    doc, problems = parse_yaml_text("a: ~\nb:\nc: null\nd: \"~\"\ne: ''\nf: x\n", HERE)
    assert not problems
    assert doc.data == {"a": None, "b": None, "c": None, "d": "~", "e": "", "f": "x"}

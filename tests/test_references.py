from pathlib import Path

from inspection_report.references import find_references


def test_references_are_found_with_file_line_and_column():
    text = "First line.\nIn {count:crc-abided} of the {count:crc|words} cases.\n"
    refs = find_references(text, Path("a.md"), first_line=5)
    assert [(r.kind, r.target, r.formats) for r in refs] == [
        ("count", "crc-abided", ()),
        ("count", "crc", ("words",)),
    ]
    assert (refs[0].location.line, refs[0].location.column) == (6, 4)


def test_escaped_brace_is_not_a_reference():
    assert find_references(r"a \{count:x} b", Path("a.md")) == []


def test_block_singletons_have_no_target():
    (ref,) = find_references("{key-facts}", Path("a.md"))
    assert ref.is_block and ref.target is None


def test_format_chains_keep_their_order():
    (ref,) = find_references("{count:nps-x|remainder|words}", Path("a.md"))
    assert ref.formats == ("remainder", "words")

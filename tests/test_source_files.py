"""The guarded reader: every findings file is read the same way, whatever it is or holds."""

from __future__ import annotations

import os
import tracemalloc
from pathlib import Path

import pytest

from inspection_report.source_files import (
    MAX_HIDDEN_REPORTED,
    SourceText,
    display_from,
    hidden_characters,
    list_report,
    read_source,
)


def _read(path: Path, tree: Path) -> tuple[SourceText | None, list[str]]:
    source, problems = read_source(path, Path(path.name), tree)
    return source, [str(p) for p in problems]


def test_crlf_and_cr_line_ends_read_exactly_like_lf(tmp_path: Path):
    texts = {"lf": "a: 1\n\nb: 2\n", "crlf": "a: 1\r\n\r\nb: 2\r\n", "cr": "a: 1\r\rb: 2\r"}
    read = {}
    for name, text in texts.items():
        (tmp_path / name).write_bytes(text.encode())
        source, problems = _read(tmp_path / name, tmp_path)
        assert source is not None and not problems
        read[name] = source.text
    assert read["crlf"] == read["cr"] == read["lf"]


def test_a_byte_order_mark_is_dropped_as_windows_editors_add_one(tmp_path: Path):
    (tmp_path / "bom.yaml").write_bytes(b"\xef\xbb\xbfa: 1\r\n")
    source, problems = _read(tmp_path / "bom.yaml", tmp_path)
    assert source is not None and source.text == "a: 1\n" and not problems


def test_windows_1252_text_is_located_and_the_character_named(tmp_path: Path):
    (tmp_path / "cp1252.md").write_bytes(b"---\r\nid: a\r\n---\r\nthe service user\x92s plan\r\n")
    source, problems = _read(tmp_path / "cp1252.md", tmp_path)
    assert source is None
    assert problems == [
        "cp1252.md:4:17: error: file is not valid UTF-8: byte 0x92 (in Windows-1252 it is '’'); "
        "save the file as UTF-8"
    ]


def test_a_nul_byte_is_refused_at_its_line(tmp_path: Path):
    (tmp_path / "nul.yaml").write_bytes(b"a: 1\nb: \x00\n")
    _, problems = _read(tmp_path / "nul.yaml", tmp_path)
    assert problems == ["nul.yaml:2:1: error: file contains a NUL byte; it is not a text file"]


def test_an_oversized_file_is_refused_before_a_byte_is_read(tmp_path: Path):
    huge = tmp_path / "huge.yaml"
    with huge.open("wb") as handle:
        handle.truncate(1_000_000_000)
    tracemalloc.start()
    source, problems = _read(huge, tmp_path)
    peak = tracemalloc.get_traced_memory()[1]
    tracemalloc.stop()
    assert source is None
    assert problems == [
        "huge.yaml:1:1: error: file is 1,000,000,000 bytes; findings files may be at most 1 MB"
    ]
    assert peak < 1_000_000


def test_a_pipe_is_refused_without_blocking(tmp_path: Path):
    os.mkfifo(tmp_path / "pipe.yaml")
    source, problems = _read(tmp_path / "pipe.yaml", tmp_path)
    assert source is None
    assert "not a regular file" in problems[0]


def test_a_link_out_of_the_tree_is_refused_and_never_read(tmp_path: Path):
    tree = tmp_path / "findings"
    tree.mkdir()
    (tree / "secret.yaml").symlink_to("/etc/passwd")
    source, problems = _read(tree / "secret.yaml", tree)
    assert source is None
    assert problems == [
        "secret.yaml:1:1: error: this is a link leading outside the findings folder; findings may only "
        "use files inside it"
    ]


def test_a_link_inside_the_tree_is_read_through(tmp_path: Path):
    (tmp_path / "shared.yaml").write_text("a: 1\n", encoding="utf-8")
    (tmp_path / "link.yaml").symlink_to(tmp_path / "shared.yaml")
    source, problems = _read(tmp_path / "link.yaml", tmp_path)
    assert source is not None and source.text == "a: 1\n" and not problems


@pytest.mark.parametrize(
    ("target", "message"),
    [("loop.yaml", "leads round in a loop"), ("missing.yaml", "leads to nothing")],
)
def test_loops_and_dangling_links_are_plain_problems(tmp_path: Path, target: str, message: str):
    (tmp_path / "loop.yaml").symlink_to(tmp_path / target)
    _, problems = _read(tmp_path / "loop.yaml", tmp_path)
    assert message in problems[0]


def test_invisible_and_bidi_characters_are_named_at_their_place():
    text = "id: crc-abided\u200b\nquote: ok\n\u202eevil\nsoft\u00adhyphen is fine\n"
    problems = [str(p) for p in hidden_characters(SourceText(Path("x"), Path("x.yaml"), text))]
    assert problems == [
        "x.yaml:1:15: error: U+200B ZERO WIDTH SPACE is an invisible character; delete it "
        "(retype the text around it if unsure)",
        "x.yaml:3:1: error: U+202E RIGHT-TO-LEFT OVERRIDE is a bidirectional control character, which "
        "reorders how text displays; delete it (retype the text around it if unsure)",
    ]


def test_a_file_full_of_hidden_characters_gets_a_bounded_list():
    problems = hidden_characters(SourceText(Path("x"), Path("x.md"), "\u200b" * 100_000))
    assert len(problems) == MAX_HIDDEN_REPORTED + 1
    assert problems[-1].message == "and 99,980 more invisible or control characters in this file"


def test_the_listing_reports_what_is_not_read(tmp_path: Path):
    report = tmp_path / "findings" / "r"
    part = report / "parts" / "02-chapter"
    part.mkdir(parents=True)
    (report / "report.yaml").write_text("report: {}\n")
    (report / "notes.md").write_text("notes\n")
    (part / "index.md").write_text("---\n---\n")
    (part / "1-crc.MD").write_text("---\n---\n")
    (part / "2-nps.md").mkdir()
    (part / "draft.docx").write_bytes(b"PK")
    (part / ".DS_Store").write_bytes(b"\0")
    (part / "index.md~").write_text("backup")
    (report / "parts" / "loop").symlink_to(report / "parts", target_is_directory=True)
    listing = list_report(report, tmp_path / "findings", display_from(tmp_path))
    problems = sorted(str(p) for p in listing.problems)
    assert problems == [
        "findings/r/notes.md:1:1: error: Markdown outside parts/ is not read; move it into parts/ (or out "
        "of the findings)",
        "findings/r/parts/02-chapter/1-crc.MD:1:1: error: '1-crc.MD' is not read: the extension must be "
        "lower-case; rename it '1-crc.md'",
        "findings/r/parts/02-chapter/2-nps.md:1:1: error: a folder named like a findings file ('2-nps.md'); "
        "rename it, or move its files into the part's own folder",
        "findings/r/parts/02-chapter/draft.docx:1:1: error: 'draft.docx' is not read: findings are .yaml "
        "and .md files; move it out of the findings folder",
        "findings/r/parts/loop:1:1: error: this link leads back to a folder that is already read (a loop); "
        "remove it",
    ]
    assert listing.yaml_files == [report / "report.yaml"]
    assert listing.markdown_files == {part / "index.md"}

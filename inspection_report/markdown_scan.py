"""What a piece of Markdown holds, as markdown-it sees it: headings, links, paragraphs and
markup the report cannot print.

Checks never look at Markdown with regular expressions of their own: a reference-style link
defined three paragraphs away, an autolink, an HTML comment or a pipe table are what the
parser says they are, no more and no less. The scanning parser accepts every link target
and recognises syntax the report's renderer does not (raw HTML, tables, strikethrough), so
each can be reported where the editor wrote it instead of being printed as stray text.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass, field
from typing import Literal

from markdown_it import MarkdownIt
from markdown_it.token import Token

from inspection_report.line_index import LineIndex

LinkKind = Literal["link", "autolink", "image", "definition"]

_MD = MarkdownIt("commonmark", {"html": True, "typographer": False}).enable(["table", "strikethrough"])
# Every target is accepted here, so that a refused one can be named; rendering refuses them.
_MD.validateLink = lambda url: True  # type: ignore[method-assign]

_UNPRINTABLE = {
    "table_open": "a pipe table is not printed as a table (its pipes print as text); give the figures "
    "as an exhibit with chart: table",
    "s_open": "~~strikethrough~~ is not printed as struck-out text (the tildes print); delete the words "
    "instead",
    "code_block": "a paragraph indented by four spaces or more prints as computer code; remove the "
    "indentation",
    "fence": "a ``` fenced block prints as computer code; remove the fence lines",
}


@dataclass(frozen=True)
class Heading:
    level: int
    text: str
    offset: int


@dataclass(frozen=True)
class Link:
    kind: LinkKind
    target: str
    offset: int


@dataclass(frozen=True)
class Unprintable:
    """Markup the report would print as stray characters: what it is and what to do."""

    message: str
    raw: str
    offset: int


@dataclass(frozen=True)
class Paragraph:
    """A paragraph's text and where it starts; `top_level` when not inside a list or quote."""

    text: str
    offset: int
    top_level: bool


@dataclass
class MarkdownScan:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    unprintable: list[Unprintable] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    _starts: list[int] = field(default_factory=list, repr=False)

    def paragraph_at(self, offset: int) -> Paragraph | None:
        """The paragraph whose text holds the character at `offset`."""
        if len(self._starts) != len(self.paragraphs):
            self._starts = [p.offset for p in self.paragraphs]
        index = bisect_right(self._starts, offset) - 1
        if index < 0:
            return None
        paragraph = self.paragraphs[index]
        return paragraph if offset < paragraph.offset + len(paragraph.text) else None


class _Source:
    """The scanned text with a line index, to turn markdown-it's line maps into offsets."""

    def __init__(self, text: str) -> None:
        self.text = text
        self.lines = LineIndex(text)

    def line_offset(self, line: int) -> int:
        return self.lines.offset(line)

    def find(self, needle: str, start: int, end: int) -> int:
        found = self.text.find(needle, start, end) if needle else -1
        return found if found != -1 else start


def scan_markdown(text: str) -> MarkdownScan:
    """Scan block Markdown (prose, or a YAML text field) once for every check that needs it."""
    env: dict = {}
    tokens = _MD.parse(text, env)
    source = _Source(text)
    scan = MarkdownScan()
    definitions = [*env.get("references", {}).values(), *env.get("duplicate_refs", [])]
    for definition in definitions:
        start = source.line_offset(definition["map"][0])
        scan.links.append(Link("definition", definition["href"], source.find("]:", start, len(text)) + 2))
    defined = {str(d["href"]) for d in definitions}
    for index, token in enumerate(tokens):
        block_start = source.line_offset(token.map[0]) if token.map else 0
        block_end = source.line_offset(token.map[1]) if token.map else len(text)
        if token.type in _UNPRINTABLE:
            line = text[block_start:block_end].strip().split("\n", 1)[0]
            scan.unprintable.append(Unprintable(_UNPRINTABLE[token.type], line[:40], block_start))
        elif token.type == "html_block":
            scan.unprintable.append(_html(token.content, block_start))
        elif token.type == "heading_open":
            inline = tokens[index + 1]
            scan.headings.append(Heading(int(token.tag[1]), inline.content, block_start))
        elif token.type == "paragraph_open":
            inline = tokens[index + 1]
            offset = source.find(inline.content[:1], block_start, block_end)
            scan.paragraphs.append(Paragraph(inline.content, offset, token.level == 0))
        elif token.type == "inline" and token.children:
            _scan_inline(token.children, source, block_start, block_end, defined, scan)
    return scan


def _html(raw: str, offset: int) -> Unprintable:
    raw = raw.strip()
    if raw.startswith("<!--"):
        end = raw.find("-->")
        raw = raw[: end + 3] if end != -1 else raw
        return Unprintable(
            "an HTML comment is not hidden: it prints as text; delete it (keep notes for "
            "editors out of the findings, or mark unfinished work with TODO)",
            raw[:40],
            offset,
        )
    return Unprintable(
        "raw HTML is not rendered: it prints as text; use Markdown instead (write \\< for a literal '<')",
        raw[:40],
        offset,
    )


def _scan_inline(
    children: list[Token], source: _Source, start: int, end: int, defined: set[str], scan: MarkdownScan
) -> None:
    """Links, images, inline HTML and strikethrough, located by searching the block's own
    text in order (markdown-it maps blocks to lines, not inline tokens to columns). A link
    whose target comes from a definition is the definition's business, reported there."""
    cursor = start
    for child in children:
        if child.type == "link_open":
            href = str(child.attrs.get("href", ""))
            if child.markup == "autolink":
                at = source.find("<", cursor, end)
                scan.links.append(Link("autolink", href, at))
                cursor = at + 1
                continue
            at = source.text.find(href, cursor, end) if href else -1
            if at != -1:
                scan.links.append(Link("link", href, at))
                cursor = at + len(href)
            elif href not in defined:
                scan.links.append(Link("link", href, cursor))
        elif child.type == "image":
            src = str(child.attrs.get("src", ""))
            at = source.find("![", cursor, end)
            scan.links.append(Link("image", src, at))
            cursor = at + 2
        elif child.type == "html_inline" and not child.content.startswith("</"):
            at = source.find(child.content, cursor, end)
            scan.unprintable.append(_html(child.content, at))
            cursor = at + len(child.content)
        elif child.type in _UNPRINTABLE:
            at = source.find(child.markup, cursor, end)
            scan.unprintable.append(Unprintable(_UNPRINTABLE[child.type], child.markup, at))
            cursor = at + len(child.markup)

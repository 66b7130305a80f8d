"""Word changes marked inside a rendered block without flattening it.

A block's text is spread over several nodes (a recommendation's number in its own span, a
link, a footnote call, emphasis). Marking by replacing the block's content with plain text
would lose all of that, so the words are compared across the whole block and each text node
is rebuilt in place: inserted words wrapped in `<ins>`, deleted ones put back in `<del>`
just before the word that now follows them.
"""

from __future__ import annotations

import difflib
import re

from bs4 import BeautifulSoup, NavigableString, Tag

from inspection_report.diff.words import tokens

_TOKEN = re.compile(r"\{[^{}\s]+\}|\d[\d,.]*\d%?|\d%?|\w+(?:[’'-]\w+)*|[^\w\s]")


def _strings(element: Tag) -> list[NavigableString]:
    return [s for s in element.find_all(string=True) if type(s) is NavigableString]


def _old_words(element: Tag) -> list[tuple[str, bool]]:
    """The old block's words, each with whether a space stood before it."""
    text = " ".join(str(s) for s in _strings(element))
    found = []
    spaced = False
    for token in tokens(text):
        if token.isspace():
            spaced = True
            continue
        found.append((token, spaced))
        spaced = False
    return found


def _joined(words: list[tuple[str, bool]]) -> str:
    return "".join((" " if spaced and index else "") + word for index, (word, spaced) in enumerate(words))


def mark_words_in_place(soup: BeautifulSoup, before: Tag, after: Tag) -> None:
    """Mark, inside `after`, the words that differ from `before`."""
    old = _old_words(before)
    nodes = _strings(after)
    new = [(index, match) for index, node in enumerate(nodes) for match in _TOKEN.finditer(str(node))]
    matcher = difflib.SequenceMatcher(a=[w for w, _ in old], b=[m.group() for _, m in new], autojunk=False)
    inserted: set[int] = set()
    deleted_before: dict[int, str] = {}
    for opcode, i1, i2, j1, j2 in matcher.get_opcodes():
        if opcode in ("replace", "delete"):
            deleted_before[j1] = _joined(old[i1:i2])
        if opcode in ("replace", "insert"):
            inserted.update(range(j1, j2))
    position = 0
    for index, node in enumerate(nodes):
        text = str(node)
        pieces: list[tuple[str, str]] = []
        cursor = 0
        while position < len(new) and new[position][0] == index:
            match = new[position][1]
            pieces.append(("text", text[cursor : match.start()]))
            if position in deleted_before:
                pieces.append(("del", deleted_before[position]))
            pieces.append(("ins" if position in inserted else "text", match.group()))
            cursor = match.end()
            position += 1
        pieces.append(("text", text[cursor:]))
        if index == len(nodes) - 1 and len(new) in deleted_before:
            pieces.append(("del", deleted_before[len(new)]))
        if any(kind != "text" for kind, _ in pieces):
            _replace(soup, node, _merged(pieces))
    if not nodes and deleted_before:
        tag = soup.new_tag("del")
        tag.string = " ".join(deleted_before.values())
        after.append(tag)


def _merged(pieces: list[tuple[str, str]]) -> list[tuple[str, str]]:
    """Adjacent pieces of one kind joined, and a lone space between two insertions (or two
    deletions) taken into them, so "a whole year" reads as one insertion, not three."""
    merged: list[tuple[str, str]] = []
    for index, (kind, text) in enumerate(pieces):
        if not text:
            continue
        bridging = (
            kind == "text"
            and text.isspace()
            and merged
            and merged[-1][0] != "text"
            and index + 1 < len(pieces)
            and pieces[index + 1][0] == merged[-1][0]
        )
        if bridging:
            kind = merged[-1][0]
        if merged and merged[-1][0] == kind:
            merged[-1] = (kind, merged[-1][1] + text)
        else:
            merged.append((kind, text))
    return merged


def _replace(soup: BeautifulSoup, node: NavigableString, pieces: list[tuple[str, str]]) -> None:
    anchor: Tag | NavigableString = node
    for kind, text in pieces:
        if kind == "text":
            piece: Tag | NavigableString = NavigableString(text)
        else:
            piece = soup.new_tag(kind)
            piece.string = text
        anchor.insert_after(piece)
        anchor = piece
    node.extract()

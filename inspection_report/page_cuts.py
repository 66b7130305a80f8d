"""A part cut at the pages its last layout found beginning cleanly (`page_starts`), so that
after an edit only the stretch that holds it is laid out again.

Each stretch between two such pages is a document of its own, cached by its HTML. Whether a
page still begins where it did depends on what comes before it: each start is kept with the
key of the HTML from the start before it up to the first element of its page (its span).
A stretch whose spans are all unchanged, from a start that holds, ends where it ended. A
stretch with an edit in it is laid out with the first page of the next stretch too, and its
layout must find that page beginning cleanly, with the same top and adjoining margins
(a probe): then only the pages before it are written, and the next stretch holds. When it
does not, the part is laid out again from the stretch on, whole (`ProbeFailed`).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from lxml.etree import SubElement
from lxml.html import HtmlElement, document_fromstring, tostring

from inspection_report.page_starts import AT, PageStart
from inspection_report.pdf_parts import (
    LINK_PLACEHOLDER,
    NO_BOTTOM,
    NO_TOP,
    PartDocument,
    continued,
    cut_away,
    element_path,
    mark_cut,
    restyle,
)

Key = Callable[[str], str]
"""The layout key of a stretch of HTML."""


@dataclass(frozen=True)
class Learned:
    """A page start a layout found, with the key of its span: the HTML from the start
    before it (or the document's beginning) up to the first element of the page after it."""

    start: PageStart
    span: str

    def as_json(self) -> dict[str, Any]:
        return {"start": self.start.as_json(), "span": self.span}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Learned:
        return cls(PageStart.from_json(data["start"]), str(data["span"]))


@dataclass(frozen=True)
class Stretch:
    """A document of a cut part: from `start` (or the part's beginning) to `end` (or its
    end), and whether its layout must find `end` beginning a page (a probe)."""

    document: PartDocument
    start: PageStart | None
    end: PageStart | None
    probe: bool


def plan(document: PartDocument, learned: list[Learned], key: Key) -> list[Stretch]:
    """`document` cut at every start it still has, each stretch a probe unless every span
    in it is unchanged from a start that holds."""
    html = document.html
    usable = [
        item
        for item in learned
        if all(_position(html, number) is not None for number in (item.start.at, *item.start.chain))
    ]
    if not usable:
        return [Stretch(document, None, None, False)]
    unchanged = [
        item.span == span
        for item, span in zip(usable, spans(html, [i.start for i in usable], key), strict=True)
    ]
    stretches = []
    begin: PageStart | None = None
    for item, same in zip(usable, unchanged, strict=True):
        stretches.append(_stretch(document, begin, item.start, probe=not same))
        begin = item.start
    stretches.append(_stretch(document, begin, None, probe=False))
    return stretches


def spans(html: str, starts: list[PageStart], key: Key) -> list[str]:
    """The key of each start's span in `html`."""
    keys = []
    begin = 0
    for start in starts:
        at = _position(html, start.at)
        end = _position(html, start.end)
        keys.append(key(html[begin : len(html) if end is None else end]))
        begin = at if at is not None else len(html)
    return keys


def learned_from(
    document: PartDocument, stretches: list[Stretch], laid: list[Any], key: Key
) -> list[Learned]:
    """The page starts of `document` its stretches' layouts found, by its own page numbers,
    each stretch's own beginning included, with their spans."""
    starts: list[PageStart] = []
    offset = 0
    for stretch, layout in zip(stretches, laid, strict=True):
        if stretch.start is not None:
            starts.append(replace(stretch.start, page=offset))
        starts += [replace(start, page=start.page + offset) for start in layout.starts]
        offset += layout.pages
    return [
        Learned(start, span) for start, span in zip(starts, spans(document.html, starts, key), strict=True)
    ]


def _position(html: str, number: int) -> int | None:
    """Where the tag of the element numbered `number` begins in `html`."""
    at = html.find(f' {AT}="{number}"')
    return None if at < 0 else html.rfind("<", 0, at)


def _stretch(document: PartDocument, start: PageStart | None, end: PageStart | None, probe: bool) -> Stretch:
    cut = cut_between(document, start, end, probe)
    return Stretch(replace(cut, probe=end if probe else None), start, end, probe)


def cut_between(
    document: PartDocument, start: PageStart | None, end: PageStart | None, probe: bool
) -> PartDocument:
    """What of `document` lies from the element that begins `start` up to the one that
    begins `end`, laid out alone to the same pages: each element the cut goes through is
    marked and loses its decorations on the side cut, and the first element has the top
    its page gave it. A probe also holds `end`'s page, to be laid out and left unwritten."""
    root = document_fromstring(document.html)
    part = root.find(".//main/section")
    if part is None:
        raise ValueError(f"{document.name} holds no part")
    if end is not None:
        last = _numbered(part, end.at)
        if probe:
            for element in last.iterancestors():
                mark_cut(element, "end", NO_BOTTOM)
                if element is part:
                    break
            after = part.xpath(f'.//*[@{AT}="{end.end}"]')
            cut = element_path(after[0], part) if after else None
        else:
            cut = element_path(last, part)
        for element in cut_away(part, cut, before=False) if cut is not None else []:
            mark_cut(element, "end", NO_BOTTOM)
        _document_style(root, NO_BOTTOM)
    if start is not None:
        first = _numbered(part, start.at)
        for element in cut_away(part, element_path(first, part), before=True):
            mark_cut(element, "start", NO_TOP)
            element.attrib.pop("id", None)
        restyle(first, f"margin-top: {start.top}px !important")
        for number in start.chain:
            restyle(_numbered(part, number), "margin-top: 0 !important")
        _document_style(root, NO_TOP)
    own = {
        str(element.get("id"))
        for element in part.iter()
        if isinstance(element.tag, str)
        and element.get("id")
        and not (probe and end is not None and int(element.get(AT, -1)) >= end.at)
    } & document.anchors
    for link in part.iter("a"):
        target = link.get("href", "")
        if target.startswith("#") and target[1:] not in own:
            link.set("href", LINK_PLACEHOLDER + target[1:])
    name = " ".join(
        [document.name, *([f"@{start.at}"] if start else []), *([f"to @{end.at}"] if end else [])]
    )
    return PartDocument(
        name, str(tostring(root.getroottree(), encoding="unicode", doctype="<!DOCTYPE html>")), frozenset(own)
    )


def _numbered(part: HtmlElement, number: int) -> HtmlElement:
    found = part.xpath(f'.//*[@{AT}="{number}"]')
    if not found:
        raise ValueError(f"no element is numbered {number}")
    return found[0]


def _document_style(root: HtmlElement, side: str) -> None:
    """A rule in `root`'s head for its html, body and main, continued across a cut."""
    head = root.find("head")
    if head is not None:
        SubElement(head, "style").text = continued(side)

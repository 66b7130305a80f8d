"""The report's HTML cut into documents that can be typeset on their own: the front matter
(cover, contents, notices) and one document per part, or per piece of a part.

Every part of a Quality & Impact report starts on a new page, and nothing in a part's layout
depends on where it falls in the book: footnotes print the number the report gives them,
the running heads are set by the body and the part's own element, and page numbers are
printed afterwards, on top of the merged pages, from a document that holds nothing else.
What does depend on the whole book is said here: a link to another document points at a
placeholder that the merge turns back into an internal link, and the contents take their
page numbers from the parts' layouts.

A part is also cut where report.css starts a new page inside it (before the first section
of a chapter), so that an edit in one piece lays out that piece alone. Each element the cut
goes through is laid out in two documents: it is marked (`data-cut`) so the merge makes one
structure element of its two halves, and, as where a page breaks inside it in one flow, the
half before the cut has no bottom margin, padding or border and the half after it no top.
"""

from __future__ import annotations

import copy
import itertools
from dataclasses import dataclass
from html import escape

from lxml.etree import SubElement
from lxml.html import HtmlElement, document_fromstring, tostring

from inspection_report.page_starts import AT, CONTAINERS, PART, PageStart

# A link to an anchor in another part: the merge turns it into a link to that anchor.
LINK_PLACEHOLDER = "report-anchor:"
# The class of an element report.css starts on a new page inside a part: a part is cut there.
NEW_PAGE = "new-page"
# The mark the merge joins two halves of one element by, and the sides each half lost.
CUT = "data-cut"
NO_TOP = "margin-top: 0 !important; padding-top: 0 !important; border-top-width: 0 !important"
NO_BOTTOM = "margin-bottom: 0 !important; padding-bottom: 0 !important; border-bottom-width: 0 !important"
# The page-number box of report.css: printed by the numbers document, left empty elsewhere.
PAGE_NUMBER_BOX = "bottom-right"
MARGIN_BOXES = (
    "top-left-corner",
    "top-left",
    "top-center",
    "top-right",
    "top-right-corner",
    "right-top",
    "right-middle",
    "right-bottom",
    "bottom-right-corner",
    "bottom-right",
    "bottom-center",
    "bottom-left",
    "bottom-left-corner",
    "left-bottom",
    "left-middle",
    "left-top",
)
_NO_PAGE_NUMBERS = f"@media print {{ @page {{ @{PAGE_NUMBER_BOX} {{ content: none; }} }} }}"
_CONTENTS_PAGES = ".contents-list a::after { content: leader('. ') attr(data-page); }"


@dataclass(frozen=True)
class PartDocument:
    name: str
    """'front', the part's id, or for a later piece of a part, its id and where it starts."""
    html: str
    anchors: frozenset[str]
    probe: PageStart | None = None
    """A page start its layout must find, keeping only the pages before it (`page_cuts`)."""


def split_report(html: str) -> list[PartDocument]:
    """The front matter and each part (or piece of a part) of a rendered report, as
    documents of their own."""
    root = document_fromstring(html)
    head, body, main = root.find("head"), root.find("body"), root.find(".//main")
    if head is None or body is None or main is None or main.getparent() is not body:
        raise ValueError("the report has no <head>, <body> or <main> in its body")
    style = SubElement(head, "style")
    style.text = _NO_PAGE_NUMBERS
    for hidden in _with_class(root, "footer", "colophon"):
        hidden.drop_tree()
    parts = [child for child in main if child.tag == "section" and PART in child.get("class", "").split()]
    before = list(itertools.takewhile(lambda child: not parts or child is not parts[0], main))
    pieces = [piece for part in parts for piece in _pieces(part)]
    order = {element: number for number, element in enumerate(root.iter())}
    holders = [
        [
            element
            for holder in [child for child in body if child is not main] + before
            for element in holder.iter()
        ],
        *(piece.elements(order) for piece in pieces),
    ]
    owner = {
        element.get("id"): index
        for index, elements in enumerate(holders)
        for element in elements
        if element.get("id")
    }
    for index, elements in enumerate(holders):
        _relink(elements, index, owner)
    main_open = _open_tag(main)
    start = f"<!DOCTYPE html>\n{_open_tag(root)}{_text(head)}{_open_tag(body)}"
    # <main> is kept in the front matter only when it holds something before the first part
    # (the notices): an empty one after the contents' page break would print a blank page.
    notices = (main.text or "") + "".join(_text(child) for child in before)
    kept_main = main_open + notices + "</main>" if notices.strip() else ""
    front_body = (body.text or "") + "".join(
        kept_main + (main.tail or "") if child is main else _text(child) for child in body
    )
    contents = [front_body, *(main_open + _text(piece.cut(), tail=False) + "</main>" for piece in pieces)]
    names = ["front", *(piece.name for piece in pieces)]
    return [
        PartDocument(
            name,
            _with_continued_rules(start, after=index > 0, before=index < len(contents) - 1)
            + content
            + "</body></html>",
            frozenset(i for i, at in owner.items() if at == index),
        )
        for index, (name, content) in enumerate(zip(names, contents, strict=True))
    ]


def _with_continued_rules(start: str, after: bool, before: bool) -> str:
    """The start of a document (to <body>) whose page box, body and main continue from a
    document before it (`after`) or into one after it (`before`): as across a page break in
    one flow, they have no top (or bottom) margin, padding or border there."""
    sides = [NO_TOP] * after + [NO_BOTTOM] * before
    if not sides:
        return start
    rules = "".join(continued(side) for side in sides)
    return start.replace("</head>", f"<style>{rules}</style></head>", 1)


@dataclass(frozen=True)
class _Piece:
    """What of `part` lies from `start` (or its beginning) up to `end` (or its end): its
    piece `number` (from 1)."""

    part: HtmlElement
    number: int
    start: HtmlElement | None
    end: HtmlElement | None

    @property
    def name(self) -> str:
        name = str(self.part.get("id"))
        if self.start is None:
            return name
        start = self.start.get("id")
        return f"{name} from {start}" if start else f"{name}, piece {self.number}"

    def elements(self, order: dict[HtmlElement, int]) -> list[HtmlElement]:
        """The elements that begin in this piece, in document order."""
        first = order[self.start if self.start is not None else self.part]
        after = order[self.end] if self.end is not None else None
        return [
            element
            for element in self.part.iter()
            if order[element] >= first and (after is None or order[element] < after)
        ]

    def cut(self) -> HtmlElement:
        """A copy of the part holding only this piece; each element cut through keeps its
        place and its mark, and loses its id where it does not begin."""
        piece = copy.deepcopy(self.part)
        # The end first: removing what follows it leaves the start's path as it was.
        if self.end is not None:
            for element in cut_away(piece, element_path(self.end, self.part), before=False):
                mark_cut(element, "end", NO_BOTTOM)
        if self.start is not None:
            for element in cut_away(piece, element_path(self.start, self.part), before=True):
                mark_cut(element, "start", NO_TOP)
                element.attrib.pop("id", None)
        # Numbered so that a layout can say which element starts a page (`page_starts`).
        for number, element in enumerate(element for element in piece.iter() if isinstance(element.tag, str)):
            element.set(AT, str(number))
        return piece


def _pieces(part: HtmlElement) -> list[_Piece]:
    """`part` cut before each element report.css starts on a new page, where it can be."""
    starts = [element for element in part.iterdescendants() if _cut_before(element, part)]
    bounds = [None, *starts, None]
    return [_Piece(part, index + 1, bounds[index], bounds[index + 1]) for index in range(len(starts) + 1)]


def _cut_before(element: HtmlElement, part: HtmlElement) -> bool:
    """Whether `part` can be cut before `element`: it starts a new page, every element the
    cut goes through is a block container, and something of the part comes before it."""
    if not isinstance(element.tag, str) or NEW_PAGE not in element.get("class", "").split():
        return False
    preceded = False
    current = element
    while current is not part:
        parent = current.getparent()
        if parent is None or parent.tag not in CONTAINERS | {part.tag}:
            return False
        preceded = (
            preceded
            or bool((parent.text or "").strip())
            or any(isinstance(sibling.tag, str) for sibling in current.itersiblings(preceding=True))
        )
        current = parent
    return preceded


def element_path(element: HtmlElement, part: HtmlElement) -> list[int]:
    """The child indexes that lead from `part` down to `element`."""
    steps = []
    while element is not part:
        parent = element.getparent()
        steps.append(parent.index(element))
        element = parent
    return steps[::-1]


def cut_away(piece: HtmlElement, path: list[int], before: bool) -> list[HtmlElement]:
    """Remove from `piece` what comes before the element at `path` (`before`), or that
    element and all that follows it; returns the elements the cut went through."""
    through = []
    node = piece
    for step, index in enumerate(path):
        through.append(node)
        children = list(node)
        last = step == len(path) - 1
        if before:
            removed = children[:index]
            node.text = None
        else:
            removed = children[index if last else index + 1 :]
        for child in removed:
            node.remove(child)
        node = children[index]
    return through


def mark_cut(element: HtmlElement, side: str, style: str) -> None:
    sides = set(element.get(CUT, "").split()) | {side}
    element.set(CUT, " ".join(sorted(sides, reverse=True)))
    restyle(element, style)


def restyle(element: HtmlElement, style: str) -> None:
    """`style` added to `element`'s own."""
    existing = element.get("style", "").strip().rstrip(";")
    element.set("style", f"{existing}; {style}" if existing else style)


def continued(side: str) -> str:
    """The rule for a document's page box, body and main, continued across a cut on `side`
    (`NO_TOP` or `NO_BOTTOM`)."""
    return f"html, body, main {{ {side} }}"


def _text(element: HtmlElement, tail: bool = True) -> str:
    return str(tostring(element, encoding="unicode", with_tail=tail))


def _open_tag(element: HtmlElement) -> str:
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in element.attrib.items())
    return f"<{element.tag}{attributes}>"


def _relink(elements: list[HtmlElement], index: int, owner: dict[str, int]) -> None:
    """Links to an anchor in another document point at the placeholder the merge resolves."""
    for link in elements:
        target = link.get("href", "") if link.tag == "a" else ""
        if target.startswith("#") and owner.get(target[1:], index) != index:
            link.set("href", LINK_PLACEHOLDER + target[1:])


def with_contents_pages(front: PartDocument, pages: dict[str, int]) -> PartDocument:
    """The front matter with each contents entry's page number written in."""
    root = document_fromstring(front.html)
    for contents in _with_class(root, "*", "contents-list"):
        for link in contents.iter("a"):
            target = link.get("href", "").removeprefix("#").removeprefix(LINK_PLACEHOLDER)
            link.set("data-page", str(pages.get(target, "")))
    head = root.find("head")
    if head is not None:
        SubElement(head, "style").text = f"@media print {{ {_CONTENTS_PAGES} }}"
    html = tostring(root.getroottree(), encoding="unicode", doctype="<!DOCTYPE html>")
    return PartDocument(front.name, str(html), front.anchors)


def _with_class(root: HtmlElement, tag: str, name: str) -> list[HtmlElement]:
    return list(root.xpath(f'//{tag}[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'))


def _slot(name: str) -> str:
    style = f' style="page: {name}"' if name else ""
    return f'<div class="page-slot"{style}></div>'


def numbers_document(front: PartDocument, page_names: list[str], first_page: int = 1) -> str:
    """A document of a page for each of `page_names` (the report's pages from `first_page`
    on), each of the named page type the report's page has, printing only its page number:
    laid over the merged pages."""
    root = document_fromstring(front.html)
    links = "".join(
        _text(link, tail=False)
        for link in root.iterfind(".//head/link")
        if "stylesheet" in link.get("rel", "").split()
    )
    names = sorted({name for name in page_names if name})
    hidden = " ".join(f"@{box} {{ content: none; }}" for box in MARGIN_BOXES if box != PAGE_NUMBER_BOX)
    backgrounds = " ".join(f"@page {name} {{ background: none; }}" for name in names)
    style = (
        "@media print { "
        f"@page {{ background: none; {hidden} }} {backgrounds} "
        "html, body { background: none !important; } "
        + (f"@page :first {{ counter-reset: page {first_page}; }} " if first_page != 1 else "")
        + "} "
        ".page-slot { height: 1px; } .page-slot + .page-slot { break-before: page; }"
    )
    slots = "".join(_slot(name) for name in page_names)
    language = escape(root.get("lang", "en"))
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"><title>Page numbers</title>'
        f"{links}<style>{style}</style></head><body>{slots}</body></html>"
    )

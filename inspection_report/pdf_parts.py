"""The report's HTML cut into documents that can be typeset on their own: the front matter
(cover, contents, notices) and one document per part.

Every part of a Quality & Impact report starts on a new page, and nothing in a part's layout
depends on where it falls in the book: footnotes print the number the report gives them,
the running head comes from the body, and page numbers are printed afterwards, on top of the
merged pages, from a document that holds nothing else. What does depend on the whole book
is said here: a link to another part points at a placeholder that the merge turns back into
an internal link, and the contents take their page numbers from the parts' layouts.
"""

from __future__ import annotations

import itertools
from dataclasses import dataclass
from html import escape

from lxml.etree import SubElement
from lxml.html import HtmlElement, document_fromstring, tostring

# A link to an anchor in another part: the merge turns it into a link to that anchor.
LINK_PLACEHOLDER = "report-anchor:"
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
    """'front', or the part's id."""
    html: str
    anchors: frozenset[str]


def split_report(html: str) -> list[PartDocument]:
    """The front matter and each part of a rendered report, as documents of their own."""
    root = document_fromstring(html)
    head, body, main = root.find("head"), root.find("body"), root.find(".//main")
    if head is None or body is None or main is None or main.getparent() is not body:
        raise ValueError("the report has no <head>, <body> or <main> in its body")
    style = SubElement(head, "style")
    style.text = _NO_PAGE_NUMBERS
    for hidden in _with_class(root, "footer", "colophon"):
        hidden.drop_tree()
    parts = [child for child in main if child.tag == "section" and "part" in child.get("class", "").split()]
    before = list(itertools.takewhile(lambda child: not parts or child is not parts[0], main))
    holders = [[child for child in body if child is not main] + before, *([part] for part in parts)]
    owner = {
        element.get("id"): index
        for index, elements in enumerate(holders)
        for holder in elements
        for element in holder.iter()
        if element.get("id")
    }
    for index, elements in enumerate(holders):
        for holder in elements:
            _relink(holder, index, owner)
    main_open = _open_tag(main)
    start = f"<!DOCTYPE html>\n{_open_tag(root)}{_text(head)}{_open_tag(body)}"
    # <main> is kept in the front matter only when it holds something before the first part
    # (the notices): an empty one after the contents' page break would print a blank page.
    notices = (main.text or "") + "".join(_text(child) for child in before)
    kept_main = main_open + notices + "</main>" if notices.strip() else ""
    front_body = (body.text or "") + "".join(
        kept_main + (main.tail or "") if child is main else _text(child) for child in body
    )
    contents = [front_body, *(main_open + _text(part, tail=False) + "</main>" for part in parts)]
    names = ["front", *(str(part.get("id")) for part in parts)]
    return [
        PartDocument(
            name, start + content + "</body></html>", frozenset(i for i, at in owner.items() if at == index)
        )
        for index, (name, content) in enumerate(zip(names, contents, strict=True))
    ]


def _text(element: HtmlElement, tail: bool = True) -> str:
    return str(tostring(element, encoding="unicode", with_tail=tail))


def _open_tag(element: HtmlElement) -> str:
    attributes = "".join(f' {name}="{escape(value)}"' for name, value in element.attrib.items())
    return f"<{element.tag}{attributes}>"


def _relink(holder: HtmlElement, index: int, owner: dict[str, int]) -> None:
    """Links to an anchor in another document point at the placeholder the merge resolves."""
    for link in holder.iter("a"):
        target = link.get("href", "")
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

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

from dataclasses import dataclass
from typing import Any

from bs4 import BeautifulSoup, Tag

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
    soup = BeautifulSoup(html, "lxml")
    main, body, root, head_tag = soup.find("main"), soup.body, soup.html, soup.head
    if not (isinstance(main, Tag) and isinstance(body, Tag) and isinstance(root, Tag) and head_tag):
        raise ValueError("the report has no <html>, <head>, <body> or <main>")
    style = soup.new_tag("style")
    style.string = _NO_PAGE_NUMBERS
    head_tag.append(style)
    for hidden in soup.select("footer.colophon"):
        hidden.decompose()
    parts = [
        child
        for child in main.find_all("section", recursive=False)
        if "part" in child.get_attribute_list("class")
    ]
    front = [child for child in body.children if child is not main]
    before = _before_parts(main, parts)
    holders: list[list[Any]] = [[*front, *before], *([part] for part in parts)]
    owner = {
        str(element["id"]): index
        for index, elements in enumerate(holders)
        for tag in elements
        if isinstance(tag, Tag)
        for element in (tag, *tag.find_all(id=True))
        if element.get("id")
    }
    for index, elements in enumerate(holders):
        for tag in elements:
            if isinstance(tag, Tag):
                _relink(tag, index, owner)
    main_open = _open_tag(main)
    head = f"<!DOCTYPE html>\n{_open_tag(root)}{head_tag}{_open_tag(body)}"
    tail = "</body></html>"
    # <main> is kept in the front matter only when it holds something before the first part
    # (the notices): an empty one after the contents' page break would print a blank page.
    notices = "".join(str(c) for c in before)
    front_body = "".join(
        (main_open + notices + "</main>" if notices.strip() else "") if child is main else str(child)
        for child in body.children
    )
    contents = [front_body, *(main_open + str(part) + "</main>" for part in parts)]
    names = ["front", *(str(part["id"]) for part in parts)]
    return [
        PartDocument(name, head + content + tail, frozenset(i for i, at in owner.items() if at == index))
        for index, (name, content) in enumerate(zip(names, contents, strict=True))
    ]


def _before_parts(main: Tag, parts: list[Tag]) -> list[Any]:
    """What <main> holds before its first part (the notices), which the front matter prints."""
    found = []
    for child in main.children:
        if parts and child is parts[0]:
            break
        found.append(child)
    return found


def _open_tag(element: Tag) -> str:
    attributes = {name: " ".join(v) if isinstance(v, list) else str(v) for name, v in element.attrs.items()}
    copy = BeautifulSoup("", "lxml").new_tag(element.name, attrs=attributes)
    return str(copy).removesuffix(f"</{element.name}>")


def _relink(tag: Tag, index: int, owner: dict[str, int]) -> None:
    """Links to an anchor in another document point at the placeholder the merge resolves."""
    links = [tag] if tag.name == "a" else []
    for link in [*links, *tag.find_all("a", href=True)]:
        target = str(link.get("href", ""))
        if target.startswith("#") and owner.get(target[1:], index) != index:
            link["href"] = LINK_PLACEHOLDER + target[1:]


def with_contents_pages(front: PartDocument, pages: dict[str, int]) -> PartDocument:
    """The front matter with each contents entry's page number written in."""
    soup = BeautifulSoup(front.html, "lxml")
    for link in soup.select(".contents-list a"):
        target = str(link.get("href", "")).removeprefix("#").removeprefix(LINK_PLACEHOLDER)
        link["data-page"] = str(pages.get(target, ""))
    style = soup.new_tag("style")
    style.string = f"@media print {{ {_CONTENTS_PAGES} }}"
    if soup.head is not None:
        soup.head.append(style)
    return PartDocument(front.name, str(soup), front.anchors)


def _slot(name: str) -> str:
    style = f' style="page: {name}"' if name else ""
    return f'<div class="page-slot"{style}></div>'


def numbers_document(front: PartDocument, page_names: list[str], first_page: int = 1) -> str:
    """A document of a page for each of `page_names` (the report's pages from `first_page`
    on), each of the named page type the report's page has, printing only its page number:
    laid over the merged pages."""
    soup = BeautifulSoup(front.html, "lxml")
    head = soup.head
    links = "".join(str(link) for link in head.find_all("link", rel="stylesheet")) if head else ""
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
    language = soup.html.get("lang", "en") if soup.html else "en"
    return (
        f'<!DOCTYPE html>\n<html lang="{language}"><head><meta charset="utf-8"><title>Page numbers</title>'
        f"{links}<style>{style}</style></head><body>{slots}</body></html>"
    )

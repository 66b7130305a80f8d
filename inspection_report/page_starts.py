"""Pages of a laid-out document that begin cleanly with an element: where the document could
be cut, and the part from that element on laid out alone to the same pages.

A page begins cleanly when everything on it is the element that starts it, what follows it,
or one of the block containers it sits in (each continued from the page before, as a
section is); when nothing before it sets a running string or a counter the rest could
need; and when the element's own top sits where its margin, laid out alone on a first page,
can put it again. Footnotes carried over from the page before, a float pushed onto it, a
paragraph or a table continued onto it: any of these makes the page depend on the one
before, and it is not a start.

Each start is reported by where its element lies under the part (`data-at`, numbered by
`pdf_parts`), with the distance from the page's top to its border box, which the cut
document gives it back as its top margin.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any

# Elements a cut may go through: block containers whose content flows from page to page,
# each half of which lays out as it does whole (not a list, a table or a paragraph).
CONTAINERS = frozenset({"section", "div", "article", "aside", "header", "footer", "nav"})
# The document's own elements, continued on every page of any document.
_DOCUMENT = frozenset({"html", "body", "main"})
# The class of a part's own element, which every document cut from the part keeps.
PART = "part"
AT = "data-at"


@dataclass(frozen=True)
class PageStart:
    page: int
    """The page (from 0) the element starts."""
    at: int
    """The element's number under the part (`data-at`)."""
    end: int
    """The number of the first element that starts on a later page: what comes before it
    is all the page before could have weighed in ending where it did."""
    top: float
    """From the top of the page's content to the element's border box, in CSS pixels."""
    chain: tuple[int, ...]
    """The elements whose top margins adjoin the element's (its first child, when it has no
    top border or padding, and so on): laid out alone, they get none."""

    def as_json(self) -> list[Any]:
        return [self.page, self.at, self.end, self.top, list(self.chain)]

    @classmethod
    def from_json(cls, data: list[Any]) -> PageStart:
        return cls(int(data[0]), int(data[1]), int(data[2]), float(data[3]), tuple(int(at) for at in data[4]))


def page_starts(document: Any) -> list[PageStart]:
    """The pages of `document` (after the first) that begin cleanly, with their elements."""
    from weasyprint.formatting_structure import boxes

    first_page: dict[Any, int] = {}
    on_page: list[list[Any]] = []
    for number, page in enumerate(document.pages):
        found = []
        for child in page._page_box.children:
            if isinstance(child, boxes.MarginBox):
                continue
            for box in child.descendants():
                element = getattr(box, "element", None)
                if element is not None:
                    found.append(box)
                    first_page.setdefault(element, number)
        on_page.append(found)
    numbered = sorted((int(element.get(AT)), page) for element, page in first_page.items() if element.get(AT))
    starts = []
    for number in range(1, len(document.pages)):
        if _sets_state(on_page[number - 1]):
            # A running string or a counter set before this page: a document cut here or
            # later would start without it.
            break
        start = _clean_start(document.pages[number]._page_box, number, on_page, first_page)
        if start is not None:
            later = (at for at, page in numbered if page > number)
            starts.append(replace(start, end=next(later, numbered[-1][0] + 1)))
    return starts


def _clean_start(
    page_box: Any, number: int, on_page: list[list[Any]], first_page: dict[Any, int]
) -> PageStart | None:
    from weasyprint.formatting_structure import boxes

    roots = [
        child for child in page_box.children if not isinstance(child, boxes.MarginBox | boxes.FootnoteAreaBox)
    ]
    if len(roots) != 1:
        return None
    box = roots[0]
    continued = []
    while True:
        element = box.element
        if first_page.get(element, number) < number or box.element_tag in _DOCUMENT:
            if box.element_tag not in CONTAINERS | _DOCUMENT or not box.children:
                return None
            continued.append(element)
            box = box.children[0]
            continue
        break
    if not isinstance(box, boxes.BlockBox) or box.element.get(AT) is None:
        return None
    start = box.element
    for other in on_page[number]:
        element = other.element
        if first_page[element] < number and element not in continued:
            return None
    top = box.border_box_y() - page_box.content_box_y()
    return PageStart(number, int(start.get(AT)), -1, top, _adjoining(box))


def _adjoining(box: Any) -> tuple[int, ...]:
    """The elements whose top margins collapse with `box`'s."""
    from weasyprint.formatting_structure import boxes

    chain = []
    while box.border_top_width == 0 and box.padding_top == 0 and box.children:
        child = box.children[0]
        if not isinstance(child, boxes.BlockBox) or child.element is box.element:
            break
        at = child.element.get(AT)
        if at is None:
            break
        chain.append(int(at))
        box = child
    return tuple(chain)


def _sets_state(found: list[Any]) -> bool:
    """Whether an element on a page, other than the document's and the part's own, sets a
    running string or a counter other than a list's."""
    for box in found:
        if box.element_tag in _DOCUMENT or PART in (box.element.get("class") or "").split():
            continue
        if getattr(box, "string_set", None):
            return True
        for name in ("counter_increment", "counter_reset", "counter_set"):
            value = box.style[name]
            if value not in ("auto", "none") and any(counter != "list-item" for counter, _ in value):
                return True
    return False

"""Where things fall in the printed PDF: each anchor's page and each page's text, recorded
when the PDF is printed (`pages.json` beside it) so a diff can say on which page of the
built report a reviewer finds each change, without reading the PDF back.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from weasyprint.document import Document

PAGE_INDEX = "pages.json"
# Enough opening words to find a paragraph on its page, few enough to sit on one page.
_PROBE_WORDS = 8


def _words(text: str) -> str:
    """Text folded for searching: one space between words."""
    return " ".join(text.split())


def page_index(document: Document) -> PageIndex:
    """Anchor -> first page (from 1) and each page's text, from a laid-out document."""
    from weasyprint.formatting_structure.boxes import TextBox

    anchors: dict[str, int] = {}
    texts = []
    for number, page in enumerate(document.pages, start=1):
        for name in page.anchors:
            anchors.setdefault(name, number)
        boxes = page._page_box.descendants()
        texts.append(_words(" ".join(box.text for box in boxes if isinstance(box, TextBox))))
    return PageIndex(anchors, texts)


@dataclass(frozen=True)
class PageIndex:
    anchors: dict[str, int]
    text: list[str]

    def write(self, pdf_path: Path) -> None:
        """Write the index beside the PDF it describes."""
        record = {"anchors": self.anchors, "text": self.text}
        pdf_path.with_name(PAGE_INDEX).write_text(
            json.dumps(record, ensure_ascii=False, sort_keys=True) + "\n", encoding="utf-8"
        )

    def page_of(self, anchor: str | None) -> int | None:
        return self.anchors.get(anchor) if anchor else None

    def find(self, text: str, from_page: int | None) -> int | None:
        """The first page, from `from_page` on, whose text holds the opening words of `text`."""
        words = _words(text).split(" ")[:_PROBE_WORDS]
        probe = " ".join(words)
        if not probe:
            return None
        start = (from_page or 1) - 1
        for number, page_text in enumerate(self.text[start:], start=start + 1):
            if probe in page_text:
                return number
        return None


def read_page_index(folder: Path) -> PageIndex | None:
    try:
        data = json.loads((folder / PAGE_INDEX).read_text(encoding="utf-8"))
        return PageIndex(dict(data["anchors"]), list(data["text"]))
    except (OSError, ValueError, KeyError, TypeError):
        return None

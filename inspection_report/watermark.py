"""The diagonal DRAFT mark printed on every page of a draft, as an image of outlined letters.

Drawn as vector outlines rather than text, and placed as a page background, so it is an
artifact: screen readers, text extraction and the PDF's structure tree never read "DRAFT"
into the middle of a sentence. The outlines are drawn once, by `scripts/draw_watermark.py`,
and kept in `templates/`: drawing them would load matplotlib in every build of a draft.
"""

from __future__ import annotations

from inspection_report.render import TEMPLATES

WATERMARK_FILE = "draft-watermark.svg"


def draft_watermark_svg() -> str:
    return (TEMPLATES / WATERMARK_FILE).read_text(encoding="utf-8")

"""One font configuration per layout process, not one per part.

WeasyPrint makes a font configuration for every document: it loads fontconfig's settings and
font list and starts an empty Pango font map, so each part opens its fonts and shapes its
first words from cold. A report typeset part by part is a score of documents with the same
fonts; one configuration kept by each layout process makes the same bytes for less work.

A configuration is only reused while it holds nothing but the machine's fonts: a document
whose stylesheet adds a font with `@font-face` leaves its configuration behind, and the next
document gets a fresh one, as it would without reuse. In a process that lives for many
builds (`serve`'s layout processes), it is also left behind once fontconfig finds its
settings or font folders changed, a font installed say. A configuration is never inherited
across a fork: the child makes its own.
"""

from __future__ import annotations

import os
from typing import Any

from weasyprint.text.ffi import ffi
from weasyprint.text.fonts import FontConfiguration

from inspection_report.font_files import configuration_is_current


class _ProcessFonts(FontConfiguration):  # type: ignore[misc]  # WeasyPrint has no type hints
    """A configuration that notes when a document added a font of its own to it."""

    added_fonts = False

    def add_font_face(self, rule_descriptors: Any, url_fetcher: Any) -> Any:
        self.added_fonts = True
        return super().add_font_face(rule_descriptors, url_fetcher)


_kept: tuple[int, _ProcessFonts] | None = None


def process_font_config() -> FontConfiguration:
    """This process's font configuration for the next document."""
    global _kept
    if (
        _kept is None
        or _kept[0] != os.getpid()
        or _kept[1].added_fonts
        or not configuration_is_current(_kept[1]._config, ffi)
    ):
        _kept = (os.getpid(), _ProcessFonts())
    return _kept[1]

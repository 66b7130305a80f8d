"""Typesetting one document with WeasyPrint, in a pool of processes that load the engine once.

WeasyPrint lays out one flow on one core, and loading it takes as long as checking and
rendering a report. A pool started before the report is checked hides the loading, and
several parts of one report are typeset at once, one per process.
"""

from __future__ import annotations

import math
import os
from concurrent.futures import Future
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from inspection_report.errors import PublishError
from inspection_report.page_starts import PageStart, page_starts
from inspection_report.pdf_engine import load_engine
from inspection_report.warm_pool import WarmPool

T = TypeVar("T")


@dataclass(frozen=True)
class Laid:
    """What typesetting one document gave: its page count, the page of each anchor (from 0),
    each page's named page type and text, and each bookmark's level and whether it is open,
    in reading order."""

    pages: int
    anchors: dict[str, int]
    names: list[str]
    texts: list[str]
    bookmarks: list[tuple[int, bool]]
    starts: list[PageStart]
    """The pages that begin cleanly with an element, where the document could be cut."""

    def as_json(self) -> dict[str, Any]:
        return {
            "pages": self.pages,
            "anchors": self.anchors,
            "names": self.names,
            "texts": self.texts,
            "bookmarks": self.bookmarks,
            "starts": [start.as_json() for start in self.starts],
        }

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Laid:
        bookmarks = [(int(level), bool(is_open)) for level, is_open in data["bookmarks"]]
        starts = [PageStart.from_json(start) for start in data["starts"]]
        return cls(
            int(data["pages"]),
            dict(data["anchors"]),
            list(data["names"]),
            list(data["texts"]),
            bookmarks,
            starts,
        )


class ProbeFailed(Exception):
    """A layout did not find the page start it was to end before (`page_cuts`)."""


def typeset(
    html: str,
    base_url: str,
    pdf_path: str | None,
    allowed: list[str],
    tagged: bool,
    probe: PageStart | None = None,
) -> Laid:
    """Lay out `html` and write it to `pdf_path` (a tagged PDF/UA-1 when `tagged`); with no
    path, only lay it out: writing is about a third of the work, and a layout made only to
    count its pages needs none of it. With a `probe`, only the pages before the page it
    begins are kept, once it is found beginning one as it did before; else `ProbeFailed`."""
    load_engine()
    from weasyprint import HTML

    from inspection_report.engine_errors import engine_errors
    from inspection_report.fetcher import SandboxedFetcher
    from inspection_report.font_config_reuse import process_font_config
    from inspection_report.leader_runs import leader_runs
    from inspection_report.page_index import page_index
    from inspection_report.pdf_tags import tagging
    from inspection_report.stylesheet_reuse import reused_stylesheets

    variant = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    with engine_errors():
        fetcher = SandboxedFetcher([Path(root) for root in allowed])
        with reused_stylesheets(), leader_runs():
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(
                font_config=process_font_config(), **variant
            )
        starts = page_starts(document)
        if probe is not None:
            found = next((start for start in starts if start.at == probe.at), None)
            # Compared so that a top that is not a number (a damaged record) never matches.
            same = found is not None and math.isclose(found.top, probe.top, abs_tol=0.01)
            if found is None or not same or found.chain != probe.chain:
                raise ProbeFailed(f"element {probe.at} no longer begins a page as it did")
            document = document.copy(document.pages[: found.page])
            starts = [start for start in starts if start.page < found.page]
        if pdf_path is not None and tagged:
            with tagging():
                document.write_pdf(pdf_path, **variant)
        elif pdf_path is not None:
            document.write_pdf(pdf_path)
    index = page_index(document)
    names = [page._page_box.page_type.name or "" for page in document.pages]
    anchors = {name: page - 1 for name, page in index.anchors.items()}
    bookmarks = [
        (level, state != "closed") for page in document.pages for level, _, _, state in page.bookmarks
    ]
    return Laid(len(document.pages), anchors, names, index.text, bookmarks, starts)


# A page of what a report is made of, in the report's fonts: headings, emphasis, a list, a
# table, a quotation and a footnote.
_SPECIMEN = """<!DOCTYPE html><html lang="en"><head><title>Specimen</title>
<link rel="stylesheet" href="{stylesheet}"></head><body><main><section>
<h1>Heading</h1><h2>Heading</h2><h3>Heading</h3>
<p>Text with <strong>strong</strong>, <em>emphasis</em> and <strong><em>both</em></strong>,
<a href="#note">a link</a> and a note<span class="footnote-print" id="note">Footnote.</span>.</p>
<ul><li>Item</li></ul><blockquote><p>Quotation.</p></blockquote>
<table><caption>Caption</caption><thead><tr><th>Head</th></tr></thead>
<tbody><tr><td>Cell 1</td></tr></tbody></table>
</section></main></body></html>"""


def warm_up(stylesheet: Path) -> None:
    """Typeset a specimen page with `stylesheet`, so that a process forked after it starts
    with the stylesheet parsed (for any document that links the same bytes,
    `stylesheet_reuse`) and with WeasyPrint's first uses of the report's elements and its
    tagged output paid: the first part a layout process is given costs about a tenth of a
    second less (`bench/warm_up.py`)."""
    typeset(
        _SPECIMEN.format(stylesheet=stylesheet.name),
        str(stylesheet.parent / "specimen.html"),
        os.devnull,
        [str(stylesheet.parent)],
        True,
    )


class LayoutPool(WarmPool):
    """`workers` processes that typeset documents, or this process when `workers` is 0.

    The first process is forked as soon as the pool is made and loads WeasyPrint while the
    caller checks and renders the report, then forks the others. A caller makes its pool
    before starting threads of its own, which a fork must not copy mid-work (`serve`,
    replacing processes that died, is the exception)."""

    def __init__(self, workers: int, keep_warm: bool = False) -> None:
        super().__init__(workers, load_engine, keep_warm)


def laid_out(future: Future[T]) -> T:
    """A layout's result; a layout process that died is the build's error, not a traceback."""
    try:
        return future.result()
    except BrokenProcessPool:
        raise PublishError(
            "a layout process ended abruptly (killed, or out of memory); nothing was written. "
            "Build again; with less memory free, build with -j 1"
        ) from None

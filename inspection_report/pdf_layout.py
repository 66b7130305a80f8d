"""Typesetting one document with WeasyPrint, in a pool of processes that load the engine once.

WeasyPrint lays out one flow on one core, and loading it takes as long as checking and
rendering a report. A pool started before the report is checked hides the loading, and
several parts of one report are typeset at once, one per process.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from dataclasses import dataclass
from multiprocessing import get_all_start_methods, get_context
from pathlib import Path
from typing import Any

from inspection_report.worker_lifetime import end_with_parent


@dataclass(frozen=True)
class Laid:
    """What typesetting one document gave: its page count, the page of each anchor (from 0),
    each page's named page type and text."""

    pages: int
    anchors: dict[str, int]
    names: list[str]
    texts: list[str]

    def as_json(self) -> dict[str, Any]:
        return {"pages": self.pages, "anchors": self.anchors, "names": self.names, "texts": self.texts}

    @classmethod
    def from_json(cls, data: dict[str, Any]) -> Laid:
        return cls(int(data["pages"]), dict(data["anchors"]), list(data["names"]), list(data["texts"]))


def typeset(html: str, base_url: str, pdf_path: str, allowed: list[str], tagged: bool) -> Laid:
    """Lay out `html` and write it to `pdf_path` (a tagged PDF/UA-1 when `tagged`)."""
    from weasyprint import HTML

    from inspection_report.engine_errors import engine_errors
    from inspection_report.fetcher import SandboxedFetcher
    from inspection_report.page_index import page_index
    from inspection_report.pdf_tags import tagging
    from inspection_report.stylesheet_reuse import reused_stylesheets

    variant = {"pdf_variant": "pdf/ua-1"} if tagged else {}
    with engine_errors():
        fetcher = SandboxedFetcher([Path(root) for root in allowed])
        with reused_stylesheets():
            document = HTML(string=html, base_url=base_url, url_fetcher=fetcher).render(**variant)
        if tagged:
            with tagging():
                document.write_pdf(pdf_path, **variant)
        else:
            document.write_pdf(pdf_path)
    index = page_index(document)
    names = [page._page_box.page_type.name or "" for page in document.pages]
    anchors = {name: page - 1 for name, page in index.anchors.items()}
    return Laid(len(document.pages), anchors, names, index.text)


def _preload(parent: int) -> None:
    end_with_parent(parent)
    import weasyprint  # noqa: F401

    import inspection_report.pdf_tags  # noqa: F401


class LayoutPool:
    """`workers` processes that typeset documents, or this process when `workers` is 0.

    The processes are forked as soon as the pool is made and load WeasyPrint while the
    caller checks and renders the report; a caller makes its pool before starting threads
    of its own, which a fork must not copy mid-work (`serve`, replacing processes that
    died, is the exception)."""

    def __init__(self, workers: int, keep_warm: bool = False) -> None:
        self.workers, self.keep_warm = workers, keep_warm
        self.broken = False
        """A process of the pool died: the pool can take no more work."""
        self._pool: ProcessPoolExecutor | None = None
        if workers > 0:
            self._pool = ProcessPoolExecutor(
                max_workers=workers,
                mp_context=get_context("fork" if "fork" in get_all_start_methods() else "spawn"),
                initializer=_preload,
                initargs=(os.getpid(),),
            )
            for _ in range(workers):
                self._pool.submit(int)

    def submit(self, function: Callable[..., Laid], *arguments: Any) -> Future[Laid]:
        future: Future[Laid] = Future()
        if self._pool is not None:
            try:
                return self._pool.submit(function, *arguments)
            except BrokenProcessPool as died:
                self.broken = True
                future.set_exception(died)
                return future
        try:
            future.set_result(function(*arguments))
        except BaseException as err:  # handed to the caller, as a pool would
            future.set_exception(err)
        return future

    def done(self) -> None:
        """The caller has no more work for now: the processes end unless kept warm."""
        if not self.keep_warm:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=True, cancel_futures=True)
            self._pool = None

"""Chart SVGs for a build: from the cache when the chart's data and code are unchanged, else
drawn, in another process when that lets drawing overlap with everything else.

Part by part, the charts are drawn as one job of the layout pool, while its other processes
lay out the parts that have no charts; the job forks a process that ends with the drawing, so
the layout process does not keep matplotlib for the rest of the build. Printed as one
flow, drawing has a process of its own beside the one laying out.
"""

from __future__ import annotations

import hashlib
import math
import os
import tempfile
from concurrent.futures import Future, ProcessPoolExecutor
from multiprocessing import get_context
from pathlib import Path

from charts import ChartData, draw_all
from inspection_report.derive import Derived
from inspection_report.exhibits import chart_data
from inspection_report.fingerprint import environment_fingerprint
from inspection_report.forked_call import call_in_fork
from inspection_report.pdf_layout import laid_out
from inspection_report.warm_pool import WarmPool
from inspection_report.worker_lifetime import end_with_parent


def _key(data: ChartData) -> str:
    return hashlib.sha256((environment_fingerprint() + repr(data)).encode()).hexdigest()


class ChartSource:
    """The SVG of every chart of a report, ready or on its way."""

    def __init__(self, derived: Derived, cache_dir: Path | None, in_background: bool = True) -> None:
        datas = {}
        for exhibit_id, exhibit in derived.findings.items["exhibits"].items():
            data = chart_data(derived, exhibit)
            if data is not None:
                datas[exhibit_id] = data
        self.ids = sorted(datas)
        self.cache_dir = cache_dir
        self.keys = {exhibit_id: _key(data) for exhibit_id, data in datas.items()}
        self.ready: dict[str, str] = {}
        missing = {}
        for exhibit_id, data in datas.items():
            cached = self._cached(exhibit_id)
            if cached is None:
                missing[exhibit_id] = data
            else:
                self.ready[exhibit_id] = cached
        self.drawn = sorted(missing)
        self._missing = missing
        self._in_background = in_background
        self._pool: ProcessPoolExecutor | None = None
        self._future: Future[dict[str, str]] | None = None

    def start(self, pool: WarmPool | None = None) -> None:
        """Begin drawing what the cache lacks: in `pool`, or in another process, when
        allowed; else here."""
        if not self._missing:
            return
        missing, self._missing = self._missing, {}
        if self._in_background and pool is not None:
            # Before any layout waiting for a process: the parts with charts wait for it.
            self._future = pool.submit(call_in_fork, draw_all, missing, size=math.inf)
        elif self._in_background:
            self._pool = ProcessPoolExecutor(
                max_workers=1,
                mp_context=get_context("fork"),
                initializer=end_with_parent,
                initargs=(os.getpid(),),
            )
            self._future = self._pool.submit(draw_all, missing)
        else:
            self._store(draw_all(missing))

    def _cached(self, exhibit_id: str) -> str | None:
        if self.cache_dir is None:
            return None
        path = self.cache_dir / f"{self.keys[exhibit_id]}.svg"
        return path.read_text(encoding="utf-8") if path.is_file() else None

    def _store(self, drawn: dict[str, str]) -> None:
        self.ready.update(drawn)
        if self.cache_dir is None:
            return
        self.cache_dir.mkdir(parents=True, exist_ok=True)
        for exhibit_id, svg in drawn.items():
            target = self.cache_dir / f"{self.keys[exhibit_id]}.svg"
            handle, temporary = tempfile.mkstemp(dir=self.cache_dir, suffix=".tmp")
            with os.fdopen(handle, "w", encoding="utf-8") as stream:
                stream.write(svg)
            os.replace(temporary, target)

    def svg(self, exhibit_id: str) -> str:
        if exhibit_id not in self.ready:
            self.start()
            if self._future is not None:
                self._finish()
        return self.ready[exhibit_id]

    def all(self) -> dict[str, str]:
        self.start()
        if self._future is not None:
            self._finish()
        return dict(self.ready)

    def _finish(self) -> None:
        assert self._future is not None
        try:
            self._store(laid_out(self._future))
        finally:
            self.close()

    def close(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(cancel_futures=True)
        self._future, self._pool = None, None

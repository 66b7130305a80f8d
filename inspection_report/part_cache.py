"""Laid-out documents kept by the hash of all their layout depends on, and the page starts
each part's last layout found (`page_starts`), by report and part.

A cached layout unused for two weeks is removed, so the cache follows the findings; one
whose PDF was changed or cut short is laid out again, never merged.
"""

from __future__ import annotations

import hashlib
import json
import os
import time
from pathlib import Path

from inspection_report.page_cuts import Learned
from inspection_report.pdf_layout import Laid
from inspection_report.whole_files import write_replacing

# Cached layouts unused for this long are removed, so the cache follows the findings.
_KEEP_SECONDS = 14 * 24 * 3600


class PartCache:
    """Laid-out documents by the hash of everything their layout depends on."""

    def __init__(self, folder: Path | None, scope: str = "") -> None:
        self.folder = folder
        self.scope = scope
        """The report whose page starts are kept (several share one cache)."""
        self.used: set[str] = set()
        self.typeset: list[str] = []
        """The documents laid out afresh (the others came from the cache), by name."""

    def get(self, key: str, written: bool = True) -> tuple[Path | None, Laid] | None:
        """The layout under `key`: its PDF, when `written`, and its record."""
        if self.folder is None:
            return None
        pdf, record = self.folder / f"{key}.pdf", self.folder / f"{key}.json"
        try:
            data = json.loads(record.read_text(encoding="utf-8"))
            laid = Laid.from_json(data)
            intact = not written or hashlib.sha256(pdf.read_bytes()).hexdigest() == data["sha256"]
        except (OSError, ValueError, KeyError, TypeError):
            return None
        if not intact:
            return None
        os.utime(record)
        self.used.add(key)
        return (pdf if written else None), laid

    def holds(self, key: str, written: bool = True) -> bool:
        """Whether the cache has a layout under `key`, by its files alone: `get` still checks
        it whole."""
        if self.folder is None:
            return False
        files = [self.folder / f"{key}.json", *([self.folder / f"{key}.pdf"] if written else [])]
        return all(path.is_file() for path in files)

    def put(self, key: str, pdf: Path | None, laid: Laid) -> None:
        if self.folder is None:
            return
        self.folder.mkdir(parents=True, exist_ok=True)
        digest = None
        if pdf is not None:
            data = pdf.read_bytes()
            digest = hashlib.sha256(data).hexdigest()
            write_replacing(self.folder / f"{key}.pdf", data)
        write_replacing(self.folder / f"{key}.json", _record(laid, digest))
        self.used.add(key)

    def learned(self, name: str) -> list[Learned]:
        """The page starts the last layout of part `name` found."""
        path = self._starts(name)
        if path is None:
            return []
        try:
            data = json.loads(path.read_text(encoding="utf-8"))
            return [Learned.from_json(item) for item in data]
        except (OSError, ValueError, KeyError, TypeError, IndexError):
            return []

    def learn(self, name: str, starts: list[Learned]) -> None:
        path = self._starts(name)
        if path is None:
            return
        path.parent.mkdir(parents=True, exist_ok=True)
        record = json.dumps([start.as_json() for start in starts], sort_keys=True)
        write_replacing(path, record.encode("utf-8"))

    def _starts(self, name: str) -> Path | None:
        if self.folder is None:
            return None
        digest = hashlib.sha256(f"{self.scope}\0{name}".encode()).hexdigest()[:32]
        return self.folder / "starts" / f"{digest}.json"

    def prune(self) -> None:
        if self.folder is None or not self.folder.is_dir():
            return
        limit = time.time() - _KEEP_SECONDS
        for record in self.folder.glob("*.json"):
            if record.stem not in self.used and record.stat().st_mtime < limit:
                record.unlink(missing_ok=True)
                (self.folder / f"{record.stem}.pdf").unlink(missing_ok=True)


def _record(laid: Laid, digest: str | None) -> bytes:
    """The layout's record, with the PDF's hash: a cached PDF that was changed or cut short
    is laid out again, never merged."""
    record = {**laid.as_json(), "sha256": digest}
    return json.dumps(record, sort_keys=True, ensure_ascii=False).encode("utf-8")

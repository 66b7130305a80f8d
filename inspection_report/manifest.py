"""`manifest.json`, the record a build leaves beside its outputs: which inputs it was built
from and every file with its sha256. Read by the build (to skip unchanged reports) and by
`diff` (to cite pages only of a PDF built from exactly the newer draft), so it is kept free of
the heavy imports rendering needs."""

from __future__ import annotations

import json
from pathlib import Path

MANIFEST = "manifest.json"


def read_manifest(destination: Path) -> dict | None:
    try:
        return json.loads((destination / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None

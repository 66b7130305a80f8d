"""`manifest.json`, the record a build leaves beside its outputs: which inputs it was built
from and every file with its sha256. Read by the build (to skip unchanged reports) and by
`diff` (to cite pages only of a PDF built from exactly the newer draft), so it is kept free of
the heavy imports rendering needs."""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

MANIFEST = "manifest.json"


def read_manifest(destination: Path) -> dict | None:
    try:
        return json.loads((destination / MANIFEST).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return None


def file_sha256(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def is_up_to_date(destination: Path, fingerprint: str, manifest: dict | None) -> bool:
    """True when the output, whose manifest (as `read_manifest` read it) is `manifest`, was
    built from exactly these inputs and is still intact."""
    if manifest is None or manifest.get("inputs") != fingerprint:
        return False
    files = manifest.get("files", {})
    return bool(files) and all(
        (destination / name).is_file() and file_sha256(destination / name) == digest
        for name, digest in files.items()
    )

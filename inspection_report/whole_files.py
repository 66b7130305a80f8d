"""Files written whole or not at all, for outputs and caches a reader may open at any time."""

from __future__ import annotations

import os
from pathlib import Path


def write_replacing(path: Path, data: bytes) -> None:
    """Write a file whole or not at all: into a temporary file beside it, then renamed over
    it, so an interrupted run never leaves half a file or loses the last good one."""
    temporary = path.with_name(f".{path.name}.partial")
    try:
        temporary.write_bytes(data)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)

"""How a corpus of broken findings is written: one replacement in a copy of the sample, and
the file and line where the message must point."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Break:
    """Replace `old` with `new` in `file`; expect `message` at the line where `at` stands
    (by default, where `new` stands) in `where` (by default, `file`)."""

    name: str
    file: str
    old: str
    new: str
    message: str
    at: str | None = None
    where: str | None = None


def line_of(path: Path, needle: str) -> int:
    """The line where `needle` first stands in `path`."""
    text = path.read_text(encoding="utf-8")
    assert needle in text, f"{needle!r} not in {path}"
    return text[: text.index(needle)].count("\n") + 1

"""Draws `templates/draft-watermark.svg`, the DRAFT mark a draft's printed pages carry, as the
outlined letters of Liberation Sans Bold (from fonts-liberation2): vector outlines, not text, so
screen readers and text extraction never read the mark. Kept as a file in `templates/` so a
build neither loads matplotlib for it nor depends on the fonts of the machine it runs on.

    .venv/bin/python scripts/draw_watermark.py   # after changing the word, colour or font
"""

from __future__ import annotations

from pathlib import Path

from matplotlib.font_manager import FontProperties
from matplotlib.textpath import TextPath

TARGET = Path(__file__).resolve().parent.parent / "templates" / "draft-watermark.svg"


def draft_watermark_svg(word: str = "DRAFT", colour: str = "#b4231a", opacity: float = 0.12) -> str:
    path = TextPath(
        (0, 0), word, size=100, prop=FontProperties(family=["Liberation Sans", "DejaVu Sans"], weight="bold")
    )
    extent = path.get_extents()
    commands = []
    codes = {1: "M", 2: "L", 3: "Q", 4: "C", 79: "Z"}
    for vertices, code in path.iter_segments(simplify=False):
        letter = codes.get(int(code), "L")
        points = " ".join(f"{x - extent.x0:.1f} {extent.y1 - y:.1f}" for x, y in vertices.reshape(-1, 2))
        commands.append(letter if letter == "Z" else f"{letter}{points}")
    width, height = extent.width, extent.height
    size = (width**2 + height**2) ** 0.5
    return (
        f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {size:.0f} {size:.0f}" '
        f'width="{size:.0f}" height="{size:.0f}">'
        f'<g transform="translate({size / 2:.1f} {size / 2:.1f}) rotate(-45) '
        f'translate({-width / 2:.1f} {-height / 2:.1f})">'
        f'<path d="{" ".join(commands)}" fill="{colour}" fill-opacity="{opacity}"/></g></svg>'
    )


if __name__ == "__main__":
    TARGET.write_text(draft_watermark_svg(), encoding="utf-8")
    print(f"wrote {TARGET}")

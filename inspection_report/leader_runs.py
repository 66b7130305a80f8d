"""Leader dots laid out as one run of text per line, not one text box per dot.

WeasyPrint fills a leader (`content: leader(". ")`) with a copy of the pattern's text box for
every repeat, so a line of the contents holds twenty or more boxes. Each is drawn on its own
(its Pango layout made again, a text object begun and ended) and tagged as an artifact of
its own: a report's contents holds well over a thousand, and drawing them was nearly half the
cost of typesetting the front matter, on the path every build waits for at its end.

Here the copies on a line become one text box holding the pattern repeated, at the first
copy's place. Where Pango's shaping of the repeated text does not give exactly the copies'
width (a font that kerns the pattern's end against its start), the copies are kept. Drawn,
a run is text like any other: WeasyPrint writes each glyph's advance in whole thousandths of
an em, so a dot can sit a few hundredths of a point from its copy's place, and the last of a
long line up to about a quarter of a point (tests/test_leader_runs.py measures it).
"""

from __future__ import annotations

import itertools
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# The copies' total width and the run's may differ by this much (in CSS px) from rounding.
_TOLERANCE = 1e-3


@contextmanager
def leader_runs() -> Iterator[None]:
    """Within the block, a leader's copies on each line are laid out as one text box."""
    import weasyprint.layout.inline as inline

    original = inline.handle_leader

    def handle_leader(context: Any, line: Any, containing_block: Any) -> None:
        original(context, line, containing_block)
        join_copies(context, line)

    inline.handle_leader = handle_leader
    try:
        yield
    finally:
        inline.handle_leader = original


def join_copies(context: Any, line: Any) -> None:
    """Replace the copies of the leader's pattern on `line` with one box, when exact."""
    from weasyprint.layout.leader import leader_index
    from weasyprint.text.line_break import create_layout, line_size

    _, leader = leader_index(line)
    if leader is None or len(leader.children) < 2:
        return
    copies = sorted(leader.children, key=lambda box: box.position_x)
    first, pitch = copies[0], copies[0].width
    if any(
        box.text != first.text or abs(box.position_x - before.position_x - pitch) > _TOLERANCE
        for before, box in itertools.pairwise(copies)
    ):
        return
    text = first.text * len(copies)
    layout = create_layout(text, first.style, context, None, first.pango_layout.justification_spacing)
    width, _ = line_size(layout.get_first_line()[0], first.style)
    exact = abs(width - pitch * len(copies)) <= _TOLERANCE * len(copies)
    layout.deactivate()
    if not exact:
        return
    run = first.copy()
    run.text, run.pango_layout, run.width = text, layout, pitch * len(copies)
    leader.children = (run,)

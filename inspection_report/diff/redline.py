"""A redline of the rendered HTML edition: the whole new report with deletions, insertions
and moves marked like tracked changes where they occur, and the list of edits first, each
linking to its places.

Both drafts are rendered with the same templates and aligned as trees (`redline_align`);
the change list is the diff's own model (`redline_changes`). Charts are embedded, so the
file stands alone, and `--format pdf` prints it with the report's print styles.

Text and attributes are escaped by BeautifulSoup, but HTML also forbids control characters
that escaping leaves alone, so any the findings carry are spelled out as `<U+XXXX>`.
"""

from __future__ import annotations

import base64
import re
from pathlib import Path

from bs4 import BeautifulSoup

from inspection_report.derive import Derived
from inspection_report.diff.changes import Diff
from inspection_report.diff.redline_align import Redline
from inspection_report.diff.redline_changes import add_change_list
from inspection_report.errors import UsageError
from inspection_report.shown_text import visible

_STYLE = """
.redline-changes { border: 3px solid #1d70b8; padding: 0.5em 1.2em 1em; margin: 1.5em 0; }
.redline-changes ol { padding-left: 1.5em; }
.redline-legend ins, .redline-legend del { padding: 0 0.2em; }
ins { background: #cce2d8; color: #005a30; text-decoration: underline; text-decoration-thickness: 2px; }
del { background: #f6d7d2; color: #942514; text-decoration: line-through; }
.redline-removed-block { opacity: 0.9; }
img.redline-old-chart { outline: 4px solid #942514; }
img.redline-new-chart { outline: 4px solid #005a30; }
.redline-mark { scroll-margin-top: 1em; }
.redline-chart-label { font-weight: bold; margin: 0.6em 0 0.2em; }
.redline-moved { border-left: 4px solid #1d70b8; padding-left: 0.6em; }
.redline-moved-label, .redline-moved-away { font-weight: bold; color: #1d70b8; margin: 0.6em 0 0.2em; }
.redline-moved-away { border: 2px dashed #1d70b8; padding: 0.3em 0.6em; list-style: none; }
li.redline-moved-label { list-style: none; }
span.redline-moved-label { display: block; }
.redline-added-block { outline: 3px solid #005a30; outline-offset: 2px; }
.redline-removed-block { outline: 3px dashed #942514; outline-offset: 2px; }
.redline-list li { margin-bottom: 0.4em; }
"""
CHART_CACHE = Path(__file__).resolve().parent.parent.parent / "output" / ".cache" / "charts"
# Controls HTML forbids in text and attributes: all but tab, line feed, form feed and return.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _render(derived: Derived) -> str:
    """A side's HTML edition, its charts inlined; charts come from the builds' chart cache
    (keyed by their data), so the two sides' unchanged charts are drawn at most once."""
    from inspection_report.chart_source import ChartSource
    from inspection_report.render import render_report

    svgs = ChartSource(derived, CHART_CACHE, in_background=False).all()
    paths = {
        exhibit_id: "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        for exhibit_id, svg in svgs.items()
    }
    return render_report(derived, paths, "report.css")


def diffs_to_redline(diffs: list[Diff]) -> str:
    changed = [d for d in diffs if d.changes] or diffs
    if len(changed) != 1:
        raise UsageError("--format html shows one report; name the report to compare")
    diff = changed[0]
    if diff.old is None or diff.new is None:
        raise UsageError(f"report {diff.report_id} exists on one side only; there is nothing to redline")
    renames = {c.old_id: c.item_id for c in diff.changes if c.kind == "renamed" and c.old_id}
    redline = Redline(
        BeautifulSoup(_render(diff.new), "lxml"),
        BeautifulSoup(_render(diff.old), "lxml"),
        renames,
    )
    redline.run()
    add_change_list(redline.soup, diff, redline.marks)
    _style(redline.soup, diff)
    _spell_controls(redline.soup)
    return str(redline.soup)


def _style(soup: BeautifulSoup, diff: Diff) -> None:
    """The report's own stylesheet carried in the file as a data URL, so the file stands alone
    and is styled exactly as the report is (print rules included), plus the marks' styles."""
    from inspection_report.publish import STYLESHEET
    from inspection_report.render import TEMPLATES

    css = (TEMPLATES / STYLESHEET).read_bytes() + _STYLE.encode("utf-8")
    for link in soup.find_all("link", rel="stylesheet"):
        link["href"] = "data:text/css;base64," + base64.b64encode(css).decode("ascii")
    title = soup.title
    if title is not None:
        title.string = f"Redline: {title.get_text()} ({diff.old_label} → {diff.new_label})"


def _spell_controls(soup: BeautifulSoup) -> None:
    for string in soup.find_all(string=_CONTROLS):
        string.replace_with(type(string)(_CONTROLS.sub(lambda m: visible(m.group()), string)))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if isinstance(value, str) and _CONTROLS.search(value):
                element[name] = _CONTROLS.sub(lambda m: visible(m.group()), value)

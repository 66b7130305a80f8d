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
import hashlib
import re
import tempfile
from functools import partial
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


def _render(derived: Derived, folder: Path | None) -> str:
    """A side's HTML edition; charts come from the builds' chart cache (keyed by their data),
    so the two sides' unchanged charts are drawn at most once. They are carried as data URLs,
    or written into `folder` as files named by their content when the redline is printed, so
    a chart is the same image on both sides exactly when it is unchanged."""
    from inspection_report.chart_source import ChartSource
    from inspection_report.render import render_report

    svgs = ChartSource(derived, CHART_CACHE, in_background=False).all()
    paths = {}
    for exhibit_id, svg in svgs.items():
        if folder is None:
            paths[exhibit_id] = "data:image/svg+xml;base64," + _base64(svg.encode("utf-8"))
        else:
            name = f"chart-{hashlib.sha256(svg.encode('utf-8')).hexdigest()[:20]}.svg"
            (folder / name).write_text(svg, encoding="utf-8")
            paths[exhibit_id] = name
    return render_report(derived, paths, "report.css")


def _base64(data: bytes) -> str:
    return base64.b64encode(data).decode("ascii")


def diffs_to_redline(diffs: list[Diff], folder: Path | None = None) -> str:
    """The redline as one HTML file that carries its charts and styles; with `folder`, those
    are written there as files instead, for the PDF engine, which reads only files."""
    changed = [d for d in diffs if d.changes] or diffs
    if len(changed) != 1:
        raise UsageError("--format html and pdf show one report; name the report to compare")
    diff = changed[0]
    if diff.old is None or diff.new is None:
        raise UsageError(f"report {diff.report_id} exists on one side only; there is nothing to redline")
    renames = {c.old_id: c.item_id for c in diff.changes if c.kind == "renamed" and c.old_id}
    redline = Redline(
        BeautifulSoup(_render(diff.new, folder), "lxml"),
        BeautifulSoup(_render(diff.old, folder), "lxml"),
        renames,
    )
    redline.run()
    add_change_list(redline.soup, diff, redline.marks)
    _style(redline.soup, diff, folder)
    _spell_controls(redline.soup)
    return str(redline.soup)


def diffs_to_redline_pdf(diffs: list[Diff]) -> bytes:
    """The same redline printed with the report's print styles, tagged as the report is, for
    reviewers who annotate on paper."""
    from inspection_report.publish import write_pdf

    with tempfile.TemporaryDirectory(prefix="redline-") as scratch:
        folder = Path(scratch)
        html = diffs_to_redline(diffs, folder)
        (folder / "redline.html").write_text(html, encoding="utf-8")
        write_pdf(folder / "redline.html", folder / "redline.pdf", [folder], relink=partial(_relink, html))
        return (folder / "redline.pdf").read_bytes()


def _relink(html: str, printed: set[str]) -> str | None:
    """Links whose target print hides (a chart's data table, the footnote list) are pointed
    at the nearest enclosing element that is printed, so every link in the PDF lands."""
    soup = BeautifulSoup(html, "lxml")
    changed = False
    for link in soup.select('a[href^="#"]'):
        target = str(link["href"])[1:]
        if target in printed:
            continue
        element = soup.find(id=target)
        shown = next((e for e in element.parents if e.get("id") in printed), None) if element else None
        if shown is not None:
            link["href"] = f"#{shown['id']}"
        else:
            del link["href"]
        changed = True
    return str(soup) if changed else None


def _style(soup: BeautifulSoup, diff: Diff, folder: Path | None) -> None:
    """The report's own stylesheet (print rules included) and its draft watermark, plus the
    marks' styles: carried in the file as data URLs, or written into `folder`."""
    from inspection_report.publish import STYLESHEET
    from inspection_report.render import TEMPLATES
    from inspection_report.watermark import WATERMARK_FILE, draft_watermark_svg

    css = (TEMPLATES / STYLESHEET).read_bytes() + _STYLE.encode("utf-8")
    watermark = draft_watermark_svg().encode("utf-8")
    if folder is not None:
        (folder / STYLESHEET).write_bytes(css)
        (folder / WATERMARK_FILE).write_bytes(watermark)
    else:
        for link in soup.find_all("link", rel="stylesheet"):
            link["href"] = "data:text/css;base64," + _base64(css)
        for style in soup.find_all("style"):
            if style.string and WATERMARK_FILE in style.string:
                style.string = style.string.replace(
                    WATERMARK_FILE, "data:image/svg+xml;base64," + _base64(watermark)
                )
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

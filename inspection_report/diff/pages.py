"""The page of the built PDF on which a reviewer finds each change.

Only a PDF built from exactly the new side's findings (its manifest's input fingerprint
matches) is cited; any other would send the reviewer to the wrong page. Pages come from the
`pages.json` the PDF step records: an item's page is its anchor's; a paragraph's is the
first page, from its section's, that holds its opening words; a changed number's (or a
reordering's) is that of the first sentence, chart or section it touches.
"""

from __future__ import annotations

from pathlib import Path

from inspection_report.diff.changes import Change, Diff
from inspection_report.fingerprint import PDF_MODES, build_options, report_fingerprint
from inspection_report.manifest import read_manifest
from inspection_report.page_index import PageIndex, read_page_index


def built_pdf(report_folder: Path, destination: Path) -> PageIndex | None:
    """The page index of the PDF in `destination`, if it was built from this report folder."""
    manifest = read_manifest(destination)
    if manifest is None or "pdf" not in manifest.get("editions", []):
        return None
    fingerprints = {
        report_fingerprint(report_folder, build_options(strict, False, mode))
        for strict in (False, True)
        for mode in PDF_MODES
    }
    if manifest.get("inputs") not in fingerprints:
        return None
    return read_page_index(destination)


def add_pages(diff: Diff, index: PageIndex, pdf: str) -> None:
    diff.pdf = pdf
    for change in diff.changes:
        change.page = page_of(change, index)


def page_of(change: Change, index: PageIndex) -> int | None:
    if change.kind == "removed":
        return None
    own = index.page_of(change.item_id) if change.item_kind != "sections" else None
    if own is not None:
        return own
    if change.item_kind == "paragraph":
        start = index.page_of(change.item_id.split("#")[0])
        printed = change.fields[0].new if change.fields else None
        text = printed or (change.written[1] if change.written else None)
        return (index.find(text, start) if text else None) or start
    for touch in change.touches:
        start = index.page_of(touch.target)
        if touch.kind == "sentence" and touch.new:
            found = index.find(touch.new, start)
            if found is not None:
                return found
        if start is not None:
            return start
    return None

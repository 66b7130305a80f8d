"""Every chart and table's data as a CSV file beside the HTML edition, as GOV.UK and the ONS
publish statistics: readers who want the numbers download them rather than copying them out
of a picture.

The files come from the same data the charts and sentences read, so they cannot disagree
with the report. Numbers are written plainly (no thousands separators, no % signs; a
percentage column says so in its heading), each row says whether its values are
illustrative, and the bytes depend only on the findings: UTF-8, comma-separated, CRLF line
ends (RFC 4180).
"""

from __future__ import annotations

import csv
import io

from inspection_report.derive import Derived
from inspection_report.exhibits import question_is_illustrative, yes_no
from inspection_report.model import EnablersBarriers, Exhibit
from inspection_report.printed_text import printed

DATA_FOLDER = "data"
_UNIT_SUFFIX = {"percent": " (%)", "rank": " (rank)", "score": " (score)", "number": ""}


def data_path(item_id: str) -> str:
    return f"{DATA_FOLDER}/{item_id}.csv"


def data_files(derived: Derived) -> dict[str, str]:
    """Relative path -> CSV text, for every exhibit and every enablers and barriers table."""
    items = derived.findings.items
    files = {data_path(e.id): exhibit_csv(derived, e) for e in items["exhibits"].values()}
    files |= {data_path(t.id): table_csv(derived, t) for t in items["enablers_barriers"].values()}
    return files


def _number(value: float) -> str:
    return str(int(value)) if float(value).is_integer() else repr(float(value))


def _csv(rows: list[list[str]]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="\r\n").writerows(rows)
    return out.getvalue()


def exhibit_csv(derived: Derived, exhibit: Exhibit) -> str:
    if exhibit.chart == "case-findings":
        rows = [["Question", "Yes", "No", "Cases", "Illustrative"]]
        for question in exhibit.questions:
            yes, no = yes_no(derived, question.counts)
            illustrative = question_is_illustrative(derived, question.counts)
            rows.append([question.text, _number(yes), _number(no), _number(yes + no), _yes(illustrative)])
        return _csv(rows)
    suffix = _UNIT_SUFFIX[exhibit.unit]
    rows = [["Area", *(f"{series}{suffix}" for series in exhibit.series), "Illustrative"]]
    for row in exhibit.rows:
        rows.append([row.name, *(_number(v) for v in row.values), _yes(row.illustrative)])
    return _csv(rows)


def table_csv(derived: Derived, table: EnablersBarriers) -> str:
    wording = derived.findings.meta.wording
    rows = [["Kind", "Number", "Text"]]
    for label, entries in ((wording.enabler, table.enablers), (wording.barrier, table.barriers)):
        for number, text in enumerate(entries, start=1):
            rows.append([label, str(number), printed(text, derived) or " ".join(text.split())])
    return _csv(rows)


def _yes(flag: bool) -> str:
    return "yes" if flag else "no"

"""A new inspection's findings folder, from the Quality & Impact skeleton.

Every part and item kind is present, each holding a TODO marker, so `check` lists what is left
to write and the report builds from the first minute.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from datetime import date
from pathlib import Path

from inspection_report.errors import UsageError
from inspection_report.render import TEMPLATES

SKELETON = TEMPLATES / "new-report"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def create_report(findings: Path, report_id: str, today: date | None = None) -> Path:
    if not _ID.match(report_id):
        raise UsageError(
            f"'{report_id}' is not a valid report id: use lower-case words joined by hyphens, "
            "such as 'leeds-2026'"
        )
    target = findings / report_id
    if target.exists():
        raise UsageError(f"findings/{report_id} already exists; choose another id")
    month = (today or date.today()).strftime("%Y-%m")
    findings.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{report_id}.", dir=findings))
    try:
        for source in sorted(SKELETON.rglob("*")):
            destination = staging / source.relative_to(SKELETON)
            if source.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            destination.write_text(
                text.replace("@REPORT_ID@", report_id).replace("@PUBLISHED@", month), encoding="utf-8"
            )
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target

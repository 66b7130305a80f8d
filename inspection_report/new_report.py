"""A new inspection's findings folder, from a skeleton of the shape the report will take.

Every part and item kind the shape has is present, each holding a TODO marker, so `check`
lists what is left to write and the report builds from the first minute. The month of
publication is a TODO too: no one knows it on the day the folder is made.
"""

from __future__ import annotations

import re
import shutil
import tempfile
from pathlib import Path

from inspection_report.errors import UsageError

# The templates folder, found without importing the renderer: `new` and the command line's
# help stay light.
SKELETONS = Path(__file__).resolve().parent.parent / "templates" / "new-report"
# Each shape is a folder of SKELETONS; the tests check that each one checks and builds.
SHAPES = {
    "2016": "the 2016 Quality & Impact report, as the sample: foreword, key facts, overall "
    "judgements, executive summary, recommendations, local context, three chapters with CRC, "
    "NPS and working-together sections, and seven appendices",
    "2017": "the 2017 shape: overall judgements and recommendations in one chapter (a fourth "
    "addressee, the Ministry of Justice), protecting the public first, no executive summary, "
    "local context or background data, a case-findings chart for each chapter",
    "minimal": "a foreword, one findings chapter, recommendations and a glossary, to grow from",
}
DEFAULT_SHAPE = "2016"
_ID = re.compile(r"^[a-z0-9]+(-[a-z0-9]+)*$")


def create_report(findings: Path, report_id: str, shape: str = DEFAULT_SHAPE) -> Path:
    if not _ID.match(report_id):
        raise UsageError(
            f"'{report_id}' is not a valid report id: use lower-case words joined by hyphens, "
            "such as 'leeds-2026'"
        )
    if shape not in SHAPES:
        raise UsageError(f"no report shape '{shape}'; choose one of {', '.join(SHAPES)}")
    target = findings / report_id
    if target.exists():
        raise UsageError(f"findings/{report_id} already exists; choose another id")
    skeleton = SKELETONS / shape
    findings.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{report_id}.", dir=findings))
    try:
        for source in sorted(skeleton.rglob("*")):
            destination = staging / source.relative_to(skeleton)
            if source.is_dir():
                destination.mkdir(parents=True, exist_ok=True)
                continue
            destination.parent.mkdir(parents=True, exist_ok=True)
            text = source.read_text(encoding="utf-8")
            destination.write_text(text.replace("@REPORT_ID@", report_id), encoding="utf-8")
        staging.rename(target)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return target

"""The first part a layout process is given, in a process forked from a warm process, after
the warm process laid out either a one-line document or a specimen page with the report's
stylesheet (`pdf_layout.warm_up`, what `build.py warm` lays out): the chapter the edit of
`bench/pdf_parts.py` changes, laid out and written, then laid out again in the same process
for the cost of a part that is not the first. Medians of `--runs` forks of each, alternated.

    .venv/bin/python bench/warm_up.py [--runs 9]
"""

from __future__ import annotations

import argparse
import gc
import io
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ab_runs import REPORT, alternated, sample_html  # noqa: E402

from inspection_report.forked_call import call_in_fork  # noqa: E402
from inspection_report.pdf_engine import load_engine  # noqa: E402
from inspection_report.pdf_layout import typeset, warm_up  # noqa: E402
from inspection_report.pdf_parts import split_report  # noqa: E402
from inspection_report.publish import STYLESHEET, TEMPLATES  # noqa: E402

PART = "protecting-the-public"


def lay_out_twice(html: Path, scratch: str) -> tuple[float, float]:
    """In a layout process: the part's first layout and a second one, in seconds."""
    part = next(part for part in split_report(html.read_text(encoding="utf-8")) if part.name == PART)
    times = []
    for _ in range(2):
        started = time.perf_counter()
        typeset(part.html, str(html), str(Path(scratch) / "part.pdf"), [str(html.parent)], True)
        times.append(time.perf_counter() - started)
    return times[0], times[1]


def warm_process(specimen: bool, html: Path, scratch: str) -> tuple[float, float]:
    """In a warm process: its warm-up, then a command's layout process forked from it."""
    if specimen:
        warm_up(TEMPLATES / STYLESHEET)
    else:
        from weasyprint import HTML

        HTML(string="<!DOCTYPE html><html lang='en'><title>warm</title><p>Warm.</p></html>").write_pdf(
            io.BytesIO()
        )
    gc.collect()
    gc.freeze()
    return call_in_fork(lay_out_twice, html, scratch)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=9)
    args = parser.parse_args()
    load_engine()
    with tempfile.TemporaryDirectory() as scratch:
        # The part is laid out from the build's own folder, where its stylesheet is a copy.
        html = sample_html(Path(scratch))
        results = alternated(args.runs, lambda specimen: call_in_fork(warm_process, specimen, html, scratch))
    print(f"report: {REPORT}, part {PART!r}, {args.runs} forks of each, medians")
    for specimen, label in [(False, "after a one-line document"), (True, "after the specimen page")]:
        first = statistics.median(first for first, _ in results[specimen])
        later = statistics.median(later for _, later in results[specimen])
        print(f"{label:<26} first part {first:.3f} s, the same part again {later:.3f} s")


if __name__ == "__main__":
    main()

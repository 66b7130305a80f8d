"""Full build of a report against WeasyPrint alone on the same final HTML.

Each run is a fresh process, as an editor or CI meets it. Prints the median wall time of
each and the ratio (the pipeline's overhead over the PDF engine).

    .venv/bin/python bench/build_time.py [REPORT] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent

WEASYPRINT_ALONE = """
import sys
from weasyprint import HTML
from inspection_report.fetcher import SandboxedFetcher
from pathlib import Path
html = Path(sys.argv[1])
HTML(filename=str(html), url_fetcher=SandboxedFetcher([html.parent])).write_pdf(sys.argv[2])
"""


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="york-north-yorkshire-2016")
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch) / "output"
        build = [sys.executable, "build.py", "build", args.report, "--output", str(output)]
        html = output / args.report / "report.html"
        alone = [sys.executable, "-c", WEASYPRINT_ALONE, str(html), str(Path(scratch) / "alone.pdf")]
        timed(build)
        builds, engine = [], []
        for _ in range(args.runs):
            builds.append(timed(build))
            engine.append(timed(alone))
    full, pdf_only = statistics.median(builds), statistics.median(engine)
    print(f"report: {args.report}, runs: {args.runs} each, fresh processes")
    for label, median, runs in (
        ("full build (check, charts, HTML, PDF)", full, builds),
        ("WeasyPrint alone on the final HTML", pdf_only, engine),
    ):
        print(f"{label:<38} median {median:.2f} s  (min {min(runs):.2f}, max {max(runs):.2f})")
    print(f"ratio full / WeasyPrint alone: {full / pdf_only:.2f}")


if __name__ == "__main__":
    main()

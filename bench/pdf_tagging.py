"""What tagging the PDF per element costs: the sample's HTML printed to PDF/UA-1 with the
project's structure tree (`pdf_tags`) and with WeasyPrint's own, each in fresh processes,
medians of both measured in the same run, and the tagging step alone timed in-process.

    .venv/bin/python bench/pdf_tagging.py [--runs 5]
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
SAMPLE = "york-north-yorkshire-2016"

PRINT = """
import sys, time
from pathlib import Path
from weasyprint import HTML
from inspection_report.fetcher import SandboxedFetcher
from inspection_report.pdf_tags import tagging
import inspection_report.pdf_tags as tags

html, target, ours = Path(sys.argv[1]), sys.argv[2], sys.argv[3] == "ours"
spent = []
wrapped = tags.add_tags
def timed_tags(*args):
    started = time.perf_counter()
    wrapped(*args)
    spent.append(time.perf_counter() - started)
tags.add_tags = timed_tags
document = HTML(filename=str(html), url_fetcher=SandboxedFetcher([html.parent]))
if ours:
    import weasyprint.pdf
    with tagging():
        weasyprint.pdf.add_tags = timed_tags
        document.write_pdf(target, pdf_variant="pdf/ua-1")
else:
    document.write_pdf(target, pdf_variant="pdf/ua-1")
print(spent[0] if spent else 0.0)
"""


def run(html: Path, target: Path, which: str) -> tuple[float, float]:
    started = time.perf_counter()
    result = subprocess.run(
        [sys.executable, "-c", PRINT, str(html), str(target), which],
        check=True,
        cwd=ROOT,
        capture_output=True,
        text=True,
    )
    return time.perf_counter() - started, float(result.stdout.strip() or 0)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        output = Path(scratch)
        subprocess.run(
            [sys.executable, "build.py", SAMPLE, "--output", str(output), "--force"],
            check=True,
            cwd=ROOT,
            capture_output=True,
        )
        html = output / SAMPLE / "report.html"
        ours, theirs, step = [], [], []
        for _ in range(args.runs):
            seconds, tagging = run(html, output / "ours.pdf", "ours")
            ours.append(seconds)
            step.append(tagging)
            theirs.append(run(html, output / "theirs.pdf", "theirs")[0])
    mine, weasy = statistics.median(ours), statistics.median(theirs)
    print(f"sample HTML to PDF/UA-1, fresh processes, median of {args.runs}")
    print(f"  with the per-element structure tree   {mine:6.2f} s")
    print(f"  with WeasyPrint's own tagging         {weasy:6.2f} s")
    share = (mine / weasy - 1) * 100
    print(f"  difference                            {mine - weasy:+6.2f} s ({share:+.1f}%)")
    print(f"  the tagging step itself (in process)  {statistics.median(step):6.2f} s")
    print("target: the repair adds at most 10% to a full build")


if __name__ == "__main__":
    main()

"""The sample's front matter typeset with its leader dots as one run per line and as
WeasyPrint's copy per dot, alternating in one warm layout process: CPU medians of each, for
the contents with placeholder page numbers (laid out only) and with real ones (written).

    .venv/bin/python bench/leader_runs.py [--runs 15]
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path
from unittest import mock

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inspection_report import leader_runs  # noqa: E402
from inspection_report.pdf_engine import load_engine  # noqa: E402
from inspection_report.pdf_layout import typeset  # noqa: E402
from inspection_report.pdf_parts import split_report, with_contents_pages  # noqa: E402
from inspection_report.pipeline import build_report  # noqa: E402

REPORT = "york-north-yorkshire-2016"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    load_engine()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        built = build_report(ROOT / "findings" / REPORT, scratch, ROOT, html_only=True, in_background=False)
        html = built.destination / "report.html"
        documents = split_report(html.read_text(encoding="utf-8"))
        anchors = frozenset().union(*(document.anchors for document in documents))
        front = documents[0]
        placeholder, numbered = (with_contents_pages(front, dict.fromkeys(anchors, n)) for n in (888, 17))
        kinds = {
            "placeholder numbers, laid out": (placeholder, None),
            "real numbers, written": (numbered, scratch / "front.pdf"),
        }
        base, allowed = str(html), [str(built.destination)]
        typeset(documents[1].html, base, str(scratch / "warm.pdf"), allowed, True)
        seconds: dict[tuple[str, str], list[float]] = {}
        for _ in range(args.runs):
            for way in ("one run per line", "a copy per dot"):
                joined = leader_runs.join_copies if way == "one run per line" else lambda context, line: None
                with mock.patch.object(leader_runs, "join_copies", joined):
                    for kind, (document, pdf) in kinds.items():
                        started = time.process_time()
                        typeset(document.html, base, str(pdf) if pdf else None, allowed, True)
                        seconds.setdefault((kind, way), []).append(time.process_time() - started)
    print(f"report: {REPORT}, front matter, CPU medians of {args.runs} alternating layouts")
    for kind in kinds:
        runs = statistics.median(seconds[(kind, "one run per line")])
        copies = statistics.median(seconds[(kind, "a copy per dot")])
        print(f"  {kind:32} one run per line {runs:.3f} s, a copy per dot {copies:.3f} s", end="")
        print(f" ({runs / copies:.0%})")


if __name__ == "__main__":
    main()

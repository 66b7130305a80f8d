"""The sample's parts laid out and written one after another in a fresh layout process, with
WeasyPrint's sized glyph arrays built from their item type and with each parsed by cffi:
how many C parses each makes, the time they take and the layouts' CPU, for `--runs` pairs of
processes forked from one that loaded the engine.

    .venv/bin/python bench/sized_arrays.py [--runs 3]
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
sys.path.insert(0, str(ROOT / "bench"))

import pycparser  # noqa: E402
from ab_runs import REPORT, alternated, sample_html  # noqa: E402

from inspection_report.forked_call import call_in_fork  # noqa: E402
from inspection_report.pdf_engine import load_engine  # noqa: E402
from inspection_report.pdf_layout import typeset  # noqa: E402
from inspection_report.pdf_parts import split_report  # noqa: E402


def lay_out_parts(html: Path, parsed: bool) -> dict[str, float]:
    """In this process: the parts laid out and written, and the C parses they made."""
    from weasyprint.text.ffi import ffi

    if parsed:
        del ffi.new  # cffi's own method again, and kept so by each layout's load_engine()
        mock.patch("inspection_report.pdf_engine._sized_arrays_built", lambda ffi: ffi.new).start()
    parses: list[float] = []
    parse = pycparser.CParser.parse

    def timed_parse(self: pycparser.CParser, *args: object, **kwargs: object) -> object:
        started = time.perf_counter()
        try:
            return parse(self, *args, **kwargs)
        finally:
            parses.append(time.perf_counter() - started)

    pycparser.CParser.parse = timed_parse  # type: ignore[method-assign]
    parts = split_report(html.read_text(encoding="utf-8"))[1:]
    started = time.process_time()
    with tempfile.TemporaryDirectory() as scratch:
        for part in parts:
            typeset(part.html, str(html), str(Path(scratch) / "part.pdf"), [str(html.parent)], True)
    return {"cpu": time.process_time() - started, "parses": len(parses), "parse_time": sum(parses)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    load_engine()
    with tempfile.TemporaryDirectory() as scratch_dir:
        html = sample_html(Path(scratch_dir))
        results = alternated(args.runs, lambda parsed: call_in_fork(lay_out_parts, html, parsed))
    print(f"report: {REPORT}, its parts laid out in one fresh process, {args.runs} runs of each")
    for parsed, label in [(False, "array types built"), (True, "array types parsed by cffi")]:
        runs = results[parsed]
        print(
            f"{label:<28} C parses {statistics.median(r['parses'] for r in runs):.0f}, "
            f"taking {statistics.median(r['parse_time'] for r in runs):.3f} s; "
            f"layouts' CPU {statistics.median(r['cpu'] for r in runs):.2f} s"
        )


if __name__ == "__main__":
    main()

"""The environment's fingerprint (code, templates, fonts, libraries) as a command of the warm
process computes it: in processes forked after the warm process's preload, with the digests
and fontconfig kept (`keep_environment`) and without, alternated, medians.

    .venv/bin/python bench/environment_fingerprint.py [--runs 15]
"""

from __future__ import annotations

import argparse
import gc
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from ab_runs import alternated  # noqa: E402

from inspection_report import fingerprint, font_files  # noqa: E402
from inspection_report.forked_call import call_in_fork  # noqa: E402
from inspection_report.warm_server import preload  # noqa: E402


def timed_fingerprint() -> float:
    """The fingerprint's time, in a process forked for it, as a command would compute it."""
    started = time.perf_counter()
    fingerprint.environment_fingerprint()
    return time.perf_counter() - started


def measured(kept: bool) -> float:
    if kept:
        fingerprint.keep_environment()
    else:
        fingerprint._known.clear()
        font_files._kept = None
    return call_in_fork(timed_fingerprint)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    preload()
    gc.collect()
    gc.freeze()
    results = alternated(args.runs, measured)
    for kept, label in ((True, "digests and fontconfig kept"), (False, "nothing kept")):
        times = results[kept]
        print(f"{label:<28} median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f})")


if __name__ == "__main__":
    main()

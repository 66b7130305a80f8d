"""The environment's fingerprint (code, templates, fonts, libraries) as a command of the warm
process computes it: in processes forked after the warm process's preload, with the digests
and fontconfig kept (`keep_environment`) and without, alternated, medians.

    .venv/bin/python bench/environment_fingerprint.py [--runs 15]
"""

from __future__ import annotations

import argparse
import gc
import os
import statistics
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from inspection_report import fingerprint, font_files  # noqa: E402
from inspection_report.warm_server import preload  # noqa: E402


def in_fork() -> float:
    """The fingerprint's time in a forked child, as a command would compute it."""
    reading, writing = os.pipe()
    child = os.fork()
    if child == 0:
        started = time.perf_counter()
        fingerprint.environment_fingerprint()
        os.write(writing, str(time.perf_counter() - started).encode())
        os._exit(0)
    os.close(writing)
    seconds = float(os.read(reading, 64))
    os.close(reading)
    os.waitpid(child, 0)
    return seconds


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    args = parser.parse_args()
    preload()
    gc.collect()
    gc.freeze()
    kept, not_kept = [], []
    for _ in range(args.runs):
        fingerprint.keep_environment()
        kept.append(in_fork())
        fingerprint._known.clear()
        font_files._kept = None
        not_kept.append(in_fork())
    for label, times in (("digests and fontconfig kept", kept), ("nothing kept", not_kept)):
        print(f"{label:<28} median {statistics.median(times) * 1000:.1f} ms (min {min(times) * 1000:.1f})")


if __name__ == "__main__":
    main()

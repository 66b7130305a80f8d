"""Whole-process wall time of `build.py check`, as a pre-commit hook pays it.

.venv/bin/python bench/check_time.py [REPORT] [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_time import as_installed

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("report", nargs="?", default="york-north-yorkshire-2016")
    parser.add_argument("--runs", type=int, default=11)
    args = parser.parse_args()
    as_installed()
    command = [sys.executable, "build.py", "check", args.report]
    subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
    times = []
    for _ in range(args.runs):
        started = time.perf_counter()
        subprocess.run(command, cwd=ROOT, capture_output=True, check=True)
        times.append(time.perf_counter() - started)
    print(f"check {args.report}: {args.runs} fresh processes")
    print(f"median {statistics.median(times):.3f} s  (min {min(times):.3f}, max {max(times):.3f})")


if __name__ == "__main__":
    main()

"""A long fuzzing campaign over the loader, the reference syntax, Markdown rendering and the
whole pipeline, with Hypothesis; prints how many examples each property ran.

    .venv/bin/python bench/fuzz.py [--examples 3500]
"""

from __future__ import annotations

import argparse
import os
import re
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--examples", type=int, default=3500, help="examples per property")
    args = parser.parse_args()
    environment = {**os.environ, "FUZZ_EXAMPLES": str(args.examples)}
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "pytest",
            "-q",
            "-p",
            "no:cacheprovider",
            "tests/test_fuzz.py",
            "--hypothesis-show-statistics",
        ],
        cwd=ROOT,
        env=environment,
        capture_output=True,
        text=True,
    )
    total = 0
    for name, count in re.findall(r"test_fuzz\.py::(\w+):.*?(\d+) passing", result.stdout, re.DOTALL):
        print(f"{name}: {count} examples")
        total += int(count)
    print(f"total: {total} examples; pytest exit {result.returncode}")
    if result.returncode != 0:
        print(result.stdout[-4000:])
        raise SystemExit(1)


if __name__ == "__main__":
    main()

"""Time `build.py diff` between two commits of the sample, as a reviewer or CI runs it.

Builds a scratch repository holding the sample at two commits (one key fact, one count and
one recommendation changed), then times fresh processes.

    .venv/bin/python bench/diff_time.py [--runs N]
"""

from __future__ import annotations

import argparse
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "findings" / "york-north-yorkshire-2016"
EDITS = {
    "parts/02-key-facts/key-facts.yaml": ("    value: 13000\n", "    value: 13500\n"),
    "parts/09-abiding-by-the-sentence/items.yaml": (
        "id: crc-abided\n    value: 27",
        "id: crc-abided\n    value: 25",
    ),
    "parts/05-recommendations/recommendations.yaml": ("with accurate", "with complete, accurate"),
}


def git(repo: Path, *args: str) -> None:
    subprocess.run(
        ["git", "-C", str(repo), "-c", "user.email=b@example.org", "-c", "user.name=Bench", *args],
        check=True,
        capture_output=True,
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch:
        repo = Path(scratch)
        shutil.copytree(SAMPLE, repo / "findings" / SAMPLE.name)
        shutil.copyfile(ROOT / "findings" / "house-style.yaml", repo / "findings" / "house-style.yaml")
        git(repo, "init", "-q")
        git(repo, "add", "-A")
        git(repo, "commit", "-qm", "draft 2")
        for name, (old, new) in EDITS.items():
            path = repo / "findings" / SAMPLE.name / name
            path.write_text(path.read_text().replace(old, new, 1))
        git(repo, "commit", "-qam", "draft 3")
        for fmt in ("text", "markdown", "json"):
            command = [sys.executable, str(ROOT / "build.py"), "diff", "HEAD~1", "HEAD", "--format", fmt]
            times = []
            for _ in range(args.runs):
                started = time.perf_counter()
                result = subprocess.run(command, cwd=repo, capture_output=True)
                times.append(time.perf_counter() - started)
                assert result.returncode == 1, result.stderr
            print(
                f"diff HEAD~1 HEAD --format {fmt:<8}: median {statistics.median(times):.3f} s "
                f"(min {min(times):.3f}, max {max(times):.3f}), {args.runs} fresh processes"
            )


if __name__ == "__main__":
    main()

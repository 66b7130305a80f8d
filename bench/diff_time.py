"""Time `build.py diff` as a reviewer or CI runs it: fresh processes, median of several runs.

Replays the eight-edit second draft the tests use (tests/diff_scenario.py) in a scratch
repository, then times `diff draft-1 draft-2` in text, Markdown, JSON and the HTML redline,
and `git diff draft-1 draft-2` through the textconv driver with `cachetextconv` on (first
run fills git's cache; the figure is the runs after it).

    .venv/bin/python bench/diff_time.py [--runs N]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_time import as_installed

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "tests"))

from diff_scenario import make_repository  # noqa: E402


def timed(command: list[str], repo: Path, runs: int, expected: int) -> list[float]:
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        result = subprocess.run(command, cwd=repo, capture_output=True)
        times.append(time.perf_counter() - started)
        assert result.returncode == expected, result.stderr.decode()
    return times


def report(name: str, times: list[float]) -> None:
    print(
        f"{name:<44}: median {statistics.median(times):.3f} s "
        f"(min {min(times):.3f}, max {max(times):.3f}), {len(times)} runs"
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    args = parser.parse_args()
    as_installed()
    with tempfile.TemporaryDirectory() as scratch:
        repo = make_repository(Path(scratch))
        build = [sys.executable, str(ROOT / "build.py")]
        for fmt in ("text", "markdown", "json"):
            command = [*build, "diff", "draft-1", "draft-2", "--format", fmt]
            report(f"diff draft-1 draft-2 --format {fmt}", timed(command, repo, args.runs, 1))
        redline = [*build, "diff", "draft-1", "draft-2", "--format", "html", "--output", "redline.html"]
        timed(redline, repo, 1, 1)
        report("diff draft-1 draft-2 --format html (redline)", timed(redline, repo, args.runs, 1))
        git = ["git", "-C", str(repo), "config"]
        subprocess.run([*git, "diff.findings.textconv", " ".join([*build, "textconv"])], check=True)
        subprocess.run([*git, "diff.findings.cachetextconv", "true"], check=True)
        first = timed(["git", "diff", "draft-1", "draft-2"], repo, 1, 0)
        report("git diff draft-1 draft-2 (textconv, first run)", first)
        report(
            "git diff draft-1 draft-2 (textconv, cached)",
            timed(["git", "diff", "draft-1", "draft-2"], repo, args.runs, 0),
        )


if __name__ == "__main__":
    main()

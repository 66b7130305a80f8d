"""Scaling of `check` on big and hostile findings: whole-process time and peak memory.

`check` is a pre-commit hook and a CI gate, so it must stay fast whatever an editor (or a
careless paste) puts in the findings, within the 1 MB limit on each file. Three findings
trees are built in a temporary folder and each is checked in fresh processes:

- sample: the sample report as it is;
- 100,000 counts: the sample plus ten YAML files of 10,000 counts each, their bases among
  themselves (a chain of 1,000, then a tree) and the sample's 'crc';
- 1 MB hostile prose: the sample plus one section of about 1 MB that mixes long runs of
  capitals, hyphen chains, Markdown punctuation, "1 of 2 of 3" chains, digits, month-year
  runs, nested brackets and blockquotes, and a long line with no spaces.

Prints the median time of each (and its ratio to the sample's) and the peak resident memory
of the checking process, read from its rusage. The targets are at most 10 times the sample's
time and at most 300 MB. Problems are expected for the hostile input, so exit status 1
(problems found) counts as a normal run; only a crash is an error.

    .venv/bin/python bench/check_scale.py [--runs 5]
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_time import as_installed

ROOT = Path(__file__).resolve().parent.parent
SAMPLE_ID = "york-north-yorkshire-2016"
MAX_FILE_BYTES = 1_000_000
TIME_RATIO_TARGET = 10
MEMORY_TARGET_MB = 300
BULK_FILES = 10
COUNTS_PER_FILE = 10_000
CHAIN_LENGTH = 1_000
RUN = 40_000


def _copy_sample(tree: Path) -> Path:
    """A fresh copy of findings/ under `tree`; returns the sample report's folder in it."""
    shutil.copytree(ROOT / "findings", tree)
    return tree / SAMPLE_ID


def _bulk_counts(file_number: int) -> str:
    """10,000 counts as an editor would write them; each is at most its base, so all validate.

    The first counts form a chain (each of the one before, the first of 'crc'), the rest a
    tree hanging from them, so both long `of:` chains and wide bases are exercised.
    """
    values: list[int] = []
    lines = ["counts:"]
    for index in range(COUNTS_PER_FILE):
        if index == 0:
            base, base_value = "crc", 31
        else:
            parent = index - 1 if index < CHAIN_LENGTH else index // 10
            base, base_value = f"b{file_number}-{parent:05d}", values[parent]
        value = base_value - (1 if index % 97 == 1 and base_value else 0)
        values.append(value)
        lines += [
            f"  - id: b{file_number}-{index:05d}",
            f"    value: {value}",
            f"    of: {base}",
            f"    description: Cases meeting standard {index:05d}",
        ]
    return "\n".join(lines) + "\n"


def make_bulk_counts(tree: Path) -> None:
    folder = _copy_sample(tree) / "parts" / "13-appendix-case-findings"
    for number in range(BULK_FILES):
        text = _bulk_counts(number)
        assert len(text.encode()) < MAX_FILE_BYTES, f"bulk file {number} is over 1 MB"
        (folder / f"bulk-{number}.yaml").write_text(text, encoding="utf-8")


def _hostile_prose() -> str:
    """About 1 MB of prose built to make careless regexes backtrack and scans repeat."""
    capitals = "".join(chr(ord("A") + i % 26) for i in range(RUN))
    pieces = [
        "This section is written to stress the checks.",
        capitals,
        f"The {capitals}s were noted.",
        "-".join(["a"] * (RUN // 2)),
        "-".join(["Ab"] * (RUN // 3)),
        *(character * RUN for character in "{[*_<\\`|#"),
        " of ".join(str(n) for n in range(1, 6_000)),
        " out of the ".join(str(n % 100) for n in range(1, 3_000)),
        "9" * RUN,
        " ".join(f"{n}%" for n in range(3_000)),
        " ".join(f"{month} 2016" for month in ["January", "February", "March", "April"] * 1_000),
        " ".join(f"Figure {n}.{n} and Table {n} and chapter {n}" for n in range(1_000)),
        "[" * 2_000 + "deep" + "]" * 2_000,
        "(" * 2_000 + "deep" + ")" * 2_000,
        "> " * 10_000 + "quoted",
        "\n".join("> " * (n % 20) + f"line {n} of the quote" for n in range(1_500)),
        "{count:" * 5_000,
        "x" * RUN,
        "\n".join(f"TODO {n} QX{n} and the the of" for n in range(1_500)),
    ]
    return "\n\n".join(pieces) + "\n"


def make_hostile_prose(tree: Path) -> None:
    chapter = _copy_sample(tree) / "parts" / "09-abiding-by-the-sentence"
    text = "---\nid: abiding-hostile\ntitle: A hostile section\n---\n" + _hostile_prose()
    assert len(text.encode()) < MAX_FILE_BYTES, "hostile section is over 1 MB"
    (chapter / "4-hostile.md").write_text(text, encoding="utf-8")


CASES: list[tuple[str, Callable[[Path], object]]] = [
    ("sample", _copy_sample),
    ("100,000 counts", make_bulk_counts),
    ("1 MB hostile prose", make_hostile_prose),
]


def check_once(tree: Path, log: Path) -> tuple[float, int]:
    """Wall time and peak resident memory (KiB) of one `build.py check` process."""
    command = [sys.executable, str(ROOT / "build.py"), "check", "--findings", str(tree)]
    with log.open("wb") as output:
        started = time.perf_counter()
        process = subprocess.Popen(command, cwd=ROOT, stdout=output, stderr=subprocess.STDOUT)
        _, status, usage = os.wait4(process.pid, 0)
        elapsed = time.perf_counter() - started
    process.returncode = os.waitstatus_to_exitcode(status)
    if process.returncode not in (0, 1):
        tail = log.read_text(encoding="utf-8", errors="replace")[-2_000:]
        raise SystemExit(f"check failed on {tree} with status {process.returncode}:\n{tail}")
    return elapsed, usage.ru_maxrss


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    as_installed()
    rows = []
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        for number, (name, make) in enumerate(CASES):
            tree = scratch / f"case-{number}" / "findings"
            make(tree)
            log = scratch / f"case-{number}.log"
            check_once(tree, log)
            runs = [check_once(tree, log) for _ in range(args.runs)]
            rows.append((name, statistics.median(t for t, _ in runs), max(m for _, m in runs) / 1024))
    sample_time = rows[0][1]
    print(f"check, whole process, median of {args.runs} runs each")
    print(f"{'case':<22}{'median s':>10}{'ratio':>8}{'peak MB':>10}")
    for name, seconds, peak in rows:
        print(f"{name:<22}{seconds:>10.3f}{seconds / sample_time:>8.1f}{peak:>10.0f}")
    print(f"targets: each at most {TIME_RATIO_TARGET}x the sample's time and at most {MEMORY_TARGET_MB} MB")
    missed = [
        name
        for name, seconds, peak in rows
        if seconds > TIME_RATIO_TARGET * sample_time or peak > MEMORY_TARGET_MB
    ]
    print(f"missed by: {', '.join(missed)}" if missed else "all cases meet the targets")


if __name__ == "__main__":
    main()

"""A programme of reports: N generated variants of the sample built with -j1 and with -j2.

Each variant is the sample under another id with one count changed, so charts differ too.
Prints both wall times and their ratio (the target is at most 0.6 on two cores).

    .venv/bin/python bench/many_reports.py [--variants 20]
"""

from __future__ import annotations

import argparse
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from build_time import as_installed

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "findings" / "york-north-yorkshire-2016"


def make_variants(findings: Path, count: int) -> None:
    shutil.copyfile(ROOT / "findings" / "house-style.yaml", findings / "house-style.yaml")
    for index in range(count):
        report_id = f"variant-{index:02d}"
        folder = findings / report_id
        shutil.copytree(SAMPLE, folder)
        report = folder / "report.yaml"
        report.write_text(report.read_text().replace("id: york-north-yorkshire-2016", f"id: {report_id}"))
        items = folder / "parts/09-abiding-by-the-sentence/items.yaml"
        value = 27 - index % 4
        items.write_text(
            items.read_text().replace("id: crc-abided\n    value: 27", f"id: crc-abided\n    value: {value}")
        )


def timed(command: list[str]) -> float:
    started = time.perf_counter()
    subprocess.run(command, check=True, cwd=ROOT, capture_output=True)
    return time.perf_counter() - started


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--variants", type=int, default=20)
    args = parser.parse_args()
    as_installed()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        findings = scratch / "findings"
        findings.mkdir()
        make_variants(findings, args.variants)
        times = {}
        for jobs in (1, 2):
            output = scratch / f"output-j{jobs}"
            command = [
                sys.executable,
                "build.py",
                "build",
                "--findings",
                str(findings),
                "--output",
                str(output),
            ]
            times[jobs] = timed([*command, "-j", str(jobs)])
            built = sorted(p.name for p in output.iterdir() if (p / "report.pdf").is_file())
            assert len(built) == args.variants, built
    print(f"{args.variants} reports, cold builds (empty output and chart cache)")
    print(f"-j1: {times[1]:.1f} s ({times[1] / args.variants:.2f} s a report)")
    print(f"-j2: {times[2]:.1f} s ({times[2] / args.variants:.2f} s a report)")
    print(f"ratio -j2 / -j1: {times[2] / times[1]:.2f}")


if __name__ == "__main__":
    main()

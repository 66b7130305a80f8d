"""How long `serve` takes to rebuild the HTML edition after a one-paragraph edit, measured
by the server itself (its "rebuilt in N ms" lines), over several edits.

    .venv/bin/python bench/serve_time.py [--edits 8]
"""

from __future__ import annotations

import argparse
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
REPORT = "york-north-yorkshire-2016"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--edits", type=int, default=8)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as scratch_dir:
        findings = Path(scratch_dir) / "findings"
        shutil.copytree(ROOT / "findings", findings)
        process = subprocess.Popen(
            [
                sys.executable,
                str(ROOT / "build.py"),
                "serve",
                REPORT,
                "--findings",
                str(findings),
                "--port",
                "0",
            ],
            stdout=subprocess.PIPE,
            stderr=subprocess.STDOUT,
            text=True,
        )
        try:
            print(process.stdout.readline().strip())
            prose = findings / REPORT / "parts" / "03-overall-judgements.md"
            times = []
            for edit in range(args.edits):
                prose.write_text(prose.read_text() + f"\nAn added paragraph, edit {edit}.\n")
                line = process.stdout.readline()
                found = re.search(r"rebuilt in (\d+) ms", line)
                if found:
                    times.append(int(found.group(1)))
                time.sleep(0.3)
        finally:
            process.terminate()
            process.wait(timeout=10)
    print(
        f"serve rebuild after a one-paragraph edit: median {statistics.median(times):.0f} ms "
        f"(min {min(times)}, max {max(times)}) over {len(times)} edits"
    )


if __name__ == "__main__":
    main()

"""Scaling: the sample against a generated report ten times its size, both built cold.

The big report repeats every part and item of the sample ten times under new ids (so every
reference, footnote, chart and cross-reference is its own); the lists that gather every item
of a kind (key facts, recommendations, glossary, team) are placed once, holding all copies'
items. The sample and the big report (one flow, then part by part) are built cold in fresh
processes. Prints times, peak memory of all the build's processes together, and whether the
two PDFs of the big report are equivalent (same pages, page texts, bookmarks and links); exits
non-zero when they are not.

    .venv/bin/python bench/big_report.py [--copies 10] [--runs 3]
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
from typing import Any, NamedTuple

import yaml

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

sys.path.insert(0, str(ROOT / "tests"))
sys.path.insert(0, str(ROOT / "bench"))

from build_time import as_installed  # noqa: E402
from pdf_equivalence import differences, page_texts  # noqa: E402

from inspection_report.yaml_source import parse_yaml_text  # noqa: E402

SAMPLE = ROOT / "findings" / "york-north-yorkshire-2016"
ID_FIELDS = {"id", "of", "source", "partition", "share_of"}
REFERENCE = re.compile(r"(?<!\\)\{([a-z-]+):([^{}|\s]+)")
ORDER = re.compile(r"^(\d+)([-_.].*)$")
SINGLETONS = re.compile(r"\{(key-facts|recommendations|glossary|team)\}")


def _suffix(value: Any, tag: str, key: str = "") -> Any:
    if isinstance(value, dict):
        return {k: _suffix(v, tag, k) for k, v in value.items()}
    if isinstance(value, list):
        return [_suffix(v, tag, key) for v in value]
    if isinstance(value, str):
        if key in ID_FIELDS or key == "counts":
            return f"{value}-{tag}"
        return REFERENCE.sub(lambda m: f"{{{m.group(1)}:{m.group(2)}-{tag}", value)
    return value


def _copy_yaml(source: Path, target: Path, tag: str, keep_report: bool) -> None:
    doc, _ = parse_yaml_text(source.read_text(encoding="utf-8"), source)
    data = dict(doc.data)
    report = data.pop("report", None)
    organisations = data.pop("organisations", None)
    if tag != "k0":
        # One glossary: a term defined twice is an error, so only the first copy defines them.
        data.pop("glossary", None)
    data = _suffix(data, tag)
    if keep_report and report is not None:
        data = {"report": report, "organisations": organisations, **data}
    if data:
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")


def _copy_markdown(source: Path, target: Path, tag: str) -> None:
    text = source.read_text(encoding="utf-8")
    text = re.sub(r"^id: (.+)$", lambda m: f"id: {m.group(1)}-{tag}", text, count=1, flags=re.MULTILINE)
    text = REFERENCE.sub(lambda m: f"{{{m.group(1)}:{m.group(2)}-{tag}", text)
    if tag != "k0":
        # The signature is placed once, by the first copy's foreword.
        text = text.replace("{signature}", "")
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(text, encoding="utf-8")


def make_big_report(findings: Path, copies: int) -> str:
    report_id = "big-report"
    folder = findings / report_id
    findings.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(ROOT / "findings" / "house-style.yaml", findings / "house-style.yaml")
    for copy in range(copies):
        tag = f"k{copy}"
        _copy_yaml(
            SAMPLE / "report.yaml", folder / "report.yaml", tag, keep_report=True
        ) if copy == 0 else None
        _copy_yaml(SAMPLE / "cases.yaml", folder / f"cases-{tag}.yaml", tag, keep_report=False)
        skipped = {
            part.name
            for part in (SAMPLE / "parts").iterdir()
            if copy and part.is_dir() and SINGLETONS.search((part / "index.md").read_text(encoding="utf-8"))
        }
        for source in sorted((SAMPLE / "parts").rglob("*")):
            if not source.is_file():
                continue
            if source.relative_to(SAMPLE / "parts").parts[0] in skipped:
                if source.suffix in {".yaml", ".yml"}:
                    _copy_yaml(
                        source, folder / f"{tag}-{source.parent.name}-{source.name}", tag, keep_report=False
                    )
                continue
            relative = source.relative_to(SAMPLE / "parts")
            top = ORDER.match(relative.parts[0])
            name = f"{copy * 100 + int(top.group(1)):04d}{top.group(2)}" if top else relative.parts[0]
            target = (
                folder / "parts" / name / Path(*relative.parts[1:])
                if len(relative.parts) > 1
                else (folder / "parts" / name)
            )
            if source.suffix == ".md":
                _copy_markdown(source, target, tag)
            else:
                _copy_yaml(source, target, tag, keep_report=False)
    report = folder / "report.yaml"
    report.write_text(report.read_text().replace("york-north-yorkshire-2016", report_id))
    return report_id


def _tree_memory(root: int) -> tuple[int, int, int]:
    """Memory (KB) of a process and all its descendants, from /proc: resident sets added up
    (pages shared between forked processes counted in each), proportional sets added up
    (each shared page split between its sharers: what the build really holds), and the
    resident set of the largest process."""
    parents: dict[int, int] = {}
    for status in Path("/proc").glob("[0-9]*/stat"):
        try:
            parents[int(status.parent.name)] = int(status.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, ValueError, IndexError):
            continue
    tree, grew = {root}, True
    while grew:
        found = {pid for pid, parent in parents.items() if parent in tree} - tree
        tree |= found
        grew = bool(found)
    rss, pss = [], []
    for pid in tree:
        try:
            rollup = Path(f"/proc/{pid}/smaps_rollup").read_text()
        except OSError:
            continue
        fields = {line.split(":")[0]: int(line.split()[1]) for line in rollup.splitlines()[1:] if ":" in line}
        rss.append(fields.get("Rss", 0))
        pss.append(fields.get("Pss", 0))
    return sum(rss), sum(pss), max(rss, default=0)


class Memory(NamedTuple):
    """Peaks (KB, sampled every 50 ms) of the largest process's resident set, of all the
    build's resident sets added up, and of their proportional sets added up."""

    largest: int
    resident: int
    proportional: int


def build(findings: Path, report_id: str, output: Path, mode: str = "parts") -> tuple[float, Memory]:
    """Wall time and peak memory of a cold build in a fresh process."""
    started = time.perf_counter()
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "build",
            report_id,
            "--findings",
            str(findings),
            "--output",
            str(output),
            "--pdf-mode",
            mode,
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    together = proportional = largest = 0
    while process.poll() is None:
        now, shared_out, biggest = _tree_memory(process.pid)
        together, proportional = max(together, now), max(proportional, shared_out)
        largest = max(largest, biggest)
        time.sleep(0.05)
    seconds = time.perf_counter() - started
    if process.returncode:
        raise SystemExit(
            f"the {mode} build failed: {process.stderr.read().decode() if process.stderr else ''}"
        )
    return seconds, Memory(largest, together, proportional)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--copies", type=int, default=10)
    parser.add_argument("--runs", type=int, default=1, help="cold builds of each kind; medians are shown")
    args = parser.parse_args()
    as_installed()
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        big_findings = scratch / "big" / "findings"
        report_id = make_big_report(big_findings, args.copies)
        small = statistics.median(
            build(ROOT / "findings", SAMPLE.name, scratch / f"small-{run}")[0] for run in range(args.runs)
        )
        runs: dict[str, list[tuple[float, Memory]]] = {"whole": [], "parts": []}
        for run in range(args.runs):
            for mode in runs:
                runs[mode].append(build(big_findings, report_id, scratch / f"{mode}-{run}", mode))
        pdfs = [scratch / f"{mode}-0" / report_id / "report.pdf" for mode in ("whole", "parts")]
        found = differences(*pdfs)
        pages = len(page_texts(pdfs[1]))
    seconds = {mode: statistics.median(time for time, _ in built) for mode, built in runs.items()}
    print(f"sample: {small:.1f} s cold (part by part), median of {args.runs}")
    print(
        f"{args.copies}x report, {pages} pages, cold, median of {args.runs}; memory peaks (the highest run):"
    )
    print("largest process / resident sets added up / proportional sets added up (shared pages split)")
    for mode, label in (("whole", "one flow"), ("parts", "part by part")):
        peak = Memory(*(max(memory[field] for _, memory in runs[mode]) for field in range(3)))
        times = ", ".join(f"{time:.1f}" for time, _ in runs[mode])
        sizes = " / ".join(f"{size / 1024:.0f}" for size in peak)
        print(f"  {label + ':':<14}{seconds[mode]:5.1f} s (runs: {times}), memory {sizes} MB")
    ratio = seconds["parts"] / seconds["whole"]
    print(f"  part by part / one flow: {ratio:.2f}; time ratio to the sample {seconds['parts'] / small:.1f}")
    print(
        "  the two PDFs are equivalent"
        if not found
        else "  the two PDFs DIFFER:\n    " + "\n    ".join(found)
    )
    if found:
        raise SystemExit(1)


if __name__ == "__main__":
    main()

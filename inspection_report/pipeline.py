"""A report build as the data flow reads: load, check, derive, render, publish.

Everything is gathered and checked first; output is written last and only if all is well.
A report whose inputs have not changed since its last good build is left as it is.
"""

from __future__ import annotations

import os
import time
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import UTC, datetime
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from inspection_report.errors import Problem
from inspection_report.fingerprint import SourceCommit, build_options, report_fingerprint
from inspection_report.manifest import is_up_to_date, read_manifest
from inspection_report.pdf_layout import LayoutPool

if TYPE_CHECKING:
    from inspection_report.publish import Provide

Stage = Callable[[str], None]


@dataclass(frozen=True)
class BuildResult:
    report_id: str
    destination: Path
    files: list[Path]
    seconds: float
    warnings: list[Problem] = field(default_factory=list)
    unchanged: bool = False
    charts_drawn: int = 0
    typeset: list[str] = field(default_factory=list)
    """The documents the PDF step laid out afresh (parts, front matter, page numbers)."""
    reused: int = 0
    """The documents the PDF step took from the cache."""


def _modified() -> str | None:
    """SOURCE_DATE_EPOCH, when set, as the document's modification date."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    if not epoch or not epoch.isdigit():
        return None
    return datetime.fromtimestamp(int(epoch), UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


MakePdf = Callable[[Path, Path, list[Path], "Provide"], None]


def build_report(
    folder: Path,
    output_root: Path,
    root: Path,
    strict: bool = False,
    force: bool = False,
    html_only: bool = False,
    in_background: bool = True,
    stage: Stage = lambda name: None,
    pdf_mode: str = "parts",
    layout_workers: int = 0,
    pool: LayoutPool | None = None,
) -> BuildResult:
    """Build one report. The PDF is typeset part by part (`pdf_mode` "parts", in
    `layout_workers` processes, or in `pool` when the caller keeps one warm) or as one flow
    ("whole", in one process beside this one when `in_background`)."""
    started = time.perf_counter()
    destination = output_root / folder.name
    by_parts = pdf_mode == "parts" and not html_only
    workers = layout_workers if by_parts else int(in_background)
    # Made before the rest of the build is even imported: its processes load WeasyPrint
    # meanwhile. A forced build, or an output with no manifest, is built for certain, so its
    # pool starts even before the inputs are hashed.
    wants_pool = not html_only and pool is None
    manifest = None if force else read_manifest(destination)
    own_pool = LayoutPool(workers) if wants_pool and manifest is None else None
    try:
        fingerprint = report_fingerprint(folder, build_options(strict, html_only, pdf_mode))
    except BaseException:
        if own_pool is not None:
            own_pool.close()
        raise
    if is_up_to_date(destination, fingerprint, manifest):
        files = sorted(p.relative_to(destination) for p in destination.rglob("*") if p.is_file())
        return BuildResult(folder.name, destination, files, time.perf_counter() - started, unchanged=True)

    if wants_pool and own_pool is None:
        own_pool = LayoutPool(workers)
    pool = pool or own_pool
    commit = SourceCommit(folder)
    from inspection_report.background_checks import BackgroundChecks
    from inspection_report.chart_source import ChartSource
    from inspection_report.data_files import data_files
    from inspection_report.derive import derive
    from inspection_report.load import load_findings
    from inspection_report.part_cache import PartCache
    from inspection_report.pdf_by_parts import print_by_parts
    from inspection_report.pdf_one_flow import print_one_flow
    from inspection_report.publish import STYLESHEET, publish
    from inspection_report.render import render_report
    from inspection_report.validate import validated

    charts = None
    checks = None
    cache = PartCache(output_root / ".cache" / "pdf-parts", scope=folder.name)
    try:
        stage("checking")
        if html_only:
            derived, warnings = validated(folder, root, strict=strict)
        else:
            derived = derive(load_findings(folder, root))
            # Checked while the PDF is under way; nothing is published unless the checks
            # pass, and errors stop the layouts at once.
            checks = BackgroundChecks(derived, strict, own_pool.abandon if own_pool is not None else None)
        stage("charts")
        charts = ChartSource(derived, output_root / ".cache" / "charts", in_background=in_background)
        if by_parts:
            # Parts without charts are laid out while the charts are drawn, so drawing starts now.
            charts.start(pool)
        stage("HTML")
        chart_paths = {exhibit_id: f"charts/{exhibit_id}.svg" for exhibit_id in charts.ids}
        extras = data_files(derived)
        data_paths = {Path(path).stem: path for path in extras}
        html = render_report(derived, chart_paths, STYLESHEET, modified=_modified(), data_paths=data_paths)
        if derived.findings.meta.status == "draft":
            # Written with the HTML edition too: its print stylesheet uses it when printed.
            from inspection_report.watermark import WATERMARK_FILE, draft_watermark_svg

            extras[WATERMARK_FILE] = draft_watermark_svg()
        stage("HTML" if html_only else "PDF")
        manifest = {
            "report": derived.findings.meta.id,
            "inputs": fingerprint,
            "source_commit": commit.result(),
            "editions": ["html"] if html_only else ["html", "pdf"],
        }
        make_pdf: MakePdf | None = None
        if pool is not None and not html_only:
            make_pdf = (
                partial(print_by_parts, pool=pool, cache=cache)
                if by_parts
                else partial(print_one_flow, pool, charts.ids)
            )
        confirm = checks.warnings if checks is not None else None
        files = publish(destination, html, charts, make_pdf, extras, manifest, confirm=confirm)
        if checks is not None:
            warnings = checks.warnings()
    except Exception:
        if checks is not None:
            checks.warnings()  # findings with errors: what their build raised is those errors
        raise
    finally:
        commit.close()
        if charts is not None:
            charts.close()
        if own_pool is not None:
            own_pool.close()
    return BuildResult(
        derived.findings.meta.id,
        destination,
        files,
        time.perf_counter() - started,
        warnings,
        charts_drawn=len(charts.drawn) if charts else 0,
        typeset=cache.typeset,
        reused=len(cache.used) - len(cache.typeset),
    )

"""Writes a report's outputs: all or nothing.

Everything is built in a fresh temporary folder beside the destination and moved into place
only when complete, so a failed or interrupted build never leaves half-written files and
never destroys the last good output. `manifest.json` lists every output with its sha256,
the source commit and the input fingerprint that makes rebuilds incremental.
"""

from __future__ import annotations

import json
import os
import shutil
import tempfile
from collections.abc import Callable, Mapping
from pathlib import Path
from typing import Protocol

from inspection_report.manifest import MANIFEST, file_sha256
from inspection_report.render import TEMPLATES

STYLESHEET = "report.css"
Provide = Callable[[Path], None]


class Charts(Protocol):
    ids: list[str]

    def svg(self, exhibit_id: str) -> str: ...

    def all(self) -> dict[str, str]: ...


Relink = Callable[[set[str]], str | None]


def write_pdf(
    html_path: Path,
    pdf_path: Path,
    allowed: list[Path],
    provide: Provide | None = None,
    relink: Relink | None = None,
) -> None:
    """HTML to a tagged PDF/UA-1 with WeasyPrint (imported here so `check` never pays for it),
    and `pages.json` beside it: each anchor's page and each page's text.

    `relink` is given the anchors the laid-out pages hold; it may return new HTML whose links
    point only at those (print hides some elements), which is then laid out again."""
    from inspection_report.pdf_engine import load_engine

    load_engine()
    from weasyprint import HTML

    from inspection_report.engine_errors import engine_errors
    from inspection_report.fetcher import SandboxedFetcher
    from inspection_report.leader_runs import leader_runs
    from inspection_report.page_index import page_index
    from inspection_report.pdf_tags import tagging

    with engine_errors():
        fetcher = SandboxedFetcher(allowed, provide)
        with tagging(), leader_runs():
            document = HTML(filename=str(html_path), url_fetcher=fetcher).render(pdf_variant="pdf/ua-1")
            relinked = relink({a for page in document.pages for a in page.anchors}) if relink else None
            if relinked is not None:
                html_path.write_text(relinked, encoding="utf-8")
                document = HTML(filename=str(html_path), url_fetcher=fetcher).render(pdf_variant="pdf/ua-1")
            document.write_pdf(str(pdf_path), pdf_variant="pdf/ua-1")
    page_index(document).write(pdf_path)


def publish(
    destination: Path,
    html: str,
    charts: Charts,
    make_pdf: Callable[[Path, Path, list[Path], Provide], None] | None = write_pdf,
    extras: Mapping[str, str] | None = None,
    manifest: Mapping[str, object] | None = None,
    confirm: Callable[[], object] | None = None,
) -> list[Path]:
    """Write report.html, the stylesheet, charts, extra files, report.pdf (unless `make_pdf` is
    None) and manifest.json to `destination`, atomically. `confirm` is called when all is
    written, before anything replaces the last good output: raising there leaves it as it was."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    _remove_abandoned(destination)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    chart_folder = staging / "charts"

    def provide(path: Path) -> None:
        if path.parent == chart_folder and path.stem in charts.ids and not path.exists():
            path.write_text(charts.svg(path.stem), encoding="utf-8")

    try:
        chart_folder.mkdir()
        shutil.copyfile(TEMPLATES / STYLESHEET, staging / STYLESHEET)
        for name, text in sorted((extras or {}).items()):
            (staging / name).parent.mkdir(parents=True, exist_ok=True)
            (staging / name).write_bytes(text.encode("utf-8"))
        (staging / "report.html").write_text(html, encoding="utf-8")
        if make_pdf is not None:
            make_pdf(staging / "report.html", staging / "report.pdf", [staging], provide)
        for exhibit_id in charts.ids:
            provide(chart_folder / f"{exhibit_id}.svg")
        if confirm is not None:
            confirm()
        files = sorted(p for p in staging.rglob("*") if p.is_file())
        record = {
            **(manifest or {}),
            "files": {str(p.relative_to(staging)): file_sha256(p) for p in files},
        }
        (staging / MANIFEST).write_text(json.dumps(record, indent=2, sort_keys=True) + "\n", encoding="utf-8")
        _swap_into_place(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(p.relative_to(destination) for p in destination.rglob("*") if p.is_file())


def _remove_abandoned(destination: Path) -> None:
    """Staging folders left by a build that was killed: never part of the output, so removed."""
    for leftover in destination.parent.glob(f".{destination.name}.*"):
        if leftover.is_dir():
            shutil.rmtree(leftover, ignore_errors=True)


def _swap_into_place(staging: Path, destination: Path) -> None:
    os.chmod(staging, 0o755)
    if destination.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old.", dir=destination.parent))
        os.replace(destination, retired / destination.name)
        os.replace(staging, destination)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, destination)

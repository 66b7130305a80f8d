"""Writes a report's outputs: all or nothing.

Everything is built in a fresh temporary folder beside the destination and moved into place
only when complete, so a failed or interrupted build never leaves half-written files and
never destroys the last good output.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from collections.abc import Callable
from pathlib import Path

from inspection_report.errors import PublishError
from inspection_report.render import TEMPLATES

STYLESHEET = "report.css"


class _Collect(logging.Handler):
    """Keeps WeasyPrint's error records: a PDF/UA document missing alt text or a language
    only logs an error upstream, and here that must fail the build."""

    def __init__(self) -> None:
        super().__init__(level=logging.ERROR)
        self.messages: list[str] = []

    def emit(self, record: logging.LogRecord) -> None:
        self.messages.append(record.getMessage())


def write_pdf(html_path: Path, pdf_path: Path, allowed: list[Path]) -> None:
    """HTML to a tagged PDF/UA-1 with WeasyPrint; imported here so `check` never pays for it."""
    from weasyprint import HTML

    from inspection_report.fetcher import SandboxedFetcher

    logger = logging.getLogger("weasyprint")
    logger.setLevel(logging.ERROR)
    collect = _Collect()
    logger.addHandler(collect)
    try:
        document = HTML(filename=str(html_path), url_fetcher=SandboxedFetcher(allowed))
        document.write_pdf(str(pdf_path), pdf_variant="pdf/ua-1")
    finally:
        logger.removeHandler(collect)
    if collect.messages:
        raise PublishError("the PDF would not be accessible: " + "; ".join(dict.fromkeys(collect.messages)))


def publish(
    destination: Path,
    html: str,
    charts: dict[str, str],
    make_pdf: Callable[[Path, Path, list[Path]], None] = write_pdf,
    extras: dict[str, str] | None = None,
) -> list[Path]:
    """Write report.html, the stylesheet, charts, any extra files and report.pdf to `destination`
    atomically."""
    destination.parent.mkdir(parents=True, exist_ok=True)
    staging = Path(tempfile.mkdtemp(prefix=f".{destination.name}.", dir=destination.parent))
    try:
        (staging / "charts").mkdir()
        for exhibit_id, svg in sorted(charts.items()):
            (staging / "charts" / f"{exhibit_id}.svg").write_text(svg, encoding="utf-8")
        shutil.copyfile(TEMPLATES / STYLESHEET, staging / STYLESHEET)
        for name, text in sorted((extras or {}).items()):
            (staging / name).write_text(text, encoding="utf-8")
        (staging / "report.html").write_text(html, encoding="utf-8")
        make_pdf(staging / "report.html", staging / "report.pdf", [staging])
        _swap_into_place(staging, destination)
    except BaseException:
        shutil.rmtree(staging, ignore_errors=True)
        raise
    return sorted(p.relative_to(destination) for p in destination.rglob("*") if p.is_file())


def _swap_into_place(staging: Path, destination: Path) -> None:
    os.chmod(staging, 0o755)
    if destination.exists():
        retired = Path(tempfile.mkdtemp(prefix=f".{destination.name}.old.", dir=destination.parent))
        os.replace(destination, retired / destination.name)
        os.replace(staging, destination)
        shutil.rmtree(retired, ignore_errors=True)
    else:
        os.replace(staging, destination)

"""A process that loads WeasyPrint while the findings are checked and rendered, then prints
the PDF. Loading the engine takes about as long as everything else in a build, so starting it
first hides that cost; charts drawn meanwhile are picked up as layout reaches them.
"""

from __future__ import annotations

import contextlib
import time
from collections.abc import Callable
from multiprocessing import get_context
from multiprocessing.connection import Connection
from pathlib import Path

from inspection_report.errors import PublishError

CHART_WAIT_SECONDS = 300


def _wait_for(path: Path) -> None:
    """A chart the parent has not written yet: wait for it (the parent writes every chart)."""
    deadline = time.monotonic() + CHART_WAIT_SECONDS
    while not path.exists() and time.monotonic() < deadline:
        time.sleep(0.01)


def _serve(connection: Connection) -> None:
    import weasyprint  # noqa: F401  (loaded now, while the parent works)

    from inspection_report.publish import write_pdf

    job = connection.recv()
    if job is None:
        return
    html_path, pdf_path, allowed, chart_folder = job
    try:
        write_pdf(html_path, pdf_path, allowed, lambda p: _wait_for(p) if p.parent == chart_folder else None)
    except PublishError as err:
        connection.send(("publish", str(err)))
    except BaseException as err:  # reported to the parent, which raises it as its own
        connection.send(("error", f"{type(err).__name__}: {err}"))
    else:
        connection.send(("ok", ""))


class PdfWorker:
    def __init__(self) -> None:
        context = get_context("fork")
        self._connection, child = context.Pipe()
        self._process = context.Process(target=_serve, args=(child,), daemon=True)
        self._process.start()

    def render(
        self,
        html_path: Path,
        pdf_path: Path,
        allowed: list[Path],
        provide: Callable[[Path], None],
        chart_ids: list[str],
    ) -> None:
        """Print `html_path` in the worker while this process writes the charts it will need."""
        chart_folder = html_path.parent / "charts"
        self._connection.send((html_path, pdf_path, allowed, chart_folder))
        for exhibit_id in chart_ids:
            provide(chart_folder / f"{exhibit_id}.svg")
        if not self._connection.poll(CHART_WAIT_SECONDS * 2):
            raise PublishError("the PDF engine did not answer")
        kind, message = self._connection.recv()
        if kind == "publish":
            raise PublishError(message)
        if kind == "error":
            raise RuntimeError(f"the PDF engine failed: {message}")

    def close(self) -> None:
        if self._process.is_alive():
            with contextlib.suppress(BrokenPipeError, OSError):
                self._connection.send(None)
            self._process.join(timeout=5)
            if self._process.is_alive():
                self._process.terminate()

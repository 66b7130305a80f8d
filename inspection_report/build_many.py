"""Building many reports: in parallel processes, each failure contained, progress shown.

On a terminal a live table shows each report's stage; in CI logs (no terminal) each stage
change is one plain line. Workers are forked after WeasyPrint and matplotlib are loaded, so
no worker pays for loading them again.
"""

from __future__ import annotations

import os
import sys
import threading
import time
from concurrent.futures import ProcessPoolExecutor, as_completed
from dataclasses import dataclass, field
from multiprocessing import Manager, get_context
from pathlib import Path
from queue import Empty, Queue
from typing import Any

from inspection_report.errors import FindingsError, Problem, PublishError
from inspection_report.pipeline import build_report
from inspection_report.shown_text import shown
from inspection_report.worker_lifetime import end_with_parent


@dataclass
class Outcome:
    report_id: str
    status: str
    seconds: float = 0.0
    problems: list[Problem] = field(default_factory=list)
    message: str = ""
    destination: Path | None = None
    html_only: bool = False
    typeset: list[str] = field(default_factory=list)
    reused: int = 0


def build_one(
    folder: Path,
    output: Path,
    root: Path,
    options: dict[str, Any],
    events: Any = None,
    in_background: bool = True,
) -> Outcome:
    def stage(name: str) -> None:
        if events is not None:
            events.put((folder.name, name))

    try:
        result = build_report(folder, output, root, in_background=in_background, stage=stage, **options)
    except FindingsError as err:
        stage("failed")
        return Outcome(folder.name, "failed", problems=err.problems)
    except PublishError as err:
        stage("failed")
        return Outcome(folder.name, "failed", message=str(err))
    except Exception as err:  # a fault in one report must not stop the others
        stage("failed")
        return Outcome(folder.name, "failed", message=f"internal error: {type(err).__name__}: {err}")
    stage("unchanged" if result.unchanged else "done")
    return Outcome(
        folder.name,
        "unchanged" if result.unchanged else "built",
        result.seconds,
        result.warnings,
        destination=result.destination,
        html_only=options.get("html_only", False),
        typeset=result.typeset,
        reused=result.reused,
    )


def _preload() -> None:
    from charts import draw  # noqa: F401
    from inspection_report.pdf_engine import load_engine

    load_engine()


def build_many(
    folders: list[Path], output: Path, root: Path, options: dict[str, Any], jobs: int
) -> list[Outcome]:
    if jobs <= 1 or len(folders) <= 1:
        # One report at a time: its parts are typeset on all the cores asked for.
        alone = {**options, "layout_workers": jobs if jobs > 1 else 0}
        return [build_one(folder, output, root, alone, _Printer(folders).events) for folder in folders]
    _preload()
    manager = Manager()
    events = manager.Queue()
    printer = _Printer(folders, events)
    printer.start()
    outcomes: list[Outcome] = []
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=get_context("fork"),
            initializer=end_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            futures = [pool.submit(build_one, f, output, root, options, events, False) for f in folders]
            outcomes = [future.result() for future in as_completed(futures)]
    finally:
        printer.stop()
        manager.shutdown()
    order = {folder.name: index for index, folder in enumerate(folders)}
    return sorted(outcomes, key=lambda o: order[o.report_id])


class _Printer:
    """Shows stage changes: a live table on a terminal, plain lines otherwise."""

    def __init__(self, folders: list[Path], events: Any = None) -> None:
        self.names = [f.name for f in folders]
        self.events = events if events is not None else _Immediate(self)
        self.live = sys.stdout.isatty() and not os.environ.get("CI")
        self._thread: threading.Thread | None = None
        self._running = False
        self.stages = dict.fromkeys(self.names, "waiting")
        self._started = time.perf_counter()

    def show(self, name: str, stage: str) -> None:
        self.stages[name] = stage
        if not self.live:
            print(f"{shown(name)}: {shown(stage)}", flush=True)

    def start(self) -> None:
        self._running = True
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def stop(self) -> None:
        self._running = False
        if self._thread is not None:
            self._thread.join(timeout=5)

    def _table(self):
        from rich.table import Table
        from rich.text import Text

        table = Table(show_header=True, header_style="bold", box=None)
        table.add_column("report")
        table.add_column("stage")
        for name in self.names:
            table.add_row(Text(shown(name)), Text(shown(self.stages[name])))
        table.caption = f"{time.perf_counter() - self._started:.1f} s"
        return table

    def _run(self) -> None:
        if self.live:
            from rich.live import Live

            with Live(self._table(), refresh_per_second=8, transient=True) as live:
                while self._running:
                    self._drain()
                    live.update(self._table())
                    time.sleep(0.1)
                self._drain()
        else:
            while self._running:
                self._drain(block=True)
            self._drain()

    def _drain(self, block: bool = False) -> None:
        while True:
            try:
                name, stage = self.events.get(timeout=0.1) if block else self.events.get_nowait()
            except (Empty, EOFError, OSError):
                return
            self.show(name, stage)
            block = False


class _Immediate(Queue):
    """For builds in this process: show each stage as it happens."""

    def __init__(self, printer: _Printer) -> None:
        super().__init__()
        self.printer = printer

    def put(self, item: tuple[str, str], block: bool = True, timeout: float | None = None) -> None:
        if not self.printer.live:
            self.printer.show(*item)

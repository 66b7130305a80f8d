"""Live preview: the HTML edition served on 127.0.0.1, rebuilt on every save, reloaded in the
open browser.

Builds happen in this process, so templates and libraries stay loaded and a rebuild after an
edit takes a few hundred milliseconds. A mistake in the findings replaces the page with the
list of located errors until it is fixed; the server keeps running. The PDF is printed on
request, from the same preview; once it has been asked for, it is printed again after every
rebuild, so an editor who saves and turns to the PDF finds it printed or nearly so.
"""

from __future__ import annotations

import contextlib
import html
import os
import shutil
import tempfile
import threading
import time
from concurrent.futures import CancelledError
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from inspection_report.errors import FindingsError, PublishError
from inspection_report.fingerprint import forget_environment, keep_environment, report_fingerprint
from inspection_report.part_cache import PartCache
from inspection_report.pdf_by_parts import print_by_parts
from inspection_report.pdf_layout import LayoutPool
from inspection_report.pipeline import build_report
from inspection_report.problem_output import as_text
from inspection_report.shown_text import shown

RELOAD_SCRIPT = (
    "<script>new EventSource('/__events').onmessage = function () { location.reload(); };</script>"
)


class Preview:
    """The latest build of one report, and a version number that changes with every rebuild."""

    def __init__(self, folder: Path, output: Path, root: Path, layout_workers: int = 0) -> None:
        self.folder, self.output, self.root = folder, output, root
        # Made before any thread starts (its processes are forked), and kept warm: a PDF
        # asked for after an edit lays out only the parts that changed, in loaded processes.
        self.pool = LayoutPool(layout_workers, keep_warm=True)
        self.version = 0
        self.failure: FindingsError | PublishError | None = None
        self.changed = threading.Condition()
        self.site_lock = threading.Lock()
        self.pdf_lock = threading.Lock()
        self.pdf_version = -1
        self.last_seconds = 0.0
        self.reprint = threading.Event()
        """Set after a rebuild once the PDF has been asked for: a thread prints it again."""
        self._printer: threading.Thread | None = None
        self._closed = False

    @property
    def error(self) -> str | None:
        """What the last rebuild could not get past, as the error page lists it."""
        if isinstance(self.failure, FindingsError):
            return "\n".join(shown(str(p)) for p in self.failure.problems if p.severity == "error")
        return shown(str(self.failure)) if self.failure is not None else None

    @property
    def site(self) -> Path:
        return self.output / self.folder.name

    @property
    def pdf(self) -> Path:
        return self.output / "pdf" / self.folder.name / "report.pdf"

    def rebuild(self) -> bool:
        """Build again and say whether the preview changed. A save that changes nothing the
        build reads changes nothing here: no reload in the browser, no reprint, no line on
        the terminal. The watcher can see one edit twice (its event, and the fingerprint it
        compares on a quiet tick), and an editor may save an unchanged file."""
        started = time.perf_counter()
        with self.site_lock:
            before = self.error
            # A template, the stylesheet or a font may have changed since the last build.
            forget_environment()
            try:
                result = build_report(
                    self.folder, self.output, self.root, html_only=True, in_background=False
                )
                self.failure = None
                changed = not result.unchanged or before is not None
            except (FindingsError, PublishError) as err:
                self.failure = err
                changed = self.error != before
            self.last_seconds = time.perf_counter() - started
            if changed:
                with self.changed:
                    self.version += 1
                    self.changed.notify_all()
        if changed and self._printer is not None and self.failure is None:
            self.reprint.set()
        return changed

    def build_pdf(self) -> Path:
        """The PDF of the current version (printed once per version) from the preview's own
        checked HTML, charts and stylesheet: the findings are not checked and rendered again."""
        with self.pdf_lock:
            if self._printer is None:
                self._printer = threading.Thread(target=self._print_after_rebuilds, daemon=True)
                self._printer.start()
            if self.pdf_version != self.version or not self.pdf.is_file():
                try:
                    self.pdf_version = self._print()
                except PublishError:
                    if not self.pool.broken:
                        raise
                    # A layout process was killed (by the system, short of memory): once more
                    # with fresh processes.
                    self.pool.close()
                    self.pool = LayoutPool(self.pool.workers, keep_warm=True)
                    self.pdf_version = self._print()
            return self.pdf

    def _print(self) -> int:
        """Print a copy of the site as it stands (so a rebuild meanwhile cannot change it under
        the layout) and move the PDF into place; return the version printed."""
        self.pdf.parent.mkdir(parents=True, exist_ok=True)
        with tempfile.TemporaryDirectory(prefix=".print-", dir=self.pdf.parent.parent) as scratch:
            copy = Path(scratch) / "site"
            with self.site_lock:
                if self.failure is not None:
                    raise self.failure
                version = self.version
                shutil.copytree(self.site, copy)
            cache = PartCache(self.output / "pdf" / ".cache" / "pdf-parts")
            print_by_parts(copy / "report.html", copy / "report.pdf", [copy], None, self.pool, cache)
            os.replace(copy / "report.pdf", self.pdf)
        return version

    def _print_after_rebuilds(self) -> None:
        """Print each rebuilt version once someone reads the PDF; a failure waits for the
        request that reports it."""
        while True:
            self.reprint.wait()
            self.reprint.clear()
            if self._closed:
                return
            with contextlib.suppress(FindingsError, PublishError, CancelledError):
                self.build_pdf()

    def close(self) -> None:
        self._closed = True
        self.reprint.set()
        self.pool.close()


def error_page(preview: Preview) -> bytes:
    items = "".join(
        f"<li><code>{html.escape(line)}</code></li>" for line in (preview.error or "").splitlines()
    )
    return (
        "<!DOCTYPE html><html lang='en'><head><meta charset='utf-8'><title>Findings have errors</title>"
        "<style>body{font-family:Arial,sans-serif;margin:2em;max-width:60em}code{white-space:pre-wrap}"
        "li{margin:.5em 0}</style></head><body><main><h1>The findings have errors</h1>"
        f"<p>Fix these and save; this page reloads by itself.</p><ol>{items}</ol></main>"
        f"{RELOAD_SCRIPT}</body></html>"
    ).encode()


def handler_for(preview: Preview) -> type[SimpleHTTPRequestHandler]:
    class Handler(SimpleHTTPRequestHandler):
        def __init__(self, *args, **kwargs) -> None:
            super().__init__(*args, directory=str(preview.site), **kwargs)

        def log_message(self, format: str, *args) -> None:
            return

        def _send(self, body: bytes, content_type: str, status: HTTPStatus = HTTPStatus.OK) -> None:
            self.send_response(status)
            self.send_header("Content-Type", content_type)
            self.send_header("Content-Length", str(len(body)))
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            path = self.path.split("?", 1)[0]
            if path == "/__events":
                return self._events()
            if path in {"/", "/index.html", "/report.html"}:
                if preview.error is not None:
                    return self._send(error_page(preview), "text/html; charset=utf-8")
                page = (preview.site / "report.html").read_text(encoding="utf-8")
                page = page.replace("</body>", RELOAD_SCRIPT + "</body>", 1)
                return self._send(page.encode(), "text/html; charset=utf-8")
            if path == "/report.pdf":
                try:
                    pdf = preview.build_pdf()
                except FindingsError as err:
                    body = as_text(err.problems).encode()
                    return self._send(body, "text/plain; charset=utf-8", HTTPStatus.CONFLICT)
                except PublishError as err:
                    return self._send(
                        shown(str(err)).encode(), "text/plain; charset=utf-8", HTTPStatus.CONFLICT
                    )
                return self._send(pdf.read_bytes(), "application/pdf")
            return super().do_GET()

        def _events(self) -> None:
            self.send_response(HTTPStatus.OK)
            self.send_header("Content-Type", "text/event-stream")
            self.send_header("Cache-Control", "no-store")
            self.end_headers()
            seen = preview.version

            def changed_since() -> bool:
                return preview.version != seen

            try:
                while True:
                    with preview.changed:
                        preview.changed.wait_for(changed_since, timeout=15)
                    if preview.version != seen:
                        seen = preview.version
                        self.wfile.write(b"data: reload\n\n")
                    else:
                        self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
            except (BrokenPipeError, ConnectionResetError):
                return

    return Handler


def watch(preview: Preview, paths: list[Path], stop: threading.Event, last: str) -> None:
    """Rebuild on every change. The findings' fingerprint is compared too, on every quiet tick,
    so an edit saved before the watcher was ready is not missed."""
    from watchfiles import watch as watch_files

    for changes in watch_files(
        *paths, stop_event=stop, debounce=100, step=50, rust_timeout=500, yield_on_timeout=True
    ):
        forget_environment()
        current = report_fingerprint(preview.folder, "serve")
        if not (changes or current != last):
            continue
        last = current
        if preview.rebuild():
            state = "errors" if preview.error else "rebuilt"
            print(f"{preview.folder.name}: {state} in {preview.last_seconds * 1000:.0f} ms", flush=True)


def serve(folder: Path, output: Path, root: Path, templates: Path, host: str, port: int) -> None:
    # Every rebuild fingerprints the environment afresh: only files that changed are read.
    # Before the layout processes are forked, so that they ask fontconfig whether a font
    # changed too (`font_config_reuse`).
    with contextlib.suppress(OSError):
        keep_environment()
    preview = Preview(folder, output, root, layout_workers=min(4, os.cpu_count() or 1))
    baseline = report_fingerprint(folder, "serve")
    preview.rebuild()
    server = ThreadingHTTPServer((host, port), handler_for(preview))
    server.daemon_threads = True
    stop = threading.Event()
    paths = [folder, templates] + (
        [folder.parent / "house-style.yaml"] if (folder.parent / "house-style.yaml").exists() else []
    )
    watcher = threading.Thread(target=watch, args=(preview, paths, stop, baseline), daemon=True)
    watcher.start()
    state = "with errors" if preview.error else f"in {preview.last_seconds * 1000:.0f} ms"
    print(
        f"serving {folder.name} at http://{host}:{server.server_address[1]}/ (built {state}); "
        "PDF at /report.pdf; Ctrl+C stops",
        flush=True,
    )
    try:
        server.serve_forever(poll_interval=0.2)
    finally:
        stop.set()
        server.server_close()
        preview.close()

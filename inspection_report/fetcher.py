"""The only way WeasyPrint may read anything: files inside the folders a build allows.

WeasyPrint's default fetcher reads any local file, follows HTTP and embeds attachments. A
report is built from findings that many people edit, so resources are resolved (symlinks
included) and must lie inside the build's own folder or the templates; anything else stops
the render with a clear message instead of being silently skipped.
"""

from __future__ import annotations

import mimetypes
from collections.abc import Callable
from pathlib import Path
from urllib.parse import unquote, urlsplit

from weasyprint.urls import FatalURLFetchingError, URLFetcher, URLFetcherResponse


class ResourceRefused(FatalURLFetchingError):
    """A resource outside the allowed folders was asked for."""


class SandboxedFetcher(URLFetcher):
    def __init__(self, allowed_roots: list[Path], provide: Callable[[Path], None] | None = None) -> None:
        super().__init__(allowed_protocols={"file"})
        self.allowed_roots = [root.resolve() for root in allowed_roots]
        self.provide = provide

    def fetch(self, url: str, headers: dict | None = None) -> URLFetcherResponse:
        parts = urlsplit(url)
        if parts.scheme != "file":
            raise ResourceRefused(f"refused to load {url!r}: only files inside the report may be used")
        path = Path(unquote(parts.path)).resolve()
        if not any(path.is_relative_to(root) for root in self.allowed_roots):
            raise ResourceRefused(f"refused to load {path}: it is outside the report's folders")
        if not path.is_file() and self.provide is not None:
            self.provide(path)
        if not path.is_file():
            raise ResourceRefused(f"missing resource {path}")
        mime, _ = mimetypes.guess_type(path.name)
        return URLFetcherResponse(
            url,
            body=path.read_bytes(),
            headers={"Content-Type": mime or "application/octet-stream"},
        )

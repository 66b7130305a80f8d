"""The report's stylesheet parsed once per layout process, not once per part.

WeasyPrint parses every linked stylesheet for every document. A report typeset part by part
is a score of documents linking the same stylesheet, and parsing it is about half the cost of
laying out a one-page part. A parsed stylesheet depends only on its text, address and media
type, unless it holds rules that write into the document's shared state (`@font-face`,
`@counter-style`, `@import`, `@layer`, `@color-profile`...); such a stylesheet is parsed
afresh every time, as WeasyPrint would.

Its address matters only to the addresses written in it: a stylesheet with no `url` anywhere
in it (nor a backslash, with which an escape could spell one) parses the same wherever it
lies. Such a stylesheet is kept by its bytes alone, so one parsed before a build (in the warm
process, from the templates) serves the copy a build stages in a folder of its own.
"""

from __future__ import annotations

import hashlib
import io
import re
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

# Any at-rule but those whose effect stays inside the stylesheet's own rules and page rules.
_STATEFUL = re.compile(rb"@(?!(?:media|page|footnote|(?:top|bottom|left|right)-[a-z-]+)(?![a-z-]))[a-zA-Z-]+")
_ADDRESSED = re.compile(rb"url|\\", re.IGNORECASE)
_LIMIT = 8
_parsed: dict[tuple[str | None, str, bytes], Any] = {}


@contextmanager
def reused_stylesheets() -> Iterator[None]:
    """Within the block, a `<link rel="stylesheet">` already parsed in this process (same
    media type and bytes, and same address if it holds one) is not parsed again."""
    import weasyprint.css

    original = weasyprint.css.CSS

    def stylesheet(**arguments: Any) -> Any:
        url, fetcher = arguments.get("url"), arguments.get("url_fetcher")
        if not (
            isinstance(url, str) and url.endswith(".css") and fetcher and arguments.get("_check_mime_type")
        ):
            return original(**arguments)
        try:
            body = fetcher(url).read()
        except Exception:  # the fetcher's refusal is WeasyPrint's to report, as without reuse
            return original(**arguments)
        if not isinstance(body, bytes) or _STATEFUL.search(body):
            return original(**arguments)
        media = arguments.get("media_type", "print")
        address = url if _ADDRESSED.search(body) else None
        key = (address, media, hashlib.sha256(body).digest())
        if key not in _parsed:
            if len(_parsed) >= _LIMIT:
                _parsed.clear()
            _parsed[key] = original(
                file_obj=io.BytesIO(body), base_url=url, url_fetcher=fetcher, media_type=media
            )
        return _parsed[key]

    weasyprint.css.CSS = stylesheet
    try:
        yield
    finally:
        weasyprint.css.CSS = original

"""Where a link in a report may go: web pages and email addresses, nothing else.

Stated once, for the check that reports a refused link at the editor's line and for the
renderer, which refuses to make a link of anything else even if a check were skipped.
"""

from __future__ import annotations

import re

ALLOWED_SCHEMES = ("http", "https", "mailto")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def refusal(target: str) -> str | None:
    """Why a link to `target` is refused, or None when it may stand."""
    scheme = _SCHEME.match(target.strip())
    if scheme is None:
        return "it points at a file, not a web address; findings may link only to web pages and email"
    if scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return f"'{scheme.group(1)}:' links are not allowed; use http, https or mailto"
    return None

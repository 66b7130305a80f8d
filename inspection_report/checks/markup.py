"""What prose may link to, and markup that will not work: links only to web pages and email
addresses (anything else is an error); raw HTML is never rendered, only printed as text, so it
is a warning where an editor wrote it."""

from __future__ import annotations

import re

from inspection_report.derive import Derived
from inspection_report.errors import Problem

ALLOWED_SCHEMES = ("http", "https", "mailto")
_LINK = re.compile(r"\]\(\s*<?([^)\s>]*)")
_AUTOLINK = re.compile(r"<([A-Za-z][A-Za-z0-9+.-]{1,31}:[^<>\s]*)>")
_RAW_HTML = re.compile(r"</?[A-Za-z][A-Za-z0-9-]*(?:\s[^<>]*)?/?>")
_SCHEME = re.compile(r"^([A-Za-z][A-Za-z0-9+.-]*):")


def _refused(target: str) -> str | None:
    scheme = _SCHEME.match(target.strip())
    if scheme is None:
        return "it points at a file, not a web address; findings may link only to web pages and email"
    if scheme.group(1).lower() not in ALLOWED_SCHEMES:
        return f"'{scheme.group(1)}:' links are not allowed; use http, https or mailto"
    return None


def check_markup(derived: Derived) -> list[Problem]:
    problems = []
    for span in derived.texts:
        links = [(m.start(), m.group(1)) for m in _LINK.finditer(span.text)]
        links += [(m.start(), m.group(1)) for m in _AUTOLINK.finditer(span.text)]
        for offset, target in links:
            reason = _refused(target)
            if reason:
                problems.append(Problem(span.location_at(offset), f"link to '{target[:60]}': {reason}"))
        autolinked = {m.start() for m in _AUTOLINK.finditer(span.text)}
        for match in _RAW_HTML.finditer(span.text):
            if match.start() in autolinked:
                continue
            problems.append(
                Problem(
                    span.location_at(match.start()),
                    f"raw HTML '{match.group(0)[:40]}' is not rendered: it prints as text; "
                    "use Markdown instead",
                    "warning",
                )
            )
    return problems

"""Markup that would not print as meant, found on markdown-it's tokens.

Links may go only to web pages and email addresses, whether written inline, as a
reference-style definition or as an autolink; anything else (a file, `javascript:`, a path
out of the report) is an error at the place the target is written. Raw HTML and HTML
comments, pipe tables, strikethrough and indented code would print as stray characters in a
published report, so each is an error where the editor wrote it, saying what to do instead.
Images have no place in prose: charts are exhibits.
"""

from __future__ import annotations

from inspection_report.derive import Derived
from inspection_report.errors import Problem
from inspection_report.link_policy import refusal


def check_markup(derived: Derived) -> list[Problem]:
    problems = []
    for span in derived.texts:
        scan = derived.markdown(span)
        for link in scan.links:
            where = span.location_at(link.offset)
            if link.kind == "image":
                problems.append(
                    Problem(
                        where,
                        f"image '{link.target[:60]}': prose cannot show images; a chart or table is an "
                        "exhibit, placed with {exhibit:id}",
                    )
                )
                continue
            reason = refusal(link.target)
            if reason:
                problems.append(Problem(where, f"link to '{link.target[:60]}': {reason}"))
            elif link.kind == "autolink" and not link.target.lower().startswith("mailto:"):
                problems.append(
                    Problem(
                        where,
                        f"link text is the web address itself ('{link.target[:60]}'); a reader hears it "
                        "spelled out: write [words that say where it goes](address)",
                        "warning",
                    )
                )
        for markup in scan.unprintable:
            shown = " ".join(markup.raw.split())
            problems.append(Problem(span.location_at(markup.offset), f"'{shown}': {markup.message}"))
    return problems

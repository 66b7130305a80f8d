"""Problems printed for people (text), tools (json) and GitHub Actions (annotations).

Messages quote the findings (a key, an id, a sentence), so every format writes them through
`shown_text`: no newline, escape byte or workflow-command mark from a findings file reaches a
terminal or a CI log as itself.
"""

from __future__ import annotations

import json
from collections.abc import Iterable, Iterator

from inspection_report.errors import Problem
from inspection_report.shown_text import json_document, shown


def summary(problems: list[Problem]) -> str:
    errors = sum(p.severity == "error" for p in problems)
    warnings = len(problems) - errors
    return f"{errors} error{'s' * (errors != 1)}, {warnings} warning{'s' * (warnings != 1)}"


def as_text(problems: Iterable[Problem]) -> str:
    return "".join(text_lines(problems))


def text_lines(problems: Iterable[Problem]) -> Iterator[str]:
    """One line per problem, made as it is written: a report with a hundred thousand
    problems is printed without holding all of them as one string."""
    for problem in problems:
        yield f"{shown(str(problem))}\n"


def as_json(problems: list[Problem], reports: list[str], seconds: float) -> str:
    """A stable shape: {reports, errors, warnings, seconds, problems: [{path, line, ...}]}."""
    return json_document(
        json.dumps(
            {
                "reports": reports,
                "errors": sum(p.severity == "error" for p in problems),
                "warnings": sum(p.severity == "warning" for p in problems),
                "seconds": round(seconds, 3),
                "problems": [
                    {
                        "path": str(p.location.path),
                        "line": p.location.line,
                        "column": p.location.column,
                        "severity": p.severity,
                        "message": p.message,
                    }
                    for p in problems
                ],
            },
            indent=2,
            ensure_ascii=False,
        )
        + "\n"
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_property(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


def as_github(problems: Iterable[Problem]) -> str:
    """Workflow commands that GitHub Actions shows as annotations on the pull request's files."""
    return "".join(
        f"::{p.severity} file={_escape_property(shown(str(p.location.path)))},line={p.location.line},"
        f"col={p.location.column}::{_escape_data(shown(p.message))}\n"
        for p in problems
    )

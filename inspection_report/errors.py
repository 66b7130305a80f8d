"""Problems found in findings, located at the editor's file, line and column, and the small
family of errors a user can fix.

Every user-facing failure is a `UserError`: problems in the findings (`FindingsError`, each a
located `Problem`), a mistake on the command line (`UsageError`) or a report that cannot be
published as it stands (`PublishError`). The command line prints them plainly, without a
traceback, and exits with the error's code; anything else is a fault in the tool. Code paths
that find several problems collect them all before raising, so an editor sees every mistake
at once.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Literal

Severity = Literal["error", "warning"]


@dataclass(frozen=True, order=True)
class Location:
    """A place in a findings file; line and column count from 1."""

    path: Path
    line: int = 1
    column: int = 1

    def __str__(self) -> str:
        return f"{self.path}:{self.line}:{self.column}"


@dataclass(frozen=True)
class Problem:
    location: Location
    message: str
    severity: Severity = "error"

    def __str__(self) -> str:
        return f"{self.location}: {self.severity}: {self.message}"


class UserError(Exception):
    """A mistake the user can fix: shown as a plain message, never as a traceback."""

    exit_code = 2


class FindingsError(UserError):
    """One or more problems in the findings that stop the work."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.location, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(UserError):
    """A command-line mistake: an unknown report, a path that names nothing, a bad option value."""


class PublishError(UserError):
    """The report could not be published as it stands (an accessibility error, a refused resource)."""

    exit_code = 1

"""Problems found in findings, located at the editor's file, line and column.

Every user-facing failure is a `Problem`; the command line prints them without a
traceback. Code paths that find several problems collect them all before raising, so an
editor sees every mistake at once.
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


class FindingsError(Exception):
    """One or more problems in the findings that stop the work."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = sorted(problems, key=lambda p: (p.location, p.message))
        super().__init__("\n".join(str(p) for p in self.problems))


class UsageError(Exception):
    """A command-line mistake: an unknown report, a bad option value."""


class PublishError(Exception):
    """The report could not be published as it stands (an accessibility error, a refused resource)."""

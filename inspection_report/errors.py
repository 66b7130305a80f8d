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

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal, NamedTuple

Severity = Literal["error", "warning"]


class Location(NamedTuple):
    """A place in a findings file; line and column count from 1.

    A named tuple rather than a dataclass: a large report has a hundred thousand of them,
    and tuples are made and compared in C."""

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


def in_file_order(problems: Iterable[Problem]) -> list[Problem]:
    """Problems sorted by file, line, column and message, as an editor works through them."""
    return sorted(problems, key=_file_order)


def _file_order(problem: Problem) -> tuple[str, int, int, str]:
    where = problem.location
    return (str(where.path), where.line, where.column, problem.message)


class FindingsError(UserError):
    """One or more problems in the findings that stop the work."""

    exit_code = 1

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = in_file_order(problems)
        super().__init__(f"{len(self.problems)} problems in the findings")

    def __str__(self) -> str:
        return "\n".join(str(p) for p in self.problems)


class UsageError(UserError):
    """A command-line mistake: an unknown report, a path that names nothing, a bad option value."""


class PublishError(UserError):
    """The report could not be published as it stands (an accessibility error, a refused resource)."""

    exit_code = 1

"""The one way findings files are found and read: guarded, bounded, and the same on every OS.

Findings come from many hands and from git, so a file may be a link to `/etc/passwd`, a
FIFO that blocks for ever, a gigabyte, a folder named like a Markdown file, a loop of links,
or a text saved on Windows with CRLF line ends or in Windows-1252. Every file the pipeline
reads from `findings/` (a report's files and the house style alike) goes through `read_source`,
and every report folder is listed by `list_report`, so each of those cases gets the same
located, plain answer everywhere and nothing is read that should not be:

- a link may lead only to a file inside the findings tree; a link elsewhere, a dangling link
  and a loop are refused, and the content of a refused file is never read, let alone echoed;
- only regular files are read; their size is checked before a byte is read, and no more than
  the limit is ever read;
- text is UTF-8 (a BOM is dropped, as Windows editors add one), and CRLF and CR line ends
  become LF, so a file saved on Windows reads exactly like one saved on Linux.
"""

from __future__ import annotations

import errno
import os
import re
import stat
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from inspection_report.errors import Location, Problem
from inspection_report.shown_text import describe, hidden_in, is_hidden

MAX_FILE_BYTES = 1_000_000
# The one findings file outside the report folders: the inspectorate's known slips.
HOUSE_STYLE = "house-style.yaml"
# Past this many in one file, listing each adds nothing: the file is garbled or hostile.
MAX_HIDDEN_REPORTED = 20
FINDINGS_SUFFIXES = (".yaml", ".yml", ".md")
# A soft hyphen is an invisible hyphenation hint that editors use on purpose.
_ALLOWED_HIDDEN = frozenset("\n\t\u00ad")
_BIDI = frozenset("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")

Display = Callable[[Path], Path]


@dataclass(frozen=True)
class SourceText:
    """A findings file's text as the editor meant it: decoded, with LF line ends."""

    path: Path
    shown: Path
    text: str


def display_from(root: Path) -> Display:
    """Paths as an editor sees them: relative to the repository, links not followed. Each
    folder is resolved once: a report's files lie in a handful of folders."""
    resolved_root = root.resolve()
    folders: dict[Path, Path] = {}

    def display(path: Path) -> Path:
        folder = folders.get(path.parent)
        if folder is None:
            folder = folders[path.parent] = path.parent.resolve()
        try:
            return (folder / path.name).relative_to(resolved_root)
        except ValueError:
            return path

    return display


def _refusal(path: Path, tree: Path) -> tuple[str | None, os.stat_result | None]:
    """Why `path` may not be read (or None), and its status when it may."""
    try:
        status = os.lstat(path)
    except FileNotFoundError:
        return "no such file", None
    except OSError as err:
        return f"cannot be read ({err.strerror})", None
    if stat.S_ISLNK(status.st_mode):
        try:
            target = path.resolve(strict=True)
        except RuntimeError:
            return "this link leads round in a loop; replace it with the file itself", None
        except OSError as err:
            if err.errno == errno.ELOOP:
                return "this link leads round in a loop; replace it with the file itself", None
            return "this link leads to nothing (its target is missing)", None
        if not target.is_relative_to(tree):
            return (
                "this is a link leading outside the findings folder; findings may only use files inside it",
                None,
            )
        status = os.stat(target)
    if stat.S_ISDIR(status.st_mode):
        return "this is a folder, not a file", None
    if not stat.S_ISREG(status.st_mode):
        return "this is not a regular file (a pipe, socket or device); findings are plain files", None
    return None, status


def read_bytes(path: Path, tree: Path) -> tuple[bytes | None, str | None]:
    """At most MAX_FILE_BYTES + 1 bytes of a file inside `tree`, or why it may not be read."""
    reason, status = _refusal(path, tree)
    if reason is not None or status is None:
        return None, reason
    if status.st_size > MAX_FILE_BYTES:
        return None, f"file is {status.st_size:,} bytes; findings files may be at most 1 MB"
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOFOLLOW", 0)
    try:
        descriptor = os.open(path.resolve(), flags)
    except OSError as err:
        return None, f"cannot be read ({err.strerror})"
    with os.fdopen(descriptor, "rb") as handle:
        if not stat.S_ISREG(os.fstat(handle.fileno()).st_mode):
            return None, "this is not a regular file; findings are plain files"
        data = handle.read(MAX_FILE_BYTES + 1)
    if len(data) > MAX_FILE_BYTES:
        return None, "file is larger than 1 MB; findings files may be at most 1 MB"
    return data, None


def read_source(path: Path, shown: Path, tree: Path) -> tuple[SourceText | None, list[Problem]]:
    """A findings file's text, or the located problems that stop it being read."""
    data, reason = read_bytes(path, tree.resolve())
    if data is None:
        return None, [Problem(Location(shown), reason or "cannot be read")]
    if data.startswith(b"\xef\xbb\xbf"):
        data = data[3:]
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        return None, [_not_utf8(data, err, shown)]
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        return None, [Problem(Location(shown, line), "file contains a NUL byte; it is not a text file")]
    return SourceText(path, shown, text), []


def _not_utf8(data: bytes, err: UnicodeDecodeError, shown: Path) -> Problem:
    before = data[: err.start]
    line = before.count(b"\n") + before.count(b"\r") - before.count(b"\r\n") + 1
    column = err.start - max(before.rfind(b"\n"), before.rfind(b"\r")) if before else err.start + 1
    byte = data[err.start]
    try:
        meant = bytes([byte]).decode("cp1252")
    except UnicodeDecodeError:
        meant = ""
    hint = f" (in Windows-1252 it is '{meant}')" if meant and not is_hidden(meant) else ""
    return Problem(
        Location(shown, line, column),
        f"file is not valid UTF-8: byte 0x{byte:02X}{hint}; save the file as UTF-8",
    )


def hidden_characters(source: SourceText) -> list[Problem]:
    """Invisible and bidi-control characters, each an error that names the character.

    They make two ids that look the same differ ("did you mean 'crc-abided'?" for
    'crc-abided' itself), hide text, or reorder how a line displays (Trojan Source), and a
    report never needs them; a soft hyphen, an intended hyphenation hint, is allowed.
    """
    problems: list[Problem] = []
    text = source.text
    line, line_start, counted, more = 1, 0, 0, 0
    for offset, char in hidden_in(text, _ALLOWED_HIDDEN):
        if len(problems) == MAX_HIDDEN_REPORTED:
            more += 1
            continue
        newlines = text.count("\n", counted, offset)
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, offset) + 1
        counted = offset
        what = (
            "a bidirectional control character, which reorders how text displays"
            if char in _BIDI
            else "an invisible character"
        )
        problems.append(
            Problem(
                Location(source.shown, line, offset - line_start + 1),
                f"{describe(char)} is {what}; delete it (retype the text around it if unsure)",
            )
        )
    if more:
        problems.append(
            Problem(Location(source.shown), f"and {more:,} more invisible or control characters in this file")
        )
    return problems


_TODO = re.compile(r"\bTODO\b")


def todo_markers(source: SourceText) -> list[Location]:
    """Where each TODO marker stands, in one pass over the file's text."""
    text, line, line_start, counted, found = source.text, 1, 0, 0, []
    for match in _TODO.finditer(text):
        newlines = text.count("\n", counted, match.start())
        if newlines:
            line += newlines
            line_start = text.rfind("\n", counted, match.start()) + 1
        counted = match.start()
        found.append(Location(source.shown, line, match.start() - line_start + 1))
    return found


@dataclass
class ReportListing:
    """What a report folder holds: the files to read and what is wrong with the rest."""

    yaml_files: list[Path] = field(default_factory=list)
    markdown_files: set[Path] = field(default_factory=set)
    folders: set[Path] = field(default_factory=set)
    problems: list[Problem] = field(default_factory=list)

    def children(self, folder: Path) -> list[Path]:
        """Readable entries directly inside `folder`."""
        return [p for p in (*self.folders, *self.markdown_files, *self.yaml_files) if p.parent == folder]


def _is_editor_scratch(name: str) -> bool:
    """Hidden files, backups and lock files that editors leave beside the real ones."""
    return name.startswith((".", "~$", "#")) or name.endswith("~")


def list_report(folder: Path, tree: Path, display: Display) -> ReportListing:
    """Every entry under a report folder, links checked, nothing followed out of the tree.

    The walk is iterative and remembers the real folders it has entered, so a loop of
    links ends; each entry that cannot be part of the findings is a located problem.
    """
    listing = ReportListing()
    tree = tree.resolve()
    pending, seen = [folder], {folder.resolve()}
    while pending:
        current = pending.pop()
        try:
            entries = sorted(os.scandir(current), key=lambda e: e.name)
        except OSError as err:
            listing.problems.append(Problem(Location(display(current)), f"cannot be listed ({err.strerror})"))
            continue
        for entry in entries:
            if _is_editor_scratch(entry.name):
                continue
            path = Path(entry.path)
            shown = display(path)
            reason, status = _refusal(path, tree)
            if reason == "this is a folder, not a file":
                real = path.resolve()
                if real in seen:
                    listing.problems.append(
                        Problem(
                            Location(shown),
                            "this link leads back to a folder that is already read (a loop); remove it",
                        )
                    )
                    continue
                seen.add(real)
                if path.suffix.lower() in FINDINGS_SUFFIXES:
                    listing.problems.append(
                        Problem(
                            Location(shown),
                            f"a folder named like a findings file ('{path.name}'); rename it, or "
                            "move its files into the part's own folder",
                        )
                    )
                    continue
                listing.folders.add(path)
                pending.append(path)
                continue
            if reason is not None or status is None:
                listing.problems.append(Problem(Location(shown), reason or "cannot be read"))
                continue
            _sort_file(path, folder, shown, listing)
    return listing


def _sort_file(path: Path, folder: Path, shown: Path, listing: ReportListing) -> None:
    suffix = path.suffix
    if suffix in (".yaml", ".yml"):
        listing.yaml_files.append(path)
    elif suffix == ".md":
        if path.parent == folder:
            listing.problems.append(
                Problem(
                    Location(shown),
                    "Markdown outside parts/ is not read; move it into parts/ (or out of the findings)",
                )
            )
        else:
            listing.markdown_files.add(path)
    elif suffix.lower() in FINDINGS_SUFFIXES:
        listing.problems.append(
            Problem(
                Location(shown),
                f"'{path.name}' is not read: the extension must be lower-case; rename it "
                f"'{path.stem}{suffix.lower()}'",
            )
        )
    else:
        listing.problems.append(
            Problem(
                Location(shown),
                f"'{path.name}' is not read: findings are .yaml and .md files; move it out of the "
                "findings folder",
            )
        )

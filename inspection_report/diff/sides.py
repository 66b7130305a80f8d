"""The two sides of a diff: a git ref or a folder, each turned into a findings folder.

A git ref is exported with `git archive` into a temporary folder (the working tree is never
touched); a folder may be a repository, a `findings/` folder or one report's folder. Every
temporary path is made inside the caller's scratch folder, so removing that one folder
leaves nothing behind, whether the diff succeeds, fails or is interrupted.

A commit's findings are as untrusted as any findings: the export writes only plain files,
folders and links that stay inside the exported findings, and anything else stops the diff
with a plain error that names the ref and the file.
"""

from __future__ import annotations

import io
import os
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from inspection_report.errors import UsageError
from inspection_report.shown_text import shown

FINDINGS = "findings"


@dataclass(frozen=True)
class Side:
    label: str
    findings: Path
    """A folder whose subfolders are reports (each with report.yaml)."""
    only: str | None = None
    """When the side was given as one report's folder, that report's id: its siblings are not
    part of the side (the folder is read in place, with its own house style)."""


WORKING_TREE = "."


def split_arguments(arguments: list[str], repository: Path) -> tuple[str, str, list[str]]:
    """The earlier side, the later side and the report ids, read as git diff reads them: no
    side is HEAD against the working tree, one side is it against the working tree, `A..B`
    is A against B (an empty end is HEAD), and two sides are A against B."""
    if not arguments:
        return "HEAD", WORKING_TREE, []
    first, rest = arguments[0], arguments[1:]
    if ".." in first and not Path(first).exists():
        old, _, new = first.partition("..")
        return old or "HEAD", new or "HEAD", rest
    if rest and _is_side(rest[0], repository):
        return first, rest[0], rest[1:]
    return first, WORKING_TREE, rest


def _is_side(token: str, repository: Path) -> bool:
    if Path(token).is_dir():
        return True
    found = _git(repository, "rev-parse", "--verify", "--quiet", f"{token}^{{commit}}")
    return found.returncode == 0


def open_side(spec: str, repository: Path, scratch: Path) -> Side:
    folder = Path(spec)
    label = "working tree" if spec == WORKING_TREE else spec
    if folder.is_dir():
        if (folder / "report.yaml").is_file():
            return Side(label, folder.resolve().parent, only=folder.resolve().name)
        return Side(label, _findings_folder(folder, label))
    return Side(spec, _export_ref(spec, repository, scratch))


def _findings_folder(folder: Path, spec: str) -> Path:
    if (folder / FINDINGS).is_dir():
        folder = folder / FINDINGS
    if not any((child / "report.yaml").is_file() for child in folder.iterdir() if child.is_dir()):
        raise UsageError(f"{shown(spec)} holds no findings (no folder with a report.yaml)")
    return folder


def _git(repository: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repository), *args], capture_output=True)


def _export_ref(ref: str, repository: Path, scratch: Path) -> Path:
    named = shown(ref)
    if _git(repository, "rev-parse", "--git-dir").returncode != 0:
        raise UsageError(f"{named} is neither a folder nor a git ref ({repository} is not a git repository)")
    if _git(repository, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise UsageError(f"{named} is neither a folder nor a git ref in {repository}")
    archive = _git(repository, "archive", "--format=tar", ref, "--", FINDINGS)
    if archive.returncode != 0:
        raise UsageError(f"{named} has no findings/ folder")
    target = Path(tempfile.mkdtemp(prefix=f"{_safe_name(ref)}-", dir=scratch))
    return extract_findings(archive.stdout, target, ref)


def _safe_name(ref: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in ref[:40]) or "ref"


class _LinkOutOfFindings(tarfile.FilterError):
    """A link that leads out of the exported findings folder."""

    def __init__(self, tarinfo: tarfile.TarInfo) -> None:
        self.tarinfo = tarinfo
        super().__init__(f"{tarinfo.name!r} is a link out of the findings")


def _findings_filter(member: tarfile.TarInfo, dest_path: str) -> tarfile.TarInfo | None:
    """tarfile's "data" filter, with links held to the findings folder rather than to the
    whole destination: a link elsewhere could make the loader read what is not findings."""
    if member.issym() or member.islnk():
        destination = os.path.realpath(dest_path)
        inside = os.path.join(destination, FINDINGS)
        base = os.path.dirname(member.name) if member.issym() else ""
        target = os.path.realpath(os.path.join(destination, base, member.linkname))
        if os.path.isabs(member.linkname) or os.path.commonpath([target, inside]) != inside:
            raise _LinkOutOfFindings(member)
    return tarfile.data_filter(member, dest_path)


def _refusal(ref: str, err: tarfile.FilterError) -> str:
    if isinstance(err, _LinkOutOfFindings):
        why = "is a link to a file outside the findings; findings may not link outside their folder"
    elif isinstance(err, tarfile.SpecialFileError):
        why = "is a special file (a device or a pipe); findings may hold only files, folders and links"
    else:
        why = f"cannot be exported safely ({shown(str(err))})"
    return f"{shown(ref)}: {shown(err.tarinfo.name)} {why}"


def extract_findings(archive: bytes, target: Path, ref: str) -> Path:
    """Extract a `git archive` of `ref`'s findings into `target`; return its findings folder."""
    try:
        with tarfile.open(fileobj=io.BytesIO(archive)) as tar:
            tar.extractall(target, filter=_findings_filter)
    except tarfile.FilterError as err:
        raise UsageError(_refusal(ref, err)) from err
    except (tarfile.TarError, OSError) as err:
        raise UsageError(f"{shown(ref)}: the findings could not be exported ({shown(str(err))})") from err
    return target / FINDINGS

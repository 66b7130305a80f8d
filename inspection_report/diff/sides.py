"""The two sides of a diff: a git ref or a folder, each turned into a findings folder.

A git ref is exported with `git archive` into a temporary folder (the working tree is never
touched); a folder may be a repository, a `findings/` folder or one report's folder. Every
temporary path is made inside the caller's scratch folder, so removing that one folder
leaves nothing behind, whether the diff succeeds, fails or is interrupted.
"""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from dataclasses import dataclass
from pathlib import Path

from inspection_report.errors import UsageError


@dataclass(frozen=True)
class Side:
    label: str
    findings: Path
    """A folder whose subfolders are reports (each with report.yaml)."""


def open_side(spec: str, repository: Path, scratch: Path) -> Side:
    folder = Path(spec)
    if folder.is_dir():
        return Side(spec, _findings_folder(folder, spec, scratch))
    return Side(spec, _export_ref(spec, repository, scratch))


def _findings_folder(folder: Path, spec: str, scratch: Path) -> Path:
    if (folder / "report.yaml").is_file():
        staged = Path(tempfile.mkdtemp(prefix="side-", dir=scratch))
        (staged / folder.resolve().name).symlink_to(folder.resolve(), target_is_directory=True)
        return staged
    if (folder / "findings").is_dir():
        folder = folder / "findings"
    if not any((child / "report.yaml").is_file() for child in folder.iterdir() if child.is_dir()):
        raise UsageError(f"{spec} holds no findings (no folder with a report.yaml)")
    return folder


def _git(repository: Path, *args: str) -> subprocess.CompletedProcess[bytes]:
    return subprocess.run(["git", "-C", str(repository), *args], capture_output=True)


def _export_ref(ref: str, repository: Path, scratch: Path) -> Path:
    if _git(repository, "rev-parse", "--git-dir").returncode != 0:
        raise UsageError(f"{ref} is neither a folder nor a git ref ({repository} is not a git repository)")
    if _git(repository, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}").returncode != 0:
        raise UsageError(f"{ref} is neither a folder nor a git ref in {repository}")
    archive = _git(repository, "archive", "--format=tar", ref, "--", "findings")
    if archive.returncode != 0:
        raise UsageError(f"{ref} has no findings/ folder")
    target = Path(tempfile.mkdtemp(prefix=f"{_safe_name(ref)}-", dir=scratch))
    with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
        tar.extractall(target, filter="data")
    return target / "findings"


def _safe_name(ref: str) -> str:
    return "".join(c if c.isalnum() else "_" for c in ref[:40]) or "ref"

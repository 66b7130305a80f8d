"""A content hash of everything a report's output depends on, so an unchanged report is not
rebuilt and no stale output survives a change.

The key covers the report's findings, the house style, the templates and stylesheet, the
pipeline's and charts' own code, the fonts, the versions of the libraries that lay out and
draw, and the build options. Hashing is cheap (no heavy imports), so a no-change build
returns in a fraction of a second.
"""

from __future__ import annotations

import hashlib
import os
import platform
import re
import subprocess
import sys
from functools import cache
from pathlib import Path

from inspection_report.file_status import Status, file_status, settled
from inspection_report.font_files import font_files, keep_configuration
from inspection_report.source_files import HOUSE_STYLE, display_from, list_report, read_bytes

PACKAGE = Path(__file__).resolve().parent
ROOT = PACKAGE.parent
LIBRARIES = (
    "weasyprint",
    "pydyf",
    "fonttools",
    "matplotlib",
    "pydantic",
    "jinja2",
    "markdown-it-py",
    "pyyaml",
)


_known: dict[Path, tuple[Status, bytes]] = {}
"""Digests of the environment's files by their status, kept by the warm process."""


def _digest(path: Path) -> bytes:
    """The sha256 of a file's bytes; one the warm process kept, while the file's status is as
    it was (`file_status`)."""
    status = file_status(path)
    known = _known.get(path)
    if known is not None and known[0] == status:
        return known[1]
    digest = hashlib.sha256(path.read_bytes()).digest()
    if _keeping and status is not None and settled(status):
        _known[path] = (status, digest)
    return digest


_keeping = False


def _hash_files(digest: hashlib._Hash, base: Path, paths: list[Path]) -> None:
    for path in sorted(paths):
        digest.update(str(path.relative_to(base)).encode() + b"\0")
        digest.update(_digest(path))


def _files(folder: Path, suffixes: tuple[str, ...]) -> list[Path]:
    """The files under `folder` with one of `suffixes`, outside `__pycache__`."""
    found = []
    for parent, folders, names in os.walk(folder):
        folders[:] = [name for name in folders if name != "__pycache__"]
        found += [Path(parent, name) for name in names if name.endswith(suffixes)]
    return [path for path in found if path.is_file()]


def keep_environment() -> None:
    """For the warm process and the commands it forks: the digests of the code, templates
    and fonts, kept by each settled file's status, so that a command hashes again only the
    files that changed; and fontconfig loaded, so that a command looks the fonts up without
    starting `fc-match`."""
    global _keeping
    keep_configuration()
    _keeping = True
    environment_fingerprint.cache_clear()
    try:
        environment_fingerprint()
    finally:
        _keeping = False
        environment_fingerprint.cache_clear()


def forget_environment() -> None:
    """For a process that builds again and again (`serve`): the next fingerprint looks at
    the code, templates and fonts afresh, hashing again only the files whose status changed
    when `keep_environment` kept their digests."""
    environment_fingerprint.cache_clear()


@cache
def environment_fingerprint() -> str:
    """Code, templates, fonts and library versions: the same for every report in one run."""
    digest = hashlib.sha256()
    _hash_files(digest, ROOT, _files(PACKAGE, (".py",)) + _files(ROOT / "charts", (".py",)))
    _hash_files(digest, ROOT, _files(ROOT / "templates", (".j2", ".css", ".html", ".svg")))
    for library, installed in library_versions().items():
        digest.update(f"{library}={installed}\0".encode())
    digest.update(platform.python_version().encode())
    for font in font_files():
        digest.update(str(font).encode() + b"\0")
        digest.update(_digest(font))
    return digest.hexdigest()


def library_versions() -> dict[str, str]:
    """Each of LIBRARIES' installed version ("absent" if none), read from the name of its
    `.dist-info` folder, which the packaging spec names "{name}-{version}.dist-info", on the
    import path in order, as an import would find it. importlib.metadata would import the
    email parser and parse each METADATA file: about 50 ms at the start of every build,
    before its layout processes can be given work. A library installed another way (an
    egg) is asked of importlib.metadata."""
    wanted = {_normal(library): library for library in LIBRARIES}
    found: dict[str, str | None] = {}
    for entry in sys.path:
        try:
            names = sorted(os.listdir(entry or "."))
        except OSError:
            continue
        for name in names:
            stem, _, kind = name.rpartition(".")
            project, _, installed = stem.partition("-")
            library = wanted.get(_normal(project))
            if kind in ("dist-info", "egg-info") and library and library not in found:
                found[library] = installed if kind == "dist-info" and installed else None
    versions = {library: found.get(library) for library in LIBRARIES}
    if None in versions.values():
        from importlib.metadata import PackageNotFoundError, version

        for library, given in versions.items():
            if given is None:
                try:
                    versions[library] = version(library)
                except PackageNotFoundError:
                    versions[library] = "absent"
    return {library: str(given) for library, given in versions.items()}


def _normal(name: str) -> str:
    return re.sub(r"[-_.]+", "_", name).lower()


PDF_MODES = ("parts", "whole")


def build_options(strict: bool, html_only: bool, pdf_mode: str) -> str:
    """The build options a report's fingerprint covers: output built otherwise is rebuilt."""
    return f"strict={strict} html_only={html_only} pdf={pdf_mode}"


def report_fingerprint(folder: Path, options: str) -> str:
    """The hash of what the report's build reads, read as the loader reads it: through the
    guarded reader, so a link out, a pipe or a huge file is never read here either. What the
    listing refuses (a stray file, an upper-case extension) is hashed as the problem it is, so
    adding one is a change and the next build reports it instead of calling the report
    unchanged."""
    digest = hashlib.sha256(environment_fingerprint().encode())
    tree = folder.parent.resolve()
    listing = list_report(folder, tree, display_from(folder.parent))
    for path in sorted([*listing.yaml_files, *listing.markdown_files, folder.parent / HOUSE_STYLE]):
        data, reason = read_bytes(path, tree)
        digest.update(str(path.relative_to(folder.parent)).encode() + b"\0")
        digest.update((data if data is not None else (reason or "").encode()) + b"\0")
    for problem in listing.problems:
        digest.update(str(problem).encode() + b"\0")
    digest.update(f"options={options}\0epoch={os.environ.get('SOURCE_DATE_EPOCH', '')}".encode())
    return digest.hexdigest()


class SourceCommit:
    """The commit the findings come from, so a manifest says which source it was built from:
    asked of git when the build starts and read when the manifest is written, so that git
    answers while the report is checked. None outside a repository or without git."""

    def __init__(self, folder: Path) -> None:
        try:
            self._asked: subprocess.Popen[str] | None = subprocess.Popen(
                ["git", "-C", str(folder), "rev-parse", "HEAD"],
                stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL,
                text=True,
            )
        except OSError:
            self._asked = None

    def result(self) -> str | None:
        if self._asked is None:
            return None
        answer, _ = self._asked.communicate()
        return (answer.strip() or None) if self._asked.returncode == 0 else None

    def close(self) -> None:
        """End git's run if the build ended before reading its answer."""
        if self._asked is not None and self._asked.poll() is None:
            self._asked.kill()
            self._asked.communicate()

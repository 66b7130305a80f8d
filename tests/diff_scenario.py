"""A second draft of the sample made of eight ordinary edits, one commit each, as a reviewer
meets them: a count quoted by a sentence and a chart, a reworded paragraph, a recommendation
moved to another addressee, a practice example replaced by another, a quote's id renamed,
two sections of chapter 7 swapped, a glossary typo fixed and a key fact changed.

Shared by the tests and by `bench/diff_time.py`, so it stands on its own."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SAMPLE = ROOT / "findings" / "york-north-yorkshire-2016"
CH7 = "parts/09-abiding-by-the-sentence"
RECS = "parts/05-recommendations/recommendations.yaml"


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, f"{old!r} not in {path}"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def _git(repo: Path, *args: str) -> None:
    identity = ("-c", "user.email=t@example.org", "-c", "user.name=T", "-c", "commit.gpgsign=false")
    subprocess.run(["git", "-C", str(repo), *identity, *args], check=True, capture_output=True)


def _count(report: Path) -> None:
    replace_in(report / CH7 / "items.yaml", "id: crc-abided\n    value: 27", "id: crc-abided\n    value: 26")


def _reword(report: Path) -> None:
    replace_in(
        report / CH7 / "1-crc.md",
        "Purple Futures demonstrated commitment to working with service users",
        "Purple Futures showed a strong commitment to working with service users",
    )


def _move_recommendation(report: Path) -> None:
    moved = (
        "      - id: crc-review-on-changed-circumstances\n"
        "        text: review work with service users in response to changes in their circumstances, "
        "making sure that any increased risk of harm is identified and addressed.\n"
    )
    replace_in(report / RECS, moved, "")
    replace_in(
        report / RECS,
        "        text: provide the CRC with accurate Case Allocation System forms.\n",
        "        text: provide the CRC with accurate Case Allocation System forms.\n" + moved,
    )


def _replace_example(report: Path) -> None:
    items = report / CH7 / "items.yaml"
    text = items.read_text(encoding="utf-8")
    start = text.index("  - id: whitby-centre")
    end = text.index("  - id: stephen")
    items.write_text(
        text[:start] + "  - id: malton-office\n    kind: neutral\n    organisation: crc\n    text: |\n"
        "      Staff at the Malton office kept a rota of evening appointments for service users "
        "in work, and told us that it had cut missed appointments.\n" + text[end:],
        encoding="utf-8",
    )
    replace_in(report / CH7 / "1-crc.md", "{example:whitby-centre}", "{example:malton-office}")


def _rename_quote(report: Path) -> None:
    replace_in(
        report / CH7 / "items.yaml", "id: nps-service-user-learned-control", "id: nps-service-user-in-control"
    )
    replace_in(
        report / CH7 / "2-nps.md",
        "{quote:nps-service-user-learned-control}",
        "{quote:nps-service-user-in-control}",
    )


def _swap_sections(report: Path) -> None:
    chapter = report / CH7
    (chapter / "1-crc.md").rename(chapter / "crc.tmp")
    (chapter / "2-nps.md").rename(chapter / "1-nps.md")
    (chapter / "crc.tmp").rename(chapter / "2-crc.md")


def _fix_glossary(report: Path) -> None:
    replace_in(
        report / "parts/14-appendix-glossary/glossary.yaml",
        "Local Safeguarding Children Safeguarding Board (LSCB)",
        "Local Safeguarding Children Board (LSCB)",
    )


def _key_fact(report: Path) -> None:
    replace_in(
        report / "parts/02-key-facts/key-facts.yaml",
        "  - id: nps-courts\n    value: 6",
        "  - id: nps-courts\n    value: 7",
    )


EDITS = (
    ("a count quoted by a sentence and a chart", _count),
    ("a reworded paragraph", _reword),
    ("a recommendation moved to another addressee", _move_recommendation),
    ("a practice example replaced by another", _replace_example),
    ("a quote's id renamed", _rename_quote),
    ("two sections of chapter 7 swapped", _swap_sections),
    ("a glossary typo fixed", _fix_glossary),
    ("a key fact changed", _key_fact),
)


def make_repository(root: Path) -> Path:
    """A repository with the sample at its first commit and one commit per edit; returns it,
    with tags `draft-1` (before) and `draft-2` (after)."""
    repo = root / "repo"
    report = repo / "findings" / SAMPLE.name
    shutil.copytree(SAMPLE, report)
    shutil.copyfile(SAMPLE.parent / "house-style.yaml", repo / "findings" / "house-style.yaml")
    shutil.copyfile(ROOT / ".gitattributes", repo / ".gitattributes")
    _git(repo, "init", "-q")
    _git(repo, "add", "-A")
    _git(repo, "commit", "-qm", "draft 1")
    _git(repo, "tag", "draft-1")
    for message, edit in EDITS:
        edit(report)
        _git(repo, "add", "-A")
        _git(repo, "commit", "-qm", message)
    _git(repo, "tag", "draft-2")
    return repo

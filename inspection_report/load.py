"""Reads a findings folder into plain, located pieces: YAML items and Markdown parts.

Nothing here renders or judges content beyond its shape; every problem found is collected
so an editor sees them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from inspection_report.errors import FindingsError, Location, Problem
from inspection_report.model import FindingsFile, FrontMatter, Organisation, ReportMeta
from inspection_report.plain_errors import problems_from_validation
from inspection_report.yaml_source import MAX_YAML_BYTES, YamlDocument, load_yaml, parse_yaml_text

ITEM_KINDS = (
    "counts",
    "measures",
    "key_facts",
    "footnotes",
    "examples",
    "quotes",
    "enablers_barriers",
    "recommendation_groups",
    "glossary",
    "exhibits",
)
_ORDER_PREFIX = re.compile(r"^(\d+)[-_.]")


@dataclass(frozen=True)
class Prose:
    """Markdown body text and where its first line sits in the editor's file."""

    text: str
    path: Path
    first_line: int

    @property
    def location(self) -> Location:
        return Location(self.path, self.first_line)


@dataclass
class Section:
    meta: FrontMatter
    body: Prose


@dataclass
class Part:
    meta: FrontMatter
    body: Prose
    sections: list[Section] = field(default_factory=list)


@dataclass
class Findings:
    """Everything a report's folder holds, validated for shape, with item locations."""

    folder: Path
    meta: ReportMeta
    organisations: dict[str, Organisation]
    parts: list[Part]
    items: dict[str, dict[str, Any]]
    team: list[Any]
    locations: dict[str, Location]
    field_locations: dict[tuple, Location] = field(default_factory=dict)
    sources: dict[Path, Path] = field(default_factory=dict)
    shown_folder: Path = Path()

    def locate(self, item_id: str, *path: str | int) -> Location:
        """Where a field of an item was written, e.g. locate('john', 'text')."""
        return self.field_locations.get((item_id, *path)) or self.locations[item_id]


def load_findings(folder: Path, root: Path | None = None) -> Findings:
    """Load `folder`; paths in messages are relative to `root` (the repository)."""
    root = root or folder.parent.parent
    problems: list[Problem] = []
    display = _display(root)
    if not folder.is_dir():
        raise FindingsError([Problem(Location(display(folder)), "no such findings folder")])

    files = _findings_files(folder)
    for path in files:
        if _outside(path, folder):
            problems.append(
                Problem(
                    Location(display(path)),
                    "this is a link to a file outside the report's "
                    "folder; findings may only use files inside it",
                )
            )
    files = [p for p in files if not _outside(p, folder)]
    yaml_files = [p for p in files if p.suffix in {".yaml", ".yml"}]
    meta: ReportMeta | None = None
    meta_location: Location | None = None
    organisations: dict[str, Organisation] = {}
    items: dict[str, dict[str, Any]] = {kind: {} for kind in ITEM_KINDS}
    team: list[Any] = []
    locations: dict[str, Location] = {}
    field_locations: dict[tuple, Location] = {}

    for path in yaml_files:
        doc, found = load_yaml(path, display(path))
        problems += found
        if doc is None or found:
            continue
        if doc.data is None:
            continue
        parsed = _validate(FindingsFile, doc.data, doc, problems)
        if parsed is None:
            continue
        item_marks = _marks_by_item(doc)
        if parsed.report is not None:
            if meta is not None:
                problems.append(
                    Problem(
                        doc.locate(("report",)),
                        f"a second 'report:' block; the first is at {meta_location}",
                    )
                )
            else:
                meta, meta_location = parsed.report, doc.locate(("report",))
        for index, org in enumerate(parsed.organisations):
            if org.id in organisations:
                problems.append(
                    Problem(
                        doc.locate(("organisations", index)),
                        f"organisation '{org.id}' is defined twice",
                    )
                )
            organisations[org.id] = org
        team += parsed.team
        for kind in ITEM_KINDS:
            for index, item in enumerate(getattr(parsed, kind)):
                if _register(item.id, doc.locate((kind, index)), locations, problems):
                    items[kind][item.id] = item
                    _copy_marks(item_marks, (kind, index), item.id, field_locations)
                if kind == "recommendation_groups":
                    for r_index, rec in enumerate(item.recommendations):
                        prefix = (kind, index, "recommendations", r_index)
                        if _register(rec.id, doc.locate(prefix), locations, problems):
                            _copy_marks(item_marks, prefix, rec.id, field_locations)

    parts = _load_parts(folder / "parts", display, problems, locations, folder)

    if meta is None and not problems:
        problems.append(
            Problem(
                Location(display(folder / "report.yaml")),
                "no 'report:' block found; report.yaml must describe the report",
            )
        )
    elif meta is not None and meta.id != folder.name:
        problems.append(
            Problem(
                meta_location or Location(display(folder)),
                f"report id '{meta.id}' does not match its folder name '{folder.name}'",
            )
        )
    if problems:
        raise FindingsError(problems)
    assert meta is not None
    sources = {display(path): path for path in files if path.suffix in {".yaml", ".yml", ".md"}}
    return Findings(
        folder, meta, organisations, parts, items, team, locations, field_locations, sources, display(folder)
    )


ItemMarks = dict[tuple, list[tuple[tuple, Location]]]


def _marks_by_item(doc: YamlDocument) -> ItemMarks:
    """A file's marks grouped under the item they belong to, (kind, index), and for a
    recommendation (kind, index, 'recommendations', index): one pass, so copying them under
    item ids stays linear however many items a file holds."""
    grouped: ItemMarks = {}
    for key, where in doc.marks.items():
        if len(key) > 2:
            grouped.setdefault(key[:2], []).append((key, where))
        if len(key) > 4 and key[2] == "recommendations":
            grouped.setdefault(key[:4], []).append((key, where))
    return grouped


def _copy_marks(item_marks: ItemMarks, prefix: tuple, item_id: str, into: dict[tuple, Location]) -> None:
    """Re-key an item's marks under its id, so checks can point at any field of any item."""
    size = len(prefix)
    for key, where in item_marks.get(prefix, ()):
        into[(item_id, *key[size:])] = where


def _display(root: Path):
    def display(path: Path) -> Path:
        try:
            return path.resolve().relative_to(root.resolve())
        except ValueError:
            return path

    return display


def _findings_files(folder: Path) -> list[Path]:
    return sorted(p for p in folder.rglob("*") if p.is_file() and not p.name.startswith("."))


def _outside(path: Path, folder: Path) -> bool:
    """A link (file or folder) that leads out of the report: never followed."""
    return not path.resolve().is_relative_to(folder.resolve())


def _register(item_id: str, where: Location, locations: dict[str, Location], problems: list[Problem]) -> bool:
    if item_id in locations:
        problems.append(
            Problem(where, f"id '{item_id}' is already used at {locations[item_id]}; ids must be unique")
        )
        return False
    locations[item_id] = where
    return True


def _validate(model: type[BaseModel], data: Any, doc: YamlDocument, problems: list[Problem]) -> Any:
    try:
        return model.model_validate(data)
    except ValidationError as err:
        problems += problems_from_validation(err, model, doc)
        return None


def _order_key(path: Path) -> tuple[int, str]:
    match = _ORDER_PREFIX.match(path.name)
    return (int(match.group(1)) if match else 10**6, path.name)


def _load_parts(
    parts_dir: Path, display, problems: list[Problem], locations: dict[str, Location], folder: Path
) -> list[Part]:
    if not parts_dir.is_dir():
        problems.append(Problem(Location(display(parts_dir)), "no 'parts' folder: the report has no prose"))
        return []
    parts: list[Part] = []
    for entry in sorted(parts_dir.iterdir(), key=_order_key):
        if entry.name.startswith(".") or _outside(entry, folder):
            continue
        if entry.is_dir():
            index = entry / "index.md"
            if not index.is_file():
                problems.append(Problem(Location(display(entry)), "a part folder needs an index.md"))
                continue
            for stray in sorted(p for p in entry.iterdir() if p.is_dir() and not p.name.startswith(".")):
                problems.append(
                    Problem(
                        Location(display(stray)),
                        "a folder inside a part is not read; put its files in the part's own folder",
                    )
                )
            loaded = _load_markdown(index, display, problems, locations)
            if loaded is None:
                continue
            meta, body = loaded
            part = Part(meta, body)
            for section_path in sorted(entry.glob("*.md"), key=_order_key):
                if section_path.name == "index.md" or _outside(section_path, folder):
                    continue
                section = _load_markdown(section_path, display, problems, locations)
                if section is not None:
                    part.sections.append(Section(*section))
            parts.append(part)
        elif entry.suffix == ".md":
            loaded = _load_markdown(entry, display, problems, locations)
            if loaded is not None:
                parts.append(Part(*loaded))
    return parts


def _load_markdown(
    path: Path, display, problems: list[Problem], locations: dict[str, Location]
) -> tuple[FrontMatter, Prose] | None:
    shown = display(path)
    raw = path.read_bytes()
    if len(raw) > MAX_YAML_BYTES:
        problems.append(Problem(Location(shown), "file is larger than 1 MB"))
        return None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = raw[: err.start].count(b"\n") + 1
        problems.append(Problem(Location(shown, line), "file is not valid UTF-8; save it as UTF-8"))
        return None
    if "\x00" in text:
        problems.append(Problem(Location(shown), "file contains a NUL byte"))
        return None
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        problems.append(
            Problem(Location(shown, 1), "expected front matter: a first line '---', then id and title")
        )
        return None
    try:
        end = next(i for i in range(1, len(lines)) if lines[i].strip() == "---")
    except StopIteration:
        problems.append(Problem(Location(shown, 1), "front matter is not closed by a '---' line"))
        return None
    doc, found = parse_yaml_text("\n".join(lines[1:end]), shown, first_line=2)
    problems += found
    if doc is None or found:
        return None
    if not isinstance(doc.data, dict):
        problems.append(
            Problem(Location(shown, 2), "front matter must be 'key: value' lines (id, title, kind)")
        )
        return None
    meta = _validate(FrontMatter, doc.data, doc, problems)
    if meta is None:
        return None
    if not _register(meta.id, Location(shown, 2), locations, problems):
        return None
    return meta, Prose("\n".join(lines[end + 1 :]), shown, end + 2)

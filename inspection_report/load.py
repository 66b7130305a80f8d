"""Reads a findings folder into plain, located pieces: YAML items and Markdown parts.

Every file comes through the guarded reader (`source_files`), so links, special files, sizes,
encodings and line ends are handled once for all. Nothing here renders or judges content
beyond its shape; every problem found is collected so an editor sees them all at once.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pydantic import BaseModel, ValidationError

from inspection_report.errors import FindingsError, Location, Problem
from inspection_report.front_matter import SplitMarkdown, split_front_matter
from inspection_report.item_kinds import COLLECTIONS
from inspection_report.model import FindingsFile, FrontMatter, HouseStyle, Organisation, ReportMeta
from inspection_report.plain_errors import problems_from_validation
from inspection_report.source_files import (
    HOUSE_STYLE,
    Display,
    ReportListing,
    SourceText,
    display_from,
    hidden_characters,
    list_report,
    read_source,
    todo_markers,
)
from inspection_report.yaml_source import PathKey, YamlDocument, parse_yaml_text

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
    item_sources: dict[str, tuple[YamlDocument, PathKey]] = field(default_factory=dict)
    """Each item's file and its path in it, so any field can be located when a message needs it."""
    todo_markers: list[Location] = field(default_factory=list)
    """Where each TODO marker stands, in every file read (found as the file is read, so its
    text need not be kept)."""
    shown_folder: Path = Path()
    house_style: HouseStyle = field(default_factory=HouseStyle)
    meta_source: YamlDocument | None = None

    def locate(self, item_id: str, *path: str | int) -> Location:
        """Where a field of an item was written, e.g. locate('john', 'text'); the item itself
        when the field was not written."""
        source = self.item_sources.get(item_id)
        if source is not None:
            doc, prefix = source
            found = doc.marks.get((*prefix, *path))
            if found is not None:
                return doc.location(found)
        return self.locations[item_id]

    def locate_meta(self, *path: str | int) -> Location:
        """Where a field of report.yaml's `report:` block was written, e.g. locate_meta('marking')."""
        assert self.meta_source is not None
        return self.meta_source.locate(("report", *path))


@dataclass
class _Loading:
    """What one load gathers as it goes: the files read and every problem met."""

    tree: Path
    display: Display
    problems: list[Problem] = field(default_factory=list)
    todo_markers: list[Location] = field(default_factory=list)
    locations: dict[str, Location] = field(default_factory=dict)

    def read(self, path: Path) -> SourceText | None:
        source, found = read_source(path, self.display(path), self.tree)
        self.problems += found
        if source is not None:
            self.problems += hidden_characters(source)
            self.todo_markers += todo_markers(source)
        return source

    def read_yaml(self, path: Path) -> YamlDocument | None:
        source = self.read(path)
        if source is None:
            return None
        doc, found = parse_yaml_text(source.text, source.shown)
        self.problems += found
        return None if doc is None or found else doc


def load_findings(folder: Path, root: Path | None = None) -> Findings:
    """Load `folder`; paths in messages are relative to `root` (the repository)."""
    root = root or folder.parent.parent
    display = display_from(root)
    if not folder.is_dir():
        raise FindingsError([Problem(Location(display(folder)), "no such findings folder")])
    loading = _Loading(folder.parent.resolve(), display)
    if not folder.resolve().is_relative_to(loading.tree):
        raise FindingsError(
            [
                Problem(
                    Location(display(folder)),
                    "this report folder is a link leading outside the findings folder; findings may "
                    "only use files inside it",
                )
            ]
        )
    listing = list_report(folder, loading.tree, display)
    loading.problems += listing.problems

    meta: ReportMeta | None = None
    meta_source: YamlDocument | None = None
    organisations: dict[str, Organisation] = {}
    items: dict[str, dict[str, Any]] = {kind: {} for kind in COLLECTIONS}
    team: list[Any] = []
    item_sources: dict[str, tuple[YamlDocument, PathKey]] = {}
    problems = loading.problems
    for path in sorted(listing.yaml_files):
        doc = loading.read_yaml(path)
        if doc is None or doc.data is None:
            continue
        parsed = _validate(FindingsFile, doc.data, doc, problems)
        doc.data = None  # the models hold it now; only the marks are kept, to locate fields
        if parsed is None:
            continue
        if parsed.report is not None:
            if meta_source is not None:
                problems.append(
                    Problem(
                        doc.locate(("report",)),
                        f"a second 'report:' block; the first is at {meta_source.locate(('report',))}",
                    )
                )
            else:
                meta, meta_source = parsed.report, doc
        for index, org in enumerate(parsed.organisations):
            if org.id in organisations:
                problems.append(
                    Problem(doc.locate(("organisations", index)), f"organisation '{org.id}' is defined twice")
                )
            organisations[org.id] = org
        team += parsed.team
        for kind in COLLECTIONS:
            for index, item in enumerate(getattr(parsed, kind)):
                if _register(item.id, doc.locate((kind, index)), loading.locations, problems):
                    items[kind][item.id] = item
                    item_sources[item.id] = (doc, (kind, index))
                if kind == "recommendation_groups":
                    for r_index, rec in enumerate(item.recommendations):
                        prefix = (kind, index, "recommendations", r_index)
                        if _register(rec.id, doc.locate(prefix), loading.locations, problems):
                            item_sources[rec.id] = (doc, prefix)

    parts = _load_parts(folder / "parts", listing, loading)
    house_style = _load_house_style(loading)

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
                meta_source.locate(("report", "id")) if meta_source else Location(display(folder)),
                f"report id '{meta.id}' does not match its folder name '{folder.name}'",
            )
        )
    if problems:
        raise FindingsError(problems)
    assert meta is not None
    return Findings(
        folder,
        meta,
        organisations,
        parts,
        items,
        team,
        loading.locations,
        item_sources,
        sorted(loading.todo_markers),
        display(folder),
        house_style,
        meta_source,
    )


def _load_house_style(loading: _Loading) -> HouseStyle:
    """`findings/house-style.yaml`, read like any findings file (it is one, shared by all)."""
    path = loading.tree / HOUSE_STYLE
    if not path.exists() and not path.is_symlink():
        return HouseStyle()
    doc = loading.read_yaml(path)
    if doc is None:
        return HouseStyle()
    try:
        return HouseStyle.model_validate(doc.data or {})
    except ValidationError as err:
        loading.problems += problems_from_validation(err, HouseStyle, doc)
        return HouseStyle()


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


def _load_parts(parts_dir: Path, listing: ReportListing, loading: _Loading) -> list[Part]:
    display, problems = loading.display, loading.problems
    if parts_dir not in listing.folders:
        problems.append(Problem(Location(display(parts_dir)), "no 'parts' folder: the report has no prose"))
        return []
    parts: list[Part] = []
    for entry in sorted(listing.children(parts_dir), key=_order_key):
        if entry in listing.folders:
            index = entry / "index.md"
            if index not in listing.markdown_files:
                problems.append(Problem(Location(display(entry)), "a part folder needs an index.md"))
                continue
            for stray in sorted(p for p in listing.children(entry) if p in listing.folders):
                problems.append(
                    Problem(
                        Location(display(stray)),
                        "a folder inside a part is not read; put its files in the part's own folder",
                    )
                )
            loaded = _load_markdown(index, loading)
            if loaded is None:
                continue
            part = Part(*loaded)
            sections = [p for p in listing.children(entry) if p in listing.markdown_files and p != index]
            for section_path in sorted(sections, key=_order_key):
                section = _load_markdown(section_path, loading)
                if section is not None:
                    part.sections.append(Section(*section))
            parts.append(part)
        elif entry in listing.markdown_files:
            loaded = _load_markdown(entry, loading)
            if loaded is not None:
                parts.append(Part(*loaded))
    return parts


def _load_markdown(path: Path, loading: _Loading) -> tuple[FrontMatter, Prose] | None:
    source = loading.read(path)
    if source is None:
        return None
    shown, problems = source.shown, loading.problems
    split = split_front_matter(source.text)
    if not isinstance(split, SplitMarkdown):
        problems.append(Problem(Location(shown, 1), split))
        return None
    doc, found = parse_yaml_text(split.front, shown, first_line=split.front_first_line)
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
    if not _register(meta.id, Location(shown, 2), loading.locations, problems):
        return None
    return meta, Prose(split.body, shown, split.body_first_line)

"""Parts typeset on their own, merged into the one PDF the whole report would have been.

The merged file has the front matter's catalogue (language, metadata, viewer preferences)
and, in reading order, every part's pages; one structure tree whose document holds the
front matter's elements and one /Part with every part's sections, as the whole report's
has; one parent tree with each part's keys moved past the ones before it; every part's
bookmarks and named destinations; links between parts turned back into internal links; and
page numbers laid over each page as pagination artifacts, from a document that holds only
them. Saved deterministically, so the same parts give the same bytes, in whatever order
they were added.
"""

from __future__ import annotations

import warnings
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, Pdf, String

from inspection_report.pdf_parts import LINK_PLACEHOLDER


class PartMerger:
    """The merged PDF, built while the report is laid out: each part is added when its layout
    is done, in whatever order the layouts end, and the front matter (laid out last, once
    every part's page numbers are known) and the page numbers when all is done. The merge's
    work is then done while the layouts run, not after them. Whatever the order the parts
    came in, the result is the same, to the byte: pages and structure go in reading order,
    and the parent tree's keys are given out in that order at the end."""

    def __init__(self, parts: int) -> None:
        self.pdf = Pdf.new()
        self._parts: list[_Added | None] = [None] * parts

    def __enter__(self) -> PartMerger:
        return self

    def __exit__(self, *exception: object) -> None:
        self.pdf.close()

    def add(self, index: int, path: Path) -> None:
        """Copy part `index`'s pages, structure, bookmarks and destinations in."""
        with Pdf.open(path) as source:
            position = sum(added.pages for added in self._parts[:index] if added is not None)
            pages = _insert_pages(self.pdf, source, position)
            tree = source.Root.StructTreeRoot
            numbers = list(tree.ParentTree.Nums)
            document = tree.K[0] if isinstance(tree.K, Array) else tree.K
            self._parts[index] = _Added(
                len(pages),
                _keys(pages),
                [
                    (int(numbers[at]), _copy(self.pdf, source, numbers[at + 1]))
                    for at in range(0, len(numbers), 2)
                ],
                int(tree.ParentTreeNextKey),
                [_copy(self.pdf, source, kid) for kid in _kids(document)],
                [_copy(self.pdf, source, item) for item in _outline_items(source)],
                _destinations(self.pdf, source),
            )

    def finish(self, front: Path, numbers: list[Path], target: Path) -> None:
        """Write `target`: the front matter's pages, then every part's, with the pages of the
        `numbers` documents, one after another, laid over them."""
        parts = [added for added in self._parts if added is not None]
        if len(parts) != len(self._parts):
            raise ValueError("the PDF cannot be finished before every part is added")
        merged = self.pdf
        with Pdf.open(front) as source:
            _insert_pages(merged, source, 0)
            for key in _CATALOGUE:
                if key in source.Root:
                    merged.Root[key] = _copy(merged, source, source.Root[key])
            if "/Info" in source.trailer:
                merged.trailer.Info = _copy(merged, source, source.trailer.Info)
            tree = merged.Root.StructTreeRoot
            outline = [_copy(merged, source, item) for item in _outline_items(source)]
            destinations = _destinations(merged, source)
            version = source.pdf_version
        document = tree.K[0] if isinstance(tree.K, Array) else tree.K
        part = [_main_part(document)]
        nums = list(tree.ParentTree.Nums)
        next_key = int(tree.ParentTreeNextKey)
        for added in parts:
            next_key = added.join(document, part, nums, next_key)
            outline += added.outline
            for name, destination in added.destinations.items():
                destinations.setdefault(name, destination)
        tree.ParentTree = merged.make_indirect(Dictionary(Nums=Array(nums)))
        tree.ParentTreeNextKey = next_key
        _write_outline(merged, outline)
        _write_destinations(merged, destinations)
        _resolve_links(merged)
        with ExitStack() as opened:
            numberings = [opened.enter_context(Pdf.open(path)) for path in numbers]
            _lay_numbers(merged, [page for numbering in numberings for page in numbering.pages])
        merged.save(target, deterministic_id=True, compress_streams=True, min_version=version)


# What the merged file's catalogue takes from the front matter's (the pages, structure,
# bookmarks and destinations are put together from every part).
_CATALOGUE = ("/Lang", "/MarkInfo", "/Metadata", "/ViewerPreferences", "/StructTreeRoot")


@dataclass
class _Added:
    """A part copied in, waiting for its place in the structure and its parent-tree keys."""

    pages: int
    keys: list[tuple[Any, int]]
    """Each page and annotation that holds a parent-tree key, with the part's own key."""
    numbers: list[tuple[int, Any]]
    next_key: int
    kids: list[Any]
    outline: list[Any]
    destinations: dict[str, Any]

    def join(self, document: Any, part: list[Any], nums: list[Any], offset: int) -> int:
        """Give the part its keys from `offset` and its structure a place under `document`
        (its sections join the report's /Part); returns the next key."""
        for holder, key in self.keys:
            if "/StructParents" in holder:
                holder.StructParents = key + offset
            else:
                holder.StructParent = key + offset
        for key, value in self.numbers:
            nums.append(key + offset)
            nums.append(value)
        for kid in self.kids:
            if part[0] is not None and kid.get("/S") == "/Part":
                for inner in _kids(kid):
                    inner.P = part[0]
                    part[0].K.append(inner)
            else:
                if kid.get("/S") == "/Part":
                    part[0] = kid
                kid.P = document
                document.K.append(kid)
        return offset + self.next_key


def _insert_pages(merged: Pdf, source: Pdf, position: int) -> list[Any]:
    """Copy `source`'s pages into `merged` from page `position` on; returns the copies."""
    with warnings.catch_warnings():
        # pikepdf warns that copied pages lose their named destinations; they are carried
        # over with the bookmarks and links that use them (`_destinations`).
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)  # type: ignore[attr-defined]
        for offset, page in enumerate(source.pages):
            merged.pages.insert(position + offset, page)
    return [merged.pages[position + offset].obj for offset in range(len(source.pages))]


def _destinations(merged: Pdf, source: Pdf) -> dict[str, Any]:
    """`source`'s named destinations, copied into `merged`."""
    if "/Names" not in source.Root or "/Dests" not in source.Root.Names:
        return {}
    return {name: _copy(merged, source, target) for name, target in NameTree(source.Root.Names.Dests).items()}


def _keys(pages: list[Any]) -> list[tuple[Any, int]]:
    keys = []
    for page in pages:
        if "/StructParents" in page:
            keys.append((page, int(page.StructParents)))
        for annotation in page.get("/Annots", []):
            if "/StructParent" in annotation:
                keys.append((annotation, int(annotation.StructParent)))
    return keys


def _main_part(document: Any) -> Any:
    """The /Part that <main> became in the front matter (if it holds notices): every part's
    sections join it, or the first part's, so the report has one /Part as a whole flow has."""
    kids = document.K if isinstance(document.K, Array) else [document.K]
    return next((kid for kid in kids if isinstance(kid, Dictionary) and kid.get("/S") == "/Part"), None)


def _copy(merged: Pdf, source: Pdf, obj: Any) -> Any:
    """An object of `source` in `merged`; objects written inline are made indirect first,
    since only indirect objects can be carried between files."""
    if isinstance(obj, int | float | str | Name | String) or obj is None:
        return obj
    if not obj.is_indirect:
        obj = source.make_indirect(obj)
    return merged.copy_foreign(obj)


def _kids(element: Any) -> list[Any]:
    kids = element.get("/K")
    if kids is None:
        return []
    return [kid for kid in (kids if isinstance(kids, Array) else [kids]) if isinstance(kid, Dictionary)]


def _outline_items(pdf: Pdf) -> list[Any]:
    """The top-level bookmarks, in order."""
    outlines = pdf.Root.get("/Outlines")
    items = []
    item = outlines.get("/First") if outlines is not None else None
    while item is not None:
        items.append(item)
        item = item.get("/Next")
    return items


def _write_outline(merged: Pdf, items: list[Any]) -> None:
    if not items:
        return
    root = merged.make_indirect(Dictionary(Type=Name.Outlines))
    count = 0
    for index, item in enumerate(items):
        item.Parent = root
        for key in ("/Prev", "/Next"):
            if key in item:
                del item[key]
        if index:
            item.Prev = items[index - 1]
            items[index - 1].Next = item
        count += 1 + max(int(item.get("/Count", 0)), 0)
    root.First, root.Last, root.Count = items[0], items[-1], count
    merged.Root.Outlines = root


def _write_destinations(merged: Pdf, destinations: dict[str, Any]) -> None:
    if not destinations:
        return
    tree = NameTree.new(merged)
    for name in sorted(destinations):
        tree[name] = destinations[name]
    if "/Names" not in merged.Root:
        merged.Root.Names = Dictionary()
    merged.Root.Names.Dests = tree.obj


def _resolve_links(merged: Pdf) -> None:
    """Links that pointed at another part while it was typeset alone go to it again."""
    for page in merged.pages:
        for annotation in page.obj.get("/Annots", []):
            action = annotation.get("/A")
            uri = str(action.get("/URI", "")) if action is not None else ""
            if uri.startswith(LINK_PLACEHOLDER):
                del annotation["/A"]
                annotation.Dest = String(uri.removeprefix(LINK_PLACEHOLDER))


def _lay_numbers(merged: Pdf, numbered_pages: list[Any]) -> None:
    """Each page's number, drawn by the numbers documents, laid over it as a pagination
    artifact."""
    for index, (page, numbered) in enumerate(zip(merged.pages, numbered_pages, strict=True)):
        form = merged.copy_foreign(numbered.as_form_xobject())
        name = Name(f"/PageNumber{index + 1}")
        if "/Resources" not in page.obj:
            page.obj.Resources = Dictionary()
        resources = page.obj.Resources
        if "/XObject" not in resources:
            resources.XObject = Dictionary()
        # Pages of one part share their resources, so each page's number has a name of its own.
        resources.XObject[name] = form
        stream = f"q /Artifact <</Type /Pagination /Subtype /PageNum>> BDC {name} Do EMC Q\n".encode()
        page.contents_add(pikepdf.Stream(merged, b"q\n"), prepend=True)
        page.contents_add(pikepdf.Stream(merged, b"Q\n" + stream), prepend=False)

"""Parts typeset on their own, merged into the one PDF the whole report would have been.

The merged file has the front matter's catalogue (language, metadata, viewer preferences)
and, in reading order, every part's pages; one structure tree whose document holds the
front matter's elements and one /Part with every part's sections, as the whole report's
has, an element cut between two pieces of a part being one element again; one parent tree
with each part's keys moved past the ones before it; every part's bookmarks, nested by
their levels, and named destinations; links between parts turned back into internal links;
and page numbers laid over each page as pagination artifacts, from a document that holds
only them. Saved deterministically, so the same parts give the same bytes, in whatever
order they were added.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from contextlib import ExitStack
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, Pdf, String

from inspection_report.pdf_parts import LINK_PLACEHOLDER

Bookmark = tuple[int, bool]
"""A bookmark's level (its CSS bookmark-level) and whether it is open."""


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

    def add(self, index: int, path: Path, bookmarks: Sequence[Bookmark]) -> None:
        """Copy part `index`'s pages, structure, bookmarks (whose levels and states its
        layout gave) and destinations in."""
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
                _bookmarks(self.pdf, source, bookmarks),
                _destinations(self.pdf, source),
            )

    def finish(self, front: Path, bookmarks: Sequence[Bookmark], numbers: list[Path], target: Path) -> None:
        """Write `target`: the front matter's pages (with `bookmarks`, as for `add`), then
        every part's, with the pages of the `numbers` documents, one after another, laid
        over them."""
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
            outline = _bookmarks(merged, source, bookmarks)
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
    outline: list[tuple[Bookmark, Any]]
    destinations: dict[str, Any]

    def join(self, document: Any, part: list[Any], nums: list[Any], offset: int) -> int:
        """Give the part its keys from `offset` and its structure a place under `document`
        (its sections join the report's /Part, and an element the part continues from the
        one before joins its first half); returns the next key."""
        for holder, key in self.keys:
            if "/StructParents" in holder:
                holder.StructParents = key + offset
            else:
                holder.StructParent = key + offset
        joined: dict[tuple[int, int], Any] = {}
        for kid in self.kids:
            if part[0] is not None and kid.get("/S") == "/Part":
                for inner in _kids(kid):
                    if _cut_at(inner, "start"):
                        _join_halves(_last_half(part[0]), inner, joined)
                        continue
                    inner.P = part[0]
                    part[0].K.append(inner)
            else:
                if kid.get("/S") == "/Part":
                    part[0] = kid
                kid.P = document
                document.K.append(kid)
        for key, value in self.numbers:
            nums.append(key + offset)
            nums.append(_redirected(value, joined))
        return offset + self.next_key


def _cut_at(element: Any, side: str) -> bool:
    """Whether `element` is a half of one cut between two documents (`pdf_parts`) that lost
    its `side` ("start" or "end") to the other."""
    return side in str(element.get("/Cut", "")).split()


def _last_half(element: Any) -> Any:
    """The last element under `element` whose end was cut away: the first half of the
    element the next document continues."""
    return next((kid for kid in reversed(_kids(element)) if _cut_at(kid, "end")), None)


def _join_halves(first: Any, second: Any, joined: dict[tuple[int, int], Any]) -> None:
    """Make `second`, the rest of an element cut between two documents, one element with
    `first`: its content and elements are moved into `first`, and the elements it continues
    in turn (the first of its kids, when cut too) join theirs. `joined` records where each
    second half went, for the parent tree."""
    if first is None or first.get("/S") != second.get("/S"):
        raise ValueError("an element cut between two documents has no first half to join")
    kids = first.get("/K")
    moved = Array(kids if isinstance(kids, Array) else [] if kids is None else [kids])
    rest = second.get("/K")
    for kid in rest if isinstance(rest, Array) else [] if rest is None else [rest]:
        if isinstance(kid, Dictionary) and _cut_at(kid, "start"):
            _join_halves(_last_half(first), kid, joined)
            continue
        if isinstance(kid, int):
            # A marked-content id alone belongs to its element's page, which `first` does
            # not share.
            kid = Dictionary(Type=Name.MCR, Pg=second.Pg, MCID=kid)
        elif "/S" in kid:
            kid.P = first
        moved.append(kid)
    first.K = moved
    sides = [side for side in str(first.get("/Cut", "")).split() if side != "end"]
    sides += ["end"] if _cut_at(second, "end") else []
    if sides:
        first.Cut = String(" ".join(sides))
    elif "/Cut" in first:
        del first["/Cut"]
    joined[second.objgen] = first


def _redirected(value: Any, joined: dict[tuple[int, int], Any]) -> Any:
    """A parent-tree entry with each element that joined another replaced by that one."""
    if isinstance(value, Array):
        for index, item in enumerate(value):
            if isinstance(item, Dictionary) and item.objgen in joined:
                value[index] = joined[item.objgen]
        return value
    if isinstance(value, Dictionary) and value.objgen in joined:
        return joined[value.objgen]
    return value


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


def _bookmarks(merged: Pdf, source: Pdf, bookmarks: Sequence[Bookmark]) -> list[tuple[Bookmark, Any]]:
    """`source`'s bookmarks in reading order, each copied into `merged` on its own (title,
    target) with its level and state: the merged outline is built again from all of them,
    as one flow's would be, so a part that starts inside another's section nests under it."""
    items: list[Any] = []

    def walk(item: Any) -> None:
        while item is not None:
            items.append(item)
            walk(item.get("/First"))
            item = item.get("/Next")

    outlines = source.Root.get("/Outlines")
    walk(outlines.get("/First") if outlines is not None else None)
    if len(items) != len(bookmarks):
        raise ValueError(f"the PDF has {len(items)} bookmarks where its layout gave {len(bookmarks)}")
    copies = [
        merged.make_indirect(
            Dictionary(
                {key: _copy(merged, source, value) for key, value in item.items() if key not in _TREE_KEYS}
            )
        )
        for item in items
    ]
    return list(zip(bookmarks, copies, strict=True))


# An outline item's place in its tree, made again by `_write_outline`.
_TREE_KEYS = frozenset({"/Parent", "/First", "/Last", "/Next", "/Prev", "/Count"})


def _outline_tree(bookmarks: list[tuple[Bookmark, Any]]) -> list[tuple[Any, bool, list[Any]]]:
    """The bookmarks nested by level as WeasyPrint nests them: each under the last one of a
    lower level, a level skipped (an h2 followed by an h4) making no empty item."""
    root: list[tuple[Any, bool, list[Any]]] = []
    last_by_depth = [root]
    skipped: list[int] = []
    previous = 0
    for (level, is_open), item in bookmarks:
        if level > previous:
            skipped.append(level - previous - 1)
        else:
            reached = level
            while reached < previous:
                reached += 1 + skipped.pop()
            if reached > previous:
                skipped.append(reached - previous - 1)
        previous = level
        depth = level - sum(skipped)
        children: list[tuple[Any, bool, list[Any]]] = []
        last_by_depth[depth - 1].append((item, is_open, children))
        del last_by_depth[depth:]
        last_by_depth.append(children)
    return root


def _write_outline(merged: Pdf, bookmarks: list[tuple[Bookmark, Any]]) -> None:
    if not bookmarks:
        return

    def link(nodes: list[tuple[Any, bool, list[Any]]], parent: Any) -> int:
        """Chain `nodes` under `parent`; returns how many items they show open, as /Count."""
        shown = len(nodes)
        for index, (item, is_open, children) in enumerate(nodes):
            item.Parent = parent
            if index:
                item.Prev = nodes[index - 1][0]
                nodes[index - 1][0].Next = item
            below = link(children, item)
            item.Count = below if is_open else -below
            if children:
                item.First, item.Last = children[0][0], children[-1][0]
            if is_open:
                shown += below
        return shown

    root = merged.make_indirect(Dictionary(Type=Name.Outlines))
    tree = _outline_tree(bookmarks)
    root.Count = link(tree, root)
    root.First, root.Last = tree[0][0], tree[-1][0]
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

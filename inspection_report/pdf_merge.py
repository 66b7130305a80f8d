"""Parts typeset on their own, merged into the one PDF the whole report would have been.

The merged file has the front matter's catalogue (language, metadata, viewer preferences)
and, in reading order, every part's pages; one structure tree whose document holds the
front matter's elements and one /Part with every part's sections, as the whole report's
has; one parent tree with each part's keys moved past the ones before it; every part's
bookmarks and named destinations; links between parts turned back into internal links; and
page numbers laid over each page as pagination artifacts, from a document that holds only
them. Saved deterministically, so the same parts give the same bytes.
"""

from __future__ import annotations

import warnings
from contextlib import ExitStack
from pathlib import Path
from typing import Any

import pikepdf
from pikepdf import Array, Dictionary, Name, NameTree, Pdf, String

from inspection_report.pdf_parts import LINK_PLACEHOLDER


def merge_parts(front: Path, parts: list[Path], numbers: list[Path], target: Path) -> None:
    """Write `target`: `front`'s pages then each part's, with the pages of the `numbers`
    documents, one after another, laid over them."""
    with Pdf.open(front) as merged:
        tree = merged.Root.StructTreeRoot
        document = tree.K[0] if isinstance(tree.K, Array) else tree.K
        part = [_main_part(document)]
        nums = list(tree.ParentTree.Nums)
        next_key = int(tree.ParentTreeNextKey)
        outline = _outline_items(merged)
        destinations = dict(NameTree(merged.Root.Names.Dests).items()) if "/Names" in merged.Root else {}
        sources = [Pdf.open(path) for path in parts]
        try:
            for source in sources:
                next_key = _append(merged, source, part, document, nums, next_key, outline, destinations)
        finally:
            for source in sources:
                source.close()
        tree.ParentTree = merged.make_indirect(Dictionary(Nums=Array(nums)))
        tree.ParentTreeNextKey = next_key
        _write_outline(merged, outline)
        _write_destinations(merged, destinations)
        _resolve_links(merged)
        with ExitStack() as opened:
            numberings = [opened.enter_context(Pdf.open(path)) for path in numbers]
            _lay_numbers(merged, [page for numbering in numberings for page in numbering.pages])
        merged.save(target, deterministic_id=True, compress_streams=True)


def _main_part(document: Any) -> Any:
    """The /Part that <main> became in the front matter (if it holds notices): every part's
    sections join it, or the first part's, so the report has one /Part as a whole flow has."""
    kids = document.K if isinstance(document.K, Array) else [document.K]
    return next((kid for kid in kids if isinstance(kid, Dictionary) and kid.get("/S") == "/Part"), None)


def _append(
    merged: Pdf,
    source: Pdf,
    part: list[Any],
    document: Any,
    nums: list[Any],
    next_key: int,
    outline: list[Any],
    destinations: dict[str, Any],
) -> int:
    """Add a part's pages and everything that refers to them; returns the next parent key."""
    offset = next_key
    first_page = len(merged.pages)
    with warnings.catch_warnings():
        # pikepdf warns that copied pages lose their named destinations; they are carried
        # over below, with the bookmarks and links that use them.
        warnings.simplefilter("ignore", pikepdf.PageCopyWarning)  # type: ignore[attr-defined]
        merged.pages.extend(source.pages)
    for page in merged.pages[first_page:]:
        if "/StructParents" in page.obj:
            page.obj.StructParents = int(page.obj.StructParents) + offset
        for annotation in page.obj.get("/Annots", []):
            if "/StructParent" in annotation:
                annotation.StructParent = int(annotation.StructParent) + offset
    tree = source.Root.StructTreeRoot
    source_nums = list(tree.ParentTree.Nums)
    for index in range(0, len(source_nums), 2):
        nums.append(int(source_nums[index]) + offset)
        nums.append(_copy(merged, source, source_nums[index + 1]))
    source_document = tree.K[0] if isinstance(tree.K, Array) else tree.K
    for kid in _kids(source_document):
        copied = _copy(merged, source, kid)
        if part[0] is not None and copied.get("/S") == "/Part":
            for inner in _kids(copied):
                inner.P = part[0]
                part[0].K.append(inner)
        else:
            if copied.get("/S") == "/Part":
                part[0] = copied
            copied.P = document
            document.K.append(copied)
    outline += [_copy(merged, source, item) for item in _outline_items(source)]
    if "/Names" in source.Root and "/Dests" in source.Root.Names:
        for name, destination in NameTree(source.Root.Names.Dests).items():
            destinations.setdefault(name, _copy(merged, source, destination))
    return offset + int(tree.ParentTreeNextKey)


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

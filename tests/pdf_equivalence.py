"""Two PDFs of one report compared as a reader and a screen reader meet them: page count,
the text of every page, bookmarks (title, level and target page), every link's target
page, and the structure tree (each element's role, depth, alternative text, language and
how many pieces of content it holds). Used to show that the part-by-part PDF is the one
the whole flow gives."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pikepdf


def page_texts(pdf: Path) -> list[str]:
    text = subprocess.run(["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True).stdout
    return [" ".join(page.split()) for page in text.split("\f")]


def outline(pdf: Path) -> list[tuple[int, str, int | None]]:
    found: list[tuple[int, str, int | None]] = []
    with pikepdf.open(pdf) as document, document.open_outline() as tree:

        def walk(items, level: int) -> None:
            for item in items:
                destination = item.destination
                page = pikepdf.Page(destination[0]).index if isinstance(destination, pikepdf.Array) else None
                found.append((level, item.title, page))
                walk(item.children, level + 1)

        walk(tree.root, 0)
    return found


def links(pdf: Path) -> list[tuple[int, str, int | None, str]]:
    """(page, target, target page, description) of every link, in page order."""
    found = []
    with pikepdf.open(pdf) as document:
        names = pikepdf.NameTree(document.Root.Names.Dests) if "/Names" in document.Root else {}
        for number, page in enumerate(document.pages):
            for annotation in page.obj.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                description = str(annotation.get("/Contents", ""))
                if "/Dest" in annotation:
                    target = names.get(str(annotation.Dest))
                    target_page = pikepdf.Page(target[0]).index if target is not None else None
                    found.append((number, str(annotation.Dest), target_page, description))
                else:
                    found.append((number, str(annotation.A.get("/URI", "")), None, description))
    return found


def structure(pdf: Path) -> list[tuple[int, str, int, str, str]]:
    """Every structure element in reading order: (depth, role, pieces of content, /Alt,
    /Lang). An element split in two, or content given to another element, shows here."""
    found: list[tuple[int, str, int, str, str]] = []

    def walk(element: pikepdf.Dictionary, depth: int) -> None:
        kids = element.get("/K")
        kids = [] if kids is None else list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        content = sum(
            1
            for kid in kids
            if isinstance(kid, int)
            or (isinstance(kid, pikepdf.Dictionary) and kid.get("/Type") in ("/MCR", "/OBJR"))
        )
        found.append(
            (depth, str(element.S), content, str(element.get("/Alt", "")), str(element.get("/Lang", "")))
        )
        for kid in kids:
            if isinstance(kid, pikepdf.Dictionary) and "/S" in kid:
                walk(kid, depth + 1)

    with pikepdf.open(pdf) as document:
        top = document.Root.StructTreeRoot.K
        for element in top if isinstance(top, pikepdf.Array) else [top]:
            walk(element, 0)
    return found


def differences(first: Path, second: Path) -> list[str]:
    """What differs between two PDFs, as sentences; empty when they are equivalent."""
    found = []
    a, b = page_texts(first), page_texts(second)
    if len(a) != len(b):
        found.append(f"{len(a)} pages against {len(b)}")
    found += [f"page {n + 1} reads differently" for n, (x, y) in enumerate(zip(a, b, strict=False)) if x != y]
    if outline(first) != outline(second):
        found.append("the bookmarks differ")
    if links(first) != links(second):
        found.append("the links differ")
    if structure(first) != structure(second):
        found.append("the structure trees differ")
    return found

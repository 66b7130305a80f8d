"""A PDF's structure read back as an auditor reads it, and the Matterhorn Protocol's
machine-checkable conditions that apply to these reports, each a function that lists what
fails.

The structure tree is walked with pikepdf; the text of each marked-content sequence is read
with pypdf, so the two libraries check each other. Conditions, by Matterhorn checkpoint:
content is tagged or artifact and reached from the root (01-005, 01-007); annotations sit in
/Link elements and describe themselves (28-010, 28-011); header cells have a scope (15-003);
tables and lists are built from the elements they may hold (09-004 to 09-007); notes are
/Note (19-003 in substance); figures have alternative text (13-004); headings do not skip
levels (14-003); fonts are embedded with ToUnicode (31-009, 31-027); the document declares
its language, title, DisplayDocTitle and PDF/UA identifier (06-002, 06-003, 07-001, 11-001).
"""

from __future__ import annotations

import html
import re
import subprocess
import unicodedata
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise
from pathlib import Path

import pikepdf
import pypdf


@dataclass(eq=False)
class Element:
    role: str
    obj: pikepdf.Dictionary
    parent: Element | None
    kids: list[Element] = field(default_factory=list)
    content: list[tuple[int, int]] = field(default_factory=list)
    """Marked content in this element's /K, as (page index, MCID), in order."""
    annotations: list[pikepdf.Dictionary] = field(default_factory=list)

    def walk(self):
        yield self
        for kid in self.kids:
            yield from kid.walk()

    def reading(self):
        """Every (page, MCID) under this element, in the order a reader meets them."""
        for item in self.order:
            if isinstance(item, Element):
                yield from item.reading()
            else:
                yield item

    order: list = field(default_factory=list)


@dataclass(frozen=True)
class Marked:
    """A marked-content sequence in a page's content: a tagged one has an MCID."""

    page: int
    mcid: int | None
    artifact: bool
    text: str
    top: float | None = None
    """Where its first text stands, in points from the top of the page."""


class TaggedPdf:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.pdf = pikepdf.open(path)
        self.page_index = {page.objgen: index for index, page in enumerate(self.pdf.pages)}
        self.root = self._read_tree()

    # Reading --------------------------------------------------------------------------
    def _read_tree(self) -> Element:
        tree = self.pdf.Root.get("/StructTreeRoot")
        root = Element("StructTreeRoot", tree if tree is not None else pikepdf.Dictionary(), None)
        if tree is not None:
            self._read_kids(root, tree.get("/K"), None)
        return root

    def _page_of(self, obj) -> int | None:
        page = obj.get("/Pg") if isinstance(obj, pikepdf.Dictionary) else None
        return self.page_index.get(page.objgen) if page is not None else None

    def _read_kids(self, element: Element, kids, page: int | None) -> None:
        if kids is None:
            return
        items = list(kids) if isinstance(kids, pikepdf.Array) else [kids]
        for item in items:
            if isinstance(item, int) and not isinstance(item, bool):
                element.content.append((page, int(item)))
                element.order.append((page, int(item)))
            elif isinstance(item, pikepdf.Dictionary):
                kind = item.get("/Type")
                if kind == "/MCR":
                    entry = (self._page_of(item) if "/Pg" in item else page, int(item.MCID))
                    element.content.append(entry)
                    element.order.append(entry)
                elif kind == "/OBJR":
                    element.annotations.append(item.Obj)
                else:
                    child = Element(str(item.get("/S", "/?"))[1:], item, element)
                    element.kids.append(child)
                    element.order.append(child)
                    own = self._page_of(item)
                    self._read_kids(child, item.get("/K"), own if own is not None else page)

    @cached_property
    def elements(self) -> list[Element]:
        return [e for e in self.root.walk() if e is not self.root]

    @cached_property
    def marked(self) -> list[Marked]:
        """Every marked-content sequence of every page, in content order, with its text; and
        text shown outside any sequence, as untagged (mcid None, not artifact)."""
        found: list[Marked] = []
        reader = pypdf.PdfReader(self.path)
        for number, page in enumerate(reader.pages):
            height = float(page.mediabox.height)
            stack: list[tuple[int | None, bool]] = []
            texts: dict[int, list[str]] = {}
            tops: dict[int, float] = {}
            order: list[tuple[int | None, bool, int]] = []

            def before(operator, operands, cm, tm, stack=stack, order=order, texts=texts):
                if operator in (b"BDC", b"BMC"):
                    tag = str(operands[0]) if operands else ""
                    mcid = operands[1].get("/MCID") if operator == b"BDC" and len(operands) > 1 else None
                    stack.append((int(mcid) if mcid is not None else None, tag == "/Artifact"))
                    key = len(order)
                    order.append((stack[-1][0], stack[-1][1], key))
                    texts[key] = []
                elif operator == b"EMC" and stack:
                    stack.pop()

            def text(
                value, cm, tm, font, size, stack=stack, order=order, texts=texts, tops=tops, height=height
            ):
                if not value.strip():
                    return
                if not stack:
                    order.append((None, False, len(order)))
                    texts[len(order) - 1] = []
                key = order[-1][2]
                texts[key].append(value)
                tops.setdefault(key, height - (tm[4] * cm[1] + tm[5] * cm[3] + cm[5]))

            page.extract_text(visitor_operand_before=before, visitor_text=text)
            found += [
                Marked(number, mcid, artifact, "".join(texts[key]), tops.get(key))
                for mcid, artifact, key in order
            ]
        return found

    @cached_property
    def text_of(self) -> dict[tuple[int, int], str]:
        return {(m.page, m.mcid): m.text for m in self.marked if m.mcid is not None}

    # Conditions -----------------------------------------------------------------------
    def untagged_content(self) -> list[str]:
        """01-005: content that is neither an artifact nor reached from the structure root."""
        reached = {item for e in self.elements for item in e.content}
        problems = []
        for mark in self.marked:
            if mark.artifact:
                continue
            if mark.mcid is None and mark.text.strip():
                problems.append(f"page {mark.page + 1}: text outside any marked content: {mark.text[:40]!r}")
            elif mark.mcid is not None and (mark.page, mark.mcid) not in reached:
                problems.append(
                    f"page {mark.page + 1}: MCID {mark.mcid} is reached by no structure element "
                    f"({mark.text[:40]!r})"
                )
        return problems

    def links(self) -> list[str]:
        """28-011 and 28-010: every link annotation is in a /Link element and says what it is."""
        in_links = {a.objgen for e in self.elements if e.role == "Link" for a in e.annotations}
        problems = [
            "a /Link inside a /Link"
            for e in self.elements
            if e.role == "Link" and any(k.role == "Link" for k in e.walk() if k is not e)
        ]
        for number, page in enumerate(self.pdf.pages):
            for annotation in page.get("/Annots", []):
                if annotation.get("/Subtype") != "/Link":
                    continue
                if annotation.objgen not in in_links:
                    problems.append(f"page {number + 1}: a link annotation is not inside a /Link element")
                if not str(annotation.get("/Contents", "")).strip():
                    problems.append(f"page {number + 1}: a link annotation has no /Contents")
        return problems

    def table_headers(self) -> list[str]:
        """15-003: every header cell says which cells it heads."""
        problems = []
        for element in self.elements:
            if element.role == "TH":
                attributes = element.obj.get("/A")
                items = list(attributes) if isinstance(attributes, pikepdf.Array) else [attributes]
                if not any(isinstance(a, pikepdf.Dictionary) and "/Scope" in a for a in items):
                    problems.append("a /TH has no /Scope")
        return problems

    def tables(self) -> list[str]:
        """09-004: tables hold rows (maybe grouped) and a caption; rows hold cells; a table
        broken by a page is still one table (no table that holds only its caption)."""
        allowed = {
            "Table": {"THead", "TBody", "TFoot", "TR", "Caption"},
            "THead": {"TR"},
            "TBody": {"TR"},
            "TFoot": {"TR"},
            "TR": {"TH", "TD"},
        }
        parents = {"TR": {"Table", "THead", "TBody", "TFoot"}, "TH": {"TR"}, "TD": {"TR"}}
        problems = self._tables_broken_in_two()
        for element in self.elements:
            for kid in element.kids:
                if element.role in allowed and kid.role not in allowed[element.role]:
                    problems.append(f"/{element.role} holds /{kid.role}")
            if element.role in parents and (
                element.parent is None or element.parent.role not in parents[element.role]
            ):
                problems.append(f"/{element.role} is not inside a table row structure")
            if element.role == "Table" and all(kid.role == "Caption" for kid in element.kids):
                problems.append("a /Table holds only a caption (a table broken in two)")

        return problems

    def _tables_broken_in_two(self) -> list[str]:
        """A /Table without a caption that a reader meets straight after the last cell of
        another table is that table's continuation, tagged as a table of its own."""
        owner: dict[tuple[int, int], Element] = {}
        for table in (e for e in self.elements if e.role == "Table"):
            for item in table.reading():
                owner[item] = table
        reading = list(self.root.reading())
        problems = []
        for before, after in pairwise(reading):
            first, second = owner.get(before), owner.get(after)
            if (
                first is not None
                and second is not None
                and first is not second
                and not any(kid.role == "Caption" for kid in second.kids)
            ):
                problems.append(f"a table continues on page {after[0] + 1} as a /Table of its own")
        return problems

    def lists(self) -> list[str]:
        """09-005 to 09-007: lists hold items, items hold a label and a body."""
        problems = []
        for element in self.elements:
            if element.role == "L":
                problems += [
                    f"/L holds /{k.role}" for k in element.kids if k.role not in {"LI", "L", "Caption"}
                ]
                if element.content:
                    problems.append("/L holds content directly")
            if element.role == "LI":
                problems += [f"/LI holds /{k.role}" for k in element.kids if k.role not in {"Lbl", "LBody"}]
                if element.content:
                    problems.append("/LI holds content directly")
            if element.role in {"LI"} and (element.parent is None or element.parent.role != "L"):
                problems.append("/LI outside a list")
            if element.role in {"Lbl", "LBody"} and (element.parent is None or element.parent.role != "LI"):
                problems.append(f"/{element.role} outside a list item")
        return problems

    def figures(self) -> list[str]:
        """13-004: every figure has alternative text."""
        return [
            "a /Figure has no /Alt"
            for e in self.elements
            if e.role == "Figure" and not str(e.obj.get("/Alt", "")).strip()
        ]

    def headings(self) -> list[str]:
        """14-002 and 14-003: numbered headings start at H1 and never skip a level going down."""
        levels = [int(e.role[1]) for e in self.elements if re.fullmatch(r"H[1-6]", e.role)]
        problems = []
        if levels and levels[0] != 1:
            problems.append(f"the first heading is H{levels[0]}, not H1")
        for before, after in pairwise(levels):
            if after > before + 1:
                problems.append(f"H{before} is followed by H{after}")
        problems += [
            f"an empty /{e.role}" for e in self.elements if e.role.startswith("H") and not list(e.reading())
        ]
        return problems

    def fonts(self) -> list[str]:
        """31-009 and 31-027: every font is embedded and maps its glyphs to Unicode."""
        problems: list[str] = []
        seen: set = set()
        for page in self.pdf.pages:
            self._fonts_in(page.get("/Resources"), problems, seen)
        return problems

    def _fonts_in(self, resources, problems: list[str], seen: set) -> None:
        if not isinstance(resources, pikepdf.Dictionary) or (
            resources.objgen in seen and resources.objgen != (0, 0)
        ):
            return
        seen.add(resources.objgen)
        for name, font in dict(resources.get("/Font", {})).items():
            descriptor = font.get("/FontDescriptor")
            if font.get("/Subtype") == "/Type0":
                descriptor = font.DescendantFonts[0].get("/FontDescriptor")
            embedded = descriptor is not None and any(
                key in descriptor for key in ("/FontFile", "/FontFile2", "/FontFile3")
            )
            if font.get("/Subtype") != "/Type3" and not embedded:
                problems.append(f"font {name} ({font.get('/BaseFont')}) is not embedded")
            if "/ToUnicode" not in font:
                problems.append(f"font {name} ({font.get('/BaseFont')}) has no ToUnicode map")
        for xobject in dict(resources.get("/XObject", {})).values():
            self._fonts_in(xobject.get("/Resources"), problems, seen)

    def document(self) -> list[str]:
        """06-002, 06-003, 07-001, 11-001: language, title, title shown, PDF/UA identifier."""
        root = self.pdf.Root
        problems = []
        if not str(root.get("/Lang", "")).strip():
            problems.append("the document has no /Lang")
        preferences = root.get("/ViewerPreferences", {})
        if not bool(preferences.get("/DisplayDocTitle", False)):
            problems.append("DisplayDocTitle is not true")
        if not bool(root.get("/MarkInfo", {}).get("/Marked", False)):
            problems.append("MarkInfo /Marked is not true")
        with self.pdf.open_metadata() as xmp:
            if not str(xmp.get("dc:title", "")).strip():
                problems.append("the XMP metadata has no dc:title")
            if str(xmp.get("pdfuaid:part", "")) != "1":
                problems.append("the XMP metadata has no PDF/UA identifier (pdfuaid:part 1)")
        return problems

    def all_conditions(self) -> dict[str, list[str]]:
        return {
            "content tagged or artifact": self.untagged_content(),
            "links": self.links(),
            "table headers": self.table_headers(),
            "tables": self.tables(),
            "lists": self.lists(),
            "figures": self.figures(),
            "headings": self.headings(),
            "fonts": self.fonts(),
            "document": self.document(),
        }

    # Reading order ----------------------------------------------------------------------
    def empty_columns(self) -> list[str]:
        """Table columns whose body cells are all empty: a side with nothing to list should
        have no column at all."""
        problems = []
        for table in (e for e in self.elements if e.role == "Table"):
            rows = [e for e in table.walk() if e.role == "TR"]
            body = [[c for c in row.kids if c.role == "TD"] for row in rows]
            body = [cells for cells in body if cells]
            width = max((len(cells) for cells in body), default=0)
            for column in range(width):
                texts = [
                    "".join(self.text_of.get(i, "") for i in cells[column].reading())
                    for cells in body
                    if column < len(cells)
                ]
                if not any(t.strip() for t in texts):
                    caption = next((k for k in table.kids if k.role == "Caption"), None)
                    name = (
                        "".join(self.text_of.get(i, "") for i in caption.reading()) if caption else "a table"
                    )
                    problems.append(f"column {column + 1} of '{name.strip()}' is empty")
        return problems

    def captions_apart(self) -> list[str]:
        """Captions printed on another page than what they caption: a caption that comes
        first must share a page with the first content after it (a table's first row, a
        chart), one that comes last with the content before it (a quote's speaker)."""
        problems = []
        for element in self.elements:
            kids = [k for k in element.kids if any(True for _ in k.reading())]
            for index, kid in enumerate(kids):
                if kid.role != "Caption":
                    continue
                caption = list(kid.reading())
                if index == 0 and len(kids) > 1:
                    apart = caption[-1][0] != next(kids[1].reading())[0]
                elif index > 0:
                    apart = caption[0][0] != list(kids[index - 1].reading())[-1][0]
                else:
                    apart = False
                if apart:
                    problems.append(f"{element.role} caption '{self.text_of.get(caption[0], '')}' apart")
        return problems

    def punctuation_only_share(self) -> float:
        """Of the tagged text pieces, the share that holds only punctuation (leader dots
        tagged as text, stray marks in elements of their own). A mark read by its actual text
        (the dagger read as "illustrative value") is read as words, so it is not counted."""
        spoken = {item for e in self.elements if "/ActualText" in e.obj for item in e.reading()}
        pieces = [
            m.text
            for m in self.marked
            if m.mcid is not None and m.text.strip() and (m.page, m.mcid) not in spoken
        ]
        punctuation = [p for p in pieces if all(unicodedata.category(c)[0] in "PZ" for c in p.strip())]
        return len(punctuation) / max(len(pieces), 1)

    def structure_text_by_page(self) -> dict[int, str]:
        """Each page's text in structure order, notes and figures left out (a note is read
        after the block that calls it, wherever on the page that is; a figure is read by its
        alternative text), as one run of letters and digits."""
        skipped = {item for e in self.elements if e.role in ("Note", "Figure") for item in e.reading()}
        text: dict[int, list[str]] = {}
        for page, mcid in self.root.reading():
            if (page, mcid) not in skipped:
                text.setdefault(page, []).append(self.text_of.get((page, mcid), ""))
        return {page: _letters(" ".join(parts)) for page, parts in text.items()}

    def body_artifacts(self, body: Callable[[int, float, float], tuple]) -> dict[int, list[str]]:
        """Artifact text inside the page body (a table header repeated on a continuation
        page, leader dots): decoration that a reader of the structure never meets."""
        heights = {number: float(page.mediabox[3]) for number, page in enumerate(self.pdf.pages)}
        widths = {number: float(page.mediabox[2]) for number, page in enumerate(self.pdf.pages)}
        found: dict[int, list[str]] = {}
        for mark in self.marked:
            if not mark.artifact or mark.top is None or not mark.text.strip():
                continue
            _, top, _, bottom = body(mark.page, widths[mark.page], heights[mark.page])
            if top <= mark.top <= bottom:
                found.setdefault(mark.page, []).append(mark.text)
        return found

    def note_texts(self) -> dict[int, list[str]]:
        found: dict[int, list[str]] = {}
        for element in self.elements:
            if element.role == "Note":
                for page, mcid in element.reading():
                    found.setdefault(page, []).append(self.text_of.get((page, mcid), ""))
        return found

    def figure_boxes(self) -> dict[int, list[tuple[float, float, float, float]]]:
        """Each page's figure areas, as (left, bottom, right, top) in PDF points."""
        found: dict[int, list[tuple[float, float, float, float]]] = {}
        for element in self.elements:
            if element.role != "Figure" or "/A" not in element.obj:
                continue
            box = element.obj.A.get("/BBox")
            pages = {page for page, _ in element.reading()}
            for page in pages:
                found.setdefault(page, []).append(tuple(float(v) for v in box))  # type: ignore[arg-type]
        return found

    def reading_order_differences(
        self, body: Callable[[int, float, float], tuple]
    ) -> dict[int, tuple[str, str]]:
        """Pages where the structure's text differs from pdftotext's reading of the page body
        (furniture, figures and footnotes left out). `body(page, width, height)` gives the
        body's (left, top, right, bottom) in points from the top left."""
        expected = pdftotext_body_text(
            self.path, body, self.figure_boxes(), self.note_texts(), self.body_artifacts(body)
        )
        found = self.structure_text_by_page()
        return {
            page: (expected.get(page, ""), found.get(page, ""))
            for page in sorted(set(expected) | set(found))
            if expected.get(page, "") != found.get(page, "")
        }


def _letters(text: str) -> str:
    return "".join(_words(text))


def pdftotext_body_text(path: Path, body, figures, notes, artifacts) -> dict[int, str]:
    """Per page, pdftotext's words inside the body area and outside every figure, with the
    page's footnotes (the last words of the body) and decoration taken off, as one run of
    letters and digits."""
    output = subprocess.run(
        ["pdftotext", "-bbox", "-enc", "UTF-8", str(path), "-"], check=True, capture_output=True, text=True
    ).stdout
    pages = re.findall(r'<page width="([\d.]+)" height="([\d.]+)">(.*?)</page>', output, re.S)
    found: dict[int, str] = {}
    for number, (width, height, words) in enumerate(pages):
        left, top, right, bottom = body(number, float(width), float(height))
        kept = []
        for x_min, y_min, x_max, y_max, word in re.findall(
            r'<word xMin="([\d.]+)" yMin="([\d.]+)" xMax="([\d.]+)" yMax="([\d.]+)">(.*?)</word>', words
        ):
            x, y = (float(x_min) + float(x_max)) / 2, (float(y_min) + float(y_max)) / 2
            inside_figure = any(
                a <= x <= c and float(height) - d <= y <= float(height) - b
                for a, b, c, d in figures.get(number, [])
            )
            if left <= x <= right and top <= y <= bottom and not inside_figure:
                kept.append(html.unescape(word))
        text = _letters(" ".join(kept))
        for artifact in artifacts.get(number, []):
            piece = _letters(artifact)
            at = text.find(piece) if piece else -1
            if at != -1:
                text = text[:at] + text[at + len(piece) :]
        for note in reversed(notes.get(number, [])):
            piece = _letters(note)
            at = text.rfind(piece) if piece else -1
            if at != -1:
                text = text[:at] + text[at + len(piece) :]
        found[number] = text
    return found


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", unicodedata.normalize("NFKC", text).lower())

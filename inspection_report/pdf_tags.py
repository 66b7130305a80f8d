"""The PDF's structure tree, built per HTML element from WeasyPrint's laid-out boxes.

WeasyPrint 70 tags a document page by page: a paragraph, a table or a section broken by a
page becomes two structure elements with the page's footnotes read in between; running
heads and page numbers are marked content that no element reaches; leader dots are text;
links nested in spans lose their /Link; table headers lose their scope. Repairing the
written PDF afterwards cannot tell a continued paragraph from a new one, because the
element a piece of content came from is gone by then. Here the tree is built from the same
boxes and marked-content ids WeasyPrint uses, but keyed by the HTML element each box comes
from, so an element broken across pages is one element; footnotes become /Note elements
read after the block that calls them; page furniture, leaders and repeated table headers
become artifacts; lists, key facts and the glossary become /L with /LI, /Lbl and /LBody;
each link annotation sits in its /Link with a /Contents that says where it goes.

`tagging()` puts this in place of WeasyPrint's own tagging for the duration of one write;
it relies on WeasyPrint 70's box tree, which pyproject.toml pins.
"""

from __future__ import annotations

import contextlib
from collections.abc import Iterator
from typing import Any

import pydyf
from weasyprint.formatting_structure import boxes
from weasyprint.layout.absolute import AbsolutePlaceholder
from weasyprint.logger import LOGGER

from inspection_report.pdf_parts import CUT
from inspection_report.pdf_tag_output import (
    Annotation,
    Content,
    Node,
    link_target,
    rewrite_content,
    write_tree,
)

# HTML elements whose boxes add no structure of their own: their content belongs to the
# nearest structured ancestor.
_TRANSPARENT = {"html", "body", "strong", "em", "b", "i", "sup", "sub", "br", "small", "code", "summary"}
_ROLES = {
    "header": "Div",
    "footer": "Div",
    "nav": "Div",
    "main": "Part",
    "section": "Sect",
    "article": "Art",
    "aside": "Div",
    "div": "Div",
    "p": "P",
    "blockquote": "BlockQuote",
    "figure": "Div",
    "figcaption": "Caption",
    "caption": "Caption",
    "img": "Figure",
    "table": "Table",
    "thead": "THead",
    "tbody": "TBody",
    "tfoot": "TFoot",
    "tr": "TR",
    "th": "TH",
    "td": "TD",
    "ul": "L",
    "ol": "L",
    "dl": "L",
    "li": "LI",
    "dt": "Lbl",
    "dd": "LBody",
    "a": "Link",
    "span": "Span",
    "abbr": "Span",
    "details": "Div",
    **{f"h{level}": f"H{level}" for level in range(1, 7)},
}
_POINTS = 0.75
# Blocks a footnote's /Note is read after.
_BLOCKS = {"P", "LBody", "TD", "TH", "Caption", "BlockQuote", "H1", "H2", "H3", "H4", "H5", "H6"}
# Blocks whose structure would break with a sibling /Note (a list item's body, a table
# cell): the note goes at their end instead of after them.
_HOLD_NOTES = {"LBody", "TD", "TH", "Caption"}
# Classes whose element is the label of its list item (the number a template prints).
_LABEL_CLASSES = {"recommendation-number", "contents-number"}
# Classes whose element pairs a label with a body, as a list item does.
_ITEM_CLASSES = {"key-fact", "glossary-entry", "team-role"}
# Spans that carry meaning of their own; other spans only style their text.
_SPANS_KEPT = {"illustrative", "illustrative-flag"}
_FOOTNOTE_CALLS = {"footnote-call-link", "footnote-print-call"}


class _Builder:
    """Walks every page's boxes once, in order, and grows one tree of nodes."""

    def __init__(self, page_count: int) -> None:
        self.root = Node("Document", None, 0)
        self.nodes: dict[tuple[int, str], Node] = {}
        self.artifacts: list[set[int]] = [set() for _ in range(page_count)]
        self.notes: dict[int, Node] = {}
        self.note_anchors: dict[int, Node] = {}
        self.seen_headers: dict[int, int] = {}
        self.tags: dict[Any, dict] = {}
        self.number = 0
        self.page_height = 0.0

    # Walking -------------------------------------------------------------------------
    def page(self, number: int, page: Any, tags: dict[Any, dict]) -> None:
        self.tags, self.number, self.page_height = tags, number, page.height
        page_box = page._page_box
        for child in page_box.children:
            if isinstance(child, boxes.MarginBox):
                self._artifact(child)
            elif isinstance(child, boxes.FootnoteAreaBox):
                for note in child.children:
                    self._note(note)
            else:
                self._box(child, self.root)

    def _box(self, box: Any, parent: Node) -> None:
        if isinstance(box, AbsolutePlaceholder):
            box = box._box
        if getattr(box, "is_leader", False) or self._repeated_header(box) or _decoration(box):
            self._artifact(box)
            return
        node = self._node_for(box, parent)
        if isinstance(box, boxes.TextBox | boxes.ReplacedBox):
            self._content(box, node)
        annotation = getattr(box, "link_annotation", None)
        if annotation is not None:
            node.kids.append(Annotation(self.number, annotation))
        if (box.element_tag or "").endswith("::footnote-call"):
            self.note_anchors[id(box.element)] = _block_of(node)
        for child in getattr(box, "children", ()) or ():
            self._box(child, node)

    def _note(self, box: Any) -> None:
        """A footnote's body, in the footnote area: one /Note per footnote, placed later."""
        key = id(box.element)
        note = self.notes.get(key)
        if note is None:
            note = self.notes[key] = Node("Note", None, self.number)
        self._note_content(box, note)

    def _note_content(self, box: Any, note: Node) -> None:
        for child in getattr(box, "children", ()) or ():
            if isinstance(child, boxes.TextBox):
                self._content(child, note)
            else:
                self._note_content(child, note)

    def _artifact(self, box: Any) -> None:
        if box in self.tags:
            self.artifacts[self.number].add(self.tags.pop(box)["mcid"])
        for child in getattr(box, "children", ()) or ():
            self._artifact(child)

    def _content(self, box: Any, node: Node) -> None:
        tag = self.tags.pop(box, None)
        if tag is None:
            return
        text = getattr(box, "text", "")
        if isinstance(box, boxes.TextBox) and not text.strip():
            self.artifacts[self.number].add(tag["mcid"])
            return
        if node.role == "LI":
            node = self._child(node, "body", "LBody")
        node.kids.append(Content(self.number, tag["mcid"]))
        if text:
            node.text.append(text)

    def _repeated_header(self, box: Any) -> bool:
        """A table header repeated at the top of a continuation page is decoration: the
        header was read once, where the table starts."""
        if getattr(box, "element_tag", None) not in ("thead", "tfoot") or box.element is None:
            return False
        first = self.seen_headers.setdefault(id(box.element), self.number)
        return first != self.number

    # Nodes ---------------------------------------------------------------------------
    def _node_for(self, box: Any, parent: Node) -> Node:
        element = box.element
        tag = box.element_tag or ""
        if element is None or isinstance(box, boxes.PageBox | boxes.LineBox):
            return parent
        name, _, pseudo = tag.partition("::")
        if pseudo == "marker":
            return self._child(parent, "marker", "Lbl") if parent.role == "LI" else parent
        if pseudo:
            return parent
        key = (id(element), "")
        node = self.nodes.get(key)
        if node is None:
            classes = set((element.get("class") or "").split())
            role = _role(name, classes, element)
            if role is None or (role == "Lbl" and parent.role not in ("LI", "L")):
                return parent
            node = self.nodes[key] = self._new(role, parent, box, element)
            node.footnote_call = bool(classes & _FOOTNOTE_CALLS)
        return node

    def _new(self, role: str, parent: Node, box: Any, element: Any) -> Node:
        """A new element under `parent`, keeping lists well formed: a list holds items, an
        item holds a label and a body, and anything else in an item goes in its body."""
        if role == "LI" and parent.role != "L":
            role = "Div"
        if parent.role == "L" and role in ("Lbl", "LBody"):
            last = parent.kids[-1] if parent.kids else None
            open_item = (
                isinstance(last, Node)
                and last.role == "LI"
                and role == "LBody"
                and not any(isinstance(k, Node) and k.role == "LBody" for k in last.kids)
            )
            parent = last if open_item else self._append(Node("LI", parent, self.number), parent)  # type: ignore[assignment]
        elif parent.role == "LI" and role not in ("Lbl", "LBody"):
            parent = self._child(parent, "body", "LBody")
        node = self._append(Node(role, parent, self.number), parent)
        _describe(node, box, element, self.page_height)
        return node

    @staticmethod
    def _append(node: Node, parent: Node) -> Node:
        parent.kids.append(node)
        return node

    def _child(self, parent: Node, name: str, role: str) -> Node:
        """The one child of `parent` with this name (an item's body, a note's label)."""
        key = (id(parent), name)
        node = self.nodes.get(key)
        if node is None:
            node = self.nodes[key] = self._append(Node(role, parent, self.number), parent)
        return node

    # Finishing -----------------------------------------------------------------------
    def place_notes(self) -> None:
        """Each /Note goes right after the block that calls it, so it is read after the
        sentence it belongs to rather than wherever the page happened to end."""
        for key, note in self.notes.items():
            block = self.note_anchors.get(key)
            if block is not None and block.role in _HOLD_NOTES:
                host, position = block, len(block.kids)
            else:
                host = block.parent if block is not None and block.parent is not None else self.root
                position = host.kids.index(block) + 1 if block in host.kids else len(host.kids)
            while position < len(host.kids):
                following = host.kids[position]
                if not (isinstance(following, Node) and following.role == "Note"):
                    break
                position += 1
            host.kids.insert(position, note)
            note.parent = host


def _decoration(box: Any) -> bool:
    """Generated content that only decorates: a bullet, a dash before a speaker. A number
    (a list's "1.", a contents page number) is content and stays."""
    tag = box.element_tag or ""
    if "::" not in tag or tag.endswith(("::footnote-call", "::footnote-marker")):
        return False
    text = "".join(_texts(box))
    return bool(text.strip()) and not any(character.isalnum() for character in text)


def _texts(box: Any) -> Iterator[str]:
    if isinstance(box, boxes.TextBox):
        yield box.text
    for child in getattr(box, "children", ()) or ():
        yield from _texts(child)


def _role(name: str, classes: set[str], element: Any) -> str | None:
    if name in _TRANSPARENT or "visually-hidden" in classes:
        return None
    if classes & _LABEL_CLASSES:
        return "Lbl"
    if classes & _ITEM_CLASSES:
        return "LI"
    if name == "span" and not classes & _SPANS_KEPT and not element.get("lang"):
        return None
    return _ROLES.get(name, "NonStruct")


def _block_of(node: Node) -> Node:
    current: Node | None = node
    while current is not None and current.role not in _BLOCKS:
        current = current.parent
    return current or node


def _describe(node: Node, box: Any, element: Any, page_height: float) -> None:
    """Attributes readers need: alternative text and the area of a figure, header scope,
    expansions, languages."""
    if node.role == "Figure":
        node.attributes["Alt"] = element.get("alt") or ""
        if not node.attributes["Alt"].strip():
            LOGGER.error('Image "%s" has no required alt description', element.get("src", "unknown"))
        x, y = box.content_box_x(), box.content_box_y()
        # CSS pixels from the top left, as PDF points (3/4 of a pixel) from the bottom left.
        left, right = x * _POINTS, (x + box.width) * _POINTS
        bottom, top = (page_height - y - box.height) * _POINTS, (page_height - y) * _POINTS
        node.attributes["A"] = {"O": "/Layout", "BBox": [left, bottom, right, top]}
    elif node.role == "TH":
        scope = (element.get("scope") or "col").lower()
        node.attributes["A"] = {"O": "/Table", "Scope": "/Row" if scope == "row" else "/Column"}
    elif node.role == "TD":
        node.attributes["A"] = {"O": "/Table"}
    if element.tag == "abbr" and element.get("title"):
        node.attributes["E"] = element.get("title")
    if element.get("data-actual-text"):
        node.attributes["ActualText"] = element.get("data-actual-text")
    if element.get("lang"):
        node.attributes["Lang"] = element.get("lang")
    if element.get(CUT):
        # Which halves of an element cut between two documents this one is (`pdf_parts`):
        # the merge joins the halves into one element and drops the mark.
        node.attributes["Cut"] = element.get(CUT)


# Writing -------------------------------------------------------------------------------
def add_tags(pdf: Any, document: Any, pdf_version: Any, page_streams: list[Any]) -> None:
    """WeasyPrint's tagging hook: the same arguments, a tree built per element."""
    builder = _Builder(len(document.pages))
    for number, (page, stream) in enumerate(zip(document.pages, page_streams, strict=True)):
        builder.page(number, page, stream._tags)
        for box, tag in list(stream._tags.items()):
            builder.artifacts[number].add(tag["mcid"])
            del stream._tags[box]
    builder.place_notes()
    _adopt_stray_annotations(pdf, builder)
    renumbered = rewrite_content(pdf, page_streams, builder.artifacts)
    write_tree(pdf, builder.root, renumbered, len(document.pages))
    pdf.catalog["ViewerPreferences"] = pydyf.Dictionary({"DisplayDocTitle": "true"})
    pdf.catalog["MarkInfo"] = pydyf.Dictionary({"Marked": "true"})
    if "Lang" not in pdf.catalog:
        LOGGER.error('Missing required "lang" attribute at the root of the document')
        pdf.catalog["Lang"] = pydyf.String()


def _adopt_stray_annotations(pdf: Any, builder: _Builder) -> None:
    """WeasyPrint makes one annotation per rectangle of a link but keeps only the last on
    the box it came from; the others are given to the /Link that goes to the same place on
    the same page, so every annotation has its structure element."""
    links: dict[tuple[int, str], Node] = {}
    known: set[int] = set()
    for node in [*builder.nodes.values(), *builder.notes.values()]:
        for kid in node.kids:
            if isinstance(kid, Annotation):
                known.add(id(kid.annotation))
                links.setdefault((kid.page, link_target(kid.annotation)), node)
    annotations = {
        item.reference: item
        for item in pdf.objects
        if isinstance(item, pydyf.Dictionary) and item.get("Subtype") == "/Link"
    }
    pages = [
        item for item in pdf.objects if isinstance(item, pydyf.Dictionary) and item.get("Type") == "/Page"
    ]
    for number, page in enumerate(pages):
        for reference in page.get("Annots", []):
            annotation = annotations.get(reference)
            if annotation is None or id(annotation) in known:
                continue
            key = (number, link_target(annotation))
            if key not in links:
                links[key] = builder._append(Node("Link", builder.root, number), builder.root)
            links[key].kids.append(Annotation(number, annotation))
            known.add(id(annotation))


@contextlib.contextmanager
def tagging() -> Iterator[None]:
    """WeasyPrint's pdf/ua tagging replaced by `add_tags` for the duration of a write."""
    import weasyprint.pdf

    original = weasyprint.pdf.add_tags
    weasyprint.pdf.add_tags = add_tags
    try:
        yield
    finally:
        weasyprint.pdf.add_tags = original

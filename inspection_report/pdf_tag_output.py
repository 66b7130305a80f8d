"""Writing a structure tree into WeasyPrint's PDF objects: the elements, the parent tree
that maps marked content and annotations back to them, and the page content rewritten so
that decoration is marked as artifact and the remaining marked content is numbered 0, 1,
2... on each page.

The tree itself is grown from the laid-out boxes by `pdf_tags`; this module only writes it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

import pydyf


@dataclass(frozen=True)
class Content:
    """A marked-content sequence: its page and its id there."""

    page: int
    mcid: int


@dataclass(frozen=True)
class Annotation:
    page: int
    annotation: Any


@dataclass(eq=False)
class Node:
    role: str
    parent: Node | None
    page: int
    kids: list[Node | Content | Annotation] = field(default_factory=list)
    attributes: dict[str, Any] = field(default_factory=dict)
    text: list[str] = field(default_factory=list)
    """The text of the content directly in this element, for link descriptions."""
    footnote_call: bool = False

    def all_text(self) -> str:
        parts = list(self.text)
        for kid in self.kids:
            if isinstance(kid, Node) and kid.role != "Note":
                parts.append(kid.all_text())
        return " ".join(" ".join(parts).split())


def _streams_of(pdf: Any, page_streams: list[Any]) -> dict[int, list[Any]]:
    """Each page's content streams: its own and the groups drawn into it, which share its
    marked-content counter."""
    by_tags = {id(stream._tags): number for number, stream in enumerate(page_streams)}
    found: dict[int, list[Any]] = {number: [] for number in range(len(page_streams))}
    for item in pdf.objects:
        tags = getattr(item, "_tags", None)
        if tags is not None and id(tags) in by_tags:
            found[by_tags[id(tags)]].append(item)
    return found


def rewrite_content(pdf: Any, page_streams: list[Any], artifacts: list[set[int]]) -> list[dict[int, int]]:
    """Artifact content marked as such, and the remaining ids numbered 0, 1, 2... per page."""
    renumbered: list[dict[int, int]] = []
    for number, streams in _streams_of(pdf, page_streams).items():
        marks: list[tuple[int, list, int]] = []
        for stream in streams:
            operations = stream.stream
            for index, operation in enumerate(operations):
                if isinstance(operation, pydyf.Dictionary) and "MCID" in operation:
                    marks.append((operation["MCID"], operations, index))
        mapping: dict[int, int] = {}
        for mcid, operations, index in sorted(marks, key=lambda mark: mark[0]):
            if mcid in artifacts[number]:
                operations[index - 1] = "/Artifact"
                operations[index] = pydyf.Dictionary()
            else:
                mapping[mcid] = len(mapping)
                operations[index]["MCID"] = mapping[mcid]
        renumbered.append(mapping)
    return renumbered


def write_tree(pdf: Any, root: Node, renumbered: list[dict[int, int]], page_count: int) -> None:
    parent_tree = pydyf.Dictionary({"Nums": pydyf.Array()})
    pdf.add_object(parent_tree)
    tree_root = pydyf.Dictionary({"Type": "/StructTreeRoot", "ParentTree": parent_tree.reference})
    pdf.add_object(tree_root)
    pdf.catalog["StructTreeRoot"] = tree_root.reference
    per_page: list[dict[int, Any]] = [{} for _ in range(page_count)]
    annotations: list[tuple[Any, Any]] = []
    document = _write_node(pdf, root, tree_root.reference, renumbered, per_page, annotations)
    tree_root["K"] = pydyf.Array([document])
    nums = parent_tree["Nums"]
    for number, mapping in enumerate(per_page):
        nums.append(number)
        nums.append(pydyf.Array([mapping[mcid] for mcid in sorted(mapping)]))
    for key, (element, annotation) in enumerate(annotations, start=page_count):
        nums.append(key)
        nums.append(element)
        annotation["StructParent"] = key
    tree_root["ParentTreeNextKey"] = page_count + len(annotations)


def _write_node(
    pdf: Any,
    node: Node,
    parent: Any,
    renumbered: list[dict[int, int]],
    per_page: list[dict[int, Any]],
    annotations: list[tuple[Any, Any]],
) -> Any:
    element = pydyf.Dictionary({"Type": "/StructElem", "S": f"/{node.role}", "P": parent})
    pdf.add_object(element)
    kids = pydyf.Array()
    page = _first_page(node)
    if page is not None:
        element["Pg"] = pdf.page_references[page]
    for kid in node.kids:
        if isinstance(kid, Node):
            if _is_empty(kid):
                continue
            kids.append(_write_node(pdf, kid, element.reference, renumbered, per_page, annotations))
        elif isinstance(kid, Content):
            mcid = renumbered[kid.page][kid.mcid]
            per_page[kid.page][mcid] = element.reference
            if kid.page == page:
                kids.append(mcid)
            else:
                kids.append(
                    pydyf.Dictionary({"Type": "/MCR", "Pg": pdf.page_references[kid.page], "MCID": mcid})
                )
        else:
            reference = pydyf.Dictionary(
                {"Type": "/OBJR", "Obj": kid.annotation.reference, "Pg": pdf.page_references[kid.page]}
            )
            pdf.add_object(reference)
            kids.append(reference.reference)
            kid.annotation["Contents"] = pydyf.String(_link_description(node))
            annotations.append((element.reference, kid.annotation))
    element["K"] = kids
    for name, value in node.attributes.items():
        if name == "A":
            element["A"] = pydyf.Dictionary(
                {key: (pydyf.Array(item) if isinstance(item, list) else item) for key, item in value.items()}
            )
        else:
            element[name] = pydyf.String(value)
    return element.reference


def _first_page(node: Node) -> int | None:
    for kid in node.kids:
        if isinstance(kid, Content | Annotation):
            return kid.page
    return None


def _is_empty(node: Node) -> bool:
    """An element with no content and no annotation anywhere under it (hidden in print)."""
    return all(isinstance(kid, Node) and _is_empty(kid) for kid in node.kids)


def _link_description(link: Node) -> str:
    """What a link is for, as a screen reader announces it: a footnote call says which
    footnote; a contents entry or cross-reference says its text (and page)."""
    text = link.all_text()
    if link.footnote_call:
        return f"Footnote {text}"
    return text or "Link"


def link_target(annotation: Any) -> str:
    """Where a link annotation goes: its destination name or its web address."""
    action = annotation.get("A")
    value = annotation.get("Dest") or (action.get("URI") if action is not None else None)
    return str(getattr(value, "string", value or ""))

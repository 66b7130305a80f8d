"""The two rendered drafts aligned as trees, by the ids the report gives its parts, sections
and items, and the new draft marked like a word processor's tracked changes.

Aligning the whole document as one sequence of text blocks cannot tell a moved section from
a deleted one and an added one: the old section ends up as deleted text wherever the
sequences happen to part. Here every element with an id (a part, a section, a practice
example, a recommendation) is matched by that id wherever it stands, and only the text
blocks between them are aligned by content, inside their own container. An element whose
id sits elsewhere in the other draft has moved: its old place says "Moved to …" and links
to the new place, which says "Moved from …" and shows any edits made to it. Removed
elements are shown at their old place within their own container, never after the end.
"""

from __future__ import annotations

import copy
import difflib
from dataclasses import dataclass, field

from bs4 import BeautifulSoup, Tag

from inspection_report.diff.redline_words import mark_words_in_place
from inspection_report.diff.words import normalise, similarity

BLOCKS = ("h2", "h3", "h4", "h5", "p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "img")
# Elements whose id names a part, section or item of the report: aligned by that id.
KEYED = {"section", "div", "figure", "table", "li", "aside"}
PAIR_SIMILARITY = 0.4
_NOTES = ["redline-moved-label", "redline-moved-away", "redline-chart-label"]


@dataclass
class Mark:
    """One marked place in the redline: what happened there and the ids it stands in."""

    kind: str
    element: Tag
    text: str
    ids: tuple[str, ...]
    """The ids of the element and of the keyed elements around it, innermost first."""
    heading: str
    """The heading of the section or part it stands in, for the change list."""


@dataclass
class _Pending:
    """A block deleted in one place, waiting to learn whether it was inserted elsewhere."""

    before: Tag
    anchor: Tag | None
    previous: Tag | None
    container: Tag


@dataclass
class Redline:
    soup: BeautifulSoup
    old_soup: BeautifulSoup
    renames: dict[str, str]
    """Old id -> new id, for items the diff found renamed."""
    marks: list[Mark] = field(default_factory=list)
    _old_ids: dict[str, Tag] = field(default_factory=dict)
    _new_ids: dict[str, Tag] = field(default_factory=dict)
    _deleted: list[_Pending] = field(default_factory=list)
    _inserted: list[Tag] = field(default_factory=list)

    def run(self) -> None:
        old_main, new_main = self.old_soup.find("main"), self.soup.find("main")
        if not isinstance(old_main, Tag) or not isinstance(new_main, Tag):
            return
        self._old_ids = {self._new_id(e["id"]): e for e in _keyed_in(old_main)}
        self._new_ids = {str(e["id"]): e for e in _keyed_in(new_main)}
        self._align(old_main, new_main)
        self._settle_blocks()

    def _new_id(self, old_id: object) -> str:
        return self.renames.get(str(old_id), str(old_id))

    def _key(self, unit: Tag, old: bool) -> str:
        if _is_keyed(unit):
            return "#" + (self._new_id(unit["id"]) if old else str(unit["id"]))
        if unit.name == "img":
            return "img:" + str(unit.get("src", ""))
        return "t:" + _text(unit)

    def _align(self, old: Tag, new: Tag) -> None:
        """Mark the differences between an element and its counterpart, recursing into the
        keyed elements both hold."""
        if _is_keyed(new) and not new.find(BLOCKS) and new.name in BLOCKS:
            if _text(old) != _text(new):
                self._mark_words(old, new)
            return
        a, b = _units(old), _units(new)
        matcher = difflib.SequenceMatcher(
            a=[self._key(u, True) for u in a], b=[self._key(u, False) for u in b], autojunk=False
        )
        for tag, i1, i2, j1, j2 in matcher.get_opcodes():
            if tag == "equal":
                for before, after in zip(a[i1:i2], b[j1:j2], strict=True):
                    if _is_keyed(after):
                        self._align(before, after)
                continue
            self._region(a[i1:i2], b[j1:j2], b[j2] if j2 < len(b) else None, b[j1 - 1] if j1 else None, new)

    def _region(
        self, olds: list[Tag], news: list[Tag], following: Tag | None, previous: Tag | None, container: Tag
    ) -> None:
        """A stretch that differs: pairs of similar blocks are edits, keyed elements found
        elsewhere are moves, and the rest were removed or inserted."""
        olds, news = list(olds), list(news)
        same_shape = len(olds) == len(news) and all(
            o.name == n.name and not _is_keyed(o) and not _is_keyed(n)
            for o, n in zip(olds, news, strict=True)
        )
        while olds and news and (same_shape or _pairs(olds[0], news[0])):
            before, after = olds.pop(0), news.pop(0)
            if after.name == "img":
                self._mark_chart(before, after)
            elif _is_keyed(after):
                self._align(before, after)
            else:
                self._mark_words(before, after)
            previous = after
        anchor = news[0] if news else following
        for before in olds:
            if _is_keyed(before) and self._new_id(before["id"]) in self._new_ids:
                self._moved_away(before, anchor, previous, container)
            elif _is_keyed(before):
                self._removed(before, anchor, previous, container)
            else:
                self._deleted.append(_Pending(before, anchor, previous, container))
        for after in news:
            old_twin = self._old_ids.get(str(after["id"])) if _is_keyed(after) else None
            if old_twin is not None:
                self._moved_here(old_twin, after)
            elif _is_keyed(after):
                self._added(after)
            else:
                self._inserted.append(after)

    def _mark(self, kind: str, element: Tag, text: str, old_element: Tag | None = None) -> None:
        element["id"] = element.get("id") or f"change-{len(self.marks) + 1}"
        _add_classes(element, "redline-mark", f"redline-{kind}")
        ids = _ids_around(element)
        if old_element is not None:
            ids += tuple(i for i in (self._new_id(x) for x in _ids_around(old_element)) if i not in ids)
        self.marks.append(Mark(kind, element, text, ids, _heading_of(element)))

    def _mark_words(self, before: Tag, after: Tag) -> None:
        old_text, new_text = _text(before), _text(after)
        mark_words_in_place(self.soup, before, after)
        short = len(old_text) < 40 and len(new_text) < 40
        self._mark("changed", after, f"{old_text} → {new_text}" if short else excerpt(new_text), before)

    def _mark_chart(self, before: Tag, after: Tag) -> None:
        old_image = copy.copy(before)
        old_image["class"] = "chart redline-old-chart"
        old_image["alt"] = "Before this change: " + str(before.get("alt", ""))
        old_image.attrs.pop("id", None)
        after.insert_before(_note(self.soup, "p", "redline-chart-label", "Before"))
        after.insert_before(old_image)
        after.insert_before(_note(self.soup, "p", "redline-chart-label", "After"))
        _add_classes(after, "redline-new-chart")
        self._mark("changed", after, "chart redrawn", before)

    def _removed(self, before: Tag, anchor: Tag | None, previous: Tag | None, container: Tag) -> None:
        removed = copy.copy(before)
        for inner in [removed, *removed.find_all(id=True)]:
            inner.attrs.pop("id", None)
        for text_block in [removed] if removed.name in BLOCKS else removed.find_all(BLOCKS):
            if text_block.name != "img" and not text_block.find(BLOCKS):
                _wrap(self.soup, text_block, "del")
        _add_classes(removed, "redline-removed-block")
        _place(removed, anchor, previous, container)
        self._mark("removed", removed, excerpt(_text(before)), before)

    def _added(self, after: Tag) -> None:
        for text_block in [after] if after.name in BLOCKS else after.find_all(BLOCKS):
            if text_block.name != "img" and not text_block.find(BLOCKS):
                _wrap(self.soup, text_block, "ins")
        _add_classes(after, "redline-added-block")
        self._mark("added", after, excerpt(_text(after)))

    def _moved_away(self, before: Tag, anchor: Tag | None, previous: Tag | None, container: Tag) -> None:
        """The old place of a keyed element that moved: a note linking to where it went."""
        target = self._new_ids[self._new_id(before["id"])]
        note = _note(self.soup, _note_tag(anchor, previous, container), "redline-moved-away", "")
        link = self.soup.new_tag("a", href=f"#{target['id']}")
        link.string = f"Moved to {_place_name(target)}"
        note.append(link)
        note.append(f": {excerpt(_text(before), 60)}")
        _place(note, anchor, previous, container)
        self._mark("moved-to", note, f"to {_place_name(target)}", before)

    def _moved_here(self, before: Tag, after: Tag) -> None:
        """The new place of a keyed element that moved: labelled with where it came from,
        with any edits made to it marked inside."""
        origin = _place_name(before)
        self._align(before, after)
        label = _note(self.soup, "span" if after.name == "li" else "p", "redline-moved-label", "")
        label.string = f"Moved from {origin}"
        if after.name == "li":
            after.insert(0, label)
        else:
            after.insert_before(label)
        _add_classes(after, "redline-moved")
        self._mark("moved-from", after, f"from {origin}", before)

    def _settle_blocks(self) -> None:
        """Text blocks deleted in one place and inserted unchanged in another have moved;
        the others were deleted or inserted where they stand."""
        waiting: dict[str, list[Tag]] = {}
        for after in self._inserted:
            waiting.setdefault(_text(after), []).append(after)
        moved: set[int] = set()
        for pending in self._deleted:
            targets = waiting.get(_text(pending.before)) if _text(pending.before) else None
            if targets:
                after = targets.pop(0)
                moved.add(id(after))
                self._moved_block(pending, after)
            else:
                self._deleted_block(pending)
        for after in self._inserted:
            if id(after) not in moved:
                if after.name != "img":
                    _wrap(self.soup, after, "ins")
                self._mark("added", after, excerpt(_text(after)))

    def _moved_block(self, pending: _Pending, after: Tag) -> None:
        origin = _heading_of(pending.before)
        _add_classes(after, "redline-moved")
        label = _note(self.soup, _note_tag(after, None, after), "redline-moved-label", f"Moved from {origin}")
        after.insert_before(label)
        self._mark("moved-from", after, f"from {origin}", pending.before)
        where = (pending.anchor, pending.previous, pending.container)
        note = _note(self.soup, _note_tag(*where), "redline-moved-away", "")
        link = self.soup.new_tag("a", href=f"#{after['id']}")
        link.string = f"Moved to {_heading_of(after)}"
        note.append(link)
        note.append(f": {excerpt(_text(pending.before), 60)}")
        _place(note, pending.anchor, pending.previous, pending.container)
        self._mark("moved-to", note, f"to {_heading_of(after)}", pending.before)

    def _deleted_block(self, pending: _Pending) -> None:
        removed = copy.copy(pending.before)
        removed.attrs.pop("id", None)
        if removed.name == "img":
            removed["class"] = "chart redline-old-chart"
        else:
            _wrap(self.soup, removed, "del")
        _add_classes(removed, "redline-removed-block")
        _place(removed, pending.anchor, pending.previous, pending.container)
        self._mark("removed", removed, excerpt(_text(pending.before)), pending.before)


def _is_keyed(element: Tag) -> bool:
    return element.name in KEYED and bool(element.get("id"))


def _keyed_in(root: Tag) -> list[Tag]:
    return [e for e in root.find_all(KEYED) if e.get("id")]


def _units(element: Tag) -> list[Tag]:
    """What an element is compared as: its keyed elements and text blocks, in reading order;
    wrappers without ids are looked through."""
    found: list[Tag] = []
    for child in element.children:
        if not isinstance(child, Tag) or "footnote-print" in child.get_attribute_list("class"):
            continue
        if _is_keyed(child) or child.name == "img" or (child.name in BLOCKS and not child.find(BLOCKS)):
            found.append(child)
        else:
            found += _units(child)
    return found


def _pairs(before: Tag, after: Tag) -> bool:
    """Whether two differing units are one edited unit rather than a removal and an insertion."""
    if before.name == "img" or after.name == "img":
        return before.name == after.name == "img"
    if _is_keyed(before) or _is_keyed(after):
        return False
    return before.name == after.name and similarity(_text(before), _text(after)) >= PAIR_SIMILARITY


def _text(element: Tag) -> str:
    return normalise(element.get_text(" "))


def _ids_around(element: Tag) -> tuple[str, ...]:
    ids = [str(element["id"])] if element.get("id") else []
    ids += [str(parent["id"]) for parent in element.find_parents(KEYED) if parent.get("id")]
    return tuple(ids)


def plain_text(element: Tag) -> str:
    """An element's text as it now reads: marked deletions and notes left out."""
    parts = []
    for string in element.find_all(string=True):
        if string.find_parent(["del"]) is None and string.find_parent(class_=_NOTES) is None:
            parts.append(str(string))
    return normalise(" ".join(parts))


def _heading_of(element: Tag) -> str:
    if element.name in ("h2", "h3", "h4"):
        return plain_text(element)
    heading = element.find_previous(["h2", "h3"])
    return plain_text(heading) if heading is not None else "the start"


def _place_name(element: Tag) -> str:
    """How a reader finds a keyed element: its own heading or number, else its section's."""
    heading = element.find(["h2", "h3", "h4"]) if element.name == "section" else None
    if heading is not None:
        return plain_text(heading)
    number = element.find(class_="recommendation-number") if element.name == "li" else None
    if number is not None:
        return f"recommendation {plain_text(number).rstrip('.')} in {_heading_of(element)}"
    return _heading_of(element)


def _place(block: Tag, anchor: Tag | None, previous: Tag | None, container: Tag) -> None:
    """Put a block at its old place in the new document: before what now follows it, after
    what now precedes it, or inside its own container; never after the end of the report."""
    if anchor is not None:
        anchor.insert_before(block)
    elif previous is not None:
        previous.insert_after(block)
    else:
        container.append(block)


def _note_tag(anchor: Tag | None, previous: Tag | None, container: Tag) -> str:
    """The element a note can be where it goes: an item in a list, a group in a description
    list, a row's cell, otherwise a paragraph."""
    beside = anchor or previous
    parent = beside.parent if beside is not None else container
    name = parent.name if parent is not None else ""
    return {"ol": "li", "ul": "li", "dl": "div", "tr": "td"}.get(name, "p")


def _note(soup: BeautifulSoup, name: str, css_class: str, text: str) -> Tag:
    note = soup.new_tag(name, attrs={"class": css_class})
    if text:
        note.string = text
    return note


def _wrap(soup: BeautifulSoup, element: Tag, name: str) -> None:
    wrapper = soup.new_tag(name)
    for child in list(element.contents):
        wrapper.append(child.extract())
    element.append(wrapper)


def _add_classes(element: Tag, *names: str) -> None:
    element["class"] = " ".join([*element.get_attribute_list("class"), *names]).strip()


def excerpt(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[: size - 1].rsplit(" ", 1)[0] + "…"

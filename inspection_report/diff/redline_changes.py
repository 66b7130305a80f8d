"""The redline's change list: the diff's edits, one entry each, linking to the places in the
redline that each edit marked.

The list is the same model every other format shows, so a reviewer reads eight entries for
eight edits. Each marked place is claimed by the edit it belongs to: by the item's id, by the
paragraph's container and text, by the sentences, charts and numbers the edit touched.
Places no edit claims are listed after, so nothing marked is left out of the list.
"""

from __future__ import annotations

from bs4 import BeautifulSoup, Tag

from inspection_report.diff.changes import Change, Diff, Touch
from inspection_report.diff.redline_align import Mark, excerpt, plain_text
from inspection_report.diff.text_output import number_words, summary_line
from inspection_report.diff.words import normalise, similarity

PLACE_WORDS = {
    "changed": "edited",
    "added": "inserted",
    "removed": "deleted",
    "moved-from": "new place",
    "moved-to": "old place",
}
_CONTAINERS = {"part", "section", "sections"}
_HEADINGS = {"h2", "h3", "h4"}
# Field values short enough to say in a change list entry: "value 27 → 25".
_SHORT = 40


def claim_marks(
    changes: list[Change], marks: list[Mark]
) -> tuple[list[tuple[Change, list[Mark]]], list[Mark]]:
    """Each change with the marks it made, and the marks no change accounts for."""
    free = list(marks)
    claimed: dict[int, list[Mark]] = {id(c): [] for c in changes}

    def take(change: Change, test) -> None:
        for mark in [m for m in free if test(m)]:
            free.remove(mark)
            claimed[id(change)].append(mark)

    ordered = sorted(changes, key=lambda c: c.item_kind in _CONTAINERS)
    for change in ordered:
        names = {change.item_id, change.old_id} - {None}
        if change.item_kind == "paragraph":
            take(change, lambda m, c=change: _is_paragraph(m, c))
        elif change.item_kind not in _CONTAINERS:
            take(change, lambda m, n=names: bool(n & set(m.ids)))
    for change in ordered:
        for touch in change.touches:
            take(change, lambda m, t=touch: _touched(m, t))
        if change.item_kind in _CONTAINERS:
            take(change, lambda m, c=change: c.item_id in m.ids[:1] or _is_move_of(m, c.item_id))
    return [(c, claimed[id(c)]) for c in changes], free


def _is_paragraph(mark: Mark, change: Change) -> bool:
    container = change.item_id.split("#")[0]
    if container not in mark.ids or mark.element.name in _HEADINGS:
        return False
    field = change.fields[0] if change.fields else None
    printed = (field.new or field.old) if field else None
    if change.kind == "moved" and change.written:
        printed = change.written[1]
    return bool(printed) and similarity(plain_text(mark.element), printed or "") >= 0.5


def _touched(mark: Mark, touch: Touch) -> bool:
    if touch.target is None or touch.target not in mark.ids:
        return False
    if touch.kind == "chart":
        return True
    if touch.kind == "renumbered":
        return mark.kind in ("moved-from", "moved-to") or _only_renumbered(mark, touch)
    if touch.kind in ("sentence", "percentage") and touch.words:
        inserted = [normalise(chunk) for op, chunk in touch.words if op == "insert"]
        marked = " ".join(normalise(i.get_text(" ")) for i in mark.element.find_all("ins"))
        return bool(inserted) and all(chunk in marked for chunk in inserted)
    return False


def _only_renumbered(mark: Mark, touch: Touch) -> bool:
    """Whether all a mark changed is the touched number (a heading, caption or list number)."""
    deleted = [normalise(d.get_text(" ")) for d in mark.element.find_all("del")]
    inserted = [normalise(i.get_text(" ")) for i in mark.element.find_all("ins")]
    return deleted == [touch.old] and inserted == [touch.new]


def _is_move_of(mark: Mark, part_id: str) -> bool:
    return mark.kind in ("moved-from", "moved-to") and part_id in mark.ids


def _entry_text(change: Change) -> str:
    text = f"{change.kind.capitalize()} {change.item_kind}"
    if change.label:
        text += f" “{change.label}”"
    extras = [change.detail] if change.detail else []
    extras += [
        f"{f.name} {f.old} → {f.new}"
        for f in change.fields
        if f.old and f.new and len(f.old) + len(f.new) <= _SHORT
    ][:3]
    if change.number and change.number[0] != change.number[1]:
        extras.append(number_words(change.number))
    return text + (f" ({'; '.join(extras)})" if extras else "")


def add_change_list(soup: BeautifulSoup, diff: Diff, marks: list[Mark]) -> None:
    """The list of edits at the top of the report, each linking to the places it marked."""
    changes = [c for _, group in diff.groups() for c in group]
    owned, unowned = claim_marks(changes, marks)
    nav = soup.new_tag("nav", attrs={"class": "redline-changes", "aria-labelledby": "redline-title"})
    heading = soup.new_tag("h2", attrs={"id": "redline-title"})
    heading.string = f"Changes from {diff.old_label} to {diff.new_label}"
    nav.append(heading)
    nav.append(_legend(soup, diff, len(marks)))
    listing = soup.new_tag("ol", attrs={"class": "redline-list"})
    for change, places in owned:
        listing.append(_entry(soup, change, places))
    nav.append(listing)
    if unowned:
        other = soup.new_tag("h3")
        other.string = "Other marked differences in the rendered report"
        nav.append(other)
        extra = soup.new_tag("ul")
        for mark in unowned:
            item = soup.new_tag("li")
            link = soup.new_tag("a", href=f"#{mark.element['id']}")
            link.string = f"{PLACE_WORDS[mark.kind].capitalize()} in {mark.heading}: {mark.text}"
            item.append(link)
            extra.append(item)
        nav.append(extra)
    main = soup.find("main")
    if isinstance(main, Tag):
        main.insert(0, nav)


def _entry(soup: BeautifulSoup, change: Change, places: list[Mark]) -> Tag:
    item = soup.new_tag("li", attrs={"class": f"redline-entry redline-entry-{change.kind}"})
    target = places[0].element["id"] if places else _element_id(soup, change)
    text = excerpt(_entry_text(change), 240)
    if target:
        link = soup.new_tag("a", href=f"#{target}")
        link.string = text
        item.append(link)
    else:
        item.append(text)
    if len(places) > 1:
        item.append(": ")
        seen: dict[str, int] = {}
        for index, mark in enumerate(places):
            if index:
                item.append(", ")
            words = _place_words(mark)
            seen[words] = seen.get(words, 0) + 1
            link = soup.new_tag("a", href=f"#{mark.element['id']}")
            link.string = words if seen[words] == 1 else f"{words} ({seen[words]})"
            item.append(link)
    return item


def _place_words(mark: Mark) -> str:
    """How a link names one place: a move's two ends, or the edit and where it is."""
    if mark.kind in ("moved-from", "moved-to"):
        return PLACE_WORDS[mark.kind]
    return f"{PLACE_WORDS[mark.kind]} in {mark.heading}"


def _element_id(soup: BeautifulSoup, change: Change) -> str | None:
    """A change that marks no text (a renamed id) still links to its item."""
    found = soup.find(id=change.item_id)
    return change.item_id if found is not None else None


def _legend(soup: BeautifulSoup, diff: Diff, places: int) -> Tag:
    legend = soup.new_tag("p", attrs={"class": "redline-legend"})
    legend.append(f"{summary_line(diff)} in the findings; {places} places marked in the text below. ")
    deleted = soup.new_tag("del")
    deleted.string = "Deleted text"
    inserted = soup.new_tag("ins")
    inserted.string = "inserted text"
    legend.append(deleted)
    legend.append(" and ")
    legend.append(inserted)
    legend.append(" are marked where they occur; moved text says where it came from and went to.")
    return legend

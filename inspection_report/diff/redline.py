"""A redline of the rendered HTML edition: the whole new report with deletions and insertions
marked like tracked changes, and a list of changes at the top linking to each one.

Both drafts are rendered with the same templates; their text blocks (headings, paragraphs,
list items, table cells, captions) are aligned in reading order, and each changed block shows
its word-level difference. Charts are embedded, so the file stands alone.

Text and attributes are escaped by BeautifulSoup, but HTML also forbids control characters
that escaping leaves alone, so any the findings carry are spelled out as `<U+XXXX>`.
"""

from __future__ import annotations

import base64
import copy
import difflib
import re
from collections.abc import Callable
from pathlib import Path

from bs4 import BeautifulSoup, Tag

from inspection_report.derive import Derived
from inspection_report.diff.changes import Diff
from inspection_report.diff.text_output import summary_line
from inspection_report.diff.words import normalise, similarity, word_diff
from inspection_report.errors import UsageError
from inspection_report.shown_text import visible

BLOCKS = ("h2", "h3", "h4", "h5", "p", "li", "dt", "dd", "td", "th", "caption", "figcaption", "img")
PAIR_SIMILARITY = 0.4
_STYLE = """
.redline-changes { border: 3px solid #1d70b8; padding: 0.5em 1.2em 1em; margin: 1.5em 0; }
.redline-changes ol { padding-left: 1.5em; }
.redline-legend ins, .redline-legend del { padding: 0 0.2em; }
ins { background: #cce2d8; color: #005a30; text-decoration: underline; text-decoration-thickness: 2px; }
del { background: #f6d7d2; color: #942514; text-decoration: line-through; }
.redline-removed-block { opacity: 0.9; }
img.redline-old-chart { outline: 4px solid #942514; }
img.redline-new-chart { outline: 4px solid #005a30; }
.redline-mark { scroll-margin-top: 1em; }
.redline-chart-label { font-weight: bold; margin: 0.6em 0 0.2em; }
.redline-moved { border-left: 4px solid #1d70b8; padding-left: 0.6em; }
.redline-moved-label, .redline-moved-away { font-weight: bold; color: #1d70b8; margin: 0.6em 0 0.2em; }
.redline-moved-away { border: 2px dashed #1d70b8; padding: 0.3em 0.6em; }
"""
CHART_CACHE = Path(__file__).resolve().parent.parent.parent / "output" / ".cache" / "charts"
# Controls HTML forbids in text and attributes: all but tab, line feed, form feed and return.
_CONTROLS = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f-\x9f]")


def _render(derived: Derived) -> str:
    """A side's HTML edition, its charts inlined; charts come from the builds' chart cache
    (keyed by their data), so the two sides' unchanged charts are drawn at most once."""
    from inspection_report.chart_source import ChartSource
    from inspection_report.render import render_report

    svgs = ChartSource(derived, CHART_CACHE, in_background=False).all()
    paths = {
        exhibit_id: "data:image/svg+xml;base64," + base64.b64encode(svg.encode("utf-8")).decode("ascii")
        for exhibit_id, svg in svgs.items()
    }
    return render_report(derived, paths, "report.css")


def _blocks(soup: BeautifulSoup) -> list[Tag]:
    main = soup.find("main")
    found = []
    for element in main.find_all(BLOCKS) if main else []:
        if element.name != "img" and element.find(BLOCKS):
            continue
        if element.find_parent(class_="footnote-print") or "footnote-print" in (element.get("class") or []):
            continue
        found.append(element)
    return found


def _key(element: Tag) -> str:
    if element.name == "img":
        return "img:" + str(element.get("src", ""))
    return normalise(element.get_text(" "))


def _mark_words(soup: BeautifulSoup, element: Tag, old: str, new: str) -> None:
    element.clear()
    for op, chunk in word_diff(old, new):
        if op == "equal":
            element.append(chunk)
        else:
            tag = soup.new_tag("del" if op == "delete" else "ins")
            tag.string = chunk
            element.append(tag)


def _wrap(soup: BeautifulSoup, element: Tag, name: str) -> None:
    wrapper = soup.new_tag(name)
    for child in list(element.contents):
        wrapper.append(child.extract())
    element.append(wrapper)


def diffs_to_redline(diffs: list[Diff]) -> str:
    changed = [d for d in diffs if d.changes] or diffs
    if len(changed) != 1:
        raise UsageError("--format html shows one report; name the report to compare")
    diff = changed[0]
    if diff.old is None or diff.new is None:
        raise UsageError(f"report {diff.report_id} exists on one side only; there is nothing to redline")
    old_soup = BeautifulSoup(_render(diff.old), "html.parser")
    soup = BeautifulSoup(_render(diff.new), "html.parser")
    old_blocks, new_blocks = _blocks(old_soup), _blocks(soup)
    matcher = difflib.SequenceMatcher(
        a=[_key(b) for b in old_blocks], b=[_key(b) for b in new_blocks], autojunk=False
    )
    marks: list[tuple[str, str, Tag]] = []
    deleted: list[tuple[Tag, Tag | None, Tag | None]] = []
    inserted: list[Tag] = []

    def mark(element: Tag, kind: str, text: str) -> None:
        element["id"] = element.get("id") or f"change-{len(marks) + 1}"
        _add_classes(element, "redline-mark", f"redline-{kind}")
        marks.append((kind, text, element))

    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "equal":
            continue
        olds, news = old_blocks[i1:i2], new_blocks[j1:j2]
        anchor = new_blocks[j1] if j1 < len(new_blocks) else None
        one_to_one = len(olds) == len(news) and all(o.name == n.name for o, n in zip(olds, news, strict=True))
        while (
            olds
            and news
            and (
                one_to_one
                or (olds[0].name == news[0].name == "img")
                or (
                    olds[0].name != "img"
                    and news[0].name != "img"
                    and similarity(_key(olds[0]), _key(news[0])) >= PAIR_SIMILARITY
                )
            )
        ):
            before, after = olds.pop(0), news.pop(0)
            if after.name == "img":
                old_image = copy.copy(before)
                old_image["class"] = "chart redline-old-chart"
                old_image["alt"] = "Before this change: " + str(before.get("alt", ""))
                after.insert_before(_label(soup, "Before"))
                after.insert_before(old_image)
                after.insert_before(_label(soup, "After"))
                _add_classes(after, "redline-new-chart")
                mark(after, "changed", "chart redrawn")
            else:
                old_text, new_text = _key(before), _key(after)
                _mark_words(soup, after, old_text, new_text)
                short = len(old_text) < 40 and len(new_text) < 40
                mark(after, "changed", f"{old_text} → {new_text}" if short else _excerpt(new_text))
            anchor = news[0] if news else None
        for before in olds:
            deleted.append((before, anchor, new_blocks[j1 - 1] if j1 > 0 else None))
        inserted.extend(news)
    runs, moved = _moved_runs(deleted, inserted, new_blocks)
    for run in runs:
        _mark_move(soup, run, mark)
    for before, anchor, previous in deleted:
        if id(before) in moved:
            continue
        removed = copy.copy(before)
        if removed.name == "img":
            removed["class"] = "chart redline-old-chart"
        else:
            _wrap(soup, removed, "del")
        _add_classes(removed, "redline-removed-block")
        removed.attrs.pop("id", None)
        _place(removed, anchor, previous)
        mark(removed, "removed", _excerpt(_key(before)))
    for after in inserted:
        if id(after) in moved:
            continue
        if after.name != "img":
            _wrap(soup, after, "ins")
        mark(after, "added", _excerpt(_key(after)))
    _add_change_list(soup, diff, marks)
    _spell_controls(soup)
    return str(soup)


def _place(block: Tag, anchor: Tag | None, previous: Tag | None) -> None:
    """Put a block where its old place is in the new document: before the block that now
    follows it, or after the one that now precedes it; never tacked on at the end."""
    if anchor is not None:
        anchor.insert_before(block)
    elif previous is not None:
        previous.insert_after(block)


Run = list[tuple[Tag, Tag | None, Tag | None, Tag]]


def _moved_runs(
    deleted: list[tuple[Tag, Tag | None, Tag | None]], inserted: list[Tag], new_blocks: list[Tag]
) -> tuple[list[Run], set[int]]:
    """Blocks deleted in one place and inserted unchanged in another have moved; ones that
    moved together (a whole section, block after block) are one run. Returns the runs and
    the identities of every block in them."""
    position = {id(block): index for index, block in enumerate(new_blocks)}
    waiting: dict[str, list[Tag]] = {}
    for after in inserted:
        waiting.setdefault(_key(after), []).append(after)
    moved: set[int] = set()
    runs: list[Run] = []
    last: int | None = None
    for before, anchor, previous in deleted:
        targets = waiting.get(_key(before))
        if not targets or not _key(before):
            last = None
            continue
        target = targets.pop(0)
        moved.update({id(before), id(target)})
        here = position[id(target)]
        if runs and last is not None and here == last + 1:
            runs[-1].append((before, anchor, previous, target))
        else:
            runs.append([(before, anchor, previous, target)])
        last = here
    return runs, moved


def _mark_move(soup: BeautifulSoup, run: Run, mark: Callable[[Tag, str, str], None]) -> None:
    """A moved run: at its old place a note 'Moved to …' linking to it; at its new place the
    blocks marked, the first saying 'Moved from …'; like a word processor's move tracking."""
    before, anchor, previous, first = run[0]
    old_place, new_place = _section_of(before), _section_of(first)
    for _, _, _, target in run:
        _add_classes(target, "redline-moved")
    mark(first, "moved", f"{_excerpt(_key(first), 60)} from {old_place or 'its old place'}")
    label = soup.new_tag("p", attrs={"class": "redline-moved-label"})
    label.string = f"Moved from {old_place or 'elsewhere'}"
    first.insert_before(label)
    note = soup.new_tag("p", attrs={"class": "redline-moved-away"})
    link = soup.new_tag("a", href=f"#{first['id']}")
    link.string = f"Moved to {new_place or 'another place'}"
    note.append(link)
    note.append(f": {_excerpt(_key(before), 60)}")
    _place(note, anchor, previous)


def _section_of(element: Tag) -> str:
    heading = element.find_previous(["h2", "h3"])
    return normalise(heading.get_text(" ")) if heading is not None else ""


def _spell_controls(soup: BeautifulSoup) -> None:
    for string in soup.find_all(string=_CONTROLS):
        string.replace_with(type(string)(_CONTROLS.sub(lambda m: visible(m.group()), string)))
    for element in soup.find_all(True):
        for name, value in element.attrs.items():
            if isinstance(value, str) and _CONTROLS.search(value):
                element[name] = _CONTROLS.sub(lambda m: visible(m.group()), value)


def _add_classes(element: Tag, *names: str) -> None:
    element["class"] = " ".join([*element.get_attribute_list("class"), *names]).strip()


def _excerpt(text: str, size: int = 90) -> str:
    return text if len(text) <= size else text[: size - 1].rsplit(" ", 1)[0] + "…"


def _label(soup: BeautifulSoup, text: str) -> Tag:
    label = soup.new_tag("p", attrs={"class": "redline-chart-label"})
    label.string = text
    return label


def _context(element: Tag) -> str:
    heading = element.find_previous(["h2", "h3"])
    return f" (in {normalise(heading.get_text(' '))})" if heading is not None else ""


def _add_change_list(soup: BeautifulSoup, diff: Diff, marks: list[tuple[str, str, Tag]]) -> None:
    from inspection_report.publish import STYLESHEET
    from inspection_report.render import TEMPLATES

    for link in soup.find_all("link", rel="stylesheet"):
        link.decompose()
    style = soup.new_tag("style")
    style.string = (TEMPLATES / STYLESHEET).read_text(encoding="utf-8") + _STYLE
    if soup.head is not None:
        soup.head.append(style)
    title = soup.title
    if title is not None:
        title.string = f"Redline: {title.get_text()} ({diff.old_label} → {diff.new_label})"
    nav = soup.new_tag("nav", attrs={"class": "redline-changes", "aria-labelledby": "redline-title"})
    heading = soup.new_tag("h2", attrs={"id": "redline-title"})
    heading.string = f"Changes from {diff.old_label} to {diff.new_label}"
    nav.append(heading)
    legend = soup.new_tag("p", attrs={"class": "redline-legend"})
    legend.append(f"{summary_line(diff)} in the findings; {len(marks)} places in the text below. ")
    deleted = soup.new_tag("del")
    deleted.string = "Deleted text"
    inserted = soup.new_tag("ins")
    inserted.string = "inserted text"
    legend.append(deleted)
    legend.append(" and ")
    legend.append(inserted)
    legend.append(" are marked where they occur.")
    nav.append(legend)
    listing = soup.new_tag("ol")
    for kind, text, element in marks:
        item = soup.new_tag("li")
        link = soup.new_tag("a", href=f"#{element['id']}")
        link.string = f"{kind.capitalize()}: {text}{_context(element)}"
        item.append(link)
        listing.append(item)
    nav.append(listing)
    main = soup.find("main")
    if main is not None:
        main.insert(0, nav)

"""The PDF typeset part by part, in parallel, each part kept until what it depends on changes.

A part is laid out again only when its own HTML, a file it uses (stylesheet, chart,
watermark) or the tools change: its cache key is the hash of all of them. Parts' page counts
then place every part, the contents are written with their page numbers and laid out, page
numbers are drawn for every page, and `pdf_merge` puts it all together, each part as soon
as it is laid out. An edit that changes a part's length moves the pages after it, but their
layout does not change; only the contents and the page numbers are done again. A part that
changed is cut at the pages its last layout found beginning cleanly (`page_cuts`), so only
the stretch holding the edit is laid out again.
"""

from __future__ import annotations

import hashlib
import itertools
import re
import tempfile
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import FIRST_COMPLETED, Future, wait
from pathlib import Path

from inspection_report import page_cuts
from inspection_report.errors import PublishError
from inspection_report.fingerprint import environment_fingerprint
from inspection_report.page_cuts import Stretch
from inspection_report.page_index import PageIndex
from inspection_report.page_starts import PageStart
from inspection_report.part_cache import PartCache
from inspection_report.pdf_layout import Laid, LayoutPool, ProbeFailed, laid_out, typeset
from inspection_report.pdf_parts import (
    PartDocument,
    numbers_document,
    split_report,
    with_contents_pages,
)

Provide = Callable[[Path], None]
Job = tuple[str, Path | None, Future[Laid] | Laid]
"""A layout asked for: its cache key, its PDF's path (none when only its pages are wanted),
and its record, or the promise of one."""
_RESOURCE = re.compile(r"""(?:src|href)="([^"#:?]+)"|url\(["']?([^"')#:?]+)["']?\)""")
# Page numbers are laid out in documents of this many pages.
_NUMBERED_PAGES = 100


def print_by_parts(
    html_path: Path,
    pdf_path: Path,
    allowed: list[Path],
    provide: Provide | None,
    pool: LayoutPool,
    cache: PartCache,
) -> None:
    """Write `pdf_path` (and pages.json beside it) from `html_path`, part by part.

    The parts are laid out at once, with the front matter numbered with placeholders to
    learn its length; then the front matter is laid out with its real page numbers while
    the page numbers are drawn."""
    folder = html_path.parent
    documents = split_report(html_path.read_text(encoding="utf-8"))
    front, parts = documents[0], documents[1:]
    with tempfile.TemporaryDirectory(prefix=".parts-", dir=folder) as scratch:
        job = _Jobs(pool, cache, folder, Path(scratch), [str(p) for p in allowed])
        try:
            try:
                _print(job, front, parts, folder, provide, pdf_path)
            except ProbeFailed:
                # An edit moved a page that a cut part counted on: those parts are laid out
                # whole, the rest taken from the cache.
                job.settle()
                job.whole |= job.probed
                _print(job, front, parts, folder, provide, pdf_path)
        finally:
            job.settle()
    cache.prune()


def _print(
    job: _Jobs,
    front: PartDocument,
    parts: list[PartDocument],
    folder: Path,
    provide: Provide | None,
    pdf_path: Path,
) -> None:
    """Lay out the parts and the front matter, number the pages, and merge."""
    _provide_for(front, folder, provide)
    # Laid out only to count its pages: the contents with placeholder numbers.
    counted = with_contents_pages(front, dict.fromkeys(front.anchors | _all(parts), 888))
    plans = [job.plan(part, provide) for part in parts]
    pieces = parts
    parts = [stretch.document for plan in plans for stretch in plan]
    # Each part is asked for once the files it uses exist, while charts are still drawn.
    ordered = ((index, parts[index], True) for index in layout_order(parts, folder, provide))
    pending = job.lay_all(itertools.chain([(-1, counted, False)], ordered))
    placeholder = pending.pop(-1)
    # Imported once every part is handed to the pool: loading pikepdf (about 60 ms of CPU)
    # before that would hold up the first layouts.
    from inspection_report.pdf_merge import PartMerger

    with PartMerger(len(parts)) as merger:
        # Each part is merged as soon as it is laid out (or found in the cache), while the
        # others are laid out: the merge is not left for the end, with one core idle.
        done: dict[int, tuple[Path, Laid]] = {}
        for index, result in job.as_done(pending):
            merger.add(index, result[0], result[1].bookmarks)
            done[index] = result
        results = [done[index] for index in range(len(parts))]
        part_names = [name for _, laid in results for name in laid.names]
        # The front matter's pages as the placeholder numbers gave them; laid out again if the
        # real numbers change them, and the page numbers with them.
        front_names = job.pages(placeholder).names
        learning = iter(zip(pieces, plans, strict=True))
        laid_parts = iter(laid for _, laid in results)
        for _ in range(3):
            numbered = job.lay(
                with_contents_pages(front, _anchor_pages(len(front_names), results)), tagged=True
            )
            numbers = [
                job.lay(PartDocument(name, numbers_document(front, chunk, first), frozenset()), tagged=False)
                for name, first, chunk in _numbering_chunks(front_names + part_names)
            ]
            # While the front matter and the page numbers are laid out, the first time.
            for piece, plan in learning:
                job.learn(piece, plan, [next(laid_parts) for _ in plan])
            front_pdf, front_laid = job.wait(numbered)
            if front_laid.names == front_names:
                break
            front_names = front_laid.names
        else:
            raise PublishError("the contents pages could not be numbered: their length keeps changing")
        numbers_laid = [job.wait(chunk) for chunk in numbers]
        # Every layout is done: a build's own processes end before the file is written.
        job.pool.done()
        merger.finish(front_pdf, front_laid.bookmarks, [pdf for pdf, _ in numbers_laid], pdf_path)
    _write_page_index(
        pdf_path, [front_laid, *(laid for _, laid in results)], [laid for _, laid in numbers_laid]
    )


def layout_order(parts: list[PartDocument], folder: Path, provide: Provide | None) -> Iterator[int]:
    """The parts' indexes in the order to lay them out, each once the files it uses exist.

    Parts whose files are all there go first, the longest first so that no core is left
    with a long part at the end; the others follow as their charts are drawn, so layout
    starts while charts are still being drawn."""
    by_length = sorted(range(len(parts)), key=lambda index: -len(parts[index].html))
    waiting = [index for index in by_length if _missing(parts[index], folder)]
    yield from (index for index in by_length if index not in waiting)
    for index in waiting:
        _provide_for(parts[index], folder, provide)
        yield index


def _missing(document: PartDocument, folder: Path) -> list[Path]:
    return [folder / name for name in sorted(_resources(document.html)) if not (folder / name).is_file()]


def _provide_for(document: PartDocument, folder: Path, provide: Provide | None) -> None:
    """Have the files `document` uses made (charts are drawn on demand) before it is hashed
    and laid out."""
    for path in _missing(document, folder):
        if provide is not None:
            provide(path)


def _numbering_chunks(names: list[str]) -> Iterator[tuple[str, int, list[str]]]:
    """The page numbers in documents of at most `_NUMBERED_PAGES` pages, each with its name
    and first page: laid out at once, each holding little, and a chunk whose pages' types
    did not change is taken from the cache."""
    for start in range(0, len(names), _NUMBERED_PAGES):
        name = "numbers" if start == 0 else f"numbers from page {start + 1}"
        yield name, start + 1, names[start : start + _NUMBERED_PAGES]


def _all(parts: list[PartDocument]) -> frozenset[str]:
    return frozenset().union(*(part.anchors for part in parts))


def _anchor_pages(front_length: int, results: list[tuple[Path, Laid]]) -> dict[str, int]:
    """Each anchor's page number (from 1) in the merged report."""
    pages: dict[str, int] = {}
    start = front_length
    for _, laid in results:
        for anchor, page in laid.anchors.items():
            pages.setdefault(anchor, start + page + 1)
        start += laid.pages
    return pages


class _Jobs:
    """Layouts asked of the pool, or found in the cache."""

    def __init__(
        self, pool: LayoutPool, cache: PartCache, folder: Path, scratch: Path, allowed: list[str]
    ) -> None:
        self.pool, self.cache, self.folder, self.scratch, self.allowed = pool, cache, folder, scratch, allowed
        self.base_url = str(folder / "report.html")
        self.submitted: list[Future[Laid]] = []
        self.keys: dict[tuple[str, PageStart | None, bool, bool], str] = {}
        self.fresh: set[str] = set()
        """The documents laid out afresh, by name."""
        self.probed: set[str] = set()
        """The parts cut with a probe, by name."""
        self.whole: set[str] = set()
        """The parts to lay out whole, uncut: one of their probes failed."""

    def lay(self, document: PartDocument, tagged: bool, written: bool = True, key: str | None = None) -> Job:
        """Have `document` laid out, and written to a PDF unless only its pages are wanted
        (`key`, when given, is its `layout_key`)."""
        key = key or self.key(document, tagged, written)
        found = self.cache.get(key, written)
        if found is not None:
            return key, found[0], found[1]
        target = self.scratch / f"{key}.pdf" if written else None
        self.cache.typeset.append(document.name)
        self.fresh.add(document.name)
        future = self.pool.submit(
            typeset,
            document.html,
            self.base_url,
            str(target) if target else None,
            self.allowed,
            tagged,
            document.probe,
            size=len(document.html),
        )
        self.submitted.append(future)
        return key, target, future

    def lay_all(self, documents: Iterable[tuple[int, PartDocument, bool]]) -> dict[int, Job]:
        """Have each of `documents` (an index, the document, and whether its PDF is wanted)
        laid out, tagged, in the order given; a layout the cache seems to hold is read back
        only once every other one is handed to the pool. Reading a cached layout back means
        reading and hashing its PDF: after an edit, the part that changed is laid out while
        the others are read, not after."""
        jobs: dict[int, Job] = {}
        held: list[tuple[int, PartDocument, bool, str]] = []
        for index, document, written in documents:
            key = self.key(document, True, written)
            if self.cache.holds(key, written):
                held.append((index, document, written, key))
            else:
                jobs[index] = self.lay(document, True, written, key)
        for index, document, written, key in held:
            jobs[index] = self.lay(document, True, written, key)
        return jobs

    def plan(self, part: PartDocument, provide: Provide | None) -> list[Stretch]:
        """`part` whole, or, when it is not in the cache but its last layout found pages that
        begin cleanly, cut there (`page_cuts`): after an edit, only the stretch that holds it
        is laid out again (the first time, every stretch, side by side)."""
        whole = [Stretch(part, None, None, False)]
        learned = [] if part.name in self.whole else self.cache.learned(part.name)
        if not learned:
            return whole
        # Only after a layout of the part, when its charts are in the chart cache.
        _provide_for(part, self.folder, provide)
        if self.cache.holds(self.key(part, True, True)):
            return whole
        stretches = page_cuts.plan(part, learned, self._span_key)
        if any(stretch.probe for stretch in stretches):
            self.probed.add(part.name)
        return stretches

    def learn(self, part: PartDocument, stretches: list[Stretch], laid: list[Laid]) -> None:
        """Keep the page starts the layouts of `part` found, for its next layout, when one
        of them was laid out afresh."""
        if any(stretch.document.name in self.fresh for stretch in stretches):
            self.cache.learn(part.name, page_cuts.learned_from(part, stretches, laid, self._span_key))

    def key(self, document: PartDocument, tagged: bool, written: bool) -> str:
        """`document`'s layout key, with the page start its layout must find, if any; each
        worked out once a build (a part's is asked for when it is planned and when laid out)."""
        asked = (document.html, document.probe, tagged, written)
        if asked not in self.keys:
            key = layout_key(document.html, self.folder, tagged, written)
            if document.probe is not None:
                key = hashlib.sha256(f"{key}\0{document.probe.as_json()}".encode()).hexdigest()
            self.keys[asked] = key
        return self.keys[asked]

    def _span_key(self, html: str) -> str:
        return layout_key(html, self.folder, True)

    def settle(self) -> None:
        """Cancel the layouts not started and wait for the others: nothing may still be
        writing into the scratch folder when it is removed (after an error in one part, or
        a contents layout made stale by a second pass)."""
        for future in self.submitted:
            future.cancel()
        wait(self.submitted)

    def as_done(self, jobs: dict[int, Job]) -> Iterator[tuple[int, tuple[Path, Laid]]]:
        """Each written layout's index, PDF and record, as soon as it is done: those from the
        cache at once, the others in the order their layouts end."""
        waiting = dict(jobs)
        while waiting:
            ready = sorted(
                index
                for index, (_, _, pending) in waiting.items()
                if not isinstance(pending, Future) or pending.done()
            )
            if not ready:
                running = [pending for _, _, pending in waiting.values() if isinstance(pending, Future)]
                wait(running, return_when=FIRST_COMPLETED)
            for index in ready:
                yield index, self.wait(waiting.pop(index))

    def wait(self, job: Job) -> tuple[Path, Laid]:
        """A written layout's PDF and record."""
        pdf, laid = self._done(job)
        if pdf is None:
            raise ValueError("a layout made only to count its pages has no PDF")
        return pdf, laid

    def pages(self, job: Job) -> Laid:
        """A layout's record: its pages, their names and texts, and its anchors."""
        return self._done(job)[1]

    def _done(self, job: Job) -> tuple[Path | None, Laid]:
        key, pdf, pending = job
        laid = laid_out(pending) if isinstance(pending, Future) else pending
        if isinstance(pending, Future):
            self.cache.put(key, pdf, laid)
        return pdf, laid


def layout_key(html: str, folder: Path, tagged: bool, written: bool = True) -> str:
    """What a layout depends on, hashed: the tools, the HTML and the bytes of every file of
    `folder` it uses (stylesheet, charts, watermark)."""
    digest = hashlib.sha256(environment_fingerprint().encode())
    digest.update(f"tagged={tagged}\0".encode())
    if not written:
        digest.update(b"pages only\0")
    digest.update(html.encode("utf-8"))
    for relative in sorted(_resources(html)):
        path = folder / relative
        digest.update(f"\0{relative}\0".encode())
        if path.is_file():
            digest.update(hashlib.sha256(path.read_bytes()).digest())
    return digest.hexdigest()


def _resources(html: str) -> set[str]:
    """Local files a document refers to: its stylesheet, charts and watermark."""
    return {a or b for a, b in _RESOURCE.findall(html) if (a or b) and not (a or b).startswith(("/", "data"))}


def _write_page_index(pdf_path: Path, documents: list[Laid], numbers: list[Laid]) -> None:
    """`pages.json` as the one flow writes it: each anchor at the first page that holds it,
    and each page's text followed by its page number."""
    anchors: dict[str, int] = {}
    texts: list[str] = []
    for laid in documents:
        for anchor, page in laid.anchors.items():
            anchors.setdefault(anchor, len(texts) + page + 1)
        texts += laid.texts
    printed = [text for laid in numbers for text in laid.texts]
    PageIndex(
        anchors, [" ".join(f"{text} {number}".split()) for text, number in zip(texts, printed, strict=True)]
    ).write(pdf_path)

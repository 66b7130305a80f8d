"""The PDF typeset part by part is the PDF the whole flow gives: same pages, same text on
every page, same bookmarks and link targets, and the same structure checks. After an edit only
the parts whose inputs changed are laid out again; when an edit changes a part's length, the
contents and page numbers follow and nothing stale survives."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import sys
import time
from pathlib import Path

import pikepdf
import pytest
from conftest import ROOT, SAMPLE, BuiltReport, replace_in
from mini_report import write_mini_report
from pdf_equivalence import differences, page_texts
from pdf_structure import TaggedPdf

from inspection_report import pdf_by_parts
from inspection_report.cli import main
from inspection_report.errors import PublishError
from inspection_report.forked_call import call_in_fork
from inspection_report.page_index import PAGE_INDEX
from inspection_report.part_cache import PartCache
from inspection_report.pdf_by_parts import layout_key, layout_order, print_by_parts
from inspection_report.pdf_layout import LayoutPool, typeset
from inspection_report.pdf_parts import PartDocument
from inspection_report.pipeline import build_report

CHAPTER = "parts/02-findings/1-crc.md"
# The piece of the findings chapter CHAPTER is in: from its first section, which starts a page.
SECTIONS = "findings from findings-crc"


def _build(folder: Path, output: Path, mode: str, force: bool = True):
    return build_report(folder, output, folder.parent.parent, pdf_mode=mode, force=force, in_background=False)


@pytest.fixture(scope="module")
def sample_whole(tmp_path_factory: pytest.TempPathFactory) -> Path:
    output = tmp_path_factory.mktemp("whole")
    return _build(SAMPLE, output, "whole").destination / "report.pdf"


def test_the_sample_by_parts_is_the_sample_as_one_flow(sample_build: BuiltReport, sample_whole: Path):
    assert differences(sample_whole, sample_build.pdf) == []


def test_the_sample_by_parts_indexes_its_pages_as_the_one_flow_does(
    sample_build: BuiltReport, sample_whole: Path
):
    """pages.json, which `diff` reads to cite pages: every anchor's page and every page's text,
    page number included."""
    parts = json.loads((sample_build.pdf.parent / PAGE_INDEX).read_text(encoding="utf-8"))
    assert parts == json.loads((sample_whole.parent / PAGE_INDEX).read_text(encoding="utf-8"))


def test_the_sample_by_parts_passes_every_structure_check(sample_build: BuiltReport):
    tagged = TaggedPdf(sample_build.pdf)
    assert {name: found for name, found in tagged.all_conditions().items() if found} == {}
    assert tagged.captions_apart() == [] and tagged.empty_columns() == []
    document = [e for e in tagged.elements if e.role == "Document"]
    assert len(document) == 1
    assert len([e for e in tagged.elements if e.role == "Part"]) == 1


def test_page_numbers_are_artifacts_on_every_page_but_the_cover(sample_build: BuiltReport):
    pages = page_texts(sample_build.pdf)
    assert not pages[0].endswith(" 1")
    for number, text in enumerate(pages[1:-1], start=2):
        assert f" {number}" in f" {text}", number


@pytest.fixture
def mini(tmp_path: Path) -> Path:
    folder = write_mini_report(tmp_path / "findings")
    shutil.copyfile(SAMPLE.parent / "house-style.yaml", folder.parent / "house-style.yaml")
    return folder


def _grow(folder: Path, paragraphs: int) -> None:
    sentence = (
        "Staff described the work they did with service users in some detail, so that the "
        "chapter runs onto more pages than it did before this edit was made. "
    )
    extra = "".join(f"\n\n{sentence * 3}" for _ in range(paragraphs))
    replace_in(folder / CHAPTER, "Staff were well trained.", "Staff were well trained." + extra)


def test_an_edit_that_lengthens_a_part_relays_only_it_the_contents_and_the_numbers(mini, tmp_path):
    parts, whole = tmp_path / "parts", tmp_path / "whole"
    first = _build(mini, parts, "parts")
    assert {"findings", SECTIONS, "front", "numbers"} <= set(first.typeset)
    before = len(page_texts(parts / "mini" / "report.pdf"))
    _grow(mini, 30)
    second = _build(mini, parts, "parts")
    assert sorted(second.typeset) == [SECTIONS, "front", "numbers"]
    after = parts / "mini" / "report.pdf"
    assert len(page_texts(after)) > before
    _build(mini, whole, "whole")
    assert differences(whole / "mini" / "report.pdf", after) == []


def test_an_edit_that_keeps_a_part_s_length_relays_only_that_part(mini, tmp_path):
    output = tmp_path / "parts"
    _build(mini, output, "parts")
    replace_in(mini / CHAPTER, "Staff were well trained.", "Staff were very well trained.")
    second = _build(mini, output, "parts")
    assert second.typeset == [SECTIONS]
    assert "Staff were very well trained." in " ".join(page_texts(output / "mini" / "report.pdf"))


def test_contents_that_grow_once_numbered_are_laid_out_again_and_every_page_keeps_its_number(
    mini, tmp_path, monkeypatch
):
    """The real page numbers may lengthen contents that the placeholder numbers laid out
    shorter: the front matter is laid out again, and the contents and the page numbers follow
    the pages as they finally fall."""
    numbered = pdf_by_parts.with_contents_pages

    def longer_once_numbered(front: PartDocument, pages: dict[str, int]) -> PartDocument:
        document = numbered(front, pages)
        if set(pages.values()) == {888}:
            return document
        more = '<p style="break-before: page">Contents, continued.</p></body>'
        return PartDocument(document.name, document.html.replace("</body>", more), document.anchors)

    monkeypatch.setattr(pdf_by_parts, "with_contents_pages", longer_once_numbered)
    pdf = _build(mini, tmp_path / "parts", "parts").destination / "report.pdf"
    pages = page_texts(pdf)
    continued = next(number for number, text in enumerate(pages, start=1) if "Contents, continued." in text)
    for number, text in enumerate(pages[1:-1], start=2):
        assert text.split()[-1] == str(number), (number, text[-60:])
    for title in ("Foreword", "Findings", "Recommendations", "Glossary"):
        page = int(re.search(rf"{title}[ .]+(\d+)", pages[1]).group(1))
        assert page > continued and title in pages[page - 1], title


def test_after_an_edit_the_changed_part_is_laid_out_before_any_cached_part_is_read_back(
    mini, tmp_path, monkeypatch
):
    """Reading a cached layout back means reading and hashing its PDF: the part an edit
    changed is handed to the pool first, even when it is the shortest, and the others are
    read back while it is laid out."""
    output = tmp_path / "parts"
    _build(mini, output, "parts")
    replace_in(mini / "parts/01-foreword.md", "The work was good.", "The work was very good.")
    events: list[str] = []
    get, submit = PartCache.get, LayoutPool.submit

    def reading_back(self, key, written=True):
        found = get(self, key, written)
        if found is not None and written:
            events.append("read back")
        return found

    def laying_out(self, function, *arguments, **options):
        events.append("laid out")
        return submit(self, function, *arguments, **options)

    monkeypatch.setattr(PartCache, "get", reading_back)
    monkeypatch.setattr(LayoutPool, "submit", laying_out)
    again = _build(mini, output, "parts")
    assert again.typeset == ["foreword"]
    assert events[0] == "laid out" and events.count("read back") >= 3, events
    assert "The work was very good." in " ".join(page_texts(output / "mini" / "report.pdf"))


def test_the_front_matter_is_first_laid_out_only_to_count_its_pages(mini, tmp_path):
    """The contents with placeholder numbers tell the front matter's length and nothing
    else: that layout writes no PDF, and its record is reused like any other."""
    output = tmp_path / "parts"
    _build(mini, output, "parts")
    cache = output / ".cache" / "pdf-parts"
    records, pdfs = {p.stem for p in cache.glob("*.json")}, {p.stem for p in cache.glob("*.pdf")}
    assert pdfs < records and len(records - pdfs) == 1
    assert _build(mini, output, "parts").typeset == []


def test_a_damaged_cached_part_is_laid_out_again(mini, tmp_path):
    output = tmp_path / "parts"
    _build(mini, output, "parts")
    for cached in (output / ".cache" / "pdf-parts").glob("*.pdf"):
        cached.write_bytes(cached.read_bytes()[:100])
    again = _build(mini, output, "parts")
    assert "findings" in again.typeset
    _build(mini, tmp_path / "whole", "whole")
    assert differences(tmp_path / "whole" / "mini" / "report.pdf", output / "mini" / "report.pdf") == []


def test_a_report_without_notices_still_has_one_part_and_passes_the_structure_checks(mini, tmp_path):
    result = _build(mini, tmp_path / "parts", "parts")
    tagged = TaggedPdf(result.destination / "report.pdf")
    assert {name: found for name, found in tagged.all_conditions().items() if found} == {}
    assert len([e for e in tagged.elements if e.role == "Part"]) == 1
    _build(mini, tmp_path / "whole", "whole")
    assert differences(tmp_path / "whole" / "mini" / "report.pdf", result.destination / "report.pdf") == []


@pytest.mark.parametrize("shape", ["2017", "minimal"])
def test_a_report_of_another_shape_by_parts_is_it_as_one_flow(tmp_path, shape):
    """A report of another shape (chapter one merged and protection first, or a handful of
    parts) is cut and merged as the sample is: the same PDF as its one flow, every structure
    check passed, one /Part."""
    findings = tmp_path / "findings"
    findings.mkdir()
    shutil.copyfile(ROOT / "findings" / "house-style.yaml", findings / "house-style.yaml")
    assert main(["new", "leeds-2026", "--shape", shape, "--findings", str(findings)]) == 0
    parts = _build(findings / "leeds-2026", tmp_path / "parts", "parts")
    whole = _build(findings / "leeds-2026", tmp_path / "whole", "whole")
    assert differences(whole.destination / "report.pdf", parts.destination / "report.pdf") == []
    tagged = TaggedPdf(parts.destination / "report.pdf")
    assert {name: found for name, found in tagged.all_conditions().items() if found} == {}
    assert len([e for e in tagged.elements if e.role == "Part"]) == 1


def test_a_report_twice_the_sample_by_parts_is_it_as_one_flow(tmp_path):
    """The sample's parts twice over under new ids: twice the cross-part links, bookmarks and
    contents entries, and page numbers from more than one numbers document
    (`bench/big_report.py` runs the same comparison at ten times)."""
    sys.path.insert(0, str(ROOT / "bench"))
    from big_report import make_big_report

    findings = tmp_path / "findings"
    report_id = make_big_report(findings, 2)
    parts = build_report(
        findings / report_id, tmp_path / "parts", tmp_path, layout_workers=2, in_background=False
    )
    assert len(parts.typeset) > 30
    assert "numbers from page 101" in parts.typeset
    whole = _build(findings / report_id, tmp_path / "whole", "whole")
    assert differences(whole.destination / "report.pdf", parts.destination / "report.pdf") == []


def _linking(stylesheet: str, body: str) -> str:
    head = f'<title>t</title><link href="{stylesheet}" rel="stylesheet">'
    return f'<html lang="en"><head>{head}</head><body>{body}</body></html>'


def _page_width(pdf: Path) -> float:
    with pikepdf.open(pdf) as document:
        return float(document.pages[0].mediabox[2])


def test_a_stylesheet_changed_between_layouts_is_read_again(tmp_path):
    """A layout process keeps the stylesheet it parsed, by its bytes: a changed stylesheet at
    the same address is never served stale."""
    (tmp_path / "style.css").write_text("@page { size: A5; }", encoding="utf-8")
    html = _linking("style.css", "<p>x</p>")
    base = str(tmp_path / "page.html")
    typeset(html, base, str(tmp_path / "a5.pdf"), [str(tmp_path)], False)
    (tmp_path / "style.css").write_text("@page { size: A4; }", encoding="utf-8")
    typeset(html, base, str(tmp_path / "a4.pdf"), [str(tmp_path)], False)
    assert round(_page_width(tmp_path / "a5.pdf")) == 420
    assert round(_page_width(tmp_path / "a4.pdf")) == 595


def test_a_stylesheet_with_document_wide_rules_is_parsed_for_every_document(tmp_path):
    """A stylesheet whose rules write into the document's state (fonts, counter styles,
    layers) is never shared between documents."""
    stateful = "@counter-style thumbs { system: cyclic; symbols: X; suffix: ' '; } li { list-style: thumbs; }"
    (tmp_path / "style.css").write_text(stateful, encoding="utf-8")
    html = _linking("style.css", "<ol><li>one</li></ol>")
    base = str(tmp_path / "page.html")
    for name in ("first.pdf", "second.pdf"):
        typeset(html, base, str(tmp_path / name), [str(tmp_path)], False)
    assert page_texts(tmp_path / "first.pdf") == page_texts(tmp_path / "second.pdf")
    assert "X one" in page_texts(tmp_path / "second.pdf")[0]


def _counting_parses(monkeypatch) -> list[str]:
    """The addresses of the stylesheets WeasyPrint parses from here on, none kept from before."""
    import weasyprint.css

    from inspection_report import stylesheet_reuse

    monkeypatch.setattr(stylesheet_reuse, "_parsed", {})
    parsed: list[str] = []
    original = weasyprint.css.CSS

    def counted(**arguments):
        parsed.append(str(arguments.get("base_url") or arguments.get("url")))
        return original(**arguments)

    monkeypatch.setattr(weasyprint.css, "CSS", counted)
    return parsed


def _typeset_in(tmp_path: Path, folder: str, stylesheet: str) -> None:
    """Lay out `folder`.pdf from a page in `folder` that links `stylesheet`, written there."""
    (tmp_path / folder).mkdir(exist_ok=True)
    (tmp_path / folder / "style.css").write_text(stylesheet, encoding="utf-8")
    page, pdf = str(tmp_path / folder / "page.html"), str(tmp_path / f"{folder}.pdf")
    typeset(_linking("style.css", "<p>x</p>"), page, pdf, [str(tmp_path)], False)


def test_a_stylesheet_without_addresses_is_parsed_once_wherever_it_lies(tmp_path, monkeypatch):
    """A build stages its stylesheet in a folder of its own: the same bytes elsewhere are the
    same parse, and the page is the same."""
    parsed = _counting_parses(monkeypatch)
    for folder in ("one", "two"):
        _typeset_in(tmp_path, folder, "@page { size: A5; } p { color: #123; }")
    assert [url for url in parsed if url.endswith("style.css")] == [(tmp_path / "one" / "style.css").as_uri()]
    assert round(_page_width(tmp_path / "two.pdf")) == 420


def _image_widths(pdf: Path) -> list[int]:
    with pikepdf.open(pdf) as document:
        return [int(image.Width) for page in document.pages for image in page.get_images().values()]


@pytest.mark.parametrize("address", ["URL(mark.png)", "\\75 rl(mark.png)"], ids=["upper-case", "escaped"])
def test_a_stylesheet_with_addresses_is_parsed_where_it_lies(tmp_path, monkeypatch, address):
    """The same bytes in another folder name other files: each document gets its own folder's,
    however the address is spelled."""
    from PIL import Image

    parsed = _counting_parses(monkeypatch)
    for folder, width in (("one", 3), ("two", 5)):
        (tmp_path / folder).mkdir()
        Image.new("RGB", (width, 2), "red").save(tmp_path / folder / "mark.png")
        _typeset_in(tmp_path, folder, f"p::before {{ content: {address}; }}")
    assert len([url for url in parsed if url.endswith("style.css")]) == 2
    assert _image_widths(tmp_path / "one.pdf") == [3]
    assert _image_widths(tmp_path / "two.pdf") == [5]


def test_the_warm_up_leaves_the_report_stylesheet_parsed_for_any_copy(tmp_path, monkeypatch):
    """After `warm_up`, a part linking a copy of the report's stylesheet in a build's own
    folder (as every build stages one) starts without parsing it."""
    from inspection_report.pdf_layout import warm_up
    from inspection_report.publish import STYLESHEET, TEMPLATES

    parsed = _counting_parses(monkeypatch)
    warm_up(TEMPLATES / STYLESHEET)
    assert len(parsed) == 1
    shutil.copyfile(TEMPLATES / STYLESHEET, tmp_path / STYLESHEET)
    html = _linking(STYLESHEET, "<h1>Title</h1><p>Text.</p>")
    laid = typeset(html, str(tmp_path / "part.html"), str(tmp_path / "part.pdf"), [str(tmp_path)], True)
    assert len(parsed) == 1
    assert laid.pages == 1 and "Title" in page_texts(tmp_path / "part.pdf")[0]


def _font_names(pdf: Path) -> set[str]:
    with pikepdf.open(pdf) as document:
        return {
            str(font.BaseFont)
            for page in document.pages
            for font in page.Resources.get("/Font", {}).values()
            if "/BaseFont" in font
        }


def test_a_font_one_document_adds_is_not_seen_by_the_next_in_the_same_process(tmp_path):
    """Layout processes keep one font configuration for every document, but a font added
    with @font-face belongs to its document alone."""
    face = next(Path("/usr/share/fonts").rglob("LiberationSerif-Regular.ttf"))
    shutil.copy(face, tmp_path / "added.ttf")
    base = str(tmp_path / "page.html")
    adding = "@font-face { font-family: Added; src: url(added.ttf); } p { font-family: Added; }"
    using = "p { font-family: Added, 'Liberation Sans'; }"
    for name, style in (("adding.pdf", adding), ("using.pdf", using)):
        html = (
            f'<html lang="en"><head><title>t</title><style>{style}</style></head><body><p>x</p></body></html>'
        )
        typeset(html, base, str(tmp_path / name), [str(tmp_path)], False)
    assert any(name.endswith("+Added") for name in _font_names(tmp_path / "adding.pdf"))
    assert not any(name.endswith("+Added") for name in _font_names(tmp_path / "using.pdf"))


def test_a_document_laid_out_after_others_has_the_bytes_of_one_laid_out_first(tmp_path):
    """The font configuration a layout process keeps changes no byte of what it writes."""
    base = str(tmp_path / "page.html")
    (tmp_path / "style.css").write_text("body { font-family: 'Liberation Sans'; }", encoding="utf-8")
    first = _linking("style.css", "<h1>Other</h1><p><b>Bold</b> and <i>italic</i> words, 1 2 3.</p>")
    checked = _linking("style.css", "<p>The words checked: <b>bold</b>, 27 of 31 cases.</p>")
    call_in_fork(typeset, checked, base, str(tmp_path / "alone.pdf"), [str(tmp_path)], True)
    typeset(first, base, str(tmp_path / "first.pdf"), [str(tmp_path)], True)
    typeset(checked, base, str(tmp_path / "after.pdf"), [str(tmp_path)], True)
    assert (tmp_path / "after.pdf").read_bytes() == (tmp_path / "alone.pdf").read_bytes()


def test_the_build_says_which_parts_it_laid_out_again(mini, tmp_path, capsys):
    build = ["build", "mini", "--findings", str(mini.parent), "--output", str(tmp_path / "out"), "-j", "1"]
    assert main(build) == 0
    replace_in(mini / CHAPTER, "Staff were well trained.", "Staff were very well trained.")
    capsys.readouterr()
    assert main(build) == 0
    assert re.search(
        rf"PDF layouts: 1 laid out \({SECTIONS}\), [1-9]\d* from the cache\n", capsys.readouterr().out
    )


def test_a_killed_layout_process_is_a_clear_error_and_writes_nothing(mini, tmp_path):
    pool = LayoutPool(1)
    try:
        pool.submit(os.getpid).result()
        worker = pool.submit(os.getpid).result()
        os.kill(worker, signal.SIGKILL)
        time.sleep(0.5)
        with pytest.raises(PublishError, match="a layout process ended abruptly"):
            build_report(mini, tmp_path / "out", mini.parent.parent, pool=pool, in_background=False)
        assert pool.broken
    finally:
        pool.close()
    assert not (tmp_path / "out" / "mini").exists()


def test_a_pdf_merged_from_cached_layouts_has_the_bytes_of_a_cold_one(mini, tmp_path):
    cold = _build(mini, tmp_path / "cold", "parts")
    first = (cold.destination / "report.pdf").read_bytes()
    again = _build(mini, tmp_path / "cold", "parts")
    assert again.typeset == [] and again.reused > 0
    assert (again.destination / "report.pdf").read_bytes() == first


def test_parts_merged_in_any_order_give_the_same_bytes(mini, tmp_path, monkeypatch):
    """Parts are merged in the order their layouts end, which varies from build to build;
    the merged PDF does not."""
    from inspection_report import pdf_merge

    added: dict[int, Path] = {}
    ends: list = []
    add, finish = pdf_merge.PartMerger.add, pdf_merge.PartMerger.finish

    def keeping_add(self, index: int, path: Path, bookmarks) -> None:
        added[index] = (shutil.copyfile(path, tmp_path / f"part-{index}.pdf"), bookmarks)
        add(self, index, path, bookmarks)

    def keeping_finish(self, front: Path, bookmarks, numbers: list[Path], target: Path) -> None:
        kept = [shutil.copyfile(path, tmp_path / f"end-{n}.pdf") for n, path in enumerate([front, *numbers])]
        ends.append((kept, bookmarks))
        finish(self, front, bookmarks, numbers, target)

    monkeypatch.setattr(pdf_merge.PartMerger, "add", keeping_add)
    monkeypatch.setattr(pdf_merge.PartMerger, "finish", keeping_finish)
    built = _build(mini, tmp_path / "out", "parts").destination / "report.pdf"
    monkeypatch.undo()
    assert len(added) > 2
    orders = {
        "reversed": sorted(added, reverse=True),
        "odd first": sorted(added, key=lambda i: (i % 2 == 0, i)),
    }
    for name, order in orders.items():
        with pdf_merge.PartMerger(len(added)) as merger:
            for index in order:
                merger.add(index, *added[index])
            (front, *numbers), bookmarks = ends[0]
            merger.finish(front, bookmarks, numbers, tmp_path / f"{name}.pdf")
        assert (tmp_path / f"{name}.pdf").read_bytes() == built.read_bytes(), name


def test_a_pdf_cannot_be_finished_before_every_part_is_merged(mini, tmp_path):
    from inspection_report.pdf_merge import PartMerger

    built = _build(mini, tmp_path / "out", "parts").destination / "report.pdf"

    def levels(items, level: int = 1) -> list[tuple[int, bool]]:
        return [entry for item in items for entry in [(level, True), *levels(item.children, level + 1)]]

    with pikepdf.open(built) as pdf, pdf.open_outline() as outline:
        bookmarks = levels(outline.root)
    with PartMerger(2) as merger:
        merger.add(0, built, bookmarks)
        with pytest.raises(ValueError, match="every part"):
            merger.finish(built, bookmarks, [], tmp_path / "never.pdf")
    assert not (tmp_path / "never.pdf").exists()


def test_parts_whose_charts_are_not_drawn_yet_are_laid_out_last(tmp_path):
    """Layout starts while charts are still being drawn: a part is handed over once the
    files it uses exist, and the parts that already have theirs go first, longest first."""
    (tmp_path / "report.css").write_text("", encoding="utf-8")

    def part(name: str, body: str) -> PartDocument:
        return PartDocument(name, _linking("report.css", body), frozenset())

    parts = [
        part("short", "<p>x</p>"),
        part("charted", '<img src="charts/a.svg" alt="a">'),
        part("long", "<p>" + "words " * 200 + "</p>"),
    ]
    drawn: list[str] = []

    def provide(path: Path) -> None:
        path.parent.mkdir(exist_ok=True)
        path.write_text("<svg/>", encoding="utf-8")
        drawn.append(path.name)

    order = layout_order(parts, tmp_path, provide)
    assert [next(order), next(order)] == [2, 0]
    assert drawn == []
    assert list(order) == [1] and drawn == ["a.svg"]


def test_a_part_that_fails_stops_the_pdf_with_its_own_error_and_leaves_no_scratch(tmp_path):
    (tmp_path / "report.css").write_text("", encoding="utf-8")
    long = "<p>" + "Staff described the work in detail. " * 400 + "</p>"
    # The failing part is the first waited for, while the others are still being laid out.
    refused = '<img src="file:///etc/hostname" alt="x">'
    parts = f'<section class="part" id="bad"><h2>Bad</h2>{refused}{long}x</section>' + "".join(
        f'<section class="part" id="p{n}"><h2>Part {n}</h2>{long}</section>' for n in range(3)
    )
    html = _linking("report.css", f"<main>{parts}</main>")
    (tmp_path / "report.html").write_text(html, encoding="utf-8")
    pool = LayoutPool(2)
    try:
        with pytest.raises(PublishError, match="outside the report"):
            print_by_parts(
                tmp_path / "report.html", tmp_path / "report.pdf", [tmp_path], None, pool, PartCache(None)
            )
    finally:
        pool.close()
    assert list(tmp_path.glob(".parts-*")) == [] and not (tmp_path / "report.pdf").exists()


def test_a_layout_is_keyed_by_the_bytes_of_every_file_it_uses(tmp_path):
    """The same HTML with a changed stylesheet or chart is a different layout: a cached part
    is never merged after a file it uses changed."""
    html = _linking("report.css", '<img src="charts/a.svg" alt="a">')
    (tmp_path / "charts").mkdir()
    keys = []
    for css, chart in (
        ("p {}", "<svg/>"),
        ("p {}", "<svg/>"),
        ("p { color: red }", "<svg/>"),
        ("p {}", "<svg></svg>"),
    ):
        (tmp_path / "report.css").write_text(css, encoding="utf-8")
        (tmp_path / "charts" / "a.svg").write_text(chart, encoding="utf-8")
        keys.append(layout_key(html, tmp_path, tagged=True))
    assert keys[0] == keys[1] and len(set(keys)) == 3


def test_bookmarks_merged_from_their_levels_nest_as_weasyprint_nests_them():
    """The merged outline is built from every document's bookmark levels: skipped levels, a
    level going back up past several, and closed bookmarks nest as in a whole flow."""
    from weasyprint import HTML

    from inspection_report.pdf_merge import _outline_tree

    levels = [2, 4, 3, 5, 2, 1, 3, 6, 4, 1]
    states = ["closed" if n % 3 else "open" for n in range(len(levels))]
    html = "".join(
        f"<p style=\"bookmark-level: {level}; bookmark-label: '{n}'; bookmark-state: {states[n]}\">{n}</p>"
        for n, level in enumerate(levels)
    )
    document = HTML(string=html).render()

    def shape(tree) -> list:
        return [(label, state == "open", shape(children)) for label, _, children, state in tree]

    def merged_shape(tree) -> list:
        return [(item, is_open, merged_shape(children)) for item, is_open, children in tree]

    flat = [
        ((level, state != "closed"), label)
        for page in document.pages
        for level, label, _, state in page.bookmarks
    ]
    assert len(flat) == len(levels)
    assert merged_shape(_outline_tree(flat)) == shape(document.make_bookmark_tree())


_CUT_STYLESHEET = """
@page { size: A6; margin: 15mm 12mm; @top-right { content: string(part-title); font-size: 7pt; }
        @bottom-right { content: counter(page); font-size: 7pt; } }
html { font: 9pt/1.4 sans-serif; }
body { string-set: report-title attr(data-report-title); }
.cover { break-after: page; }
.part { break-before: page; string-set: part-title attr(data-part-title);
        margin: 6mm 0; padding: 7mm 0; border-top: 3pt solid; border-bottom: 3pt solid; }
.part-title { bookmark-level: 1; }
.sub-title { bookmark-level: 2; }
.box { margin: 5mm 0; padding: 6mm 3mm; border: 1pt solid; }
.new-page { break-before: page; }
"""


def _cut_report(paragraphs: int) -> str:
    text = "Inspectors read the case files and spoke to the staff who held them. " * 6
    many = "".join(f"<p>{text}</p>" for _ in range(paragraphs))
    return (
        '<!DOCTYPE html><html lang="en"><head><title>Cut</title><link rel="stylesheet" href="cut.css"></head>'
        '<body data-report-title="A report cut in pieces"><div class="cover"><p>Cover</p></div><main>'
        '<section class="part" id="one" data-part-title="1. One">'
        '<h1 class="part-title" id="one-title">1. One</h1>'
        f'<p>Opening, with a link <a href="#deep">to the deep section</a>.</p>{many}'
        '<div class="box" id="box"><p>In the box, before the cut.</p>'
        '<section class="sub new-page" id="deep"><h2 class="sub-title">1.1 Deep</h2>'
        f'<p>After the cut, a link <a href="#one-title">back to the start</a>.</p>{many}</section>'
        f'<section class="sub" id="deeper"><h2 class="sub-title">1.2 Deeper</h2>{many}</section></div>'
        f"<p>After the box.</p></section>"
        '<section class="part" id="two" data-part-title="2. Two"><h1 class="part-title">2. Two</h1>'
        '<ul><li>In a list <div class="new-page">a new page, not a cut</div></li></ul>'
        '<section class="new-page" id="last"><h2 class="sub-title">2.1 Last</h2><p>End.</p></section>'
        "</section></main></body></html>"
    )


def test_a_part_cut_where_it_starts_a_page_is_split_there_and_nowhere_else():
    from inspection_report.pdf_parts import split_report

    documents = split_report(_cut_report(1))
    assert [document.name for document in documents] == [
        "front",
        "one",
        "one from deep",
        "two",
        "two from last",
    ]
    one, deep = documents[1].html, documents[2].html
    assert "In the box, before the cut." in one and "1.1 Deep" not in one and "After the box." not in one
    assert "Opening" not in deep and "In the box" not in deep and "After the box." in deep
    # Each element the cut goes through keeps its id where it begins, and is marked on both sides.
    assert one.count('data-cut="end"') == 2 and deep.count('data-cut="start"') == 2
    assert 'id="one"' in one and 'id="box"' in one and 'id="one"' not in deep and 'id="box"' not in deep
    assert "padding-bottom: 0 !important" in one and "padding-top: 0 !important" in deep
    # Links across the cut go to the placeholder the merge resolves; anchors are not shared.
    assert 'href="report-anchor:deep"' in one and 'href="report-anchor:one-title"' in deep
    assert {"deep", "deeper"} <= documents[2].anchors and not {"one", "box"} & documents[2].anchors
    # Not cut inside a list.
    assert "a new page, not a cut" in documents[3].html


@pytest.mark.parametrize("paragraphs", [1, 4])
def test_a_part_cut_in_pieces_merges_into_the_pdf_of_one_flow(tmp_path, paragraphs):
    """Cut through two elements with margins, padding and borders, with links across the cut
    and bookmarks that nest across it: the same pages, text, bookmarks, links and structure
    tree as the whole flow, and every structure check passed."""
    from inspection_report.publish import write_pdf

    (tmp_path / "cut.css").write_text(_CUT_STYLESHEET, encoding="utf-8")
    html = tmp_path / "report.html"
    html.write_text(_cut_report(paragraphs), encoding="utf-8")
    write_pdf(html, tmp_path / "whole.pdf", [tmp_path])
    cache = PartCache(None)
    print_by_parts(html, tmp_path / "parts.pdf", [tmp_path], None, LayoutPool(0), cache)
    assert "one from deep" in cache.typeset
    assert differences(tmp_path / "whole.pdf", tmp_path / "parts.pdf") == []
    tagged = TaggedPdf(tmp_path / "parts.pdf")
    assert {name: found for name, found in tagged.all_conditions().items() if found} == {}
    with pikepdf.open(tmp_path / "parts.pdf") as pdf:
        assert not [obj for obj in pdf.objects if isinstance(obj, pikepdf.Dictionary) and "/Cut" in obj]


def _print_cut_report(tmp_path: Path, html: str, cache: PartCache) -> Path:
    (tmp_path / "cut.css").write_text(_CUT_STYLESHEET, encoding="utf-8")
    path = tmp_path / "report.html"
    path.write_text(html, encoding="utf-8")
    print_by_parts(path, tmp_path / "parts.pdf", [tmp_path], None, LayoutPool(0), cache)
    return tmp_path / "parts.pdf"


def _as_one_flow(tmp_path: Path) -> Path:
    from inspection_report.publish import write_pdf

    write_pdf(tmp_path / "report.html", tmp_path / "whole.pdf", [tmp_path])
    return tmp_path / "whole.pdf"


def test_after_an_edit_a_part_is_laid_out_from_the_last_page_its_last_layout_began_cleanly(tmp_path):
    """A part's layout finds the pages that begin with an element; after an edit late in the
    part, what comes before the last such page above the edit is taken from the cache and
    only the rest is laid out, to the pages of the whole flow."""
    html = _cut_report(4)
    _print_cut_report(tmp_path, html, PartCache(tmp_path / "cache"))
    edited = html.replace(
        "<p>After the box.</p>", "<p>After the box.</p><p>A sentence added late in the part.</p>"
    )
    cache = PartCache(tmp_path / "cache")
    parts = _print_cut_report(tmp_path, edited, cache)
    # The first time, both sides of the page start are laid out, side by side.
    tail = next(name for name in cache.typeset if " to " not in name)
    assert re.fullmatch(r"one from deep @\d+", tail)
    assert sorted(cache.typeset) == sorted([tail, tail.replace("@", "to @")])
    assert differences(_as_one_flow(tmp_path), parts) == []
    again = PartCache(tmp_path / "cache")
    _print_cut_report(tmp_path, edited.replace("added late", "put late"), again)
    assert again.typeset == [tail]
    assert differences(_as_one_flow(tmp_path), tmp_path / "parts.pdf") == []


def test_an_edit_before_a_page_start_lays_out_only_what_comes_before_it_and_checks_it_still_starts(tmp_path):
    """The edited stretch is laid out with the next page too, which must still begin cleanly
    where it did; only the pages before it are kept, and the rest of the part is taken from
    the cache."""
    html = _cut_report(4)
    _print_cut_report(tmp_path, html, PartCache(tmp_path / "cache"))
    # Laid out cut, the stretches are in the cache.
    html = html.replace("<p>After the box.</p>", "<p>After it.</p>")
    _print_cut_report(tmp_path, html, PartCache(tmp_path / "cache"))
    cache = PartCache(tmp_path / "cache")
    edited = html.replace("After the cut, a link", "After the cut, a line")
    parts = _print_cut_report(tmp_path, edited, cache)
    [probe] = cache.typeset
    assert re.fullmatch(r"one from deep to @\d+", probe)
    assert differences(_as_one_flow(tmp_path), parts) == []


def test_an_edit_that_moves_the_next_page_start_lays_the_part_out_whole(tmp_path):
    html = _cut_report(4)
    _print_cut_report(tmp_path, html, PartCache(tmp_path / "cache"))
    cache = PartCache(tmp_path / "cache")
    edited = html.replace(
        "After the cut, a link", "After the cut, " + "with many more words, " * 30 + "a link"
    )
    parts = _print_cut_report(tmp_path, edited, cache)
    assert "one from deep" in cache.typeset
    assert any(re.fullmatch(r"one from deep to @\d+", name) for name in cache.typeset)
    assert differences(_as_one_flow(tmp_path), parts) == []


def test_a_damaged_record_of_page_starts_is_ignored(tmp_path):
    html = _cut_report(4)
    _print_cut_report(tmp_path, html, PartCache(tmp_path / "cache"))
    for record in (tmp_path / "cache" / "starts").glob("*.json"):
        record.write_text('[{"start": [1, 2]}]', encoding="utf-8")
    cache = PartCache(tmp_path / "cache")
    edited = html.replace("<p>After the box.</p>", "<p>After the box.</p><p>Added.</p>")
    parts = _print_cut_report(tmp_path, edited, cache)
    assert cache.typeset == ["one from deep"]
    assert differences(_as_one_flow(tmp_path), parts) == []


def test_a_part_cut_at_any_page_its_layout_found_beginning_cleanly_lays_out_to_the_same_pages(tmp_path):
    from inspection_report.page_cuts import cut_between
    from inspection_report.pdf_parts import split_report

    (tmp_path / "cut.css").write_text(_CUT_STYLESHEET, encoding="utf-8")
    base, allowed = str(tmp_path / "report.html"), [str(tmp_path)]
    tried = 0
    for document in split_report(_cut_report(6))[1:]:
        whole = typeset(document.html, base, None, allowed, True)
        for start in whole.starts:
            head, tail = cut_between(document, None, start, False), cut_between(document, start, None, False)
            before = typeset(head.html, base, None, allowed, True)
            after = typeset(tail.html, base, None, allowed, True)
            assert before.texts + after.texts == whole.texts, (document.name, start)
            tried += 1
    assert tried >= 2


def test_every_page_the_sample_s_layouts_find_beginning_cleanly_cuts_to_the_same_pages(
    sample_build: BuiltReport,
):
    """The sample's own pieces, cut at each page their layouts found beginning cleanly and
    laid out in two, give the pages of the piece laid out whole, text for text."""
    from inspection_report.page_cuts import cut_between
    from inspection_report.pdf_parts import split_report

    base, allowed = str(sample_build.folder / "report.html"), [str(sample_build.folder)]
    tried = 0
    for document in split_report(sample_build.html)[1:]:
        whole = typeset(document.html, base, None, allowed, True)
        for start in whole.starts:
            before = typeset(cut_between(document, None, start, False).html, base, None, allowed, True)
            after = typeset(cut_between(document, start, None, False).html, base, None, allowed, True)
            assert before.texts + after.texts == whole.texts, (document.name, start)
            tried += 1
    assert tried >= 15


@pytest.mark.parametrize(
    ("body", "starts"),
    [
        # One long paragraph: every page after the first continues it.
        ("<p>" + "Words of one long paragraph. " * 400 + "</p>", 0),
        # A paragraph per page: each page after the first begins with one.
        ("".join(f'<p style="break-before: page">Page {n}.</p>' for n in range(3)), 2),
        # A running string set inside the part: no page after it stands alone.
        (
            '<p style="string-set: x content()">Sets.</p>'
            + "".join(f'<p style="break-before: page">Page {n}.</p>' for n in range(3)),
            0,
        ),
    ],
)
def test_a_page_begins_cleanly_only_with_an_element_of_its_own_and_no_state_from_before(
    tmp_path, body, starts
):
    from inspection_report.pdf_parts import split_report

    (tmp_path / "cut.css").write_text(_CUT_STYLESHEET, encoding="utf-8")
    html = (
        '<!DOCTYPE html><html lang="en"><head><title>t</title><link rel="stylesheet" href="cut.css"></head>'
        f'<body><main><section class="part" id="p">{body}</section></main></body></html>'
    )
    document = split_report(html)[1]
    laid = typeset(document.html, str(tmp_path / "report.html"), None, [str(tmp_path)], True)
    assert len(laid.starts) == starts


def test_undoing_an_edit_that_cut_a_part_gives_the_clean_build_s_bytes_back(tmp_path):
    html = _cut_report(4)
    clean = _print_cut_report(tmp_path, html, PartCache(tmp_path / "cache")).read_bytes()
    edited = html.replace("<p>After the box.</p>", "<p>After the box, edited.</p>")
    cut = PartCache(tmp_path / "cache")
    _print_cut_report(tmp_path, edited, cut)
    assert any("@" in name for name in cut.typeset)
    undone = PartCache(tmp_path / "cache")
    assert _print_cut_report(tmp_path, html, undone).read_bytes() == clean
    assert undone.typeset == []

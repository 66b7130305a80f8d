"""The HTML edition in a real headless Chromium: axe-core finds no violations at desktop and
phone widths with every disclosure open, the keyboard reaches the skip link first and every
link and scrolling region in order, nothing scrolls sideways at 320 px, tap targets are big
enough, illustrative values say so in words; the Nu HTML Checker finds no errors;
screenshots are kept in output/screenshots/ for the test report."""

from __future__ import annotations

import json
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
from conftest import ROOT, BuiltReport

CHROMIUM = Path("/usr/bin/chromium")
AXE = ROOT / "node_modules" / "axe-core" / "axe.min.js"
SCREENSHOTS = ROOT / "output" / "screenshots"

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not AXE.exists(),
    reason="needs Debian's chromium and axe-core from npm (make test installs both)",
)
LAUNCH_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="module")
def browser():
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=str(CHROMIUM), args=LAUNCH_ARGS)
        yield launched
        launched.close()


def _violations(page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    result = page.evaluate(
        "async () => (await axe.run(document, {resultTypes: ['violations']})).violations"
        ".map(v => ({id: v.id, impact: v.impact, nodes: v.nodes.slice(0, 3).map(n => n.target)}))"
    )
    return result


@pytest.mark.parametrize("width", [1280, 320])
def test_axe_finds_no_violations_with_every_disclosure_open(browser, sample_build: BuiltReport, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    opened = page.evaluate(
        "() => { const d = [...document.querySelectorAll('details')]; "
        "d.forEach(e => e.open = true); return d.length; }"
    )
    assert opened > 0
    assert _violations(page) == []
    page.close()


def test_contents_links_are_targets_at_least_24_px_tall_at_phone_width(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto((sample_build.folder / "report.html").as_uri())
    boxes = page.evaluate(
        "() => [...document.querySelectorAll('.contents-list a')].map(a => a.getBoundingClientRect())"
        ".map(r => ({top: r.top, height: r.height}))"
    )
    assert boxes and min(b["height"] for b in boxes) >= 24
    tops = sorted(b["top"] for b in boxes)
    assert min(b - a for a, b in pairwise(tops)) >= 24
    page.close()


def test_illustrative_values_say_so_in_words_not_by_colour_or_hover(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    values = page.evaluate(
        "() => [...document.querySelectorAll('main .illustrative')].map(e => ({"
        "mark: e.querySelector('[aria-hidden=true]')?.textContent, spoken: e.textContent,"
        " title: e.getAttribute('title')}))"
    )
    assert values
    for value in values:
        assert value["mark"] == "†" and value["spoken"].endswith("(illustrative value)")
        assert value["title"] is None
    page.close()


VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="needs java and vnu-jar (make test)")
def test_the_nu_html_checker_finds_no_errors(sample_build: BuiltReport):
    result = subprocess.run(
        [
            "java",
            "-jar",
            str(VNU),
            "--format",
            "json",
            "--exit-zero-always",
            str(sample_build.folder / "report.html"),
        ],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m["message"] for m in messages if m["type"] in ("error", "non-document-error")] == []


def test_nothing_scrolls_sideways_at_320_px(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto((sample_build.folder / "report.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_tab_reaches_the_skip_link_first_then_every_link_in_order(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    name = (
        "e => e.tagName === 'SUMMARY' ? 'summary:' + e.textContent.trim()"
        " : e.tagName === 'A' ? e.getAttribute('href') : 'region:' + e.getAttribute('aria-labelledby')"
    )
    expected = page.evaluate(
        f"""() => [...document.querySelectorAll('a[href], summary, [tabindex="0"]')]
             .filter(e => e.offsetParent !== null || e.getClientRects().length)
             .filter(e => e.tagName === 'SUMMARY' || !e.closest('details:not([open])'))
             .map({name})"""
    )
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(page.evaluate(f"() => ({name})(document.activeElement)"))
    assert reached[0] == "#main"
    assert reached == expected
    page.close()


def test_skip_link_is_visible_when_focused_and_moves_to_main(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    page.keyboard.press("Tab")
    box = page.locator("a.skip-link").bounding_box()
    assert box is not None and box["x"] >= 0 and box["y"] >= 0
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"
    page.close()


def test_screenshots_for_the_test_report(browser, sample_build: BuiltReport):
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    page.screenshot(path=str(SCREENSHOTS / "cover.png"))
    for name, selector in (
        ("chapter", "#reducing-reoffending"),
        ("practice-example", "#john"),
        ("chart", "#chart-abiding"),
        ("enablers-barriers", "#eb-reoffending-crc"),
    ):
        page.locator(selector).screenshot(path=str(SCREENSHOTS / f"{name}.png"))
    phone = browser.new_page(viewport={"width": 320, "height": 640})
    phone.goto((sample_build.folder / "report.html").as_uri())
    phone.screenshot(path=str(SCREENSHOTS / "phone-320.png"))
    assert all((SCREENSHOTS / f"{n}.png").stat().st_size > 5000 for n in ("cover", "chapter", "chart"))


def _page_of(pages: list[str], text: str) -> int | None:
    probe = " ".join(text.split())[:30]
    return next((index for index, page in enumerate(pages) if probe in page), None)


def test_printing_the_html_edition_keeps_every_caption_with_its_first_row(browser, sample_build, tmp_path):
    page = browser.new_page()
    page.goto((sample_build.folder / "report.html").as_uri())
    page.emulate_media(media="print")
    page.pdf(path=str(tmp_path / "print.pdf"), format="A4")
    page.close()
    text = subprocess.run(["pdftotext", str(tmp_path / "print.pdf"), "-"], capture_output=True, text=True)
    pages = [" ".join(p.split()) for p in text.stdout.split("\f")]
    checked = 0
    for caption in sample_build.soup.select("table caption"):
        if caption.find_parent(class_="chart-data"):
            continue  # a chart's data table is for the screen; print shows the chart
        row = caption.find_parent("table").select_one("tbody tr")
        caption_page, row_page = _page_of(pages, caption.get_text(" ")), _page_of(pages, row.get_text(" "))
        assert caption_page is not None and caption_page == row_page, caption.get_text()
        checked += 1
    assert checked >= 10

"""The HTML edition in a real headless Chromium: axe-core finds no violations at desktop and
phone widths, the keyboard reaches the skip link first and every link in order, nothing
scrolls sideways at 320 px; screenshots are kept in output/screenshots/ for the test report."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import pytest
from conftest import ROOT, SAMPLE, BuiltReport, replace_in

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
def test_axe_finds_no_violations(browser, sample_build: BuiltReport, width):
    page = browser.new_page(viewport={"width": width, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    assert _violations(page) == []
    page.close()


def test_nothing_scrolls_sideways_at_320_px(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 320, "height": 640})
    page.goto((sample_build.folder / "report.html").as_uri())
    assert page.evaluate("document.documentElement.scrollWidth") <= 320
    page.close()


def test_tab_reaches_the_skip_link_first_then_every_link_in_order(browser, sample_build: BuiltReport):
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto((sample_build.folder / "report.html").as_uri())
    expected = page.evaluate(
        """() => [...document.querySelectorAll('a[href], summary')]
             .filter(e => e.offsetParent !== null || e.getClientRects().length)
             .map(e => e.tagName === 'SUMMARY'
                  ? 'summary:' + e.textContent.trim() : e.getAttribute('href'))"""
    )
    reached = []
    for _ in expected:
        page.keyboard.press("Tab")
        reached.append(
            page.evaluate(
                "() => { const e = document.activeElement; return e.tagName === 'SUMMARY' ? "
                "'summary:' + e.textContent.trim() : e.getAttribute('href'); }"
            )
        )
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


def test_the_diff_redline_has_no_violations(browser, tmp_path):
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "findings" / SAMPLE.name)
    shutil.copyfile(SAMPLE.parent / "house-style.yaml", repo / "findings" / "house-style.yaml")
    git = ["git", "-C", str(repo), "-c", "user.email=t@example.org", "-c", "user.name=T"]
    subprocess.run([*git, "init", "-q"], check=True)
    subprocess.run([*git, "add", "-A"], check=True)
    subprocess.run([*git, "commit", "-qm", "one"], check=True)
    items = repo / "findings" / SAMPLE.name / "parts/09-abiding-by-the-sentence/items.yaml"
    replace_in(items, "id: crc-abided\n    value: 27", "id: crc-abided\n    value: 25")
    subprocess.run([*git, "commit", "-qam", "two"], check=True)
    from inspection_report.diff.redline import diffs_to_redline
    from inspection_report.diff.run import compute_diffs

    redline = tmp_path / "redline.html"
    redline.write_text(diffs_to_redline(compute_diffs("HEAD~1", "HEAD", [], repo)), encoding="utf-8")
    page = browser.new_page(viewport={"width": 1280, "height": 900})
    page.goto(redline.as_uri())
    assert _violations(page) == []
    page.close()

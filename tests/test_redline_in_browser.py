"""The redline of the eight-edit second draft in a real headless Chromium: a moved section says
"Moved to" at its old place and "Moved from" at its new one, the link between them lands on
the section, nothing is marked after the last appendix, axe-core finds no violations and the
Nu HTML Checker no errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest
from diff_scenario import make_repository
from test_html_in_browser import AXE, CHROMIUM, VNU, _violations, browser  # noqa: F401  (the fixture)

from inspection_report.cli import main

pytestmark = pytest.mark.skipif(
    not CHROMIUM.exists() or not AXE.exists(),
    reason="needs Debian's chromium and axe-core from npm (make test installs both)",
)


@pytest.fixture(scope="module")
def redline(tmp_path_factory: pytest.TempPathFactory) -> Path:
    repo = make_repository(tmp_path_factory.mktemp("redline"))
    target = repo.parent / "redline.html"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        assert main(["diff", "draft-1", "draft-2", "--format", "html", "--output", str(target)]) == 1
    return target


@pytest.fixture
def page(browser, redline: Path):  # noqa: F811
    opened = browser.new_page(viewport={"width": 1280, "height": 900})
    opened.goto(redline.as_uri())
    yield opened
    opened.close()


def test_a_moved_section_says_moved_to_at_its_old_place_and_moved_from_at_its_new(page):
    away = page.locator(".redline-moved-away", has_text="Moved to 7.1 Effectiveness of the NPS")
    here = page.locator(".redline-moved-label", has_text="Moved from 7.2 Effectiveness of the NPS")
    assert away.count() == 1 and here.count() == 1
    assert away.is_visible() and here.is_visible()
    old_place = away.evaluate("n => n.previousElementSibling && n.previousElementSibling.id")
    assert old_place == "abiding-crc"
    assert here.evaluate("n => n.nextElementSibling.id") == "abiding-nps"
    away.locator("a").click()
    assert page.evaluate("location.hash") == "#abiding-nps"
    top = page.evaluate("document.getElementById('abiding-nps').getBoundingClientRect().top")
    assert 0 <= top < 100


def test_nothing_is_marked_after_the_last_appendix(page):
    after_last = page.evaluate(
        "() => { const parts = document.querySelectorAll('main > section');"
        " const last = parts[parts.length - 1];"
        " return [...document.querySelectorAll('[class*=redline-]')].filter(e => !last.contains(e)"
        " && (last.compareDocumentPosition(e) & Node.DOCUMENT_POSITION_FOLLOWING)).length; }"
    )
    assert after_last == 0


def test_every_change_list_link_lands_on_a_marked_place(page):
    targets = page.evaluate(
        "() => [...document.querySelectorAll('nav.redline-changes a')].map(a => a.hash.slice(1))"
    )
    assert len(targets) >= 8
    missing = page.evaluate("ids => ids.filter(id => !document.getElementById(id))", targets)
    assert missing == []


def test_axe_finds_no_violations_on_the_redline(page):
    page.evaluate("() => document.querySelectorAll('details').forEach(e => e.open = true)")
    assert _violations(page) == []


@pytest.mark.skipif(not VNU.exists() or not shutil.which("java"), reason="needs java and vnu-jar (make test)")
def test_the_nu_html_checker_finds_no_errors_in_the_redline(redline: Path):
    result = subprocess.run(
        ["java", "-jar", str(VNU), "--format", "json", "--exit-zero-always", str(redline)],
        capture_output=True,
        text=True,
    )
    messages = json.loads(result.stderr or result.stdout)["messages"]
    assert [m["message"] for m in messages if m["type"] in ("error", "non-document-error")] == []

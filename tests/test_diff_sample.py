"""diff on the sample between two commits, its Markdown under GitHub's limit, the redline, textconv."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import SAMPLE, replace_in

from inspection_report.diff.markdown_output import LIMIT, diffs_to_markdown
from inspection_report.diff.redline import diffs_to_redline
from inspection_report.diff.run import compute_diffs
from inspection_report.diff.textconv import textconv

KEY_FACTS = "parts/02-key-facts/key-facts.yaml"
ABIDING = "parts/09-abiding-by-the-sentence/items.yaml"
RECOMMENDATIONS = "parts/05-recommendations/recommendations.yaml"


def _git(repo: Path, *args: str) -> None:
    subprocess.run(["git", "-C", str(repo), *args], check=True, capture_output=True)


@pytest.fixture
def repository(tmp_path: Path) -> Path:
    repo = tmp_path / "repo"
    shutil.copytree(SAMPLE, repo / "findings" / SAMPLE.name)
    shutil.copyfile(SAMPLE.parent / "house-style.yaml", repo / "findings" / "house-style.yaml")
    _git(repo, "init", "-q")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=T", "add", "-A")
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-qm", "draft 2")
    return repo


def _commit(repo: Path, message: str) -> None:
    _git(repo, "-c", "user.email=t@example.org", "-c", "user.name=T", "commit", "-qam", message)


def test_three_changes_between_commits_are_exactly_three_with_what_the_count_touches(repository):
    report = repository / "findings" / SAMPLE.name
    replace_in(report / KEY_FACTS, "    value: 13000\n", "    value: 13500\n")
    replace_in(report / ABIDING, "id: crc-abided\n    value: 27", "id: crc-abided\n    value: 25")
    replace_in(
        report / RECOMMENDATIONS, "provide the CRC with accurate", "provide the CRC with complete, accurate"
    )
    _commit(repository, "draft 3")
    (diff,) = compute_diffs("HEAD~1", "HEAD", [], repository)
    assert sorted((c.kind, c.item_kind, c.item_id) for c in diff.changes) == [
        ("changed", "count", "crc-abided"),
        ("changed", "key fact", "catterick-personnel"),
        ("changed", "recommendation", "nps-accurate-case-allocation-forms"),
    ]
    count = next(c for c in diff.changes if c.item_id == "crc-abided")
    sentences = [t for t in count.touches if t.kind == "sentence"]
    assert [t.where for t in sentences] == ["7.1 Effectiveness of the CRC"]
    assert "in 27 of the 31 cases" in sentences[0].old and "in 25 of the 31 cases" in sentences[0].new
    charts = [t for t in count.touches if t.kind == "chart"]
    assert [t.where for t in charts] == ["Chart 4: Abiding by the Sentence"]
    assert charts[0].new.endswith("Yes 39, No 8")
    fact = next(c for c in diff.changes if c.item_id == "catterick-personnel")
    assert [t.new for t in fact.touches if t.kind == "sentence"] == [
        "This was the largest garrison in Europe, with 13,500 military and civilian personnel, and their "
        "dependents, living and working in the area."
    ]


def _change_everything(report: Path) -> None:
    for path in report.rglob("*.yaml"):
        text = path.read_text()
        text = re.sub(
            r"(\n\s+(?:- )?(?:description|definition|title): )(?![|'\"])(.+)", r"\1\2 (revised)", text
        )
        path.write_text(text)
    for path in report.rglob("*.md"):
        head, _, body = path.read_text().partition("\n---\n")
        body = re.sub(r"([a-z])\.(\s)", r"\1, as revised.\2", body)
        path.write_text(head + "\n---\n" + body)


def test_markdown_stays_under_the_comment_limit_when_every_item_changes(tmp_path):
    old, new = tmp_path / "old" / "findings", tmp_path / "new" / "findings"
    for side in (old, new):
        shutil.copytree(SAMPLE, side / SAMPLE.name)
        shutil.copyfile(SAMPLE.parent / "house-style.yaml", side / "house-style.yaml")
    _change_everything(new / SAMPLE.name)
    diffs = compute_diffs(str(old), str(new), [], tmp_path)
    assert len(diffs[0].changes) > 300
    markdown = diffs_to_markdown(diffs)
    assert len(markdown) <= LIMIT
    assert markdown.count("<details>") == markdown.count("</details>")
    assert re.search(r"\*\*\d+ more changes not shown\*\*", markdown)
    assert "| york-north-yorkshire-2016 |" in markdown


def test_redline_marks_insertions_and_deletions_and_lists_them(repository):
    report = repository / "findings" / SAMPLE.name
    replace_in(report / ABIDING, "id: crc-abided\n    value: 27", "id: crc-abided\n    value: 25")
    replace_in(
        report / RECOMMENDATIONS, "provide the CRC with accurate", "provide the CRC with complete, accurate"
    )
    _commit(repository, "draft 3")
    soup = BeautifulSoup(diffs_to_redline(compute_diffs("HEAD~1", "HEAD", [], repository)), "html.parser")
    links = soup.select("nav.redline-changes ol a")
    assert links
    for link in links:
        assert soup.select_one(link["href"]) is not None
    texts = [a.get_text() for a in links]
    assert any("27 → 25" in t or "25" in t for t in texts)
    assert soup.find("ins", string=re.compile("complete,")) is not None
    assert soup.select("img.redline-old-chart") and soup.select("img.redline-new-chart")
    sheets = soup.find_all("link", rel="stylesheet")
    assert sheets and all(link["href"].startswith("data:text/css;base64,") for link in sheets)


def test_textconv_is_stable_under_reformatting(tmp_path):
    yaml_a, yaml_b = tmp_path / "a.yaml", tmp_path / "b.yaml"
    yaml_a.write_text("counts:\n  - id: x\n    value: 3\n    description: Cases\n")
    yaml_b.write_text("counts:\n- description: 'Cases'\n  value: 3\n  id: x\n")
    assert textconv(yaml_a) == textconv(yaml_b)
    md_a, md_b = tmp_path / "a.md", tmp_path / "b.md"
    md_a.write_text("---\nid: a\ntitle: A\n---\nOne long\nparagraph here.\n\nTwo.\n")
    md_b.write_text("---\ntitle: A\nid: a\n---\nOne long paragraph here.\n\n\nTwo.\n")
    assert textconv(md_a) == textconv(md_b)
    assert "One long paragraph here.\n" in textconv(md_a)


def test_gitattributes_routes_findings_through_the_driver():
    text = (SAMPLE.parent.parent / ".gitattributes").read_text()
    assert "findings/**/*.yaml diff=findings" in text and "findings/**/*.md diff=findings" in text

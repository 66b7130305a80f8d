"""The eight-edit second draft (tests/diff_scenario.py) compared in every format: exactly eight
changes, each consequence under its edit, both swapped sections renumbered, the moved
recommendation with its number before and after, the rename as one change, and `diff B A`
the exact inverse of `diff A B`."""

from __future__ import annotations

import json
import re
import subprocess
from pathlib import Path

import pikepdf
import pytest
from bs4 import BeautifulSoup
from diff_scenario import make_repository, replace_in

from inspection_report.cli import main

FORMATS = ("text", "markdown", "json", "html")
EXPECTED = {"added": 0, "removed": 0, "changed": 4, "moved": 2, "renamed": 1, "replaced": 1}
INVERSE_KIND = {"added": "removed", "removed": "added"}


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return make_repository(tmp_path_factory.mktemp("scenario"))


@pytest.fixture(scope="module")
def outputs(repo: Path) -> dict[tuple[str, str], str]:
    """(format, direction) -> what `diff` wrote, direction 'forward' (draft-1 to draft-2) or
    'back'."""
    found = {}
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        patch.setenv("NO_COLOR", "1")
        for fmt in FORMATS:
            for direction, sides in (("forward", ["draft-1", "draft-2"]), ("back", ["draft-2", "draft-1"])):
                target = repo.parent / f"{direction}.{fmt}"
                assert main(["diff", *sides, "--format", fmt, "--output", str(target)]) == 1
                found[(fmt, direction)] = target.read_text(encoding="utf-8")
    return found


def _changes(outputs, direction: str = "forward") -> list[dict]:
    (report,) = json.loads(outputs[("json", direction)])["reports"]
    return report["changes"]


def _one(changes: list[dict], **wanted) -> dict:
    (found,) = [c for c in changes if all(c[k] == v for k, v in wanted.items())]
    return found


def test_json_has_exactly_the_eight_edits(outputs):
    (report,) = json.loads(outputs[("json", "forward")])["reports"]
    assert report["summary"] == EXPECTED
    assert len(report["changes"]) == 8


def test_json_nests_each_consequence_under_its_edit(outputs):
    changes = _changes(outputs)
    count = _one(changes, item_kind="count", id="crc-abided")
    kinds = [t["kind"] for t in count["touches"]]
    assert kinds == ["sentence", "chart"]
    sentence = count["touches"][0]
    assert "in 26 of the 31 cases" in sentence["new"] and sentence["target"] == "abiding-crc"
    assert {"op": "delete", "text": "27"} in sentence["words"]
    rename = _one(changes, kind="renamed")
    assert (rename["old_id"], rename["id"]) == (
        "nps-service-user-learned-control",
        "nps-service-user-in-control",
    )
    assert [t["kind"] for t in rename["touches"]] == ["reference"]
    replaced = _one(changes, kind="replaced")
    assert (replaced["old_id"], replaced["id"]) == ("whitby-centre", "malton-office")
    assert [t["kind"] for t in replaced["touches"]] == ["placement"]
    text = {f["name"]: f for f in replaced["fields"]}["text"]
    assert text["old"].startswith("The Whitby centre") and text["new"].startswith("Staff at the Malton")
    assert text["words"] is None


def test_json_reports_both_swapped_sections_renumbered(outputs):
    sections = _one(_changes(outputs), item_kind="sections")
    renumbered = {t["target"]: (t["old"], t["new"]) for t in sections["touches"] if t["kind"] == "renumbered"}
    assert renumbered == {"abiding-crc": ("7.1", "7.2"), "abiding-nps": ("7.2", "7.1")}


def test_json_reports_the_recommendation_moved_with_its_number(outputs):
    moved = _one(_changes(outputs), item_kind="recommendation")
    assert moved["kind"] == "moved" and moved["number"] == {"old": "5", "new": "7"}
    assert "'CRC should' to 'NPS should'" in moved["detail"]
    assert moved["old_location"].endswith("recommendations.yaml:16:9")
    assert moved["location"].endswith("recommendations.yaml:23:9")


def test_json_gives_paragraphs_as_printed_with_both_locations(outputs):
    paragraph = _one(_changes(outputs), item_kind="paragraph")
    assert paragraph["location"].endswith("2-crc.md:6") and paragraph["old_location"].endswith("1-crc.md:6")
    assert {"op": "insert", "text": "showed a strong"} in paragraph["fields"][0]["words"]


def _inverse(change: dict) -> dict:
    """What `diff B A` should say for a change `diff A B` reported."""
    flipped = dict(change)
    flipped["kind"] = INVERSE_KIND.get(change["kind"], change["kind"])
    if change["kind"] in ("renamed", "replaced"):
        flipped["id"], flipped["old_id"] = change["old_id"], change["id"]
    flipped["fields"] = sorted((f["name"], f["new"], f["old"]) for f in change["fields"])
    flipped["touches"] = sorted((t["kind"], t["target"], t["new"], t["old"]) for t in change["touches"])
    if change["number"]:
        flipped["number"] = {"old": change["number"]["new"], "new": change["number"]["old"]}
    return {k: flipped[k] for k in ("kind", "item_kind", "id", "old_id", "fields", "touches", "number")}


def _comparable(change: dict) -> dict:
    same = dict(change)
    same["fields"] = sorted((f["name"], f["old"], f["new"]) for f in change["fields"])
    same["touches"] = sorted((t["kind"], t["target"], t["old"], t["new"]) for t in change["touches"])
    return {k: same[k] for k in ("kind", "item_kind", "id", "old_id", "fields", "touches", "number")}


def test_json_back_is_exactly_the_inverse(outputs):
    forward = sorted((_inverse(c) for c in _changes(outputs)), key=repr)
    back = sorted((_comparable(c) for c in _changes(outputs, "back")), key=repr)
    assert back == forward


def _entries(text: str) -> list[str]:
    """The change heads of the text output: one line per edit, marked + - ~ > ≈ ⇄."""
    return [line for line in text.splitlines() if re.match(r"^  [-+~>≈⇄] ", line)]


def test_text_lists_eight_edits_with_their_consequences_nested(outputs):
    text = outputs[("text", "forward")]
    assert len(_entries(text)) == 8
    assert text.rstrip().endswith("0 added, 0 removed, 4 changed, 2 moved, 1 renamed, 1 replaced")
    block = re.split(r"\n  [-+~>≈⇄] ", text.split("changed count crc-abided")[1])[0]
    assert "touches sentence in 7.2 Effectiveness of the CRC" in block and "in [-27-]{+26+} of" in block
    assert "touches chart in Chart 4" in block
    assert "renumbers Effectiveness of the CRC: 7.1 → 7.2" in text
    assert "renumbers Effectiveness of the NPS: 7.2 → 7.1" in text
    assert "number 5 → 7" in text
    assert text.count("renamed quote") == 1 and "{quote:nps-service-user-in-control}" in text


def test_text_back_is_the_inverse(outputs):
    back = outputs[("text", "back")]
    assert len(_entries(back)) == 8
    assert "number 7 → 5" in back
    assert "renumbers Effectiveness of the CRC: 7.2 → 7.1" in back
    assert "'whitby-centre' replaced by 'malton-office'" not in back
    assert "'malton-office' replaced by 'whitby-centre'" in back


def test_markdown_lists_eight_edits_with_their_consequences_nested(outputs):
    for direction in ("forward", "back"):
        markdown = outputs[("markdown", direction)]
        heads = [line for line in markdown.splitlines() if line.startswith("- ")]
        assert len(heads) == 8
        assert "| york-north-yorkshire-2016 | 0 | 0 | 4 | 2 | 1 | 1 |" in markdown
    forward = outputs[("markdown", "forward")]
    assert "renumbers *Effectiveness of the CRC*: ~~7.1~~ → 7.2" in forward
    assert "number 5 → 7" in forward and "number 7 → 5" in outputs[("markdown", "back")]
    count = forward.split("`crc-abided`")[1].split("\n- ")[0]
    assert "  - touches sentence in *7.2 Effectiveness of the CRC*:" in count
    assert "in ~~27~~**26** of" in count


def _redline(outputs, direction: str = "forward") -> BeautifulSoup:
    return BeautifulSoup(outputs[("html", direction)], "html.parser")


def test_redline_lists_the_eight_edits_each_linking_to_its_places(outputs):
    for direction in ("forward", "back"):
        soup = _redline(outputs, direction)
        entries = soup.select("ol.redline-list > li")
        assert len(entries) == 8
        assert not soup.find(string=re.compile("Other marked differences"))
        for link in soup.select("nav.redline-changes a"):
            assert soup.find(id=link["href"][1:]) is not None


def test_redline_shows_moves_at_both_places_and_nothing_after_the_last_part(outputs):
    soup = _redline(outputs)
    away = [n.get_text(" ") for n in soup.select(".redline-moved-away")]
    here = [n.get_text(" ") for n in soup.select(".redline-moved-label")]
    assert any("Moved to 7.1 Effectiveness of the NPS" in a for a in away)
    assert any("Moved from 7.2 Effectiveness of the NPS" in h for h in here)
    assert any("Moved to recommendation 7" in a for a in away)
    assert any("Moved from recommendation 5" in h for h in here)
    last = soup.select("main > section")[-1]
    assert not last.find_all_next(class_=re.compile("redline-"))
    removed = soup.select_one(".redline-removed-block")
    assert removed.find_parent(id="abiding-crc") is not None
    assert "Whitby" in removed.get_text() and removed.find("del") is not None


def test_redline_marks_renumbering_and_the_count_where_they_are(outputs):
    soup = _redline(outputs)
    heading = soup.find(id="abiding-crc-title")
    assert heading.find("del").get_text() == "7.1" and heading.find("ins").get_text() == "7.2"
    number = soup.find(id="crc-review-on-changed-circumstances").select_one(".recommendation-number")
    assert number.find("del").get_text() == "5" and number.find("ins").get_text() == "7"
    sentence = soup.find(string=re.compile("of the 31 cases, the service user had abided")).parent
    assert sentence.find("ins").get_text() == "26"


def test_the_redline_back_is_the_inverse(outputs):
    soup = _redline(outputs, "back")
    number = soup.find(id="crc-review-on-changed-circumstances").select_one(".recommendation-number")
    assert number.find("del").get_text() == "7" and number.find("ins").get_text() == "5"
    assert soup.find(id="whitby-centre") is not None
    assert "Malton" in soup.select_one(".redline-removed-block").get_text()


def test_text_and_markdown_name_every_change_the_json_holds(outputs):
    for change in _changes(outputs):
        for fmt in ("text", "markdown"):
            assert change["id"] in outputs[(fmt, "forward")], (fmt, change["id"])


def test_the_pdf_redline_is_the_same_redline_printed_with_every_link_landing(repo: Path, tmp_path: Path):
    target = tmp_path / "redline.pdf"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        assert main(["diff", "draft-1", "draft-2", "--format", "pdf", "--output", str(target)]) == 1
    pdf = pikepdf.open(target)
    assert "/StructTreeRoot" in pdf.Root and pdf.Root.MarkInfo.Marked
    destinations = set(pikepdf.NameTree(pdf.Root.Names.Dests).keys())
    links = [
        annotation
        for page in pdf.pages
        for annotation in page.get("/Annots", [])
        if annotation.get("/Subtype") == "/Link" and "/A" not in annotation
    ]
    assert links and all(str(link.Dest) in destinations for link in links)
    text = subprocess.run(["pdftotext", str(target), "-"], capture_output=True, text=True).stdout
    assert "Changes from draft-1 to draft-2" in text
    assert "Other marked differences" not in text
    assert (
        "Moved to 7.1 Effectiveness of the NPS" in text and "Moved from 7.2 Effectiveness of the NPS" in text
    )


def test_a_pdf_is_not_written_to_a_terminal(repo: Path, capsys, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.chdir(repo)
    monkeypatch.setattr("sys.stdout.isatty", lambda: True)
    assert main(["diff", "draft-1", "draft-2", "--format", "pdf"]) == 2
    assert "--format pdf writes a binary file; give --output FILE.pdf" in capsys.readouterr().err


def _page_text(pdf: Path, page: int) -> str:
    found = subprocess.run(
        ["pdftotext", "-f", str(page), "-l", str(page), str(pdf), "-"], capture_output=True, text=True
    )
    return " ".join(found.stdout.split())


def test_json_gives_each_change_its_page_in_the_pdf_built_from_the_new_draft(repo: Path, tmp_path: Path):
    built = tmp_path / "out"
    with pytest.MonkeyPatch.context() as patch:
        patch.chdir(repo)
        assert main(["build", "--findings", "findings", "--output", str(built)]) == 0
        target = tmp_path / "diff.json"
        arguments = ["diff", "draft-1", "draft-2", "--format", "json", "--built", str(built)]
        assert main([*arguments, "--output", str(target)]) == 1
        (report,) = json.loads(target.read_text(encoding="utf-8"))["reports"]
        pdf = built / "york-north-yorkshire-2016" / "report.pdf"
        assert report["pdf"] == str(pdf)
        expected = {
            "nps-courts": "The number of courts serviced by the NPS",
            "crc-review-on-changed-circumstances": "7. review work with service users",
            "abiding-by-the-sentence": "7.1 Effectiveness of the NPS",
            "nps-service-user-in-control": "I’ve learned to control myself more",
            "malton-office": "Staff at the Malton office kept a rota",
            "abiding-crc#2": "Purple Futures showed a strong commitment",
            "crc-abided": "in 26 of the 31 cases",
            "glossary-jtai": "Local Safeguarding Children Board (LSCB) in relation to this work",
        }
        pages = {c["id"]: c["page"] for c in report["changes"]}
        assert set(pages) == set(expected)
        for item_id, words in expected.items():
            assert words in _page_text(pdf, pages[item_id]), item_id
        replace_in(repo / "findings/york-north-yorkshire-2016/parts/01-foreword.md", "the", "the the")
        assert (
            main(["diff", "draft-1", "--format", "json", "--built", str(built), "--output", str(target)]) == 1
        )
        (stale,) = json.loads(target.read_text(encoding="utf-8"))["reports"]
        assert stale["pdf"] is None and {c["page"] for c in stale["changes"]} == {None}

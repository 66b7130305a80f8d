"""`new` starts a report of the shape it will take (2016, 2017, minimal): every part holds a
TODO marker that `check` lists, the month of publication included, and the report builds from
the first minute."""

from __future__ import annotations

from pathlib import Path

import pytest
from bs4 import BeautifulSoup
from conftest import ROOT, replace_in
from corpus import line_of

from inspection_report.cli import main
from inspection_report.new_report import SHAPES


@pytest.fixture
def findings(tmp_path: Path) -> Path:
    folder = tmp_path / "findings"
    folder.mkdir()
    (folder / "house-style.yaml").write_bytes((ROOT / "findings" / "house-style.yaml").read_bytes())
    return folder


@pytest.mark.parametrize("shape", sorted(SHAPES))
def test_each_shape_checks_with_todo_markers_only_and_builds(findings, tmp_path, capsys, shape):
    assert main(["new", "leeds-2026", "--shape", shape, "--findings", str(findings)]) == 0
    assert "TODO markers" in capsys.readouterr().out
    assert main(["check", "--findings", str(findings)]) == 0
    out = capsys.readouterr().out
    assert ": error: " not in out
    warnings = [line for line in out.splitlines() if ": warning: " in line]
    assert warnings and all("TODO" in line for line in warnings), warnings
    report = findings / "leeds-2026" / "report.yaml"
    assert f"report.yaml:{line_of(report, 'published: TODO')}:" in out
    output = tmp_path / "output"
    assert main(["build", "--findings", str(findings), "--output", str(output)]) == 0
    assert (output / "leeds-2026" / "report.pdf").stat().st_size > 10_000


def test_the_2017_shape_merges_chapter_one_puts_protection_first_and_adds_the_ministry(findings):
    assert main(["new", "leeds-2026", "--shape", "2017", "--findings", str(findings)]) == 0
    parts = sorted(p.name for p in (findings / "leeds-2026" / "parts").iterdir())
    assert parts[2:6] == [
        "03-overall-judgements-and-recommendations",
        "04-protecting-the-public",
        "05-reducing-reoffending",
        "06-abiding-by-the-sentence",
    ]
    assert not any("local-context" in p or "executive-summary" in p or "background" in p for p in parts)
    output = findings.parent / "output"
    assert main(["build", "--findings", str(findings), "--output", str(output), "--html-only"]) == 0
    soup = BeautifulSoup((output / "leeds-2026" / "report.html").read_text(encoding="utf-8"), "html.parser")
    assert [p.get_text() for p in soup.select(".recommendation-addressee")][
        -1
    ] == "The Ministry of Justice should:"
    assert len(soup.select(".exhibit-case-findings")) == 3
    assert soup.select_one(".cover-date").get_text() == "TODO: month of publication"


def test_a_final_report_cannot_keep_its_month_as_todo(findings, capsys):
    assert main(["new", "leeds-2026", "--shape", "minimal", "--findings", str(findings)]) == 0
    replace_in(findings / "leeds-2026" / "report.yaml", "status: draft", "status: final")
    capsys.readouterr()
    assert main(["check", "--findings", str(findings)]) == 1
    captured = capsys.readouterr()
    out = captured.out + captured.err
    line = line_of(findings / "leeds-2026" / "report.yaml", "published: TODO")
    assert f"report.yaml:{line}:14: error: TODO marker" in out


def test_new_refuses_an_existing_id_a_bad_id_and_an_unknown_shape(findings, capsys):
    assert main(["new", "leeds-2026", "--findings", str(findings)]) == 0
    assert len(list((findings / "leeds-2026" / "parts").iterdir())) == 16
    assert main(["new", "leeds-2026", "--findings", str(findings)]) == 2
    assert "already exists" in capsys.readouterr().err
    assert main(["new", "Leeds 2026", "--findings", str(findings)]) == 2
    with pytest.raises(SystemExit) as stopped:
        main(["new", "york-2027", "--shape", "2015", "--findings", str(findings)])
    assert stopped.value.code == 2
    assert "invalid choice: '2015'" in capsys.readouterr().err

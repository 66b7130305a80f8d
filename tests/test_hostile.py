"""A hostile corpus: findings written to read files, reach the network, inject script or
template code, exhaust memory or escape the report. Each case has its expected clean outcome:
a located error, or a safe build, and never a leak, a request, a traceback or lost output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import threading
import time
import tracemalloc
from html.parser import HTMLParser
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

import pytest
from conftest import ROOT, replace_in
from test_fuzz import unsafe_markup

from inspection_report import checks
from inspection_report.cli import main
from inspection_report.errors import PublishError
from inspection_report.pipeline import build_report
from inspection_report.yaml_source import parse_yaml_text

FOREWORD = "parts/01-foreword.md"
ITEMS = "parts/02-findings/items.yaml"


def _check(folder: Path, capsys) -> tuple[int, str]:
    code = main(["check", "--findings", str(folder.parent)])
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err + captured.out
    return code, captured.err + captured.out


@pytest.fixture
def listener():
    """A web server on 127.0.0.1 that records every request it receives."""
    requests: list[str] = []

    class Record(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            requests.append(self.path)
            self.send_response(200)
            self.end_headers()

        def log_message(self, *args) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Record)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}", requests
    server.shutdown()
    server.server_close()


# Cases whose clean outcome is a located error from check (and so no build).
REFUSED = [
    (
        "markdown image of a local file",
        FOREWORD,
        "The work was good.",
        "![x](file:///etc/passwd)",
        "image 'file:///etc/passwd': prose cannot show images",
    ),
    (
        "link escaping the report",
        FOREWORD,
        "The work was good.",
        "[x](../../../../etc/passwd)",
        "points at a file, not a web address",
    ),
    (
        "javascript link",
        FOREWORD,
        "The work was good.",
        "[click](javascript:alert(1))",
        "'javascript:' links are not allowed",
    ),
    (
        "data link",
        FOREWORD,
        "The work was good.",
        "[x](data:text/html;base64,PHNjcmlwdD4=)",
        "'data:' links are not allowed",
    ),
    (
        "path traversal in an exhibit reference",
        "parts/02-findings/2-nps.md",
        "{exhibit:chart-abiding}",
        "{exhibit:../../../etc/passwd}",
        "no exhibit with id '../../../etc/passwd'",
    ),
    (
        "path traversal in an exhibit id",
        ITEMS,
        "- id: chart-abiding",
        "- id: ../../etc/passwd",
        "is not a valid id",
    ),
    (
        "reference probing python internals",
        FOREWORD,
        "The work was good.",
        "{count:crc|__class__}",
        "unknown format '__class__'",
    ),
    (
        "python object tag",
        ITEMS,
        "{id: crc-abided, value: 9,",
        "{id: !!python/object/apply:os.system ['touch /tmp/owned'], value: 9,",
        "is not allowed",
    ),
    (
        "alias bomb",
        "cases.yaml",
        "counts:\n",
        "lol: &a [x, x, x, x, x, x, x, x, x]\nlol2: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\ncounts:\n",
        "anchors and aliases",
    ),
    (
        "deep nesting",
        "cases.yaml",
        "counts:\n",
        "deep: " + "[" * 60 + "]" * 60 + "\ncounts:\n",
        "nested more than 32 levels deep",
    ),
    ("NUL byte", "cases.yaml", "counts:\n", "counts:\x00\n", "NUL byte"),
]


@pytest.mark.parametrize("case", REFUSED, ids=[c[0] for c in REFUSED])
def test_hostile_findings_are_refused_with_a_located_error(case, mini, capsys):
    _, file, old, new, message = case
    replace_in(mini / file, old, new)
    code, output = _check(mini, capsys)
    assert code == 1
    assert any(message in line and f"findings/mini/{file}:" in line for line in output.splitlines()), output
    assert not Path("/tmp/owned").exists()


def test_an_oversized_file_is_refused_before_it_is_parsed(mini, capsys):
    (mini / "parts" / "02-findings" / "huge.yaml").write_text("x: '" + "a" * 1_200_000 + "'\n")
    code, output = _check(mini, capsys)
    assert code == 1 and "findings files may be at most 1 MB" in output


def test_a_link_to_a_file_outside_the_report_is_refused(mini, capsys):
    (mini / "parts" / "05-secret.md").symlink_to("/etc/passwd")
    (mini / "parts" / "06-elsewhere").symlink_to("/etc", target_is_directory=True)
    code, output = _check(mini, capsys)
    assert code == 1
    assert "parts/05-secret.md:1:1: error: this is a link leading outside the findings folder" in output
    assert "parts/06-elsewhere:1:1: error: this is a link leading outside the findings folder" in output
    assert "root:" not in output


def test_the_alias_bomb_is_refused_fast_and_without_memory(tmp_path):
    bomb = "a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]\n" + "".join(
        f"{chr(98 + i)}: &{chr(98 + i)} [{', '.join(['*' + chr(97 + i)] * 9)}]\n" for i in range(9)
    )
    tracemalloc.start()
    started = time.perf_counter()
    doc, problems = parse_yaml_text(bomb, Path("bomb.yaml"))
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert doc is None and "anchors and aliases" in problems[0].message
    assert elapsed < 0.1
    assert peak < 1_000_000


PAYLOADS = [
    "<script>alert('x')</script>",
    "<img src=x onerror=alert(1)>",
    "<iframe src=//evil.example></iframe>",
    '"><svg onload=alert(1)>',
    "{{ ''.__class__.__mro__[1].__subclasses__() }}",
    "{% for x in range(3) %}loop{% endfor %}",
]


def _plant_everywhere(folder: Path, payload: str, url: str) -> None:
    """Put a payload in every kind of text field an editor can fill."""
    fragment = (
        f"{payload} <img src='{url}/img'> <link rel=stylesheet href='{url}/css'> "
        f"[site]({url}/link) <{url}/auto>"
    )
    replace_in(folder / FOREWORD, "The work was good.", f"The work was good. {fragment}")
    replace_in(folder / FOREWORD, "title: Foreword", f"title: {json.dumps(payload)}")
    replace_in(
        folder / ITEMS, "text: Amy found work and kept it for a whole year.", f"text: {json.dumps(fragment)}"
    )
    replace_in(folder / ITEMS, "speaker: CRC responsible officer", f"speaker: {json.dumps(payload)}")
    replace_in(folder / ITEMS, "text: We know our cases well", f"text: {json.dumps(payload)}")
    replace_in(folder / ITEMS, "title: Abiding by the Sentence", f"title: {json.dumps(payload)}")
    replace_in(
        folder / ITEMS,
        "enablers: [Staff knew their cases., Managers supported staff.]",
        f"enablers: [{json.dumps(payload)}]",
    )
    replace_in(folder / ITEMS, "text: Training records for 2019", f"text: {json.dumps(payload)}")
    replace_in(
        folder / "parts/03-recommendations/recommendations.yaml",
        "text: provide regular supervision to all staff",
        f"text: {json.dumps(payload)}",
    )
    replace_in(
        folder / "parts/04-glossary/glossary.yaml",
        "definition: Community Rehabilitation Company",
        f"definition: {json.dumps(payload)}",
    )
    replace_in(
        folder / "parts/04-glossary/glossary.yaml",
        "{name: Sam Lead, title: Inspector}",
        f"{{name: {json.dumps(payload)}, title: Inspector}}",
    )
    replace_in(folder / "report.yaml", "area: Testshire", f"area: {json.dumps(payload)}")
    replace_in(folder / "report.yaml", "status: draft", f"status: draft\n  marking: {json.dumps(payload)}")


@pytest.mark.parametrize("payload", PAYLOADS)
def test_payloads_in_every_field_never_reach_either_edition_nor_the_network(
    payload, mini, listener, tmp_path, monkeypatch
):
    url, requests = listener
    _plant_everywhere(mini, payload, url)
    # check refuses markup and stray quote marks (tested above); the editions must stay safe
    # even for a payload that got past it, so this build runs without the editorial checks.
    monkeypatch.setattr(checks, "CHECKS", ())
    result = build_report(mini, tmp_path / "output", mini.parent.parent)
    html = (result.destination / "report.html").read_text()
    assert unsafe_markup(html.split("<main", 1)[1]) == []
    assert unsafe_markup(html.split("</head>", 1)[1]) == []
    assert "looplooploop" not in html
    assert "<class" not in html
    time.sleep(0.2)
    assert requests == []
    pdf_text = subprocess.run(
        ["pdftotext", str(result.destination / "report.pdf"), "-"], capture_output=True, text=True
    ).stdout
    assert "root:x:" not in pdf_text


def test_marking_cannot_break_out_of_its_css_string(mini, listener, tmp_path):
    url, requests = listener
    hostile = f'"; }} @page {{ background: url({url}/css-escape) }} /*'
    replace_in(mini / "report.yaml", "status: draft", f"status: draft\n  marking: {json.dumps(hostile)}")
    result = build_report(mini, tmp_path / "output", mini.parent.parent)
    style = (result.destination / "report.html").read_text().split("<style>", 1)[1].split("</style>", 1)[0]
    assert "url(" + url not in style
    assert requests == []


def test_an_exception_in_a_chart_keeps_the_previous_output(mini, tmp_path, monkeypatch):
    output = tmp_path / "output"
    build_report(mini, output, mini.parent.parent)
    before = {p.name: p.read_bytes() for p in (output / "mini").iterdir() if p.is_file()}
    replace_in(mini / ITEMS, "{id: crc-abided, value: 9,", "{id: crc-abided, value: 8,")

    def broken(data):
        raise RuntimeError("chart engine fault")

    monkeypatch.setattr("charts.draw.draw_chart", broken)
    with pytest.raises((RuntimeError, PublishError), match="chart engine fault"):
        build_report(mini, output, mini.parent.parent, in_background=False)
    after = {p.name: p.read_bytes() for p in (output / "mini").iterdir() if p.is_file()}
    assert after == before
    assert sorted(p.name for p in output.iterdir() if not p.name.startswith(".cache")) == ["mini"]


def test_a_killed_build_leaves_the_previous_output_and_no_partial_files(mini, tmp_path):
    output = tmp_path / "output"
    build_report(mini, output, mini.parent.parent)
    before = {p.name: p.read_bytes() for p in (output / "mini").iterdir() if p.is_file()}
    replace_in(mini / FOREWORD, "The work was good.", "The work was good and improving.")
    process = subprocess.Popen(
        [
            sys.executable,
            str(ROOT / "build.py"),
            "build",
            "--findings",
            str(mini.parent),
            "--output",
            str(output),
        ],
        start_new_session=True,
    )
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline and not any(output.glob(".mini.*")):
        time.sleep(0.005)
    os.killpg(process.pid, signal.SIGKILL)
    process.wait()
    after = {p.name: p.read_bytes() for p in (output / "mini").iterdir() if p.is_file()}
    assert after == before
    assert main(["build", "--findings", str(mini.parent), "--output", str(output)]) == 0
    assert not any(output.glob(".mini.*"))
    assert "improving" in (output / "mini" / "report.html").read_text()


def test_template_code_in_prose_is_printed_not_run(mini, tmp_path):
    replace_in(mini / FOREWORD, "The work was good.", "Sum: {{ 7*7 }} and {% raw %}x{% endraw %}.")
    result = build_report(mini, tmp_path / "output", mini.parent.parent, html_only=True)
    html = (result.destination / "report.html").read_text()
    assert "Sum: {{ 7*7 }} and {% raw %}x{% endraw %}." in html
    assert "Sum: 49" not in html


class _Links(HTMLParser):
    def __init__(self) -> None:
        super().__init__()
        self.hrefs: list[str] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.hrefs += [value or "" for name, value in attrs if name == "href"]


def test_web_links_stay_links_and_are_never_fetched(mini, listener, tmp_path):
    url, requests = listener
    replace_in(mini / FOREWORD, "The work was good.", f"See [the site]({url}/page) and <{url}/auto>.")
    result = build_report(mini, tmp_path / "output", mini.parent.parent)
    parser = _Links()
    parser.feed((result.destination / "report.html").read_text())
    assert f"{url}/page" in parser.hrefs and f"{url}/auto" in parser.hrefs
    assert requests == []

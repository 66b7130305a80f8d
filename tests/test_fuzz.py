"""Property tests: whatever an editor (or an attacker) types, the loader, the reference syntax
and the Markdown rendering either succeed or report a located problem; nothing else escapes,
and no markup an editor typed reaches the HTML.

Examples per property: FUZZ_EXAMPLES (default 400); bench/fuzz.py runs a long campaign.
"""

from __future__ import annotations

import os
import re
import shutil
from html.parser import HTMLParser
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from mini_report import write_mini_report

from inspection_report.checks import check_report
from inspection_report.derive import derive
from inspection_report.errors import FindingsError, Location
from inspection_report.load import load_findings
from inspection_report.markdown_render import markdown_to_html
from inspection_report.references import find_references
from inspection_report.render import render_report
from inspection_report.yaml_source import parse_yaml_text

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "400"))
FUZZ = settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=list(HealthCheck))
HERE = Path("findings/x/items.yaml")

NASTY = st.sampled_from(
    [
        "<script>alert(1)</script>",
        "<img src=x onerror=alert(1)>",
        "[a](javascript:alert(1))",
        "{{ ''.__class__.__mro__ }}",
        "{% for i in range(9) %}x{% endfor %}",
        "{count:crc}",
        "{count:",
        "{ref:../../etc/passwd}",
        "\\{",
        "&anchor",
        "*alias",
        "!!python/object:os.system",
        "\t",
        "\x00",
        "- ",
        ": ",
        "'",
        '"',
        "|",
        ">",
        "#",
        "---",
        "{exhibit:x}",
        "<iframe src=//e>",
        "](file:///etc/passwd)",
        "\u202e",
        "\ufeff",
        "🙂",
        "\n\n",
        "**",
        "`",
        "<!--",
        "%",
        "@",
    ]
)
TEXT = st.lists(st.one_of(st.text(max_size=40), NASTY), max_size=12).map("".join)
YAML_VALUE = st.recursive(
    st.one_of(st.text(max_size=20), st.integers(), st.booleans(), st.none(), NASTY),
    lambda children: st.one_of(
        st.lists(children, max_size=4), st.dictionaries(st.text(max_size=8), children, max_size=4)
    ),
    max_leaves=20,
)
DANGEROUS_TAGS = {"script", "iframe", "object", "embed", "frame", "frameset", "base", "form", "meta", "link"}
DANGEROUS_SCHEMES = re.compile(r"^\s*(javascript|vbscript|data|file):", re.IGNORECASE)


class _Elements(HTMLParser):
    """Every element and attribute a browser would build from the HTML."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.found: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag, attrs) -> None:
        self.found.append((tag, attrs))


def unsafe_markup(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    bad = []
    for tag, attrs in parser.found:
        if tag in DANGEROUS_TAGS:
            bad.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                bad.append(f"{tag} {name}=")
            if name in {"href", "src", "action"} and value and DANGEROUS_SCHEMES.match(value):
                bad.append(f"{tag} {name}={value}")
    return bad


def _yaml_like(value) -> str:
    import yaml

    return yaml.safe_dump(value, allow_unicode=True)


@FUZZ
@given(st.one_of(TEXT, YAML_VALUE.map(_yaml_like)))
def test_yaml_loader_returns_a_document_or_located_problems(text):
    doc, problems = parse_yaml_text(text, HERE)
    assert doc is not None or problems
    for problem in problems:
        assert isinstance(problem.location, Location) and problem.location.line >= 1
        assert problem.message


@FUZZ
@given(TEXT)
def test_reference_syntax_never_fails_and_locates_inside_the_text(text):
    lines = text.count("\n") + 1
    for ref in find_references(text, Path("a.md"), first_line=10):
        assert 10 <= ref.location.line < 10 + lines
        assert ref.raw in text


class _Resolver:
    def inline(self, ref) -> str:
        from markupsafe import escape

        return str(escape(ref.raw))

    def block(self, ref) -> str:
        return "<div></div>"

    def first_use(self, text: str) -> str | None:
        return None


@FUZZ
@given(TEXT)
def test_markdown_never_lets_typed_markup_through(text):
    html = markdown_to_html(text, _Resolver())
    assert unsafe_markup(html) == []


def _mini(tmp_path_factory) -> Path:
    base = tmp_path_factory.mktemp("fuzz") / "findings"
    write_mini_report(base)
    return base


@settings(max_examples=max(EXAMPLES // 4, 25), deadline=None, suppress_health_check=list(HealthCheck))
@given(text=TEXT, title=TEXT)
def test_the_whole_pipeline_reports_or_renders_safely(tmp_path_factory, text, title):
    findings = _mini(tmp_path_factory)
    folder = findings / "mini"
    prose = folder / "parts" / "01-foreword.md"
    safe_title = title.replace("\n", " ").replace("\x00", "").strip() or "Foreword"
    prose.write_text(
        f"---\nid: foreword\ntitle: {safe_title!r}\nkind: front\n---\n{text}\n", encoding="utf-8"
    )
    try:
        derived = derive(load_findings(folder, findings.parent))
        problems = check_report(derived)
        if not any(p.severity == "error" for p in problems):
            html = render_report(derived, {"chart-abiding": "charts/chart-abiding.svg"}, "report.css")
            assert unsafe_markup(html.split("<main", 1)[1]) == []
    except FindingsError as err:
        assert all(p.location.line >= 1 for p in err.problems)
    finally:
        shutil.rmtree(findings.parent, ignore_errors=True)

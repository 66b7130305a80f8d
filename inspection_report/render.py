"""The derived report as one semantic HTML document, through Jinja templates.

Both editions come from this one document: the screen stylesheet makes it the HTML
edition, the print stylesheet makes WeasyPrint's PDF. Prose goes through markdown-it with
raw HTML off; data references are resolved here, in reading order, so footnote numbers and
first uses come out in the order a reader meets them.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path
from typing import Any

from jinja2 import Environment, FileSystemBytecodeCache, FileSystemLoader, StrictUndefined, select_autoescape
from markupsafe import Markup, escape

from inspection_report.abbreviations import expansions
from inspection_report.derive import Derived
from inspection_report.exhibits import alt_text, exhibit_table
from inspection_report.file_status import file_status, settled
from inspection_report.load import Part, Prose, Section
from inspection_report.markdown_render import markdown_inline_to_html, markdown_to_html
from inspection_report.references import BLOCK_KINDS, COLLECTIONS, INLINE_KINDS, Reference
from inspection_report.values import fact_text, month_year, reference_text

TEMPLATES = Path(__file__).resolve().parent.parent / "templates"

# An illustrative value carries a visible mark in the text and says what it is in words: a
# screen reader hears "(illustrative value)", the PDF gives the same words as the mark's
# actual text, and nothing depends on colour or on hovering.
ILLUSTRATIVE_FLAG = (
    '<span class="illustrative-flag" data-actual-text=" (illustrative value)">'
    '<span aria-hidden="true">†</span><span class="visually-hidden"> (illustrative value)</span></span>'
)

_PRACTICE_LABELS = {
    "good": "Good practice example",
    "poor": "Poor practice example",
    "neutral": "Practice example",
}


class _TemplateFiles(FileSystemLoader):
    """The templates folder, where a template loaded before is up to date while its file's
    inode, size and change times are as they were when it was read. Jinja's own check is the
    modification time alone, which a copy that keeps times (`cp -p`, `rsync -t`) leaves as
    it was."""

    def get_source(self, environment: Environment, template: str) -> tuple[str, str, Callable[[], bool]]:
        source, filename, _ = super().get_source(environment, template)
        read = file_status(filename)
        # Written again between the reading and the status: never up to date, so read again.
        if read is not None and Path(filename).read_text(encoding=self.encoding) != source:
            read = None

        def uptodate() -> bool:
            return read is not None and file_status(filename) == read

        return source, str(filename), uptodate


@cache
def template_environment() -> Environment:
    """The templates' environment, one per process: loading and compiling the templates takes
    about 10 ms. Whenever a template is asked for, its file is checked, and one changed since
    it was loaded is loaded again."""
    env = Environment(
        loader=_TemplateFiles(TEMPLATES),
        bytecode_cache=FileSystemBytecodeCache(),
        autoescape=select_autoescape(default=True, default_for_string=True),
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.filters["month_year"] = month_year
    env.filters["css_string"] = css_string
    return env


def load_templates() -> None:
    """Load every template into this process's environment, for the warm process's commands;
    none when one is not settled (`file_status`), which a command then loads itself."""
    paths = list(TEMPLATES.rglob("*.j2"))
    if not all((status := file_status(path)) is not None and settled(status) for path in paths):
        return
    env = template_environment()
    for path in paths:
        env.get_template(path.relative_to(TEMPLATES).as_posix())


def css_string(text: str) -> Markup:
    """A CSS string literal that no text can break out of: everything but letters, digits and
    spaces is written as a CSS escape."""
    escaped = "".join(c if c.isalnum() or c == " " else f"\\{ord(c):x} " for c in text)
    return Markup(f'"{escaped}"')


@dataclass
class _Context:
    part: Part | None = None
    section: Section | None = None
    notes: list[str] = field(default_factory=list)


class ReportRenderer:
    """Renders one report; also the resolver markdown-it calls for each reference."""

    def __init__(
        self, derived: Derived, chart_paths: dict[str, str], data_paths: dict[str, str] | None = None
    ) -> None:
        self.derived = derived
        self.findings = derived.findings
        self.chart_paths = chart_paths
        self.data_paths = data_paths or {}
        self.env = template_environment()
        self.context = _Context()
        self.calls_made: Counter[str] = Counter()
        self.note_calls = Counter(
            ref.target for ref in derived.reading_order if ref.kind == "note" and ref.target
        )
        self.expansions = expansions(derived)
        self.explained: set[str] = set()

    # Resolver protocol -------------------------------------------------------------
    def inline(self, ref: Reference) -> str:
        if ref.kind == "note":
            return self.note_call(ref.target or "")
        if ref.kind not in INLINE_KINDS:
            return str(escape(ref.raw))
        text, illustrative = reference_text(self.derived, ref)
        if ref.kind == "ref":
            return f'<a class="xref" href="#{escape(ref.target)}">{escape(text)}</a>'
        if illustrative:
            return f'<span class="illustrative">{escape(text)}{ILLUSTRATIVE_FLAG}</span>'
        return str(escape(text))

    def block(self, ref: Reference) -> str:
        return str(
            self.env.get_template(f"blocks/{ref.kind}.html.j2").render(
                item=self._block_item(ref),
                r=self,
                meta=self.findings.meta,
                items=self.findings.items,
                team=self.findings.team,
            )
        )

    def _block_item(self, ref: Reference) -> Any:
        if ref.kind in BLOCK_KINDS:
            return self.findings.items[COLLECTIONS[ref.kind]][ref.target or ""]
        return None

    def first_use(self, text: str) -> str | None:
        """The expansion of an abbreviation at its first use in the document; None after."""
        key = text[:-1] if text.endswith("s") and text[:-1] in self.expansions else text
        if key not in self.expansions or key in self.explained:
            return None
        self.explained.add(key)
        return self.expansions[text] if text in self.expansions else self.expansions[key]

    # Helpers templates call ----------------------------------------------------------
    def md(self, text: str | None, heading_offset: int = 2) -> Markup:
        return Markup(markdown_to_html(text or "", self, heading_offset))

    def md_inline(self, text: str | None) -> Markup:
        return Markup(markdown_inline_to_html(text or "", self))

    def prose(self, prose: Prose, heading_offset: int) -> Markup:
        return self.md(prose.text, heading_offset)

    def enter_part(self, part: Part) -> str:
        self.context = _Context(part=part)
        return ""

    def enter_section(self, section: Section) -> str:
        self.context.section = section
        return ""

    def part_notes(self) -> list[tuple[int, str, Markup, list[str]]]:
        """The notes first called in this part: number, id, text, and the id of every call,
        so a note cited three times links back to each of the three."""
        notes = self.findings.items["footnotes"]
        return [
            (
                self.derived.numbers.footnotes[n],
                n,
                self.md_inline(notes[n].text),
                [_call_id(self.derived.numbers.footnotes[n], k) for k in range(1, self.note_calls[n] + 1)],
            )
            for n in self.context.notes
        ]

    def note_call(self, note_id: str) -> str:
        number = self.derived.numbers.footnotes[note_id]
        self.calls_made[note_id] += 1
        first = self.calls_made[note_id] == 1
        call = (
            f'<a class="footnote-ref{" first-call" if first else ""}" href="#fn-{number}" '
            f'role="doc-noteref" id="{_call_id(number, self.calls_made[note_id])}"><sup>{number}</sup></a>'
        )
        if not first:
            return f'{call}<a class="footnote-print-call" href="#fnp-{number}"><sup>{number}</sup></a>'
        self.context.notes.append(note_id)
        body = markdown_inline_to_html(self.findings.items["footnotes"][note_id].text, self)
        return (
            f'{call}<a class="footnote-call-link" href="#fnp-{number}">'
            f'<span class="footnote-print" id="fnp-{number}" data-number="{number}">{body}</span></a>'
        )

    def number(self, item_id: str) -> str:
        return self.derived.numbers.of(item_id) or ""

    def section_title(self) -> str:
        section, part = self.context.section, self.context.part
        if section is not None:
            return f"{self.number(section.meta.id)} {section.meta.title}"
        return part.meta.title if part else ""

    def example_html(self, example: Any) -> Markup:
        html = str(self.md(example.text))
        label = f'<strong class="practice-label">{_PRACTICE_LABELS[example.kind]}:</strong> '
        return Markup(html.replace("<p>", "<p>" + label, 1))

    def quote_html(self, quote: Any) -> Markup:
        html = str(self.md(quote.text)).strip()
        if html.startswith("<p>"):
            html = "<p>“" + html[3:]
        if html.endswith("</p>"):
            html = html[:-4] + "”</p>"
        return Markup(html)

    def fact_value(self, fact: Any) -> str:
        text = fact_text(fact)
        return text[:1].upper() + text[1:]

    def exhibit_illustrative(self, exhibit: Any) -> bool:
        return self.derived.exhibit_is_illustrative(exhibit)

    def exhibit_table(self, exhibit: Any) -> Any:
        return exhibit_table(self.derived, exhibit)

    def exhibit_alt(self, exhibit: Any) -> str:
        return alt_text(self.derived, exhibit)

    def chart_path(self, exhibit_id: str) -> str:
        return self.chart_paths[exhibit_id]

    def data_path(self, item_id: str) -> str | None:
        """Where the item's data can be downloaded as CSV, when the edition carries the files."""
        return self.data_paths.get(item_id)

    def addressees(self, group: Any) -> str:
        """'The Community Rehabilitation Company and the National Probation Service should:':
        each name with its own article, the line's wording from the report."""
        orgs = self.findings.organisations
        names = [f"{orgs[a].article} {orgs[a].name}".strip() for a in group.addressees]
        joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]
        line = self.findings.meta.wording.addressees.replace("{names}", joined)
        return line[:1].upper() + line[1:]

    def table_columns(self, table: Any) -> list[tuple[str, str, str, list[str]]]:
        """(side, heading, label, entries) for each side of an enablers and barriers table that
        has entries: an empty side gets no column, but the sentence `table_gaps` gives."""
        w = self.findings.meta.wording
        sides = (
            ("enabler", w.enablers, w.enabler, table.enablers),
            ("barrier", w.barriers, w.barrier, table.barriers),
        )
        return [side for side in sides if side[3]]

    def table_rows(self, table: Any) -> int:
        return max(len(table.enablers), len(table.barriers))

    def table_gaps(self, table: Any) -> list[str]:
        """The inspectorate's sentence for each side of a table that has no entries."""
        wording = self.findings.meta.wording
        gaps = [(table.enablers, wording.no_enablers), (table.barriers, wording.no_barriers)]
        return [sentence for entries, sentence in gaps if not entries]

    def table_caption(self, table: Any) -> str:
        wording = self.findings.meta.wording
        headings = [heading for _, heading, _, _ in self.table_columns(table)]
        what = wording.enablers_and_barriers if len(headings) == 2 else (headings or [wording.enablers])[0]
        return wording.table_caption.replace("{what}", what).replace("{section}", self.section_title())

    def recommendation_number(self, rec_id: str) -> int:
        return self.derived.numbers.recommendations[rec_id]

    def has_illustrative_data(self) -> bool:
        items = self.findings.items
        return any(
            getattr(item, "illustrative", False)
            for kind in ("counts", "measures", "key_facts")
            for item in items[kind].values()
        ) or any(self.derived.exhibit_is_illustrative(e) for e in items["exhibits"].values())


def _call_id(number: int, call: int) -> str:
    """The id of a footnote's call: the first is fnref-3, later ones fnref-3-2, fnref-3-3."""
    return f"fnref-{number}" if call == 1 else f"fnref-{number}-{call}"


def render_report(
    derived: Derived,
    chart_paths: dict[str, str],
    stylesheet: str,
    modified: str | None = None,
    data_paths: dict[str, str] | None = None,
) -> str:
    """The whole report as one HTML document; chart_paths maps exhibit ids to image URLs,
    data_paths charts and tables to their CSV files (no download links without it).

    `modified` (an ISO date, from SOURCE_DATE_EPOCH) becomes the PDF's modification date."""
    renderer = ReportRenderer(derived, chart_paths, data_paths)
    template = renderer.env.get_template("report.html.j2")
    return template.render(
        r=renderer,
        meta=derived.findings.meta,
        parts=derived.findings.parts,
        numbers=derived.numbers,
        items=derived.findings.items,
        team=derived.findings.team,
        stylesheet=stylesheet,
        modified=modified,
    )

"""Markdown prose to HTML with markdown-it-py, raw HTML off, plus the `{kind:id}` references.

References are parsed by an inline rule (so they never collide with Markdown syntax), and
a paragraph holding only a block reference becomes a placed item (practice example, quote,
table, exhibit). How a reference looks is decided by the `Resolver` handed in through the
render environment.
"""

from __future__ import annotations

import re
from typing import Any, Protocol

from markdown_it import MarkdownIt
from markdown_it.common.utils import escapeHtml as escape_html
from markdown_it.rules_core import StateCore
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from inspection_report.errors import Location
from inspection_report.link_policy import refusal
from inspection_report.references import REFERENCE, Reference, parse_reference


class Resolver(Protocol):
    def inline(self, ref: Reference) -> str: ...

    def block(self, ref: Reference) -> str: ...

    def first_use(self, text: str) -> str | None:
        """The expansion to show if this is the abbreviation's first use, else None."""
        ...


_NOWHERE = Location(path="<prose>")  # type: ignore[arg-type]


def _reference_rule(state: StateInline, silent: bool) -> bool:
    if state.src[state.pos] != "{":
        return False
    match = REFERENCE.match(state.src, state.pos)
    if not match:
        return False
    if not silent:
        token = state.push("report_ref", "", 0)
        token.meta = {"raw": match.group(0)}
    state.pos = match.end()
    return True


def _lift_block_references(state: StateCore) -> None:
    tokens = state.tokens
    result: list[Token] = []
    index = 0
    while index < len(tokens):
        token = tokens[index]
        if (
            token.type == "paragraph_open"
            and index + 2 < len(tokens)
            and tokens[index + 1].type == "inline"
            and tokens[index + 2].type == "paragraph_close"
        ):
            children = [c for c in tokens[index + 1].children or [] if not _is_blank(c)]
            if len(children) == 1 and children[0].type == "report_ref":
                ref = parse_reference(children[0].meta["raw"], _NOWHERE)
                if ref is not None and ref.is_block:
                    block = Token("report_block", "", 0)
                    block.meta = children[0].meta
                    block.block = True
                    result.append(block)
                    index += 3
                    continue
        result.append(token)
        index += 1
    state.tokens = result


# A whole word (a run of word characters and hyphens) that may be an abbreviation: it starts
# with an ASCII letter and has a capital after it (CRC, PSRs, i-SOTP). The pattern starts only
# where a run starts and looks ahead within the run once, so the text is read in one pass,
# and the few words that match are the only ones handed to Python.
_CANDIDATE = re.compile(r"(?<![\w-])[A-Za-z](?=[\w-]*?[A-Z])[\w-]*")


def _mark_first_uses(state: StateCore) -> None:
    """Wrap the first use of each known abbreviation in an abbr token (title = its expansion)."""
    resolver = state.env.get("resolver")
    if resolver is None or not hasattr(resolver, "first_use"):
        return
    for token in state.tokens:
        if token.type != "inline" or not token.children:
            continue
        children: list[Token] = []
        for child in token.children:
            if child.type != "text":
                children.append(child)
                continue
            text, start = child.content, 0
            for match in _CANDIDATE.finditer(text):
                title = resolver.first_use(match.group(0))
                if title is None:
                    continue
                children.append(_text(text[start : match.start()]))
                abbr = Token("report_abbr", "abbr", 0)
                abbr.content, abbr.meta = match.group(0), {"title": title}
                children.append(abbr)
                start = match.end()
            children.append(_text(text[start:]))
        token.children = [c for c in children if c.type != "text" or c.content]


def _text(content: str) -> Token:
    token = Token("text", "", 0)
    token.content = content
    return token


def _render_abbr(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
    token = tokens[idx]
    return f'<abbr title="{escape_html(token.meta["title"])}">{escape_html(token.content)}</abbr>'


def _is_blank(token: Token) -> bool:
    return token.type == "text" and not token.content.strip()


def _render_ref(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
    ref = parse_reference(tokens[idx].meta["raw"], env.get("location", _NOWHERE))
    assert ref is not None
    return env["resolver"].inline(ref)


def _render_block(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
    ref = parse_reference(tokens[idx].meta["raw"], env.get("location", _NOWHERE))
    assert ref is not None
    return env["resolver"].block(ref)


def _heading_open(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
    level = min(int(tokens[idx].tag[1]) + env.get("heading_offset", 0), 6)
    return f'<h{level} class="subheading">'


def _heading_close(self: Any, tokens: list[Token], idx: int, options: Any, env: dict) -> str:
    level = min(int(tokens[idx].tag[1]) + env.get("heading_offset", 0), 6)
    return f"</h{level}>\n"


def build_markdown() -> MarkdownIt:
    md = MarkdownIt("commonmark", {"html": False, "typographer": False})
    md.validateLink = lambda url: refusal(url) is None  # type: ignore[method-assign]
    md.disable(["html_block", "html_inline", "image"])
    md.inline.ruler.before("text", "report_ref", _reference_rule)
    md.core.ruler.after("inline", "report_blocks", _lift_block_references)
    md.core.ruler.after("report_blocks", "report_abbreviations", _mark_first_uses)
    md.add_render_rule("report_abbr", _render_abbr)
    md.add_render_rule("report_ref", _render_ref)
    md.add_render_rule("report_block", _render_block)
    md.add_render_rule("heading_open", _heading_open)
    md.add_render_rule("heading_close", _heading_close)
    return md


_MD = build_markdown()


def markdown_to_html(text: str, resolver: Resolver, heading_offset: int = 0) -> str:
    """Render block Markdown; `## Heading` becomes h(2 + heading_offset)."""
    return _MD.render(text, {"resolver": resolver, "heading_offset": heading_offset})


def markdown_inline_to_html(text: str, resolver: Resolver) -> str:
    """Render one line of Markdown without a wrapping paragraph (table cells, captions)."""
    return _MD.renderInline(text, {"resolver": resolver})

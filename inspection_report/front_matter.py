"""The front matter of a Markdown findings file: its YAML head between `---` lines.

Split in this one place, by the front-matter rule of mdit-py-plugins, so the loader and the
git textconv driver can never disagree about where the head ends and the prose begins.
"""

from __future__ import annotations

from dataclasses import dataclass

from markdown_it import MarkdownIt
from mdit_py_plugins.front_matter import front_matter_plugin

# Block structure is all that is needed to find the head; inline parsing is skipped.
_MD = MarkdownIt("zero").use(front_matter_plugin)
_MD.disable("inline")


@dataclass(frozen=True)
class SplitMarkdown:
    """A Markdown file cut in two; line numbers count from 1 in the whole file."""

    front: str
    body: str
    body_first_line: int

    front_first_line = 2


def split_front_matter(text: str) -> SplitMarkdown | str:
    """The head and the body, or why there is no head (a sentence for the editor)."""
    if not text.startswith("---"):
        return "expected front matter: a first line '---', then id and title, then '---'"
    tokens = _MD.parse(text)
    head = tokens[0] if tokens else None
    if head is None or head.type != "front_matter" or head.map is None:
        return "front matter is not closed by a '---' line"
    end = head.map[1]
    lines = text.split("\n")
    return SplitMarkdown(head.content, "\n".join(lines[end:]), end + 1)

"""Reads findings YAML the way the editor sees it, remembering where every value came from.

PyYAML's default loaders apply YAML 1.1 typing (`NO` becomes False, `10:30` becomes 630),
silently keep the last of two duplicate keys, and expand aliases. Here every scalar stays
the text the editor typed (the model converts fields that are numbers or dates), duplicate
keys and aliases are errors, and each value keeps its line and column.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from inspection_report.errors import Location, Problem
from inspection_report.shown_text import describe, hidden_in

_NULLS = {"", "~", "null", "Null", "NULL"}
# Line breaks and tabs written as \n and \t are ordinary text in a quoted string.
_ALLOWED_ESCAPED = frozenset("\n\t\u00ad")
_PLAIN_TAGS = {
    f"tag:yaml.org,2002:{name}" for name in ("str", "int", "float", "bool", "null", "timestamp", "map", "seq")
}

PathKey = tuple[str | int, ...]


@dataclass
class YamlDocument:
    """A loaded YAML file: plain data plus the location of every key path in it."""

    path: Path
    data: Any
    marks: dict[PathKey, Location] = field(default_factory=dict)
    key_marks: dict[PathKey, Location] = field(default_factory=dict)
    lines: list[str] = field(default_factory=list, repr=False)

    def locate_key(self, key: PathKey) -> Location:
        """Where the key itself (not its value) was written."""
        return self.key_marks.get(tuple(key)) or self.locate(key)

    def locate(self, key: PathKey) -> Location:
        """The location of the longest known prefix of `key` (a missing field points at its parent)."""
        for end in range(len(key), -1, -1):
            found = self.marks.get(tuple(key[:end]))
            if found is not None:
                return found
        return Location(self.path, 1, 1)


_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


MAX_DEPTH = 32


def _refuse_anchors(text: str) -> None:
    """Refuse anchors and aliases (alias bombs, hidden sharing) and absurd nesting before
    anything is built.

    Events are read with libyaml's streaming parser when present, so this pass costs little
    and never recurses, whatever the input.
    """
    depth = 0
    for event in yaml.parse(text, Loader=_LOADER):
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            raise yaml.MarkedYAMLError(
                problem="anchors and aliases (& and *) are not allowed in findings; write the value out",
                problem_mark=event.start_mark,  # type: ignore[arg-type]  # libyaml's Mark has the same fields
            )
        if isinstance(event, yaml.MappingStartEvent | yaml.SequenceStartEvent):
            depth += 1
            if depth > MAX_DEPTH:
                raise yaml.MarkedYAMLError(
                    problem=f"nested more than {MAX_DEPTH} levels deep; findings never need that",
                    problem_mark=event.start_mark,  # type: ignore[arg-type]  # as above
                )
        elif isinstance(event, yaml.MappingEndEvent | yaml.SequenceEndEvent):
            depth -= 1


def parse_yaml_text(
    text: str, display_path: Path, first_line: int = 1
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text that starts at `first_line` of `display_path` (front matter starts later)."""
    offset = first_line - 1
    try:
        _refuse_anchors(text)
        node = yaml.compose(text, Loader=_LOADER)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 1 + offset) if mark else first_line
        column = (mark.column + 1) if mark else 1
        message = _describe_yaml_error(err, text)
        return None, [Problem(Location(display_path, line, column), message)]
    except yaml.YAMLError as err:
        return None, [Problem(Location(display_path, first_line), f"YAML error: {err}")]
    doc = YamlDocument(display_path, None, lines=text.splitlines())
    problems: list[Problem] = []
    if node is not None:
        doc.data = _to_plain(node, (), doc, problems, offset)
    return doc, problems


def _describe_yaml_error(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = (err.problem or "YAML syntax error").strip()
    if problem.startswith(("anchors and aliases", "nested more than")):
        return problem
    mark = err.problem_mark
    lines = text.splitlines()
    at = lines[mark.line][mark.column : mark.column + 1] if mark and mark.line < len(lines) else ""
    if at == "\t" or "\\t" in problem:
        return "tab character: indent YAML with spaces only"
    context = err.context_mark
    if err.context and context is not None and mark is not None and context.line != mark.line:
        started = context.line + 1
        return f"YAML syntax error: {problem} ({err.context.strip()} that starts on line {started})"
    if err.context:
        return f"YAML syntax error: {problem} ({err.context.strip()})"
    return f"YAML syntax error: {problem}"


def _mark(node: yaml.Node, doc: YamlDocument, offset: int) -> Location:
    """Where a node's text starts; for a block scalar (| or >), the line after the indicator."""
    if isinstance(node, yaml.ScalarNode) and node.style in ("|", ">"):
        content = node.start_mark.line + 1
        first = doc.lines[content] if content < len(doc.lines) else ""
        indent = len(first) - len(first.lstrip(" "))
        return Location(doc.path, content + 1 + offset, indent + 1)
    return Location(doc.path, node.start_mark.line + 1 + offset, node.start_mark.column + 1)


def _to_plain(node: yaml.Node, key: PathKey, doc: YamlDocument, problems: list[Problem], offset: int) -> Any:
    doc.marks[key] = _mark(node, doc, offset)
    if node.tag not in _PLAIN_TAGS:
        problems.append(Problem(_mark(node, doc, offset), f"YAML tag {node.tag!r} is not allowed"))
        return None
    if isinstance(node, yaml.MappingNode):
        result: dict[str, Any] = {}
        first_seen: dict[str, Location] = {}
        for key_node, value_node in node.value:
            if not isinstance(key_node, yaml.ScalarNode):
                problems.append(Problem(_mark(key_node, doc, offset), "a key must be a plain word"))
                continue
            if key_node.style == '"':
                problems += _escaped_hidden(key_node, doc, offset)
            name = key_node.value
            here = _mark(key_node, doc, offset)
            if name in first_seen:
                problems.append(
                    Problem(
                        here,
                        f"duplicate key '{name}' (first set on line {first_seen[name].line}); "
                        "only one may stay",
                    )
                )
                continue
            first_seen[name] = here
            doc.key_marks[(*key, name)] = here
            result[name] = _to_plain(value_node, (*key, name), doc, problems, offset)
            doc.marks[(*key, name)] = (
                here if not isinstance(value_node, yaml.ScalarNode) else _mark(value_node, doc, offset)
            )
        return result
    if isinstance(node, yaml.SequenceNode):
        return [
            _to_plain(item, (*key, index), doc, problems, offset) for index, item in enumerate(node.value)
        ]
    if isinstance(node, yaml.ScalarNode) and node.style is None and node.value in _NULLS:
        return None
    if isinstance(node, yaml.ScalarNode) and node.style == '"':
        problems += _escaped_hidden(node, doc, offset)
    return node.value


def _escaped_hidden(node: yaml.ScalarNode, doc: YamlDocument, offset: int) -> list[Problem]:
    """Hidden characters written as escapes in a double-quoted string ("\\e", "\\u200b"): the
    file's text looks clean, so they are found in the value, as the reader would get them."""
    found = next(hidden_in(node.value, _ALLOWED_ESCAPED), None)
    if found is None:
        return []
    return [
        Problem(
            _mark(node, doc, offset),
            f"this string holds {describe(found[1])}, an invisible or control character, written as an "
            "escape; delete the escape",
        )
    ]

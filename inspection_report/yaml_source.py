"""Reads findings YAML the way the editor sees it, remembering where every value came from.

PyYAML's default loaders apply YAML 1.1 typing (`NO` becomes False, `10:30` becomes 630),
silently keep the last of two duplicate keys, and expand aliases. Here every scalar stays
the text the editor typed (the model converts fields that are numbers or dates), duplicate
keys and aliases are errors, and each value keeps its line and column.
"""

from __future__ import annotations

from collections.abc import Iterator
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


Mark = int
"""A place in the text packed into one int, (line << 21) | column, both from 0: a findings
file has a million marks at most, so they are kept small and made into `Location`s only when
a message needs one. A mapping entry's mark also carries where its key was written, shifted
left by 42 bits, so one dictionary serves both."""
_COLUMN_BITS = 21
_KEY_SHIFT = 42
_PLACE_MASK = (1 << _KEY_SHIFT) - 1


@dataclass
class YamlDocument:
    """A loaded YAML file: plain data plus the location of every key path in it."""

    path: Path
    data: Any
    marks: dict[PathKey, Mark] = field(default_factory=dict)
    first_line: int = 1

    def location(self, mark: Mark) -> Location:
        mark &= _PLACE_MASK
        return Location(self.path, (mark >> _COLUMN_BITS) + self.first_line, (mark & _COLUMN_MASK) + 1)

    def locate_key(self, key: PathKey) -> Location:
        """Where the key itself (not its value) was written."""
        found = self.marks.get(tuple(key))
        if found is not None and found >> _KEY_SHIFT:
            return self.location((found >> _KEY_SHIFT) - 1)
        return self.locate(key)

    def locate(self, key: PathKey) -> Location:
        """The location of the longest known prefix of `key` (a missing field points at its parent)."""
        for end in range(len(key), -1, -1):
            found = self.marks.get(tuple(key[:end]))
            if found is not None:
                return self.location(found)
        return Location(self.path, self.first_line, 1)


_COLUMN_MASK = (1 << _COLUMN_BITS) - 1
_PARSER = getattr(yaml, "CBaseLoader", yaml.BaseLoader)
MAX_DEPTH = 32


def parse_yaml_text(
    text: str, display_path: Path, first_line: int = 1
) -> tuple[YamlDocument | None, list[Problem]]:
    """Parse YAML text that starts at `first_line` of `display_path` (front matter starts later).

    One pass over the parser's events builds the plain data and the marks, and refuses on the
    way what findings never need: anchors and aliases (alias bombs, hidden sharing), tags
    other than the plain ones, nesting over 32 levels and second documents. libyaml's
    streaming parser does the reading; nothing recurses, whatever the input.
    """
    doc = YamlDocument(display_path, None, first_line=first_line)
    problems: list[Problem] = []
    try:
        doc.data = _Builder(text, doc, problems).build()
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + first_line) if mark else first_line
        column = (mark.column + 1) if mark else 1
        message = _describe_yaml_error(err, text)
        return None, [Problem(Location(display_path, line, column), message)]
    except yaml.YAMLError as err:
        return None, [Problem(Location(display_path, first_line), f"YAML error: {err}")]
    return doc, problems


class _Frame:
    """An open mapping or sequence: its path and, in a mapping, the key awaiting its value.

    A discarded frame is read past (a duplicate key's value, a complex key, a refused tag):
    its events are consumed so the stream stays balanced, and nothing in it is kept."""

    __slots__ = ("container", "discard_next", "discarded", "key", "key_mark", "mapping", "pending", "seen")

    def __init__(self, container: Any, key: PathKey, discarded: bool = False) -> None:
        self.container = container
        self.key = key
        self.discarded = discarded
        self.mapping = isinstance(container, dict)
        self.pending: str | None = None
        self.key_mark: Mark = 0
        self.discard_next = False
        self.seen: dict[str, Mark] = {}


class _Builder:
    def __init__(self, text: str, doc: YamlDocument, problems: list[Problem]) -> None:
        self.text, self.doc, self.problems = text, doc, problems
        self.lines: list[str] | None = None

    def build(self) -> Any:
        """The plain data. The loop handles the common events inline (a findings file can
        hold a million), and hands the rare ones (duplicates, complex keys, tags, escapes,
        block scalars) to the methods below."""
        scalar, mapping_start, sequence_start = (
            yaml.ScalarEvent,
            yaml.MappingStartEvent,
            yaml.SequenceStartEvent,
        )
        marks = self.doc.marks
        root: Any = None
        stack: list[_Frame] = []
        frame: _Frame | None = None
        documents = 0
        events: Iterator[Any] = yaml.parse(self.text, Loader=_PARSER)
        for event in events:
            kind = type(event)
            if kind is scalar or kind is mapping_start or kind is sequence_start:
                if event.anchor:
                    raise self._refusal(event, _ANCHORS)
                start = event.start_mark
                mark = (start.line << _COLUMN_BITS) | start.column
                if kind is scalar and event.style:
                    mark = self._styled(event, mark)
                if frame is not None and (frame.discarded or frame.discard_next):
                    self._read_past(frame, kind, stack)
                elif frame is not None and frame.mapping and frame.pending is None:
                    self._key(frame, event, kind, mark, stack)
                else:
                    refused = event.tag is not None and event.tag != "!" and event.tag not in _PLAIN_TAGS
                    if refused:
                        self.problems.append(
                            Problem(self.doc.location(mark), f"YAML tag {event.tag!r} is not allowed")
                        )
                    if frame is None:
                        path: PathKey = ()
                        marks[path] = mark
                    elif frame.mapping:
                        path = (*frame.key, frame.pending or "")
                        # A mapping or list value is located at its key, a scalar at its text.
                        key_mark = frame.key_mark
                        place = key_mark if kind is not scalar else mark
                        marks[path] = place | ((key_mark + 1) << _KEY_SHIFT)
                    else:
                        path = (*frame.key, len(frame.container))
                        marks[path] = mark
                    value: Any = None
                    if kind is not scalar:
                        value = None if refused else {} if kind is mapping_start else []
                    elif not refused and (event.style or event.value not in _NULLS):
                        value = event.value
                    if frame is None:
                        root = value
                    elif frame.mapping:
                        frame.container[frame.pending] = value
                        frame.pending = None
                    else:
                        frame.container.append(value)
                    if kind is not scalar:
                        self._open(_Frame(value, path, discarded=refused), stack, event)
                frame = stack[-1] if stack else None
            elif kind is yaml.MappingEndEvent or kind is yaml.SequenceEndEvent:
                stack.pop()
                frame = stack[-1] if stack else None
            elif kind is yaml.AliasEvent:
                raise self._refusal(event, _ANCHORS)
            elif kind is yaml.DocumentStartEvent:
                documents += 1
                if documents > 1:
                    raise self._refusal(
                        event, "a second document ('---') in one file; a findings file holds one"
                    )
        return root

    @staticmethod
    def _refusal(event: Any, problem: str) -> yaml.MarkedYAMLError:
        return yaml.MarkedYAMLError(problem=problem, problem_mark=event.start_mark)

    def _open(self, frame: _Frame, stack: list[_Frame], event: Any) -> None:
        if len(stack) >= MAX_DEPTH:
            raise self._refusal(event, f"nested more than {MAX_DEPTH} levels deep; findings never need that")
        stack.append(frame)

    def _read_past(self, frame: _Frame, kind: type, stack: list[_Frame]) -> None:
        """Consume a node inside a discarded frame, or the value after a refused key."""
        if frame.mapping and not frame.discarded:
            if frame.pending is not None:
                frame.pending, frame.discard_next = None, False
            else:
                frame.pending = ""
        if kind is not yaml.ScalarEvent:
            stack.append(_Frame(None, (), discarded=True))

    def _key(self, frame: _Frame, event: Any, kind: type, mark: Mark, stack: list[_Frame]) -> None:
        """Take a mapping key; a duplicate or a key that is not a plain word is reported, and
        the value that follows it is read past."""
        if kind is not yaml.ScalarEvent:
            self.problems.append(Problem(self.doc.location(mark), "a key must be a plain word"))
            frame.pending, frame.discard_next = "", True
            self._open(_Frame(None, (), discarded=True), stack, event)
            return
        if event.tag is not None and event.tag != "!" and event.tag not in _PLAIN_TAGS:
            self.problems.append(Problem(self.doc.location(mark), f"YAML tag {event.tag!r} is not allowed"))
        name = event.value
        frame.pending, frame.key_mark = name, mark
        if name in frame.seen:
            line = (frame.seen[name] >> _COLUMN_BITS) + self.doc.first_line
            self.problems.append(
                Problem(
                    self.doc.location(mark),
                    f"duplicate key '{name}' (first set on line {line}); only one may stay",
                )
            )
            frame.discard_next = True
            return
        frame.seen[name] = mark

    def _styled(self, event: Any, mark: Mark) -> Mark:
        """A quoted or block scalar: escapes checked, and a block's mark moved to its text."""
        if event.style == '"':
            self._escaped_hidden(event.value, mark)
        if event.style in ("|", ">"):
            return self._mark(event)
        return mark

    def _mark(self, event: Any) -> Mark:
        """Where a node's text starts; for a block scalar (| or >), the line after the indicator."""
        start = event.start_mark
        if type(event) is yaml.ScalarEvent and event.style in ("|", ">"):
            if self.lines is None:
                self.lines = self.text.split("\n")
            content = start.line + 1
            first = self.lines[content] if content < len(self.lines) else ""
            return (content << _COLUMN_BITS) | (len(first) - len(first.lstrip(" ")))
        return (start.line << _COLUMN_BITS) | start.column

    def _escaped_hidden(self, value: str, mark: Mark) -> None:
        """Hidden characters written as escapes in a double-quoted string ("\\e", "\\u200b"):
        the file's text looks clean, so they are found in the value, as the reader gets them."""
        found = next(hidden_in(value, _ALLOWED_ESCAPED), None)
        if found is not None:
            self.problems.append(
                Problem(
                    self.doc.location(mark),
                    f"this string holds {describe(found[1])}, an invisible or control character, "
                    "written as an escape; delete the escape",
                )
            )


_ANCHORS = "anchors and aliases (& and *) are not allowed in findings; write the value out"


def _describe_yaml_error(err: yaml.MarkedYAMLError, text: str) -> str:
    problem = (err.problem or "YAML syntax error").strip()
    if problem.startswith(("anchors and aliases", "nested more than", "a second document")):
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

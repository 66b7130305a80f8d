"""Offsets in a text turned into lines and columns, and back, after one pass over the text.

Messages point at lines and columns, markdown-it speaks in lines, and the checks find things
by offset; a text can be a megabyte with a problem on every line, so each conversion is a
binary search in an index made once, never a count of the newlines before it.
"""

from __future__ import annotations

from array import array
from bisect import bisect_right


class LineIndex:
    """Where each line of a text starts."""

    __slots__ = ("_length", "_starts")

    def __init__(self, text: str) -> None:
        self._length = len(text)
        self._starts = array("q", [0])
        newline = text.find("\n")
        while newline != -1:
            self._starts.append(newline + 1)
            newline = text.find("\n", newline + 1)

    def position(self, offset: int) -> tuple[int, int]:
        """(line, column), both counted from 0, of the character at `offset`."""
        line = bisect_right(self._starts, offset) - 1
        return line, offset - self._starts[line]

    def offset(self, line: int) -> int:
        """Where line `line` (from 0) starts; the end of the text past the last line."""
        return self._starts[line] if line < len(self._starts) else self._length

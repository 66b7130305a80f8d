"""The seed report's sentences, normalised for matching against extracted text."""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_left
from pathlib import Path

_FURNITURE = re.compile(r"^\s*Quality & Impact inspection: York & North Yorkshire ?\d+\s*$")
_CLOSERS = (".", "!", "?", ":", ";", ",", "’", "”", ")", "-")
_FOOTNOTE = re.compile(r"^\d{1,2} [A-Z]")
_FOOTNOTE_NUMBER = re.compile(r"^\d{1,2} (?=[A-Z])")
_ENUMERATOR = re.compile(r"^(?:\d+\.|•)\s+")
_SENTENCE_END = re.compile(r"(?<=[.!?])[’”]?\s+(?=[‘“A-Z])")


def seed_sentences(seed: Path, min_words: int = 5) -> list[str]:
    """Sentences of the seed, split within its blank-line-separated blocks.

    Blocks keep headings, list numbers and table cells from gluing onto the sentence that
    follows them; a leading enumerator ("4. provide ...") is dropped because lists number
    themselves in both editions.
    """
    lines = [line for line in seed.read_text(encoding="utf-8").splitlines() if not _FURNITURE.match(line)]
    blocks = re.split(r"\n\s*\n", "\n".join(_separate_glued_lines(lines)))
    sentences = []
    for block in blocks:
        text = " ".join(line.strip() for line in block.splitlines())
        text = _FOOTNOTE_NUMBER.sub("", _ENUMERATOR.sub("", text))
        sentences += [s.strip() for s in _SENTENCE_END.split(text)]
    return [s for s in sentences if len(s.split()) >= min_words]


def _separate_glued_lines(lines: list[str]) -> list[str]:
    """Put a blank line around lines the extraction glued to their neighbours.

    A heading or a 'Source:' line is short, has no closing punctuation and is followed by a
    full-width line; footnotes start with their number; URLs stand alone. Narrow table
    cells are short too, but are followed by short lines, so they stay together.
    """
    result: list[str] = []
    for index, line in enumerate(lines):
        text = line.strip()
        raw_following = lines[index + 1] if index + 1 < len(lines) else ""
        following = raw_following.strip()
        page_starts = raw_following.startswith(" ")
        heading = (
            0 < len(text) < 70
            and not text.endswith(_CLOSERS)
            and (len(following) >= 60 or not following or page_starts)
        )
        footnote = bool(_FOOTNOTE.match(text))
        url = text.startswith(("www.", "http"))
        if heading or footnote or url:
            result += ["", line, ""] if (heading or url) else ["", line]
        else:
            result.append(line)
    return result


def normalise(text: str) -> str:
    """Letters and digits only, lower case: survives line breaks, hyphenation-free reflow and quotes."""
    text = unicodedata.normalize("NFKC", text).lower()
    return re.sub(r"[^a-z0-9]", "", text)


def matched_in_order(sentences: list[str], document: str) -> tuple[float, float, list[str]]:
    """Share of sentences found, share found in reading order (longest increasing run), misses."""
    haystack = normalise(document)
    positions: list[int] = []
    missing = []
    cursor = 0
    for sentence in sentences:
        needle = normalise(sentence)
        at = haystack.find(needle, cursor)
        if at < 0:
            at = haystack.find(needle)
        if at < 0:
            missing.append(sentence)
            continue
        positions.append(at)
        cursor = max(cursor, at)
    tails: list[int] = []
    for position in positions:
        index = bisect_left(tails, position)
        if index == len(tails):
            tails.append(position)
        else:
            tails[index] = position
    total = len(sentences)
    return len(positions) / total, len(tails) / total, missing

"""Readable, stable text of one findings file, for `git diff` and `git log -p` (a textconv driver).

YAML is printed item by item with `id` first and other keys sorted, so reordering keys or
re-indenting shows no change; Markdown is printed one paragraph per line, so reflowing a
paragraph shows no change and an edited sentence shows as one changed line.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from inspection_report.diff.words import paragraphs
from inspection_report.front_matter import SplitMarkdown, split_front_matter
from inspection_report.shown_text import shown
from inspection_report.source_files import read_bytes
from inspection_report.yaml_source import parse_yaml_text


def _scalar(value: Any) -> str:
    return " ".join(str(value).split()) if value is not None else "~"


def _lines(value: Any, indent: str) -> list[str]:
    if isinstance(value, dict):
        keys = sorted(value, key=lambda k: (k != "id", k))
        out = []
        for key in keys:
            inner = value[key]
            if isinstance(inner, dict | list) and inner:
                out.append(f"{indent}{key}:")
                out += _lines(inner, indent + "  ")
            elif isinstance(inner, str) and "\n\n" in inner.strip():
                out.append(f"{indent}{key}:")
                out += [f"{indent}  {p}" for p in paragraphs(inner)]
            else:
                out.append(f"{indent}{key}: {_scalar(inner) if not isinstance(inner, dict | list) else '[]'}")
        return out
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                inner = _lines(item, indent + "  ")
                out.append(f"{indent}- {inner[0].strip()}")
                out += inner[1:]
            else:
                out.append(f"{indent}- {_scalar(item)}")
        return out
    return [f"{indent}{_scalar(value)}"]


def textconv(path: Path) -> str:
    """The file as stable text; read with the same bounds as any findings file, and with
    hidden characters spelled out, since git prints this straight to a terminal or a log."""
    data, reason = read_bytes(path, path.parent.resolve())
    if data is None:
        return f"({shown(reason or 'cannot be read')})\n"
    text = data.decode("utf-8", errors="replace").removeprefix("\ufeff")
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    return "".join(f"{shown(line)}\n" for line in _readable(path, text).split("\n")).removesuffix("\n")


def _readable(path: Path, text: str) -> str:
    if path.suffix in {".yaml", ".yml"}:
        doc, problems = parse_yaml_text(text, path)
        if doc is None or problems:
            return text
        return "\n".join(_lines(doc.data, "")) + "\n"
    if path.suffix == ".md":
        split = split_front_matter(text)
        if isinstance(split, SplitMarkdown):
            doc, problems = parse_yaml_text(split.front, path)
            head = _lines(doc.data, "") if doc is not None and not problems else split.front.split("\n")
            return "\n".join(["---", *head, "---", "", *(p + "\n" for p in paragraphs(split.body))])
        return "\n".join(p + "\n" for p in paragraphs(text))
    return text

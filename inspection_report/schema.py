"""JSON Schemas of the findings, generated from the models, for editors' tools.

VS Code's YAML extension (and any JSON-Schema tool) reads these to give completion, hover
help from each field's description and red squiggles while typing. They are generated, never
hand-edited; a test fails when the committed copies are stale.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from inspection_report.model import FindingsFile, HouseStyle

SCHEMAS: dict[str, tuple[type[BaseModel], str, str]] = {
    "findings.schema.json": (
        FindingsFile,
        "Inspection report findings",
        "One YAML file of a report's findings: any mix of item kinds, each a list.",
    ),
    "house-style.schema.json": (
        HouseStyle,
        "House style",
        "Known slips with what to write instead, and words that may stand twice.",
    ),
}


def schema_for(model: type[BaseModel], title: str, description: str) -> dict[str, Any]:
    schema = model.model_json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        **schema,
        "title": title,
        "description": description,
    }


def schema_texts() -> dict[str, str]:
    """File name -> the schema as the stable, indented JSON that is committed."""
    return {
        name: json.dumps(schema_for(model, title, description), indent=2, ensure_ascii=False) + "\n"
        for name, (model, title, description) in SCHEMAS.items()
    }


def write_schemas(folder: Path) -> list[Path]:
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for name, text in schema_texts().items():
        path = folder / name
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
            written.append(path)
    return written


def stale_schemas(folder: Path) -> list[str]:
    return [
        name
        for name, text in schema_texts().items()
        if not (folder / name).is_file() or (folder / name).read_text(encoding="utf-8") != text
    ]

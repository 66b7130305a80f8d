"""The committed JSON Schemas match the models, and an independent validator agrees with them."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from conftest import ROOT, SAMPLE, replace_in

from inspection_report.schema import stale_schemas

CHECK_JSONSCHEMA = Path(sys.executable).parent / "check-jsonschema"


def test_committed_schemas_are_up_to_date():
    assert stale_schemas(ROOT / "schema") == [], "run: python build.py schema"


def test_schema_carries_field_descriptions_for_hover_help():
    text = (ROOT / "schema" / "findings.schema.json").read_text()
    assert "Id of the count this is part of (its base)." in text
    assert '"additionalProperties": false' in text


def _validate(schema: str, files: list[Path]) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [str(CHECK_JSONSCHEMA), "--schemafile", str(ROOT / "schema" / schema), *map(str, files)],
        capture_output=True,
        text=True,
    )


def test_check_jsonschema_accepts_the_sample():
    files = sorted(SAMPLE.rglob("*.yaml"))
    result = _validate("findings.schema.json", files)
    assert result.returncode == 0, result.stdout + result.stderr
    assert _validate("house-style.schema.json", [ROOT / "findings" / "house-style.yaml"]).returncode == 0


def test_check_jsonschema_rejects_a_broken_copy(sample_copy: Path):
    replace_in(sample_copy / "cases.yaml", "value: 31", "value: thirty-one")
    replace_in(sample_copy / "report.yaml", "status: draft", "stauts: draft")
    result = _validate("findings.schema.json", [sample_copy / "cases.yaml", sample_copy / "report.yaml"])
    assert result.returncode == 1
    assert "thirty-one" in result.stdout
    assert "stauts" in result.stdout


def test_vscode_attaches_the_schema_to_findings_files():
    settings = (ROOT / ".vscode" / "settings.json").read_text()
    assert "./schema/findings.schema.json" in settings
    assert "findings/*/**/*.yaml" in settings

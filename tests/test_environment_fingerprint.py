"""The environment's part of every report's fingerprint (code, templates, fonts, libraries)
is the same whether the warm process kept its digests or not, and a file changed after they
were kept is hashed again: no stale output survives an edit to a template."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from conftest import ROOT
from mini_report import write_mini_report

from inspection_report import file_status, fingerprint, font_files, publish, render
from inspection_report.serve import Preview


@pytest.fixture
def environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A copy of the code and templates, as the fingerprint's root, with nothing kept."""
    copy = tmp_path / "checkout"
    for folder in ("inspection_report", "charts", "templates"):
        shutil.copytree(ROOT / folder, copy / folder, ignore=shutil.ignore_patterns("__pycache__"))
    monkeypatch.setattr(fingerprint, "ROOT", copy)
    monkeypatch.setattr(fingerprint, "PACKAGE", copy / "inspection_report")
    monkeypatch.setattr(fingerprint, "_known", {})
    monkeypatch.setattr(font_files, "_kept", None)
    # The copy was written just now: as old as a checkout's files for the tests that keep them.
    monkeypatch.setattr(file_status, "SETTLED_NS", 0)
    fingerprint.environment_fingerprint.cache_clear()
    yield copy
    fingerprint.environment_fingerprint.cache_clear()


def _fresh() -> str:
    fingerprint.environment_fingerprint.cache_clear()
    return fingerprint.environment_fingerprint()


def test_kept_digests_give_the_fingerprint_a_fresh_process_gives(environment):
    fresh = _fresh()
    fingerprint.keep_environment()
    assert fingerprint._known, "nothing was kept"
    assert font_files._kept is not None
    assert _fresh() == fresh


def test_a_template_changed_after_the_digests_were_kept_changes_the_fingerprint(environment):
    fingerprint.keep_environment()
    kept = _fresh()
    stylesheet = environment / "templates" / "report.css"
    stylesheet.write_text(stylesheet.read_text(encoding="utf-8").replace("a", "b", 1), encoding="utf-8")
    changed = _fresh()
    assert changed != kept
    fingerprint._known.clear()
    assert _fresh() == changed


def test_a_file_changed_moments_before_it_is_hashed_is_not_kept(environment, monkeypatch):
    """A file written within the file clock's tick of being hashed could be written again
    with the same status: the digests of files written in the last seconds are not kept."""
    monkeypatch.setattr(file_status, "SETTLED_NS", 60_000_000_000)
    fresh = _fresh()
    fingerprint.keep_environment()
    kept = set(fingerprint._known)
    assert kept and not any(path.is_relative_to(environment) for path in kept)
    assert _fresh() == fresh


def test_the_warm_process_s_font_lookup_answers_as_fc_match_does(environment):
    asked = font_files.font_files()
    font_files.keep_configuration()
    assert font_files._kept is not None
    assert font_files.font_files() == asked
    assert asked, "no report font found"


class _Changed:
    """fontconfig's library, saying its files changed since the configuration was loaded,
    and counting the configurations loaded."""

    def __init__(self, lib: object) -> None:
        self._lib = lib
        self.loaded = 0

    def __getattr__(self, name: str) -> object:
        return getattr(self._lib, name)

    def FcConfigUptoDate(self, config: object) -> int:  # fontconfig's name
        return 0

    def FcInitLoadConfigAndFonts(self) -> object:
        self.loaded += 1
        return self._lib.FcInitLoadConfigAndFonts()


def test_fonts_are_looked_up_afresh_once_fontconfig_s_files_changed(environment):
    asked = font_files.font_files()
    font_files.keep_configuration()
    kept = font_files._kept
    assert kept is not None
    changed = _Changed(kept.lib)
    kept.lib = changed
    assert font_files.font_files() == asked
    assert changed.loaded == 1


def test_serve_rebuilds_after_a_template_or_the_stylesheet_changes(environment, tmp_path, monkeypatch):
    """`serve` watches the templates: a saved stylesheet or template is a new preview, though
    the process fingerprinted the environment before (kept digests or not)."""
    templates = environment / "templates"
    monkeypatch.setattr(render, "TEMPLATES", templates)
    monkeypatch.setattr(publish, "TEMPLATES", templates)
    render.template_environment.cache_clear()
    folder = write_mini_report(tmp_path / "findings")
    preview = Preview(folder, tmp_path / "out", tmp_path)
    try:
        fingerprint.keep_environment()
        assert preview.rebuild()
        assert not preview.rebuild(), "nothing changed"
        stylesheet = templates / "report.css"
        stylesheet.write_text(stylesheet.read_text(encoding="utf-8") + "\n/* edited */\n", encoding="utf-8")
        assert preview.rebuild(), "the stylesheet's edit was not built"
        assert "/* edited */" in (preview.site / "report.css").read_text(encoding="utf-8")
        page = templates / "report.html.j2"
        page.write_text(page.read_text(encoding="utf-8") + "<!-- edited -->\n", encoding="utf-8")
        assert preview.rebuild(), "the template's edit was not built"
        assert "<!-- edited -->" in (preview.site / "report.html").read_text(encoding="utf-8")
    finally:
        preview.close()
        render.template_environment.cache_clear()


_FONT_INSTALLED = """
import shutil, sys, time
from pathlib import Path
from inspection_report.pdf_engine import load_engine
load_engine()
from weasyprint.text.ffi import ffi
from inspection_report import font_config_reuse, font_files
font_files.keep_configuration()
first = font_config_reuse.process_font_config()
print("same while unchanged:", font_config_reuse.process_font_config() is first)
print("current:", font_files.configuration_is_current(first._config, ffi))
time.sleep(1.1)  # fontconfig compares the font folders' times in whole seconds
shutil.copy(sys.argv[1], Path(sys.argv[2]) / "Installed.ttf")
print("current once a font is installed:", font_files.configuration_is_current(first._config, ffi))
print("a new one:", font_config_reuse.process_font_config() is not first)
"""


def test_a_kept_layout_process_takes_a_new_font_configuration_once_a_font_is_installed(tmp_path):
    """`serve`'s layout processes live for many builds: a font installed meanwhile is seen
    by the fingerprint, and by the configuration the next part is laid out with."""
    font = next(iter(font_files.font_files()), None)
    if font is None:
        pytest.skip("no report font installed")
    folder = tmp_path / "fonts"
    folder.mkdir()
    settings = tmp_path / "fonts.conf"
    settings.write_text(
        '<?xml version="1.0"?><!DOCTYPE fontconfig SYSTEM "fonts.dtd"><fontconfig>'
        '<include ignore_missing="yes">/etc/fonts/fonts.conf</include>'
        f"<dir>{folder}</dir><cachedir>{tmp_path / 'cache'}</cachedir></fontconfig>",
        encoding="utf-8",
    )
    environment = {**os.environ, "FONTCONFIG_FILE": str(settings)}
    ran = subprocess.run(
        [sys.executable, "-c", _FONT_INSTALLED, str(font), str(folder)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        env=environment,
    )
    assert ran.returncode == 0, ran.stderr
    assert ran.stdout.split("\n")[:4] == [
        "same while unchanged: True",
        "current: True",
        "current once a font is installed: False",
        "a new one: True",
    ]

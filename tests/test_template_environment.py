"""One template environment per process, its templates loaded by the warm process before it
forks: a template edited after it was loaded is loaded again, and one written moments
before the warm process started is left for each command to load."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest
from jinja2 import TemplateSyntaxError

from inspection_report import file_status, render


@pytest.fixture
def templates(tmp_path: Path, monkeypatch: pytest.MonkeyPatch):
    copy = tmp_path / "templates"
    shutil.copytree(render.TEMPLATES, copy)
    (copy / "probe.html.j2").write_text("before", encoding="utf-8")
    monkeypatch.setattr(render, "TEMPLATES", copy)
    render.template_environment.cache_clear()
    yield copy
    render.template_environment.cache_clear()


@pytest.fixture
def settled_files(monkeypatch: pytest.MonkeyPatch) -> None:
    """The copy was written just now: as settled as a checkout's files."""
    monkeypatch.setattr(file_status, "SETTLED_NS", 0)


def test_every_template_is_loaded_once_for_the_whole_process(templates, settled_files):
    render.load_templates()
    environment = render.template_environment()
    assert environment is render.template_environment()
    assert len(environment.cache) == len(list(templates.rglob("*.j2")))


def test_a_template_edited_after_it_was_loaded_is_loaded_again(templates, settled_files):
    render.load_templates()
    probe = templates / "probe.html.j2"
    probe.write_text("after", encoding="utf-8")
    assert render.template_environment().get_template("probe.html.j2").render() == "after"


def test_a_template_replaced_with_its_old_modification_time_is_loaded_again(templates, settled_files):
    """A copy that keeps times (`cp -p`, `rsync -t`) leaves the modification time Jinja
    checks as it was; the file's change time and inode still tell."""
    render.load_templates()
    probe = templates / "probe.html.j2"
    kept = probe.stat()
    replacement = templates / "replacement"
    replacement.write_text("after!", encoding="utf-8")
    os.utime(replacement, ns=(kept.st_atime_ns, kept.st_mtime_ns))
    replacement.replace(probe)
    assert probe.stat().st_mtime_ns == kept.st_mtime_ns
    assert render.template_environment().get_template("probe.html.j2").render() == "after!"


def test_templates_written_moments_before_are_left_for_the_command_to_load(templates):
    render.load_templates()
    assert len(render.template_environment().cache) == 0
    assert render.template_environment().get_template("probe.html.j2").render() == "before"


def test_a_template_broken_mid_edit_leaves_the_warm_process_to_start(templates, settled_files):
    """The warm process loads the templates as they stand; one that does not compile is for
    each command to report, not a reason for the warm process not to start."""
    from inspection_report import warm_server

    (templates / "probe.html.j2").write_text("{% if %}", encoding="utf-8")
    with pytest.raises(TemplateSyntaxError):
        render.load_templates()
    warm_server.preload()
    with pytest.raises(TemplateSyntaxError):
        render.template_environment().get_template("probe.html.j2")

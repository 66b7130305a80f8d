from pathlib import Path

import pytest

from inspection_report.fetcher import ResourceRefused, SandboxedFetcher


def test_files_inside_the_allowed_folder_are_served(tmp_path: Path):
    (tmp_path / "chart.svg").write_text("<svg/>")
    response = SandboxedFetcher([tmp_path]).fetch((tmp_path / "chart.svg").as_uri())
    assert response.read() == b"<svg/>"


def test_files_outside_and_symlinks_out_are_refused(tmp_path: Path):
    fetcher = SandboxedFetcher([tmp_path / "report"])
    (tmp_path / "report").mkdir()
    (tmp_path / "report" / "link").symlink_to("/etc/passwd")
    for url in (
        "file:///etc/passwd",
        (tmp_path / "report" / "link").as_uri(),
        (tmp_path / "report" / ".." / "x").as_uri(),
    ):
        with pytest.raises(ResourceRefused):
            fetcher.fetch(url)


def test_network_urls_are_refused(tmp_path: Path):
    with pytest.raises(ResourceRefused):
        SandboxedFetcher([tmp_path]).fetch("http://127.0.0.1:9/x.css")

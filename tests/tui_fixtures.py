"""Fixtures the daily-reader Pilot tests share: a config with the Lead-N method (fast, and the
same summary on every machine) and the app over the test's library."""

from __future__ import annotations

from pathlib import Path

import pytest

from tui.app import NewsdeskApp, make_app
from tui.config import ReaderConfig, save_config


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config.toml"
    save_config(ReaderConfig(method="lead"), path)
    monkeypatch.setenv("NEWSDESK_CONFIG", str(path))
    return path


@pytest.fixture
def app(library_path: Path, config_path: Path) -> NewsdeskApp:
    return make_app(library_path, config_path=config_path)

"""Shared builders for the tests: sample texts, a temporary library path, the repo's paths, and
the real HTTP server on 127.0.0.1 (`http_server`, from `tests/httpserver.py`)."""

from __future__ import annotations

from pathlib import Path

import pytest

from httpserver import http_server  # noqa: F401  (the one HTTP server fixture, for every test)

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
SHARED = ROOT.parent / "shared"


@pytest.fixture
def seed_text() -> str:
    """The seed article's body (front matter removed)."""
    from summarize.ingest.articles import load_article_file

    return load_article_file(SAMPLES / "seed-kazakhstan-un.txt").body


@pytest.fixture
def library_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A library file in a temporary directory; NEWSDESK_LIBRARY points at it."""
    path = tmp_path / "library.db"
    monkeypatch.setenv("NEWSDESK_LIBRARY", str(path))
    return path


@pytest.fixture
def full_device(tmp_path: Path) -> Path:
    """A private copy of /dev/full (char 1:7): writes fail with ENOSPC, and a regression that
    replaces its target replaces only this node, never the machine's /dev/full."""
    import os
    import stat

    node = tmp_path / "full"
    try:
        os.mknod(node, stat.S_IFCHR | 0o666, os.makedev(1, 7))
    except (PermissionError, AttributeError):
        pytest.skip("cannot make a device node here (needs root)")
    return node

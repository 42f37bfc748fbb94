"""The fault suite: hostile servers and hostile inputs against `summarize` and `newsdesk`.

Every test here gets a hard time limit (pytest-timeout): a fault that brings back a hang fails
its test instead of stalling CI. The fixtures give a hostile server, a library on a read-only
file system, and a library on a full one (root mounts a small tmpfs; elsewhere those tests are
skipped, since file permissions do not bind root).
"""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent))

from hostile import HostileServer, serve  # noqa: E402

FAULT_TIMEOUT = 60
"""Seconds any one fault test may take before it counts as a hang."""

CLI = [sys.executable, "-c", "from summarize.cli.newsdesk_cmd import main; main()"]
SUMMARIZE = [sys.executable, "-c", "import sys; from summarize.cli.summarize_cmd import main; sys.exit(main())"]


def pytest_collection_modifyitems(items: list[pytest.Item]) -> None:
    here = Path(__file__).resolve().parent
    for item in items:
        if here in Path(str(item.fspath)).resolve().parents:
            item.add_marker(pytest.mark.timeout(FAULT_TIMEOUT))


@pytest.fixture(scope="session")
def hostile() -> Iterator[HostileServer]:
    with serve() as server:
        yield server


def newsdesk(library: Path, *args: str | bytes, input: bytes | None = None,
             timeout: float = 60) -> subprocess.CompletedProcess[bytes]:
    """`newsdesk` as a real subprocess on `library` (bytes in, bytes out: nothing is decoded)."""
    env = dict(os.environ, NEWSDESK_LIBRARY=str(library), COLUMNS="200")
    return subprocess.run([*CLI, *args], input=input, capture_output=True, env=env,
                          timeout=timeout)


def one_line_error(proc: subprocess.CompletedProcess[bytes]) -> str:
    """The stderr of a failed run, checked to be one line and no traceback."""
    err = proc.stderr.decode("utf-8", "replace").strip()
    assert "Traceback" not in err, err
    assert len(err.splitlines()) == 1, err
    return err


def _mount(*args: str) -> None:
    subprocess.run(["mount", *args], check=True, capture_output=True, timeout=30)


@pytest.fixture
def tmpfs(tmp_path: Path) -> Iterator[Path]:
    """A fresh 8 MB tmpfs (root only): a file system a test may fill or make read-only."""
    if os.geteuid() != 0:
        pytest.skip("mounting a tmpfs needs root")
    where = tmp_path / "mnt"
    where.mkdir()
    try:
        _mount("-t", "tmpfs", "-o", "size=8m", "tmpfs", str(where))
    except (OSError, subprocess.CalledProcessError) as e:
        pytest.skip(f"cannot mount a tmpfs here ({e})")
    try:
        yield where
    finally:
        subprocess.run(["umount", "-l", str(where)], capture_output=True, timeout=30)


def remount_read_only(where: Path) -> None:
    _mount("-o", "remount,ro", str(where))


def bind_read_only(path: Path) -> None:
    """Make one file read-only for everyone, root included (a read-only bind mount)."""
    _mount("--bind", str(path), str(path))
    _mount("-o", "remount,bind,ro", str(path))

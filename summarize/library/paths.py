"""Where Newsdesk keeps its files: the library database in the user's data directory.

`platformdirs` knows each platform's convention (XDG on Linux, `~/Library/Application Support`
on macOS, `%LOCALAPPDATA%` on Windows); `NEWSDESK_LIBRARY` overrides the library's path.
"""

from __future__ import annotations

import os
from pathlib import Path

APP_NAME = "newsdesk"
LIBRARY_ENV = "NEWSDESK_LIBRARY"
"""Environment variable naming the library file (the `--library` option wins over it)."""
LIBRARY_FILE = "library.db"


def data_dir() -> Path:
    """The user's data directory for Newsdesk (not created here)."""
    from platformdirs import user_data_path

    return Path(user_data_path(APP_NAME, appauthor=False))


def default_library_path() -> Path:
    """`$NEWSDESK_LIBRARY` when set (and not empty), else `data_dir() / "library.db"`."""
    env = os.environ.get(LIBRARY_ENV, "").strip()
    if env:
        return Path(env).expanduser()
    return data_dir() / LIBRARY_FILE


def resolve_library_path(path: Path | str | None) -> Path:
    """The library path a caller asked for, or the default one."""
    if path is None or str(path) == "":
        return default_library_path()
    return Path(path).expanduser()

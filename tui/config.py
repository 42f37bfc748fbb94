"""The reader's remembered choices (theme, summary method, length), browser and key remaps, in TOML.

The file lives under the user's config directory (platformdirs), or wherever `NEWSDESK_CONFIG`
points (the tests use that). It is read with `tomllib` and written with `tomli_w`; a missing or
unreadable file gives the defaults, so a broken config never stops the reader from opening.
"""

from __future__ import annotations

import os
import tomllib
from dataclasses import dataclass, field, replace
from pathlib import Path

import tomli_w

from summarize.library.store import SORT_ORDERS

CONFIG_ENV = "NEWSDESK_CONFIG"
DEFAULT_THEME = "textual-dark"
DEFAULT_LENGTH = 3
MIN_LENGTH = 1
MAX_LENGTH = 20
SORTS = tuple(SORT_ORDERS)
"""List orders (the library's): newest first; by source; by title; unread first."""
DEFAULT_SORT = "date"


@dataclass(frozen=True, slots=True)
class ReaderConfig:
    """What the reader remembers between runs."""

    theme: str = DEFAULT_THEME
    method: str | None = None
    """Summary method name; None means the core's default."""
    length: int = DEFAULT_LENGTH
    """Summary length in sentences."""
    browser: str | None = None
    """The command that opens a web page (`%u` for the address, as in newsboat); None: `$BROWSER`
    or the system's browser (see `tui.browser`)."""
    keymap: dict[str, str] = field(default_factory=dict, hash=False)
    """Binding id -> keys, from the `[keymap]` table (`star = "x"`, `list.open = "l"`)."""
    keymap_problems: tuple[str, ...] = field(default=(), compare=False)
    """Entries of the `[keymap]` table that are not `id = "keys"` (the reader says so)."""
    mark_read_on_open: bool = True
    """Opening an article (Enter, `n`/`N`, Space at the end of the last) marks it read."""
    sort: str = DEFAULT_SORT
    """The list's order: one of `SORTS`."""
    sidebar: bool = False
    """Whether the feed sidebar is shown."""

    def with_changes(self, **changes: object) -> ReaderConfig:
        return replace(self, **changes)  # type: ignore[arg-type]


def default_config_path() -> Path:
    """`$NEWSDESK_CONFIG`, else `config.toml` in the platform's user config directory."""
    override = os.environ.get(CONFIG_ENV)
    if override:
        return Path(override)
    from platformdirs import user_config_dir

    return Path(user_config_dir("newsdesk")) / "config.toml"


def load_config(path: Path) -> ReaderConfig:
    """The config stored at `path`; defaults for anything missing, unreadable or out of range."""
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, tomllib.TOMLDecodeError):
        return ReaderConfig()
    reader = data.get("reader", data)
    config = ReaderConfig()
    theme = reader.get("theme")
    if isinstance(theme, str) and theme:
        config = config.with_changes(theme=theme)
    method = reader.get("method")
    if isinstance(method, str) and method:
        config = config.with_changes(method=method)
    length = reader.get("length")
    if isinstance(length, int) and not isinstance(length, bool):
        config = config.with_changes(length=min(MAX_LENGTH, max(MIN_LENGTH, length)))
    browser = reader.get("browser")
    if isinstance(browser, str) and browser.strip():
        config = config.with_changes(browser=browser)
    mark_read = reader.get("mark_read_on_open")
    if isinstance(mark_read, bool):
        config = config.with_changes(mark_read_on_open=mark_read)
    sort = reader.get("sort")
    if isinstance(sort, str) and sort in SORTS:
        config = config.with_changes(sort=sort)
    sidebar = reader.get("sidebar")
    if isinstance(sidebar, bool):
        config = config.with_changes(sidebar=sidebar)
    keymap = data.get("keymap")
    if isinstance(keymap, dict):
        clean, problems = _flat_keymap(keymap)
        config = config.with_changes(keymap=clean, keymap_problems=tuple(problems))
    return config


def _flat_keymap(table: dict[str, object], prefix: str = "") -> tuple[dict[str, str], list[str]]:
    """`[keymap]` as binding id -> keys. TOML reads `list.open = "l"` as a nested table
    (`{"list": {"open": "l"}}`): dotted ids are joined back together, so both spellings
    (`list.open = "l"` and `"list.open" = "l"`) work. Anything else is a problem, by name."""
    clean: dict[str, str] = {}
    problems: list[str] = []
    for key, value in table.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            inner, inner_problems = _flat_keymap(value, f"{name}.")
            clean.update(inner)
            problems += inner_problems
        elif isinstance(value, str) and value.strip():
            clean[name] = value.strip()
        else:
            problems.append(name)
    return clean, problems


def save_config(config: ReaderConfig, path: Path) -> None:
    """Write `config` to `path` atomically (a temporary file renamed over the old one)."""
    table: dict[str, object] = {"theme": config.theme, "length": config.length,
                                "mark_read_on_open": config.mark_read_on_open,
                                "sort": config.sort, "sidebar": config.sidebar}
    if config.method:
        table["method"] = config.method
    if config.browser:
        table["browser"] = config.browser
    document: dict[str, object] = {"reader": table}
    if config.keymap:
        document["keymap"] = dict(config.keymap)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.with_name(path.name + ".tmp")
    tmp.write_text(tomli_w.dumps(document), encoding="utf-8")
    os.replace(tmp, path)

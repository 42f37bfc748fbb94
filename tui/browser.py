"""Opening an article's web page: which browser, and how it gets the terminal.

The choice follows newsboat and Python's `webbrowser`, most specific first: the `browser` command
in the reader's config (`%u` stands for the address, as in newsboat), then `$BROWSER` (entries
separated by `os.pathsep`, `%s` for the address, the first one on PATH wins, as `webbrowser` reads
it), then, when there is no graphical display (over SSH), the first text-mode browser on PATH in
`webbrowser`'s order; failing all that, `webbrowser`'s own choice (None here).

A text-mode browser needs the terminal the reader draws on: it runs in the foreground while the
reader is suspended (`App.suspend`), or both would read the keys and draw over each other. The
configured command is run that way too (newsboat runs its browser in the foreground); any other
command is started detached, with no access to the terminal.
"""

from __future__ import annotations

import os
import shlex
import shutil
import subprocess
from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING

from summarize.errors import NewsdeskError

if TYPE_CHECKING:
    from textual.app import App

TEXT_BROWSERS = ("www-browser", "links", "elinks", "lynx", "w3m")
"""Text-mode browsers, in the order `webbrowser` tries them when there is no display."""
_TERMINAL_NAMES = {*TEXT_BROWSERS, "links2", "browsh", "carbonyl"}


@dataclass(frozen=True, slots=True)
class BrowserCommand:
    """A browser command line for one address, and whether it needs the terminal."""

    argv: list[str]
    terminal: bool

    @property
    def name(self) -> str:
        return Path(self.argv[0]).name


def browser_command(
    url: str, configured: str | None, env: Mapping[str, str] | None = None
) -> BrowserCommand | None:
    """The command that opens `url`, or None to leave the choice to `webbrowser`."""
    env = os.environ if env is None else env
    path = env.get("PATH")
    if configured and configured.strip():
        argv = _filled(shlex.split(configured), url, "%u")
        return BrowserCommand(argv, terminal=True)
    for entry in env.get("BROWSER", "").split(os.pathsep):
        parts = shlex.split(entry) if entry.strip() else []
        if parts and shutil.which(parts[0], path=path):
            return BrowserCommand(_filled(parts, url, "%s"), _is_text_browser(parts[0]))
    if not _has_display(env):
        for name in TEXT_BROWSERS:
            found = shutil.which(name, path=path)
            if found:
                return BrowserCommand([found, url], terminal=True)
    return None


def _filled(argv: list[str], url: str, placeholder: str) -> list[str]:
    """`argv` with `placeholder` replaced by `url`, or `url` appended when it has none."""
    if any(placeholder in arg for arg in argv):
        return [arg.replace(placeholder, url) for arg in argv]
    return [*argv, url]


def _is_text_browser(program: str) -> bool:
    return Path(program).name in _TERMINAL_NAMES


def _has_display(env: Mapping[str, str]) -> bool:
    return bool(env.get("DISPLAY") or env.get("WAYLAND_DISPLAY")) or os.name == "nt"


def run_in_terminal(app: App[object], command: BrowserCommand) -> int:
    """Run `command` in the foreground with the app suspended; its exit status."""
    from textual.app import SuspendNotSupported

    try:
        with app.suspend():
            return subprocess.run(command.argv, check=False).returncode
    except SuspendNotSupported:
        raise NewsdeskError(
            f"{command.name} needs the terminal, which this reader cannot hand over"
        ) from None
    except OSError as e:
        raise NewsdeskError(f"cannot run {command.name}: {e.strerror or e}") from None


def spawn(command: BrowserCommand) -> None:
    """Start `command` detached: no terminal input or output, not waited for."""
    try:
        subprocess.Popen(
            command.argv, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL, start_new_session=True,
        )
    except OSError as e:
        raise NewsdeskError(f"cannot run {command.name}: {e.strerror or e}") from None

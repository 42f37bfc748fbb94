"""The Newsdesk reader app: wires the reader screen, the help screen and the global keys.

Everything about articles lives on `ReaderScreen`; the app holds what outlives a screen: the
remembered settings (theme, method, length, key remaps), the themes, help and the palette.
"""

from __future__ import annotations

import os
import sys
from dataclasses import replace
from pathlib import Path
from typing import Any, ClassVar

from textual.app import App
from textual.binding import Binding, BindingType
from textual.theme import Theme

from summarize.errors import NewsdeskError

from .article_list import ArticleList
from .article_view import ArticleView
from .commands import ReaderCommands
from .config import ReaderConfig, default_config_path, load_config, save_config
from .feed_sidebar import FeedSidebar
from .help_screen import HelpScreen
from .reader_screen import ReaderScreen, fetch_in_progress
from .score_strip import ScoreStrip
from .summary_pane import SentenceList
from .topic_chips import TopicChips


class NewsdeskApp(App[None]):
    """The reader: one `ReaderScreen` over the library, plus help, themes and the palette."""

    CSS_PATH = Path(__file__).with_name("newsdesk.tcss")
    TITLE = "Newsdesk"
    COMMANDS = App.COMMANDS | {ReaderCommands}

    BINDINGS: ClassVar[list[BindingType]] = [
        Binding("q", "quit", "Quit",
                tooltip="Quit the reader (from the list; in the article q goes back)", id="quit"),
        Binding("f1,question_mark", "show_help", "Help", tooltip="Show every key binding", id="help"),
        Binding("T", "change_theme", "Theme", show=False, tooltip="Choose a theme", id="theme"),
    ]
    """Keys that work on every screen; each has an id so users can remap it."""

    def __init__(
        self,
        library_path: Path | None,
        *,
        piped_text: str | None = None,
        config_path: Path | None = None,
    ) -> None:
        super().__init__()
        from summarize import available_methods
        from summarize.summarizer import DEFAULT_METHOD

        self.library_path = library_path
        self.piped_text = piped_text
        self.config_path = config_path or default_config_path()
        self.method_help = available_methods()
        """Method name -> one-line description (shown as the method picker's tooltip)."""
        self.methods = list(self.method_help)
        config = load_config(self.config_path)
        if config.method not in self.methods:
            config = replace(config, method=DEFAULT_METHOD)
        self.config: ReaderConfig = config
        if config.theme in self.available_themes:
            self.theme = config.theme

    def get_default_screen(self) -> ReaderScreen:
        return ReaderScreen(self.library_path, self.method_help, piped_text=self.piped_text)

    @property
    def reader(self) -> ReaderScreen:
        """The reader screen (the app's default screen)."""
        screen = self.screen_stack[0]
        assert isinstance(screen, ReaderScreen)
        return screen

    @property
    def library(self) -> Any:
        """The reader's open library (None until it is open)."""
        return self.reader.library if self.screen_stack else None

    def on_mount(self) -> None:
        self.theme_changed_signal.subscribe(self, self._theme_changed)
        if self.config.keymap:
            self.set_keymap(self.config.keymap)
        self._report_keymap_problems()

    def _report_keymap_problems(self) -> None:
        """Say which `[keymap]` entries do nothing (Textual ignores an unknown id silently)."""
        known = {b.id for _, bindings in self.help_sections() for b in bindings
                 if isinstance(b, Binding) and b.id}
        unknown = [*self.config.keymap_problems, *(k for k in self.config.keymap if k not in known)]
        if unknown:
            self.notify(
                f"Keymap: not understood: {', '.join(unknown)} (use a binding id from the help, "
                f'like star = "x" or list.open = "l")',
                title="Settings", severity="warning", timeout=10, markup=False,
            )

    def deliver_screenshot(
        self, filename: str | None = None, path: str | None = None, time_format: str | None = None
    ) -> str | None:
        """Save to the Downloads folder when there is one, else the current directory (Textual
        assumes Downloads exists and fails without it); the notification names the file."""
        if path is None:
            from platformdirs import user_downloads_path

            downloads = user_downloads_path()
            path = str(downloads if downloads.is_dir() else Path.cwd())
        return super().deliver_screenshot(filename, path, time_format)

    # -- help and palette -----------------------------------------------------------------------

    def action_show_help(self) -> None:
        self.push_screen(HelpScreen(self.help_sections()))

    def help_sections(self) -> list[tuple[str, list[BindingType]]]:
        """Every binding by where it works, with the keys the user's keymap gives them."""
        keymap = self.config.keymap

        def keys(bindings: list[BindingType]) -> list[BindingType]:
            return [
                replace(b, key=keymap[b.id]) if isinstance(b, Binding) and b.id in keymap else b
                for b in bindings
            ]

        palette = Binding("ctrl+p", "command_palette", "Command palette (every action)")
        sections: list[tuple[str, list[BindingType]]] = [
            ("Everywhere", [*self.BINDINGS, *ReaderScreen.BINDINGS, palette]),
            ("Article list", list(ArticleList.BINDINGS)),
            ("Feed sidebar (b)", list(FeedSidebar.BINDINGS)),
            ("Full text", list(ArticleView.BINDINGS)),
            ("Summary", list(SentenceList.BINDINGS)),
            ("Topics", list(TopicChips.BINDINGS)),
            ("Score strip", list(ScoreStrip.BINDINGS)),
            ("Search box", [Binding("enter", "", "Go to the results"),
                            Binding("escape", "", "Leave the search, show every article")]),
        ]
        return [(title, keys(bindings)) for title, bindings in sections]

    # -- settings -------------------------------------------------------------------------------

    def save_settings(self, **changes: Any) -> None:
        """Change and write the remembered settings (a failed write is a warning, not an error)."""
        self.config = self.config.with_changes(**changes)
        try:
            save_config(self.config, self.config_path)
        except OSError as e:
            self.notify(f"Could not save settings: {e.strerror or e}", severity="warning", markup=False)

    def _theme_changed(self, theme: Theme) -> None:
        if theme.name != self.config.theme:
            self.save_settings(theme=theme.name)


def make_app(
    library_path: Path | None, *, piped_text: str | None = None, config_path: Path | None = None
) -> NewsdeskApp:
    """The reader over the library at `library_path` (None: the default library)."""
    return NewsdeskApp(library_path, piped_text=piped_text, config_path=config_path)


def reopen_terminal_stdin() -> bool:
    """Point fd 0 at the controlling terminal after stdin was a pipe, so keys reach the app.

    Returns whether it did; on systems without `/dev/tty` (Windows) nothing happens.
    """
    try:
        fd = os.open("/dev/tty", os.O_RDONLY)
    except OSError:
        return False
    os.dup2(fd, 0)
    os.close(fd)
    sys.stdin = open(0, encoding="utf-8", closefd=False)  # noqa: SIM115 (fd 0 lives on)
    return True


def run_reader(library_path: Path | None, piped_text: str | None) -> None:
    """The `newsdesk` entry point: run the reader (on the piped text, when there is some).

    When stdin was a pipe (`cat article.txt | newsdesk`) it has been read to the end already;
    the terminal is reopened onto fd 0 so Textual reads the keys from it.
    """
    if not _stdin_is_terminal() and not reopen_terminal_stdin():
        raise NewsdeskError("cannot read keys: stdin is not a terminal and /dev/tty cannot be opened")
    if not _is_terminal(1):
        raise NewsdeskError("the reader draws on a terminal, but stdout is not one "
                            "(for text output use `newsdesk list` or `summarize`)")
    app = make_app(library_path, piped_text=piped_text)
    try:
        app.run()
    finally:
        if fetch_in_progress():
            # A feed server is still being waited on: its items would not be stored anyway
            # (the fetch was cancelled, and each feed is stored in one transaction), so leave
            # now rather than after the HTTP timeout, as `q` promises.
            sys.stdout.flush()
            sys.stderr.flush()
            os._exit(app.return_code or 0)
        library = app.library
        if library is not None:
            library.close()


def _stdin_is_terminal() -> bool:
    return _is_terminal(0)


def _is_terminal(fd: int) -> bool:
    try:
        return os.isatty(fd)
    except OSError:
        return False

"""The command palette's Newsdesk commands: every reader action, plus one entry per method.

Built from the reader screen's binding table, so a new binding shows up in the palette and on the
help screen without being listed twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .reader_screen import ReaderScreen


class ReaderCommands(Provider):
    """Every reader action by its description, and "Method: NAME" for each summary method."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """(title, help, action) for every command of the reader screen."""
        from .reader_screen import ReaderScreen

        screen: ReaderScreen | None = None
        for candidate in reversed(self.app.screen_stack):
            if isinstance(candidate, ReaderScreen):
                screen = candidate
                break
        return screen.palette_actions() if screen is not None else []

    def _run(self, action: str) -> object:
        from .reader_screen import ReaderScreen

        target = next((s for s in self.app.screen_stack if isinstance(s, ReaderScreen)), None)
        return self.app.run_action(action, target)

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self._run, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self._run, action),
                    text=title,
                    help=help_text,
                )

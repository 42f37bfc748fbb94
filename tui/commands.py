"""The command palette's Newsdesk commands: every reader action, plus one entry per method.

Built from the app's own binding table (`NewsdeskApp.ACTIONS`), so a new binding shows up in the
palette and on the help screen without being listed twice.
"""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from textual.command import DiscoveryHit, Hit, Hits, Provider

if TYPE_CHECKING:
    from .app import NewsdeskApp


class ReaderCommands(Provider):
    """Every reader action by its description, and "Method: NAME" for each summary method."""

    def _commands(self) -> list[tuple[str, str, str]]:
        """(title, help, action) for every command."""
        app: NewsdeskApp = self.app  # type: ignore[assignment]
        out = [(title, help_text, action) for title, help_text, action in app.palette_actions()]
        return out

    async def discover(self) -> Hits:
        for title, help_text, action in self._commands():
            yield DiscoveryHit(title, partial(self.app.run_action, action), help=help_text)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        for title, help_text, action in self._commands():
            score = matcher.match(title)
            if score > 0:
                yield Hit(
                    score,
                    matcher.highlight(title),
                    partial(self.app.run_action, action),
                    text=title,
                    help=help_text,
                )

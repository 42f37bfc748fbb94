"""Pilot tests of the reader: the help screen and the command palette.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

from pathlib import Path


from summarize.library.store import Library
from tui.app import NewsdeskApp
from tui.article_list import ArticleList
from tui.article_view import ArticleView
from tui.help_screen import HelpScreen, binding_rows
from tui.reader_screen import ReaderScreen
from tui.score_strip import ScoreStrip
from tui.topic_chips import TopicChips
from tui_support import SIZE, app, config_path, settle


async def test_help_lists_every_binding(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        for key in ("f1", "question_mark"):
            await pilot.press(key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            sections = app.screen.sections
            described = [d for _, bindings in sections for _, d in binding_rows(bindings)]
            for binding in [*app.BINDINGS, *ReaderScreen.BINDINGS]:
                assert binding.tooltip in described  # type: ignore[union-attr]
            for widget in (ArticleList, ArticleView, TopicChips, ScoreStrip):
                for _, description in binding_rows(widget.BINDINGS):
                    assert description in described
            await pilot.press("escape")
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_every_action_is_in_the_command_palette(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        actions = {action for _, _, action in app.reader.palette_actions()}
        for binding in ReaderScreen.BINDINGS:
            assert binding.action in actions  # type: ignore[union-attr]
        assert "app.show_help" in actions  # quit and the theme picker are Textual's own entries
        assert "set_method('lead')" in actions
        first = app.query_one(ArticleList).rows[0]
        await pilot.press("ctrl+p")
        await pilot.pause()
        await pilot.press(*"Star or unstar")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await settle(pilot)
        assert Library(library_path).row(first.id).starred


async def test_help_has_a_summary_section_and_one_style_of_key_names(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("f1")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        sections = dict(app.screen.sections)
        summary = dict((d, k) for k, d in binding_rows(sections["Summary"]))
        assert summary["Next sentence"] == "↓ j" and summary["Previous sentence"] == "↑ k"
        assert summary["Back to the article list"] == "q Esc"
        labels = [k for _, bindings in app.screen.sections for k, _ in binding_rows(bindings)]
        words = {word for label in labels for word in label.split()}
        # Textual's own names never show; named keys are capitalised, symbols are symbols
        raw = {"escape", "slash", "plus", "minus", "up", "down", "left", "right", "home", "end",
               "enter", "space", "pageup", "pagedown", "question_mark", "equals_sign", "f1"}
        assert not words & raw
        assert {"Esc", "/", "+", "↑", "Home", "Enter", "F1", "?"} <= words

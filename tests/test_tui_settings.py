"""Pilot tests of the reader: remembered settings and keys: method, length, theme, the config file and key remaps.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

import tomllib
from pathlib import Path

import pytest

from summarize.library.store import Library
from tui.app import NewsdeskApp, make_app
from tui.article_view import ArticleView
from tui.config import ReaderConfig, load_config, save_config
from tui.help_screen import binding_rows
from tui.summary_pane import SummaryPane
from tui_support import SIZE, app, config_path, settle, shown


async def test_length_keys_change_the_summary_live_and_are_remembered(
    app: NewsdeskApp, config_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert len(app.query_one(SummaryPane).sentence_texts) == 3
        await pilot.press("plus")
        await settle(pilot)
        assert len(app.query_one(SummaryPane).sentence_texts) == 4
        assert load_config(config_path).length == 4
        await pilot.press("minus", "minus", "minus", "minus", "minus")
        await settle(pilot)
        assert len(app.query_one(SummaryPane).sentence_texts) == 1
        assert load_config(config_path).length == 1
        assert "1 sentence" in str(app.query_one("#length").render())


async def test_method_picker_changes_the_method_and_is_remembered(
    app: NewsdeskApp, config_path: Path, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.reader.summary is not None and app.reader.summary.method == "news"
        await pilot.press("m")
        await pilot.pause()
        select = app.query_one("#method")
        assert select.expanded  # type: ignore[attr-defined]
        # the overlay lists every method; pick "lead" with the keyboard
        target = app.reader.methods.index("lead")
        current = app.reader.methods.index("news")
        steps = target - current
        await pilot.press(*(["down"] * steps if steps > 0 else ["up"] * -steps))
        await pilot.press("enter")
        await settle(pilot)
        assert app.reader.summary.method == "lead"
        lead = Library(library_path).summary(shown(app).id or 0, method="lead", sentences=3)
        assert app.reader.summary.indices == lead.indices
        assert load_config(config_path).method == "lead"
        assert "Lead-N" in str(select.tooltip)  # the picker explains the chosen method
    # a new reader starts with the remembered method and length
    again = make_app(library_path, config_path=config_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.reader.summary is not None and again.reader.summary.method == "lead"


async def test_theme_is_remembered(app: NewsdeskApp, config_path: Path, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.theme = "nord"
        await pilot.pause()
        assert load_config(config_path).theme == "nord"
    again = make_app(library_path, config_path=config_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert again.theme == "nord"


def test_config_path_follows_the_environment(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from platformdirs import user_config_dir

    from tui.config import default_config_path

    monkeypatch.setenv("NEWSDESK_CONFIG", str(tmp_path / "mine.toml"))
    assert default_config_path() == tmp_path / "mine.toml"
    monkeypatch.delenv("NEWSDESK_CONFIG")
    assert default_config_path() == Path(user_config_dir("newsdesk")) / "config.toml"


def test_config_round_trip_and_bad_files(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    assert load_config(path) == ReaderConfig()
    save_config(ReaderConfig(theme="gruvbox", method="lsa", length=7), path)
    assert tomllib.loads(path.read_text())["reader"]["method"] == "lsa"
    assert load_config(path) == ReaderConfig(theme="gruvbox", method="lsa", length=7)
    path.write_text("this is [not toml")
    assert load_config(path) == ReaderConfig()
    path.write_text("[reader]\nlength = 900\ntheme = 3\n")
    assert load_config(path) == ReaderConfig(length=20)


async def test_keys_can_be_remapped_in_the_config(library_path: Path, config_path: Path) -> None:
    save_config(ReaderConfig(keymap={"star": "x", "quit": "ctrl+q"}), config_path)
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        first = app.reader.article_list.rows[0]
        await pilot.press("s")
        await settle(pilot)
        assert not Library(library_path).row(first.id).starred
        await pilot.press("x")
        await settle(pilot)
        assert Library(library_path).row(first.id).starred
        await pilot.press("q")  # remapped away: q no longer quits
        await pilot.pause()
        assert app.is_running
        await pilot.press("f1")
        await pilot.pause()
        rows = dict((d, k) for _, bindings in app.screen.sections for k, d in binding_rows(bindings))
        assert rows["Star or unstar the article"] == "x"
        assert rows["Quit the reader (from the list; in the article q goes back)"] == "Ctrl+q"
    assert load_config(config_path).keymap == {"star": "x", "quit": "ctrl+q"}


async def test_theme_key_opens_the_theme_picker(app: NewsdeskApp) -> None:
    from textual.command import CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_q_quits_and_equals_is_plus(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("equals_sign")
        await settle(pilot)
        assert len(app.reader.summary_pane.sentence_texts) == 4
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_dotted_keymap_ids_work_and_unknown_entries_are_reported(
    library_path: Path, config_path: Path
) -> None:
    config_path.parent.mkdir(parents=True, exist_ok=True)
    # `list.open = "l"` is a nested table in TOML; `star = 5` and an unknown id do nothing
    config_path.write_text(
        '[keymap]\nlist.open = "l"\nsearch = "ctrl+f"\nstar = 5\nno-such-key = "z"\n'
    )
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert app.config.keymap == {"list.open": "l", "search": "ctrl+f", "no-such-key": "z"}
        warnings = [n.message for n in app._notifications if n.severity == "warning"]
        assert len(warnings) == 1
        assert "star" in warnings[0] and "no-such-key" in warnings[0]
        assert "search" not in warnings[0].split("(")[0]
        await pilot.press("l")
        await settle(pilot)
        assert app.focused is app.query_one(ArticleView)  # l opened the article
        # the palette names the keys the keymap gives, as people write them
        helps = {action: help_text for _, help_text, action in app.reader.palette_actions()}
        assert helps["search_library"] == "Search (Ctrl+f)"
        assert helps["lengthen_summary"] == "Longer (+ =)"
        assert helps["clear_filters"] == "Show all (Esc)"
        assert helps["app.show_help"] == "Help (F1 ?)"


async def test_a_clean_keymap_gives_no_warning(library_path: Path, config_path: Path) -> None:
    save_config(ReaderConfig(keymap={"list.open": "l", "star": "x"}), config_path)
    assert load_config(config_path).keymap == {"list.open": "l", "star": "x"}
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert not [n for n in app._notifications if n.severity == "warning"]


def test_browser_setting_round_trip(tmp_path: Path) -> None:
    path = tmp_path / "c.toml"
    path.write_text('[reader]\nbrowser = "w3m -o confirm_qq=false %u"\n')
    assert load_config(path).browser == "w3m -o confirm_qq=false %u"
    save_config(load_config(path).with_changes(length=5), path)
    assert tomllib.loads(path.read_text())["reader"]["browser"] == "w3m -o confirm_qq=false %u"
    path.write_text('[reader]\nbrowser = 3\n')
    assert load_config(path).browser is None

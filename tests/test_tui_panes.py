"""Pilot tests of the reader: the three panes: startup, moving in the list, narrow and wide layouts, empty and broken libraries.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from textual.widget import Widget
from textual.widgets import OptionList

from summarize.library.store import ArticleQuery, Library
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.article_view import ArticleView
from tui.score_strip import ScoreStrip
from tui.summary_pane import SummaryPane
from tui.topic_chips import TopicChips
from tui_support import SIZE, app, config_path, rendered, settle, shown


async def test_opens_on_the_seeded_library_with_summary_and_topics(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = Library(library_path)
        expected_rows = library.list()
        articles = app.query_one(ArticleList)
        assert [r.id for r in articles.rows] == [r.id for r in expected_rows]
        assert len(expected_rows) >= 10
        first = expected_rows[0]
        assert shown(app).id == first.id
        assert app.focused is articles
        # the list draws titles, the text pane the title and the body
        assert first.title[:20] in rendered(articles)[0]
        view_lines = rendered(app.query_one(ArticleView))
        assert view_lines[0].strip().startswith(first.title[:20])
        # the Summary pane: numbered sentences of the configured length, as the core computes
        expected = library.summary(first.id, method="news", sentences=3)
        pane = app.query_one(SummaryPane)
        assert pane.border_title == "Summary"
        assert pane.sentence_texts == [s.text for s in expected.sentences]
        options = app.query_one("#sentences", OptionList)
        assert str(options.get_option_at_index(0).prompt).startswith("1. ")
        # Topics as chips, the score strip with every sentence
        chips = app.query_one(TopicChips)
        assert app.query_one("#topics-pane").border_title == "Topics"
        assert [t.label for t in chips.topics] == [t.label for t in library.topics(first.id)]
        assert chips.topics and chips.topics[0].label in chips.render().plain
        strip = app.query_one(ScoreStrip)
        assert strip.spans == expected.spans and len(strip.spans) == expected.input_sentences
        assert strip.summary_indices == set(expected.indices)
        # summary sentences are highlighted in the text
        assert app.query_one(ArticleView).show_summary


async def test_moving_in_the_list_shows_the_other_article_and_drops_stale_work(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.query_one(ArticleList).rows
        await pilot.press("down")
        await settle(pilot)
        assert shown(app).id == rows[1].id
        assert app.reader.summary is not None
        # fast scrolling: only the last article's results may land
        await pilot.press("down", "down", "down", "down", "j")
        await settle(pilot)
        assert shown(app).id == rows[6].id
        expected = Library(library_path).summary(rows[6].id, sentences=3)
        assert app.reader.summary is not None and app.reader.summary.indices == expected.indices
        assert app.query_one(SummaryPane).sentence_texts == [s.text for s in expected.sentences]
        # the loading indicators are gone once the last result landed
        assert not app.reader.summary_pane.loading and not app.reader.topics_pane.loading
        await pilot.press("k", "up")
        await settle(pilot)
        assert shown(app).id == rows[4].id
        await pilot.press("end")
        await settle(pilot)
        assert shown(app).id == rows[-1].id
        await pilot.press("home")
        await settle(pilot)
        assert shown(app).id == rows[0].id
        await pilot.press("pagedown")
        await settle(pilot)
        assert app.query_one(ArticleList).cursor > 5


async def test_clicking_a_row_selects_it_and_double_click_opens(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.query_one(ArticleList).rows
        await pilot.click("#articles", offset=(5, 3))
        await settle(pilot)
        assert shown(app).id == rows[3].id
        await pilot.double_click("#articles", offset=(5, 3))
        await settle(pilot)
        assert app.query_one(ArticleList).rows[3].read
        assert isinstance(app.focused, ArticleView)


async def test_narrow_terminal_stacks_the_list_above_the_text(
    app: NewsdeskApp, library_path: Path, config_path: Path
) -> None:
    async with app.run_test(size=(80, 24)) as pilot:
        await settle(pilot)
        assert app.screen.has_class("-narrow")
        list_pane = app.query_one("#list-pane")
        detail = app.query_one("#detail")
        assert list_pane.region.width == 80
        assert detail.region.y >= list_pane.region.bottom
        view = app.query_one(ArticleView)
        summary = app.query_one(SummaryPane)
        assert view.region.width >= 40 and summary.region.width >= 26
        assert view.region.right <= summary.region.x
        # no pane is clipped off the screen
        for widget in (list_pane, view, summary, app.query_one("#topics-pane")):
            assert widget.region.right <= 80 and widget.region.bottom <= 24
            assert widget.region.height >= 3
        # body lines are wrapped to the pane, never cut
        width = view.scrollable_content_region.width
        assert all(len(line.rstrip()) <= width for line in rendered(view))
    wide = make_app(library_path, config_path=config_path)
    async with wide.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        assert wide.screen.has_class("-wide")
        assert wide.query_one("#detail").region.y == wide.query_one("#list-pane").region.y


async def test_empty_library(library_path: Path, config_path: Path) -> None:
    Library(library_path, seed=False).close()
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert not articles.rows
        assert "No articles yet" in rendered(articles, 1)[0]
        assert app.reader.article is None
        # every article key is harmless with nothing selected
        await pilot.press("r", "s", "c", "o", "t", "plus", "minus", "H", "enter", "down", "u", "u")
        await settle(pilot)
        assert app.is_running
        assert not [n for n in app._notifications if n.severity == "error"]


async def test_a_broken_library_is_an_error_notification(tmp_path: Path, config_path: Path) -> None:
    path = tmp_path / "not-a-library.db"
    path.write_bytes(b"this is not sqlite at all" * 40)
    app = make_app(path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and "not a Newsdesk library" in errors[0].message
        assert "could not be opened" in rendered(app.query_one(ArticleList), 1)[0]
        assert path.read_bytes() == b"this is not sqlite at all" * 40


async def test_removed_article_is_an_error_not_a_crash(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        second = app.query_one(ArticleList).rows[1]
        Library(library_path).remove([second.id])
        await pilot.press("down")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and str(second.id) in errors[-1].message
        assert app.is_running


async def test_long_work_shows_progress_under_the_list(app: NewsdeskApp) -> None:
    from tui.messages import Progress

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        app.reader.post_message(Progress("Fetching feeds", 1, 3))
        await pilot.pause()
        assert str(app.reader.list_pane.border_subtitle) == "Fetching feeds 1/3…"
        app.reader.post_message(Progress("Fetching feeds", 3, 3))
        await pilot.pause()
        # the progress goes; the cursor's place in the list (`1/14`) is back
        rows = app.reader.article_list.rows
        assert str(app.reader.list_pane.border_subtitle) == f"1/{len(rows)}"


# -- going back, one pane at a time, list columns --------------------------------------------


async def test_q_in_the_article_goes_back_to_the_list_and_quits_only_from_the_list(
    app: NewsdeskApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        view = app.query_one(ArticleView)
        for back in ("q", "escape", "h", "left"):
            await pilot.press("enter")
            await settle(pilot)
            assert app.focused is view
            await pilot.press(back)
            await pilot.pause()
            assert app.is_running, back
            assert app.focused is articles, back
        # from the summary sentences too, q goes back to the list
        await pilot.press("3", "q")
        await pilot.pause()
        assert app.is_running and app.focused is articles
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


@pytest.mark.parametrize("size", [(60, 20), (40, 12)])
async def test_small_terminals_show_one_pane_at_a_time(
    library_path: Path, config_path: Path, size: tuple[int, int]
) -> None:
    app = make_app(library_path, config_path=config_path)
    width, height = size
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        screen = app.screen
        assert screen.has_class("-single")
        list_pane = app.query_one("#list-pane")
        reader_pane = app.query_one("#reader-pane")
        side = app.query_one("#side")

        def only(pane: Widget) -> None:
            for other in (list_pane, reader_pane, side):
                displayed = all(
                    n.display for n in other.ancestors_with_self if isinstance(n, Widget)
                )
                assert displayed is (other is pane), other
                if other is pane:
                    assert other.region.width == width and other.region.height >= height - 2
            assert app.focused is not None and pane in app.focused.ancestors_with_self

        only(list_pane)
        first = app.query_one(ArticleList).rows[0]
        assert first.title[:10] in rendered(app.query_one(ArticleList), 1)[0]
        await pilot.press("enter")
        await settle(pilot)
        only(reader_pane)
        view = app.query_one(ArticleView)
        assert view.scrollable_content_region.width >= width - 6
        assert first.title.split()[0] in rendered(view)[0]
        await pilot.press("3")
        await pilot.pause()
        only(side)
        assert app.query_one(SummaryPane).region.width == width
        await pilot.press("q")  # the summary goes back to the article, the article to the list
        await pilot.pause()
        only(reader_pane)
        await pilot.press("q")
        await pilot.pause()
        only(list_pane)
        assert app.is_running


async def test_list_columns_line_up_and_use_the_width(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        rows = articles.rows
        lines = rendered(articles, len(rows))
        width = articles.scrollable_content_region.width
        title_w, source_w, date_w = articles.column_widths(width)
        # at 160 columns the source shows, and every row puts it and the date at the same place
        assert source_w > 0 and date_w == 10 and title_w >= 24
        source_x = 3 + title_w + 1
        date_x = source_x + source_w + 1
        for row, line in zip(rows, lines, strict=True):
            assert line[date_x:date_x + 10] == (row.published or row.added)[:10]
            assert line[source_x:source_x + source_w].rstrip().rstrip("…") in row.source
            assert line[source_x - 1] == " " and line[date_x - 1] == " "
    again = make_app(library_path, config_path=app.config_path)
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        articles = again.query_one(ArticleList)
        title_w, _, _ = articles.column_widths(articles.scrollable_content_region.width)
        assert title_w >= 28  # was 25: the pane is wider and the marks no longer take a column each


async def test_a_starred_unread_article_shows_both_marks(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert not articles.rows[0].read
        await pilot.press("s")
        await settle(pilot)
        assert rendered(articles, 1)[0].startswith("●★ ")
        await pilot.press("r")
        await settle(pilot)
        assert rendered(articles, 1)[0].startswith(" ★ ")
        await pilot.press("s")
        await settle(pilot)
        assert rendered(articles, 1)[0].startswith("   ")


async def test_the_unread_count_follows_reading(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        unread = len(Library(library_path).list(ArticleQuery(unread=True)))
        await pilot.press("u")
        await settle(pilot)
        title = app.query_one("#list-pane").border_title
        assert str(title) == f"Unread · {unread}"
        await pilot.press("enter")  # opening marks read: the row stays, the count drops
        await settle(pilot)
        await pilot.press("q", "down", "enter")
        await settle(pilot)
        assert str(app.query_one("#list-pane").border_title) == f"Unread · {unread - 2}"
        assert len(Library(library_path).list(ArticleQuery(unread=True))) == unread - 2
        await pilot.press("q", "r")  # marked unread again
        await settle(pilot)
        assert str(app.query_one("#list-pane").border_title) == f"Unread · {unread - 1}"

"""Pilot tests of the reader: every binding and flow, against a real library in a temporary folder.

Each test drives the app with keys or clicks, waits for its workers (never a blind sleep), and
checks widget state against what the core computes independently on the same library file.
"""

from __future__ import annotations

import http.server
import threading
import tomllib
import webbrowser
from collections.abc import Iterator
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import Input, OptionList

from summarize.ingest.articles import Article
from summarize.library.store import Library
from tui.app import NewsdeskApp, make_app
from tui.article_list import ArticleList
from tui.article_view import ArticleView, wrap_offsets
from tui.config import ReaderConfig, load_config, save_config
from tui.help_screen import HelpScreen, binding_rows
from tui.reader_screen import ReaderScreen
from tui.score_strip import BARS, ScoreStrip
from tui.summary_pane import SummaryPane
from tui.topic_chips import TopicChips
from tui_support import settle

SIZE = (120, 36)


@pytest.fixture
def config_path(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    path = tmp_path / "config" / "config.toml"
    monkeypatch.setenv("NEWSDESK_CONFIG", str(path))
    return path


@pytest.fixture
def app(library_path: Path, config_path: Path) -> NewsdeskApp:
    return make_app(library_path, config_path=config_path)


def rendered(widget: ArticleList | ArticleView | TopicChips, lines: int | None = None) -> list[str]:
    """The text of the widget's visible lines, as drawn."""
    if isinstance(widget, TopicChips):
        return widget.render().plain.splitlines()
    height = lines or widget.scrollable_content_region.height
    return [widget.render_line(y).text for y in range(height)]


def shown(app: NewsdeskApp) -> Article:
    assert app.reader.article is not None
    return app.reader.article


# -- startup and the three panes -------------------------------------------------------------


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
        assert len(strip.sentences) == expected.input_sentences
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


# -- the summary linked to the text ------------------------------------------------------------


async def test_choosing_a_summary_sentence_scrolls_the_text_to_it(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        # the longest sample, so the last summary sentence is far down
        rows = app.query_one(ArticleList).rows
        ferry = next(i for i, r in enumerate(rows) if "ferry" in r.title.lower())
        app.query_one(ArticleList).cursor = ferry
        await settle(pilot)
        await pilot.press("plus", "plus", "plus", "plus", "plus")
        await settle(pilot)
        summary = app.reader.summary
        assert summary is not None and len(summary.sentences) == 8
        view = app.query_one(ArticleView)
        assert view.scroll_y == 0
        await pilot.press("3")  # focus the summary sentences
        assert app.focused is app.query_one("#sentences")
        await pilot.press("end", "enter")
        await pilot.pause()
        last = summary.sentences[-1]
        assert view.focus_span == (last.start, last.end)
        assert app.reader.score_strip.marker == last.index
        assert view.scroll_y == min(view.max_scroll_y, view.line_of(last.start) - 1) > 0
        # the focused sentence is drawn on screen
        top = int(view.scroll_y)
        visible = " ".join(rendered(view))
        assert last.text.split()[0] in visible
        assert top <= view.line_of(last.start) < top + view.scrollable_content_region.height
        await pilot.press("home")
        await pilot.pause()
        first = summary.sentences[0]
        assert view.focus_span == (first.start, first.end)


async def test_highlight_toggle(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        summary = app.reader.summary
        assert summary is not None
        line = view.line_of(summary.sentences[0].start) - int(view.scroll_y)
        highlighted = view.render_line(line)
        assert any(seg.style and seg.style.bgcolor for seg in highlighted)
        await pilot.press("H")
        assert not view.show_summary
        plain = view.render_line(line)
        assert len({seg.style for seg in plain}) < len({seg.style for seg in highlighted})
        await pilot.press("H")
        assert view.show_summary


async def test_score_strip_click_and_keys_jump_to_the_sentence(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        strip = app.query_one(ScoreStrip)
        view = app.query_one(ArticleView)
        assert strip.sentences and app.reader.summary is not None
        width = strip.content_region.width
        x = width - 1
        await pilot.click("#strip", offset=(x, 0))
        await pilot.pause()
        index = strip.marker
        assert index in strip.column_sentences(width)[x]
        sentence = strip.sentences[index]
        assert view.focus_span == (sentence.start, sentence.end)
        assert view.scroll_y > 0
        # one bar per column; the columns holding a summary sentence get the summary style
        drawn = strip.render()
        assert len(drawn.plain) == width and set(drawn.plain) <= set(BARS)
        marked = strip.get_component_rich_style("score-strip--summary")
        columns = strip.column_sentences(width)
        for x, group in enumerate(columns):
            style = drawn.get_style_at_offset(app.console, x)
            has_summary = any(i in strip.summary_indices for i in group)
            assert (style.color == marked.color) is has_summary
        await pilot.press("5", "left")
        await pilot.pause()
        assert strip.marker == index - 1
        before = strip.sentences[index - 1]
        assert view.focus_span == (before.start, before.end)


async def test_topic_chips_highlight_occurrences_and_filter_the_list(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chips = app.query_one(TopicChips)
        view = app.query_one(ArticleView)
        topic = chips.topics[0]
        await pilot.press("4")
        assert app.focused is chips
        await pilot.press("enter")
        await pilot.pause()
        assert chips.selected is topic
        assert list(view.topic_spans) == sorted(topic.spans)
        body = shown(app).body
        forms = {" ".join(f.split()).casefold() for f in (topic.label, *topic.variants)}
        assert topic.spans and all(" ".join(body[s:e].split()).casefold() in forms
                                   for s, e in topic.spans)
        await pilot.press("enter")  # again: unselect
        await pilot.pause()
        assert chips.selected is None and not view.topic_spans
        await pilot.press("right", "enter")
        await pilot.pause()
        assert chips.selected is chips.topics[1]
        current = shown(app).id
        await pilot.press("f")
        await settle(pilot)
        label = chips.topics[1].label
        related = Library(library_path).topic_articles(label)
        rows = app.query_one(ArticleList).rows
        assert [r.id for r in rows] == [r.id for r in related]
        assert current in [r.id for r in rows]
        assert "Topic" in str(app.query_one("#list-pane").border_title)
        await pilot.press("escape")
        await settle(pilot)
        assert len(app.query_one(ArticleList).rows) == Library(library_path).count()
        # `t` does the same from anywhere, with the selected (or first) chip
        await pilot.press("1", "t")
        await settle(pilot)
        assert len(app.query_one(ArticleList).rows) < Library(library_path).count()


async def test_clicking_a_chip_highlights_it(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        chips = app.query_one(TopicChips)
        await pilot.click("#topics", offset=(1, 0))
        await pilot.pause()
        assert chips.selected is chips.topics[0]
        assert list(app.query_one(ArticleView).topic_spans) == sorted(chips.topics[0].spans)


# -- method and length, remembered ---------------------------------------------------------------


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


# -- search, filters, marks ----------------------------------------------------------------------


async def test_search_lists_matches_and_escape_shows_all(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        total = len(app.query_one(ArticleList).rows)
        await pilot.press("slash")
        search = app.query_one("#search", Input)
        assert search.has_focus and search.display
        await pilot.press(*"lithium")
        await settle(pilot)
        rows = app.query_one(ArticleList).rows
        expected = [h.row.id for h in Library(library_path).search("lithium", limit=200)]
        assert [r.id for r in rows] == expected
        assert 0 < len(rows) < total
        assert "lithium" in str(app.query_one("#list-pane").border_title)
        await pilot.press("enter")
        assert app.focused is app.query_one(ArticleList)
        await settle(pilot)
        assert shown(app).id == rows[0].id
        await pilot.press("slash", "escape")
        await settle(pilot)
        assert len(app.query_one(ArticleList).rows) == total
        assert not search.has_class("-visible") and not search.display
        # a search with no match says so
        await pilot.press("slash", *"zzqxj")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert not articles.rows
        assert "No articles match" in rendered(articles, 1)[0]
        assert shown(app).id == rows[0].id  # the article read stays until another is chosen


async def test_marks_are_saved_at_once_and_filters_follow_them(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        first = articles.rows[0]
        assert not first.read and not first.starred
        await pilot.press("r")
        await settle(pilot)
        assert Library(library_path).row(first.id).read
        assert articles.rows[0].read
        await pilot.press("s")
        await settle(pilot)
        assert Library(library_path).row(first.id).starred
        assert "★" in rendered(articles, 1)[0]
        await pilot.press("u")
        await settle(pilot)
        assert first.id not in [r.id for r in articles.rows]
        assert all(not r.read for r in articles.rows)
        assert "Unread" in str(app.query_one("#list-pane").border_title)
        await pilot.press("u", "S")
        await settle(pilot)
        assert [r.id for r in articles.rows] == [first.id]
        await pilot.press("r", "s")
        await settle(pilot)
        row = Library(library_path).row(first.id)
        assert not row.read and not row.starred
        await pilot.press("escape")
        await settle(pilot)
        assert len(articles.rows) == Library(library_path).count()


async def test_enter_opens_marks_read_and_focuses_the_text(app: NewsdeskApp, library_path: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        row = app.query_one(ArticleList).rows[2]
        await pilot.press("down", "down", "enter")
        await settle(pilot)
        assert Library(library_path).row(row.id).read
        view = app.query_one(ArticleView)
        assert app.focused is view
        await pilot.press("pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("2")
        assert app.focused is view


# -- clipboard, browser, add, feeds --------------------------------------------------------------


async def test_copy_summary(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("c")
        assert app.reader.summary is not None
        assert app.clipboard == app.reader.summary.text
        assert any("Copied the summary" in n.message for n in app._notifications)


@pytest.fixture
def browser_log(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """A real browser command (a script writing its argument to a file) chosen via $BROWSER."""
    log = tmp_path / "opened.txt"
    script = tmp_path / "browser.sh"
    script.write_text(f'#!/bin/sh\nprintf "%s" "$1" > "{log}"\n')
    script.chmod(0o755)
    monkeypatch.setenv("BROWSER", str(script))
    monkeypatch.setattr(webbrowser, "_tryorder", None)  # re-read $BROWSER
    monkeypatch.setattr(webbrowser, "_browsers", {})
    yield log


async def test_open_url_runs_the_browser(app: NewsdeskApp, browser_log: Path) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        url = shown(app).url
        assert url
        await pilot.press("o")
        await settle(pilot)
        for _ in range(100):
            if browser_log.exists() and browser_log.read_text():
                break
            await pilot.pause(0.05)
        assert browser_log.read_text() == url


@pytest.fixture
def web_server(tmp_path: Path) -> Iterator[str]:
    """A real HTTP server on 127.0.0.1 serving files from a temporary folder."""
    root = tmp_path / "www"
    root.mkdir()

    class Handler(http.server.SimpleHTTPRequestHandler):
        def __init__(self, *args: object, **kwargs: object) -> None:
            super().__init__(*args, directory=str(root), **kwargs)  # type: ignore[arg-type]

        def log_message(self, format: str, *args: object) -> None:
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}"
    finally:
        server.shutdown()
        server.server_close()


STORY = (
    "The harbour board of Wexmouth approved a new sea wall on Tuesday. The wall will cost "
    "twelve million pounds and protect four hundred homes. Engineers said work starts in spring. "
    "Residents welcomed the decision after three winters of flooding. The board will publish the "
    "plans next week. Fishermen asked for a gap in the wall for their boats."
)


async def test_add_article_from_a_file(app: NewsdeskApp, tmp_path: Path, library_path: Path) -> None:
    path = tmp_path / "wexmouth-sea-wall.txt"
    path.write_text(STORY)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = Library(library_path).count()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        assert Library(library_path).count() == before + 1
        assert shown(app).body == STORY
        assert app.query_one(ArticleList).current.title == "wexmouth sea wall"
        # the same text again is not stored twice
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        assert Library(library_path).count() == before + 1
        assert any("Already in the library" in n.message for n in app._notifications)


async def test_add_article_from_a_url(app: NewsdeskApp, web_server: str, tmp_path: Path) -> None:
    (tmp_path / "www" / "story.html").write_text(
        "<html><head><title>Sea wall for Wexmouth</title></head><body><article><h1>Sea wall for"
        f" Wexmouth</h1><p>{STORY}</p><p>{STORY.replace('Wexmouth', 'Porthaven')}</p>"
        "</article></body></html>"
    )
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*f"{web_server}/story.html", "enter")
        await settle(pilot)
        article = shown(app)
        assert "Wexmouth" in article.title
        assert "sea wall" in article.body
        assert article.source == "127.0.0.1"


async def test_add_article_errors_are_notifications_and_cancel_adds_nothing(
    app: NewsdeskApp, tmp_path: Path, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = Library(library_path).count()
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(tmp_path / "missing.txt"), "enter")
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert errors and "missing.txt" in errors[-1].message and "no such file" in errors[-1].message
        await pilot.press("a")
        await pilot.pause()
        await pilot.press("x", "escape")
        await settle(pilot)
        assert Library(library_path).count() == before
        assert not isinstance(app.screen, HelpScreen)


async def test_fetch_feeds_without_feeds_says_so(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert any("No feeds" in n.message for n in app._notifications)


RSS = """<?xml version="1.0"?>
<rss version="2.0"><channel><title>Wexmouth Gazette</title><link>{base}</link>
<description>Local news</description>
<item><title>Sea wall approved</title><link>{base}/1</link><guid>wx-1</guid>
<description>{story}</description></item>
<item><title>Ferry timetable changes</title><link>{base}/2</link><guid>wx-2</guid>
<description>{story2}</description></item>
</channel></rss>"""


async def test_fetch_feeds_adds_new_articles(
    app: NewsdeskApp, web_server: str, tmp_path: Path, library_path: Path
) -> None:
    pytest.importorskip("summarize.ingest.feeds")
    story2 = STORY.replace("sea wall", "ferry timetable").replace("Wexmouth", "Porthaven")
    (tmp_path / "www" / "feed.xml").write_text(RSS.format(base=web_server, story=STORY, story2=story2))
    with Library(library_path) as library:
        library.add_feed(f"{web_server}/feed.xml", name="Wexmouth Gazette")
        before = library.count()
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("F")
        await settle(pilot)
        assert Library(library_path).count() == before + 2
        titles = [r.title for r in app.query_one(ArticleList).rows]
        assert "Sea wall approved" in titles
        assert any("Fetched 1 feed" in n.message for n in app._notifications)


# -- help, palette -------------------------------------------------------------------------------


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


# -- piped text, untrusted text, sizes, empty and broken libraries --------------------------------


async def test_piped_text_is_kept_once_and_shown(library_path: Path, config_path: Path) -> None:
    text = "Wexmouth gets a sea wall\n\n" + STORY
    app = make_app(library_path, piped_text=text, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = shown(app)
        assert article.source == "stdin"
        assert article.title == "Wexmouth gets a sea wall"
        assert app.query_one(ArticleList).current.id == article.id
        assert app.reader.summary is not None and app.reader.summary.sentences
        count = Library(library_path).count()
    again = make_app(library_path, piped_text=text, config_path=config_path)
    async with again.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(again).id == article.id
        assert Library(library_path).count() == count


HOSTILE_TITLE = "[bold red]x[/] \x1b[2Jcleared"
HOSTILE_BODY = (
    "Click [link=https://evil.example]here[/link] for [b]more[/b]. "
    "The council met on Monday to discuss the budget. It agreed to raise the tax. "
    "Residents will pay more from April. \x1b]52;c;ZXZpbA==\x07The mayor defended the plan."
)


async def test_untrusted_text_is_drawn_as_text_never_markup(
    library_path: Path, config_path: Path
) -> None:
    with Library(library_path) as library:
        added = library.add(Article(title=HOSTILE_TITLE, body=HOSTILE_BODY, source="[i]src[/i]",
                                    published="2099-01-01"))
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        assert shown(app).id == added.id
        row_text = rendered(app.query_one(ArticleList), 1)[0]
        assert "[bold red]x[/]" in row_text
        assert "\x1b" not in row_text
        view = " ".join(rendered(app.query_one(ArticleView)))
        assert "[bold red]x[/]" in view
        assert "[link=https://evil.example]here[/link]" in view
        assert "\x1b" not in view and "\x07" not in view
        # every sentence in the summary: the one with markup in it is listed as typed
        await pilot.press("plus", "plus", "plus")
        await settle(pilot)
        options = app.query_one("#sentences", OptionList)
        prompts = [str(options.get_option_at_index(i).prompt) for i in range(options.option_count)]
        assert len(prompts) == 5
        assert prompts[0] == "1. Click [link=https://evil.example]here[/link] for [b]more[/b]."
        assert not any("\x1b" in p or "\x07" in p for p in prompts)
        # and drawn as typed: the rendered option lines hold the brackets
        drawn = " ".join(strip.text for strip in options.render_lines(options.region.reset_offset))
        assert "[link=" in drawn and "[b]more[/b]" in drawn


async def test_titles_in_notifications_are_not_markup(
    app: NewsdeskApp, tmp_path: Path, library_path: Path
) -> None:
    path = tmp_path / "story.md"
    path.write_text(f"# {HOSTILE_TITLE}\n\n{STORY}\n")
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("a")
        await pilot.pause()
        await pilot.press(*str(path), "enter")
        await settle(pilot)
        added = [n for n in app._notifications if n.message.startswith("Added")]
        assert added and "[bold red]x[/]" in added[-1].message
        assert "\x1b" not in added[-1].message
        assert all(not n.markup for n in app._notifications)


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


# -- pure helpers ---------------------------------------------------------------------------------


@settings(max_examples=200, deadline=None)
@given(
    text=st.text(alphabet=st.sampled_from("ab cdé 漢字\n-"), max_size=300),
    width=st.integers(min_value=1, max_value=40),
)
def test_wrap_offsets_properties(text: str, width: int) -> None:
    """Lines fit the width (a wide character alone may not), come in order, and together hold
    every visible character once."""
    from rich.cells import cell_len

    lines = wrap_offsets(text, width)
    assert all(cell_len(text[s:e]) <= width or e - s == 1 for s, e in lines)
    assert all(a[1] <= b[0] for a, b in zip(lines, lines[1:], strict=False))
    visible = [i for i, ch in enumerate(text) if not ch.isspace()]
    covered = [i for s, e in lines for i in range(s, e) if not text[i].isspace()]
    assert covered == visible


def test_wrap_offsets_cover_the_text_in_order() -> None:
    text = "One two three four five six seven.\n\nA " + "verylongword" * 5 + " end."
    lines = wrap_offsets(text, 10)
    assert all(len(text[s:e]) <= 10 for s, e in lines)
    assert [s for s, _ in lines] == sorted(s for s, _ in lines)
    words = "".join(text[s:e] for s, e in lines).split()
    assert "".join(words) == "".join(text.split())


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


async def test_unusable_piped_text_is_reported_and_the_library_still_opens(
    library_path: Path, config_path: Path
) -> None:
    app = make_app(library_path, piped_text="<html><body><script>x()</script></body></html>",
                   config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        errors = [n for n in app._notifications if n.severity == "error"]
        assert len(errors) == 1 and errors[0].message.startswith("stdin: ")
        assert len(app.reader.article_list.rows) == Library(library_path).count() > 0
        assert not any(r.source == "stdin" for r in app.reader.article_list.rows)


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
        assert rows["Quit the reader"] == "Ctrl+q"
    assert load_config(config_path).keymap == {"star": "x", "quit": "ctrl+q"}


async def test_theme_key_opens_the_theme_picker(app: NewsdeskApp) -> None:
    from textual.command import CommandPalette

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("T")
        await pilot.pause()
        assert isinstance(app.screen, CommandPalette)


async def test_clicking_a_summary_sentence_scrolls_the_text(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        rows = app.reader.article_list.rows
        app.reader.article_list.cursor = next(i for i, r in enumerate(rows) if "ferry" in r.title.lower())
        await settle(pilot)
        await pilot.press("plus", "plus", "plus")
        await settle(pilot)
        summary = app.reader.summary
        assert summary is not None
        options = app.query_one("#sentences", OptionList)
        # the screen line where the second sentence starts (OptionList maps lines to options)
        y = next(i for i, (option, offset) in enumerate(options._lines) if option == 1 and offset == 0)
        await pilot.click("#sentences", offset=(3, y))
        await pilot.pause()
        chosen = summary.sentences[1]
        assert options.highlighted == 1
        assert app.reader.article_view.focus_span == (chosen.start, chosen.end)
        assert app.reader.article_view.scroll_y == min(app.reader.article_view.max_scroll_y,
                                                app.reader.article_view.line_of(chosen.start) - 1)


async def test_q_quits_and_equals_is_plus(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("equals_sign")
        await settle(pilot)
        assert len(app.reader.summary_pane.sentence_texts) == 4
        await pilot.press("q")
        await pilot.pause()
        assert not app.is_running


async def test_changing_the_length_keeps_the_readers_place_and_topic(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        reader = app.reader
        await pilot.press("4", "right", "enter", "2", "pagedown", "pagedown")
        await pilot.pause()
        view = reader.article_view
        place = view.scroll_y
        chosen = reader.topic_chips.selected
        assert place > 0 and chosen is not None
        await pilot.press("plus")
        await settle(pilot)
        assert len(reader.summary_pane.sentence_texts) == 4
        assert view.scroll_y == place
        assert reader.topic_chips.selected is chosen
        assert list(view.topic_spans) == sorted(chosen.spans)
        # the score strip follows the new summary
        assert reader.score_strip.summary_indices == set(reader.summary.indices)  # type: ignore[union-attr]


async def test_piped_html_is_reduced_to_its_text(library_path: Path, config_path: Path) -> None:
    html = (
        "<html><head><title>Sea wall for Wexmouth</title></head><body><nav>Home | News</nav>"
        f"<article><h1>Sea wall for Wexmouth</h1><p>{STORY}</p></article></body></html>"
    )
    app = make_app(library_path, piped_text=html, config_path=config_path)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        article = shown(app)
        assert article.source == "stdin"
        assert "Wexmouth" in article.title
        assert "<p>" not in article.body and "sea wall" in article.body


async def test_highlighted_summary_sentence_shows_why_it_was_chosen(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        pane = app.query_one(SummaryPane)
        assert pane.summary is not None and pane.summary.method == "news"
        await pilot.press("3", "down")
        await settle(pilot)
        index = app.query_one("#sentences", OptionList).highlighted
        assert index is not None
        chosen = pane.summary.sentences[index]
        why = str(pane.why_label.render())
        assert why.startswith(f"#{index + 1} score {chosen.score:.2f}")
        # every named part of the news score is shown with its value
        assert {"coverage", "position"} <= set(chosen.parts)
        for name, value in chosen.parts.items():
            assert f"{name} {value:+.2f}" in why

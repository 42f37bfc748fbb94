"""Pilot tests of search in the reader: as-you-type prefixes, the true count, paging, highlights.

Against a real library file; expected hits come from the core's own `Library.search` on the same
file, never from the widget under test.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
from rich.segment import Segment

from summarize.ingest.articles import Article
from summarize.library.store import Library
from tui.app import NewsdeskApp
from tui.article_list import ArticleList
from tui_fixtures import app, config_path  # noqa: F401
from tui_support import settle

SIZE = (120, 36)




def _matched_words(articles: ArticleList, y: int) -> list[str]:
    """The words drawn with the list's match style on line `y`."""
    match = articles.get_component_rich_style("article-list--match")
    strip = articles.render_line(y)
    return [s.text for s in strip if isinstance(s, Segment) and s.style and match.underline
            and s.style.underline and s.style.bold]


async def test_typing_a_prefix_lists_matches_and_keeps_the_article(
    app: NewsdeskApp, library_path: Path
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        before = app.reader.article
        assert before is not None
        await pilot.press("slash", *"fer")
        await settle(pilot)
        library = Library(library_path)
        expected = [h.row.id for h in library.search("fer", prefix=True, limit=200)]
        articles = app.query_one(ArticleList)
        assert expected, "the samples mention ferries"
        assert [r.id for r in articles.rows] == expected
        title = str(app.reader.list_pane.border_title)
        assert f"“fer” · {library.search_count('fer', prefix=True)}" in title
        # the article being read stays on screen while typing
        assert app.reader.article is not None and app.reader.article.id == before.id
        # matched words are marked in the titles
        words = [w for y in range(len(expected)) for w in _matched_words(articles, y)]
        assert words and all(w.lower().startswith("fer") for w in words)
        # moving to a hit shows it, with the matched words marked in its text
        await pilot.press("enter", "down", "up")
        await settle(pilot)
        shown = app.reader.article
        assert shown is not None and shown.id == expected[0]
        spans = app.reader.article_view.match_spans
        assert spans and all(shown.body[s:e].lower().startswith("fer") for s, e in spans)
        # no match keeps the article too; leaving the search drops the marks
        await pilot.press("slash", *"qqzx")
        await settle(pilot)
        assert not articles.rows and app.reader.article is not None
        await pilot.press("escape")
        await settle(pilot)
        assert app.reader.article_view.match_spans == []
        assert articles.highlight_query == ""


async def test_a_long_search_shows_the_true_count_and_pages_on(
    app: NewsdeskApp, library_path: Path
) -> None:
    with Library(library_path) as library:
        library.add_many(
            Article(title=f"Harbour note {i}", body=f"The ferry timetable changes on day {i}.",
                    source="port", published=f"2023-01-{1 + i % 28:02d}")
            for i in range(260)
        )
        total = library.search_count("ferry", prefix=True)
    assert total > 260
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"ferry", "enter")
        await settle(pilot)
        articles = app.query_one(ArticleList)
        assert len(articles.rows) == 200
        assert f"· {total}" in str(app.reader.list_pane.border_title)
        assert str(app.reader.list_pane.border_subtitle) == f"1/{total}"
        await pilot.press("G")  # the end of what is loaded: the rest follows
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        with Library(library_path) as library:
            expected = [h.row.id for h in library.search("ferry", prefix=True, limit=total)]
        assert [r.id for r in articles.rows] == expected
        assert str(app.reader.list_pane.border_subtitle) == f"{total}/{total}"


async def test_topic_filter_computes_no_topics_and_finds_the_phrase_in_text(
    app: NewsdeskApp, library_path: Path
) -> None:
    """Bug 7: the first topic filter used to compute topics for every article in the library."""
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        library = Library(library_path)

        def stored() -> int:
            with library._lock:
                return int(library._conn.execute("SELECT count(*) FROM topics").fetchone()[0])

        before = stored()
        assert before < library.count()  # only the articles shown so far have topics
        await pilot.press("4", "f")
        await settle(pilot)
        assert stored() == before
        label = app.reader.topic_label
        assert label is not None
        rows = app.query_one(ArticleList).rows
        assert [r.id for r in rows] == [r.id for r in library.topic_articles(label)]
        phrase = label.casefold()
        with_phrase = [r.id for r in library.list()
                       if phrase in " ".join(library.get(r.id).body.casefold().split())]
        assert set(with_phrase) <= {r.id for r in rows}


async def test_typing_asks_for_no_layout_pass_and_a_long_query_still_scrolls(
    app: NewsdeskApp, monkeypatch: pytest.MonkeyPatch
) -> None:
    """A key typed into the search asks for no full-screen layout pass (a plain `Input` asks
    for one whenever its value changes its virtual size), and the box still scrolls to keep the
    cursor in sight."""
    import traceback

    from textual.widget import Widget

    from tui.search_box import SearchBox

    layouts: list[str] = []
    refresh = Widget.refresh

    def recording(self: Widget, *regions: Any, **kwargs: Any) -> Any:
        if kwargs.get("layout") and isinstance(self, SearchBox):
            stack = "".join(traceback.format_stack(limit=8))
            if "_watch_value" in stack:  # asked for because the value changed
                layouts.append(stack)
        return refresh(self, *regions, **kwargs)

    monkeypatch.setattr(Widget, "refresh", recording)
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        await pilot.press("slash")
        await pilot.pause()
        box = app.reader.search_input
        assert isinstance(box, SearchBox)
        layouts.clear()  # showing the box lays the screen out once; typing must not
        query = "harbour " * 12  # wider than the box
        await pilot.press(*["space" if c == " " else c for c in query.strip()])
        await settle(pilot)
        assert box.value == query.strip()
        assert box.virtual_size.width == box.content_width > box.scrollable_content_region.width
        assert box.scroll_x > 0  # scrolled to keep the cursor in sight
        assert not layouts, layouts[0]

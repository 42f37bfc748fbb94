"""Pilot tests of the reader: the summary linked to the text: sentences, the score strip, topic chips and their highlights.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

from pathlib import Path

from textual.color import Color
from textual.widgets import OptionList

from summarize.ingest.articles import Article

from summarize.library.store import Library
from tui.app import NewsdeskApp
from tui.article_list import ArticleList
from tui.article_view import ArticleView
from tui.score_strip import BARS, ScoreStrip
from tui.summary_pane import SummaryPane
from tui.topic_chips import TopicChips
from tui_support import SIZE, app, config_path, rendered, settle, shown


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
        assert strip.spans and app.reader.summary is not None
        width = strip.content_region.width
        x = width - 1
        await pilot.click("#strip", offset=(x, 0))
        await pilot.pause()
        index = strip.marker
        assert index in strip.column_sentences(width)[x]
        assert view.focus_span == strip.spans[index]
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
        assert view.focus_span == strip.spans[index - 1]


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
        view = app.reader.article_view
        assert view.focus_span == (chosen.start, chosen.end)
        # a sentence on the first page shows the page from the top (the title stays), any
        # other one with a line of context above it
        line = view.line_of(chosen.start)
        first_page = line < view.scrollable_content_region.height - 1
        assert view.scroll_y == (0 if first_page else min(view.max_scroll_y, line - 1))


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
        # every named part of the news score that matters is shown with its value; parts that
        # print as +0.00 are left out
        assert {"coverage", "position"} <= set(chosen.parts)
        for name, value in chosen.parts.items():
            assert (f"{name} {value:+.2f}" in why) is (abs(value) >= 0.005)
        assert any(abs(v) < 0.005 for v in chosen.parts.values())
        assert "+0.00" not in why and "-0.00" not in why
        # the line wraps in the pane rather than being cut off
        label = pane.why_label
        drawn = " ".join(
            strip.text.strip() for strip in label.render_lines(label.region.reset_offset)
        )
        assert drawn.split() == why.split()


async def test_j_and_k_move_in_the_summary(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        summary = app.reader.summary
        assert summary is not None and len(summary.sentences) == 3
        options = app.query_one("#sentences", OptionList)
        await pilot.press("3")
        assert app.focused is options
        await pilot.press("home", "j", "j")
        await pilot.pause()
        assert options.highlighted == 2
        second_last = summary.sentences[2]
        assert app.reader.article_view.focus_span == (second_last.start, second_last.end)
        await pilot.press("k")
        await pilot.pause()
        assert options.highlighted == 1


async def test_method_picker_gives_the_focus_back_and_fits_the_names(app: NewsdeskApp) -> None:
    from textual.widgets._select import SelectOverlay

    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        articles = app.query_one(ArticleList)
        await pilot.press("m")
        await pilot.pause()
        overlay = app.query_one(SelectOverlay)
        # one line per method name at 120 columns: none is wrapped (`lexra` / `nk`)
        assert overlay.option_count == len(app.reader.methods)
        assert len(overlay._lines) == overlay.option_count
        await pilot.press("down", "enter")
        await settle(pilot)
        assert app.reader.summary is not None and app.reader.summary.method != "news"
        assert app.focused is articles
        await pilot.press("j")
        await settle(pilot)
        assert articles.cursor == 1
        # Escape closes the picker and gives the focus back too
        await pilot.press("2", "m")
        await pilot.pause()
        await pilot.press("escape")
        await pilot.pause()
        assert app.focused is app.query_one(ArticleView)


async def test_choosing_a_sentence_on_the_first_page_keeps_the_title_on_screen(
    app: NewsdeskApp,
) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        summary = app.reader.summary
        assert summary is not None and summary.sentences[0].start < 200
        await pilot.press("2", "pagedown", "pagedown")
        await pilot.pause()
        assert view.scroll_y > 0
        await pilot.press("3", "home", "enter")
        await pilot.pause()
        first = summary.sentences[0]
        assert view.focus_span == (first.start, first.end)
        assert view.scroll_y == 0
        assert rendered(view)[0].strip() == shown(app).title[: len(rendered(view)[0].strip())]


async def test_focused_sentence_and_topic_highlights_look_different(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        focus = view.get_component_rich_style("article-view--focus").bgcolor
        topic = view.get_component_rich_style("article-view--topic").bgcolor
        assert focus is not None and topic is not None
        hues = []
        for colour in (focus, topic):
            r, g, b = colour.get_truecolor()
            hues.append(Color(r, g, b).hsl.h * 360)
        distance = abs(hues[0] - hues[1])
        assert min(distance, 360 - distance) > 60  # not two shades of the same amber


async def test_highlights_end_at_the_last_character(app: NewsdeskApp) -> None:
    async with app.run_test(size=SIZE) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        body = "Alpha beta gamma.   Delta epsilon."
        view.set_article(Article(title="T", body=body))
        view.set_summary_spans([(0, 20)])  # the sentence and the spaces after it
        await pilot.pause()
        summary_bg = view.get_component_rich_style("article-view--summary").bgcolor
        line = view.render_line(view.line_of(0) - int(view.scroll_y))
        lit = "".join(seg.text for seg in line if seg.style and seg.style.bgcolor
                      and seg.style.bgcolor != view.rich_style.bgcolor)
        assert summary_bg is not None
        assert lit == "Alpha beta gamma."

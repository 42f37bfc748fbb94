"""Pilot tests of the reader: untrusted text drawn as text, and the word wrap that keeps body offsets.

Each test drives the app with keys or clicks on a real library in a temporary folder, waits for
its workers (never a blind sleep), and checks widget state against what the core computes.
"""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st
from textual.widgets import OptionList

from summarize.ingest.articles import Article
from summarize.library.store import Library
from tui.app import make_app
from tui.article_list import ArticleList
from tui.article_view import ArticleView, wrap_offsets
from tui_support import HOSTILE_BODY, HOSTILE_TITLE, SIZE, app, config_path, rendered, settle, shown




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


WRAPPED_BODY = (  # a plain-text story wrapped at 60 columns, and a list that must stay a list
    "The city council voted on Tuesday to close the old Elm Street\n"
    "bridge to cars from next spring, after engineers found cracks\n"
    "in two of its steel supports.\n"
    "\n"
    "What changes:\n"
    "- buses\n"
    "- parking\n"
)


async def test_hard_wrapped_text_is_wrapped_again_to_the_pane(
    library_path: Path, config_path: Path
) -> None:
    """A paragraph wrapped at 60 columns is drawn wrapped again to the pane's width (not in its
    old lines), and the list under it keeps its lines."""
    with Library(library_path) as library:
        library.add(Article(title="Bridge", body=WRAPPED_BODY, published="2099-01-01"))
    app = make_app(library_path, config_path=config_path)
    async with app.run_test(size=(200, 30)) as pilot:
        await settle(pilot)
        view = app.query_one(ArticleView)
        lines = [line.strip() for line in rendered(view)]
        original = WRAPPED_BODY.split("\n")
        top = lines.index(next(line for line in lines if line.startswith("The city")))
        drawn = lines[top:lines.index("", top)]
        assert " ".join(drawn) == " ".join(WRAPPED_BODY.split("\n\n")[0].split())
        assert len(drawn[0]) > len(original[0])  # filled to the pane, not to 60 columns
        assert lines[lines.index("What changes:"):][:3] == ["What changes:", "- buses", "- parking"]


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

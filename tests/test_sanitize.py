"""Terminal-safe text: every control sequence and bidi control goes, every printable character
stays; Markdown-inert text keeps every character, escaped."""

from __future__ import annotations

import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from summarize.sanitize import markdown_inline, one_line, strip_controls


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("a\x1b[2Jb", "ab"),  # CSI: clear screen
        ("a\x1b[38;5;196mred\x1b[0m", "ared"),  # SGR colours
        ("a\x1b]52;c;ZXZpbA==\x07b", "ab"),  # OSC 52 clipboard, BEL-terminated
        ("a\x1b]0;title\x1b\\b", "ab"),  # OSC window title, ST-terminated
        ("a\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\b", "alinkb"),  # OSC 8 hyperlink
        ("a\x1bPq#0;2;0;0;0\x1b\\b", "ab"),  # DCS (sixel)
        ("a\x9b31mb", "ab"),  # 8-bit CSI
        ("a\x9d0;t\x9cb", "ab"),  # 8-bit OSC with 8-bit ST
        ("a\x1bcb", "ab"),  # RIS: reset terminal
        ("a\x1b(Bb", "ab"),  # charset designation
        ("a\rb\x08c\x07d\x00e\x7ff\x85g", "abcdefg"),  # lone C0, DEL, C1 (NEL)
        ("tab\tand\nnewline", "tab\tand\nnewline"),
        ("[bold]x[/] [link=http://evil]y[/link] :smile:", "[bold]x[/] [link=http://evil]y[/link] :smile:"),
        ("Zürich – “quotes” 東京 \u00a0nbsp", "Zürich – “quotes” 東京 \u00a0nbsp"),
        ("unterminated \x1b]52;c;payload\nnext line", "unterminated \nnext line"),
        ("trailing escape\x1b", "trailing escape"),
        ("invoice\u202etxt.exe", "invoicetxt.exe"),  # right-to-left override: display spoofing
        ("a\u202ab\u202bc\u202cd\u202de", "abcde"),  # embeddings and the pop
        ("\u2066isolate\u2069 \u2067r\u2069 \u2068f\u2069", "isolate r f"),  # isolates
        ("mark\u200e\u200f\u061c", "mark"),  # LRM, RLM, ALM
        ("emoji \U0001f469\u200d\U0001f4bb zwj kept", "emoji \U0001f469\u200d\U0001f4bb zwj kept"),
    ],
)
def test_strip_controls(raw: str, clean: str) -> None:
    assert strip_controls(raw) == clean


def test_one_line() -> None:
    assert one_line("a\nb\tc\x1b[2Jd") == "a b cd"


BIDI = set("\u061c\u200e\u200f\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069")
"""Unicode's Bidi_Control characters."""


def _control(c: str) -> bool:
    return c < " " or "\x7f" <= c <= "\x9f" or c in BIDI


@given(st.text())
def test_no_control_character_survives_and_printables_do(text: str) -> None:
    out = strip_controls(text)
    assert all(c in "\n\t" or not _control(c) for c in out)
    assert strip_controls(out) == out
    if not any(_control(c) for c in text):
        assert out == text  # nothing printable is ever lost


@pytest.mark.parametrize(
    ("raw", "inert"),
    [
        ("[x](javascript:alert(1))", r"\[x\]\(javascript:alert\(1\)\)"),
        ("<img src=x onerror=alert(1)>", r"\<img src=x onerror=alert\(1\)\>"),
        ("**Topics:** fake", r"\*\*Topics:\*\* fake"),
        ("# heading\nnext", r"\# heading next"),
        ("a\x1b[2Jb \u202e", "ab "),
        (None, ""),
    ],
)
def test_markdown_inline(raw: str | None, inert: str) -> None:
    assert markdown_inline(raw) == inert


@given(st.text())
def test_markdown_inline_loses_nothing_printable(text: str) -> None:
    out = markdown_inline(text)
    assert "\n" not in out
    assert re.sub(r"\\(.)", r"\1", out) == one_line(text)

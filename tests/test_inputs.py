"""Input handling: decoding bytes, telling HTML/Markdown/text apart, reducing them to text."""

from __future__ import annotations

import io
import os
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from httpserver import ARTICLE_HTML
from summarize.errors import BinaryInputError, EmptyInputError, InputError
from summarize.ingest.inputs import (
    STDIN_NAME,
    decode_bytes,
    detect_kind,
    extract_html,
    markdown_to_text,
    read_input,
    read_text,
    RawText,
)

TEXT = "Café owners in Zürich said on Monday that prices rose by 3.5%. «Help» is promised."


@pytest.mark.parametrize(
    "data",
    [
        TEXT.encode("utf-8"),
        b"\xef\xbb\xbf" + TEXT.encode("utf-8"),
        b"\xff\xfe" + TEXT.encode("utf-16-le"),
        b"\xfe\xff" + TEXT.encode("utf-16-be"),
        b"\xff\xfe\x00\x00" + TEXT.encode("utf-32-le"),
    ],
    ids=["utf8", "utf8-bom", "utf16le-bom", "utf16be-bom", "utf32le-bom"],
)
def test_decode_unicode_with_and_without_bom(data: bytes) -> None:
    assert decode_bytes(data) == TEXT


def test_decode_legacy_encodings_by_detection() -> None:
    latin = (
        "Les négociations entre le gouvernement et les syndicats ont repris à Paris. "
        "Le ministre a déclaré que la réforme des retraites serait présentée en été. "
    ) * 4
    assert decode_bytes(latin.encode("cp1252")) == latin
    russian = "Переговоры между правительством и профсоюзами возобновились в понедельник. " * 4
    assert decode_bytes(russian.encode("cp1251")) == russian


def test_decode_uses_http_charset_hint_and_meta_charset() -> None:
    text = "Ça coûte cher, a dit le maire."
    assert decode_bytes(text.encode("latin-1"), hint="iso-8859-1") == text
    page = f'<html><head><meta charset="windows-1252"></head><body><p>{text}</p></body></html>'
    assert text in decode_bytes(page.encode("cp1252"))


@pytest.mark.parametrize(
    "data",
    [
        b"PK\x03\x04\x14\x00\x00\x00\x08\x00" + bytes(range(256)),  # a zip header
        b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(200),
        bytes(range(1, 32)) * 20,  # control characters only, no NUL
        b"%PDF-1.7\n" + bytes(range(256)) * 4,
    ],
    ids=["zip", "png", "controls", "pdf"],
)
def test_binary_data_is_refused(data: bytes) -> None:
    with pytest.raises(BinaryInputError):
        decode_bytes(data)


@settings(max_examples=300, deadline=None)
@given(st.binary(max_size=600))
def test_decode_never_crashes(data: bytes) -> None:
    try:
        text = decode_bytes(data)
    except BinaryInputError:
        return
    assert isinstance(text, str)


@settings(max_examples=200, deadline=None)
@given(st.text(max_size=300))
def test_utf8_text_round_trips(text: str) -> None:
    try:
        # A leading U+FEFF encodes to the UTF-8 BOM, which is read as a BOM and dropped.
        assert decode_bytes(text.encode("utf-8")) == text.removeprefix("\ufeff")
    except BinaryInputError:
        # Only text with a NUL or with many control characters may be refused.
        controls = sum(1 for c in text if c < " " and c not in "\t\n\r\f" or "\x7f" <= c <= "\x9f")
        assert "\x00" in text or controls > max(2, len(text) // 20)


@pytest.mark.parametrize(
    ("text", "name", "ctype", "kind"),
    [
        (ARTICLE_HTML, None, None, "html"),
        ("<p>One.</p>", None, "text/html; charset=utf-8", "html"),
        ("Just prose.", "story.html", None, "html"),
        ("# Title\n\nSome *text* with a [link](https://x.org).\n", None, None, "markdown"),
        ("Plain prose.", "notes.md", None, "markdown"),
        ("```\ncode\n```\n\n## Heading\n\nText.", None, None, "markdown"),
        ("The mayor spoke.\n\n- first point\n- second point\n", None, None, "text"),
        ("Prices rose 5% (a record) on Monday #economy.", None, None, "text"),
        ("<html lang=en><body>Hi</body></html>", "page.txt", None, "text"),
    ],
)
def test_detect_kind(text: str, name: str | None, ctype: str | None, kind: str) -> None:
    assert detect_kind(text, name=name, content_type=ctype) == kind


def test_extract_html_main_text_metadata_and_paragraphs() -> None:
    page = extract_html(ARTICLE_HTML, url="https://herald.example/ferry")
    assert page.title == "Harbour council approves ferry plan"
    assert page.author == "Maria Okafor"
    assert page.published == "2024-05-14"
    assert page.url == "https://herald.example/ferry"
    assert page.language == "en"
    paragraphs = page.text.split("\n\n")
    assert len(paragraphs) == 4
    assert paragraphs[0].startswith("The harbour council approved a plan on Monday")
    assert "Home" not in page.text and "Subscribe" not in page.text  # boilerplate gone
    assert not page.text.startswith("Harbour council approves")  # the <h1> is the title


def test_extract_html_short_page_and_empty_page() -> None:
    assert extract_html("<html><body><p>The mayor resigned.</p></body></html>").text == (
        "The mayor resigned."
    )
    with pytest.raises(EmptyInputError):
        extract_html("<html><body><script>var x = 1;</script></body></html>")


def test_markdown_reduced_to_text() -> None:
    md = (
        "# Port strike ends\n\n"
        "Dock workers **returned** to work on _Monday_ after [talks](https://x.org/a) ended.\n"
        "The deal ![photo](p.jpg) raises pay by `4%`.\n\n"
        "## What changes\n\n"
        "- Pay rises by 4%\n"
        "- Shifts get shorter\n\n"
        "```python\nprint('not prose')\n```\n\n"
        "> Union leader: \"A fair deal.\"\n"
    )
    title, text = markdown_to_text(md)
    assert title == "Port strike ends"
    assert text == (
        "Dock workers returned to work on Monday after talks ended. "
        "The deal raises pay by 4%.\n\n"
        "What changes\n\n"
        "Pay rises by 4%\nShifts get shorter\n\n"
        'Union leader: "A fair deal."'
    )


def test_read_input_file_with_front_matter(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text(
        "---\ntitle: Ferry plan\nurl: https://x.org/f\n---\nThe council approved it. Boats sail soon.\n",
        encoding="utf-8",
    )
    doc = read_input(str(path))
    assert (doc.name, doc.title, doc.url, doc.kind) == (str(path), "Ferry plan", "https://x.org/f", "text")
    assert doc.text == "The council approved it. Boats sail soon."


def test_read_input_stdin_crlf_and_html(tmp_path: Path) -> None:
    doc = read_input("-", io.BytesIO(b"First line here.\r\nSecond line here.\r\n"))
    assert doc.name == STDIN_NAME and doc.text == "First line here.\nSecond line here.\n"
    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    doc = read_input(str(page))
    assert doc.kind == "html" and doc.title == "Harbour council approves ferry plan"
    assert "electric ferry" in doc.text


@pytest.mark.parametrize(
    ("setup", "error", "message"),
    [
        (lambda p: p, InputError, "is a directory"),
        (lambda p: p / "missing.txt", InputError, "no such file"),
        (lambda p: _write(p / "e.txt", b""), EmptyInputError, "input is empty"),
        (lambda p: _write(p / "w.txt", b" \n\t\n"), EmptyInputError, "only white space"),
        (lambda p: _write(p / "b.bin", b"\x00\x01\x02" * 100), BinaryInputError, "binary"),
        (lambda p: _write(p / "x.md", b"![only](an-image.png)\n"), EmptyInputError, "no text"),
    ],
)
def test_read_input_errors(tmp_path: Path, setup, error: type[Exception], message: str) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(error, match=message):
        read_input(str(setup(tmp_path)))


@pytest.mark.skipif(os.geteuid() == 0, reason="root reads any file")
def test_read_input_unreadable(tmp_path: Path) -> None:
    path = _write(tmp_path / "secret.txt", b"Hidden text. More of it.")
    path.chmod(0)
    with pytest.raises(InputError, match="permission denied"):
        read_input(str(path))


def test_read_input_size_cap(tmp_path: Path) -> None:
    path = _write(tmp_path / "big.txt", b"Words here. " * 1000)
    with pytest.raises(InputError, match="too large"):
        read_input(str(path), max_bytes=1000)


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_read_text_reads_without_reducing_and_expands_home(tmp_path: Path, monkeypatch) -> None:  # type: ignore[no-untyped-def]
    monkeypatch.setenv("HOME", str(tmp_path))
    _write(tmp_path / "n.md", b"# Title\r\n\r\nBody **text**.\r\n")
    raw = read_text("~/n.md")
    assert raw == RawText(name="~/n.md", text="# Title\n\nBody **text**.\n")


def test_document_carries_front_matter_metadata(tmp_path: Path) -> None:
    path = _write(tmp_path / "a.md", (
        "---\ntitle: T\nsource: Wire\nauthor: A. Writer\ndate: 2024-02-21\n"
        "tags: one, two ,\nregion: north\n---\n## Heading\n\nSome *body* text here.\n"
    ).encode())
    doc = read_input(str(path))
    assert (doc.title, doc.source, doc.author, doc.published) == ("T", "Wire", "A. Writer",
                                                                   "2024-02-21")
    assert doc.tags == ("one", "two")
    assert doc.extra == (("date", "2024-02-21"), ("region", "north"))
    assert doc.text == "Heading\n\nSome body text here."

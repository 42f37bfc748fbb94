"""Reading what the user hands us: bytes to text, and HTML or Markdown down to the article's text.

`read_input(spec)` takes a file path, `-` (standard input) or an http(s) URL and returns a
`Document`: the text to summarize plus what we learnt on the way (title, URL, kind). The pieces
are public too: `decode_bytes` (never crashes: text or `BinaryInputError`), `detect_kind`,
`extract_html` (trafilatura, with its metadata) and `markdown_to_text` (markdown-it-py).

Heavy libraries (trafilatura, charset-normalizer, markdown-it-py, httpx) are imported inside the
functions that need them, so reading a plain-text file costs nothing but the read.
"""

from __future__ import annotations

import codecs
import os
import re
import sys

TYPE_CHECKING = False  # typing costs ~3 ms of start-up; type checkers read this as True
if TYPE_CHECKING:
    from typing import BinaryIO, Literal, NamedTuple
else:
    from .._record import Record as NamedTuple

from ..errors import BinaryInputError, EmptyInputError, InputError

__all__ = [
    "Document",
    "ExtractedPage",
    "decode_bytes",
    "detect_kind",
    "document_from_text",
    "extract_html",
    "is_url",
    "markdown_to_text",
    "read_input",
    "read_text",
    "RawText",
    "STDIN_NAME",
]

if TYPE_CHECKING:
    Kind = Literal["text", "markdown", "html"]

STDIN_NAME = "<stdin>"
"""The name standard input goes by in headers and error messages."""

DEFAULT_MAX_BYTES = 10_000_000
"""Inputs larger than this (files, pipes, downloads) are refused rather than read into memory."""


class ExtractedPage(NamedTuple):
    """The main text of a web page and its metadata (each `None` when the page does not say)."""

    title: str | None
    text: str
    """Paragraphs separated by blank lines."""
    author: str | None = None
    published: str | None = None
    url: str | None = None
    language: str | None = None


class Document(NamedTuple):
    """One input, read and reduced to the text to summarize."""

    name: str
    """How the user named it: the path, the URL, or `<stdin>`."""
    text: str
    title: str | None = None
    url: str | None = None
    kind: Kind = "text"
    language: str | None = None
    """A language the input declares (front matter, `<html lang>`); detection is still the default."""
    source: str | None = None
    author: str | None = None
    published: str | None = None
    tags: tuple[str, ...] = ()
    """These four come from front matter (or, but for tags, the HTML page's metadata)."""
    extra: tuple[tuple[str, str], ...] = ()
    """Front-matter keys `Article` has no field for, in file order."""


class RawText(NamedTuple):
    """An input read and decoded, not yet reduced: what `read_text` returns."""

    name: str
    text: str
    url: str | None = None
    """The final URL after redirects, for inputs fetched over HTTP."""
    content_type: str | None = None


# ---------------------------------------------------------------------------------------------
# Bytes to text

_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),  # before UTF-16 LE: its BOM starts with FF FE too
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
_SNIFF = 8192
_XML_ENCODING = re.compile(rb"""\A\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9_.:-]+)["']""")
_XML_STARTS = ((b"<\0\0\0?\0\0\0", "utf-32-le"), (b"\0\0\0<\0\0\0?", "utf-32-be"),
               (b"<\0?\0", "utf-16-le"), (b"\0<\0?", "utf-16-be"))
_WESTERN = ("cp1252", "latin_1", "iso8859_15")
"""Code pages preferred when charset-normalizer finds them as likely as its first guess."""


def decode_bytes(data: bytes, *, hint: str | None = None) -> str:
    """Decode input bytes: a BOM wins (UTF-8, UTF-16, UTF-32), then `hint` (an HTTP charset),
    then strict UTF-8, then an HTML `<meta charset>` or XML `encoding=` declaration, then
    charset-normalizer's best guess, where a Western code page (cp1252) wins a near tie: with
    no letter only Central European encodings have, "très" in Latin-1 is not "trčs" in cp1250.

    Binary data (NUL bytes without a UTF-16/32 BOM, or mostly non-text) raises
    `BinaryInputError`; nothing here raises anything else.
    """
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return _checked(data[len(bom):].decode(encoding, errors="replace"))
    for start, encoding in _XML_STARTS:  # XML without a BOM says "<?" in its own encoding
        if data.startswith(start):
            try:
                return _checked(data.decode(encoding))
            except UnicodeDecodeError:
                break
    if b"\x00" in data[:_SNIFF]:
        raise BinaryInputError("binary data, not text")
    candidates: list[str] = []
    if hint:
        candidates.append(hint)
    candidates.append("utf-8")
    for declared in (_META_CHARSET.search(data[:_SNIFF]), _XML_ENCODING.match(data[:_SNIFF])):
        if declared:
            candidates.append(declared.group(1).decode("ascii", "replace"))
    for encoding in candidates:
        try:
            return _checked(data.decode(encoding))
        except (UnicodeDecodeError, LookupError):
            continue
    from charset_normalizer import from_bytes  # ~20 ms; only for legacy encodings

    matches = from_bytes(data)
    best = matches.best()
    if best is None:
        raise BinaryInputError("binary data, not text (no text encoding fits)")
    for match in matches:
        if (match.encoding in _WESTERN and match.chaos <= best.chaos + 0.01
                and match.coherence >= best.coherence - 0.05):
            return _checked(str(match))
    return _checked(str(best))


def _checked(text: str) -> str:
    """`text` unless it is mostly control characters or replacement marks (binary data)."""
    sample = text[:_SNIFF]
    if not sample:
        return text
    bad = sum(1 for c in sample if (c < " " and c not in "\t\n\r\f") or c == "\ufffd"
              or "\x7f" <= c <= "\x9f")
    if bad > max(2, len(sample) // 20):
        raise BinaryInputError("binary data, not text")
    return text


# ---------------------------------------------------------------------------------------------
# What kind of text

_HTML_START = re.compile(r"\A(?:\s|<!--.*?-->|<\?xml[^>]*>)*<(?:!doctype\s+html|html[\s>])", re.I | re.S)
_HTML_TAG = re.compile(r"<(?:p|div|body|head|article|section|span|a|br|h[1-6]|title|meta)[\s/>]", re.I)
_MD_SIGNALS: tuple[tuple[re.Pattern[str], int], ...] = (
    (re.compile(r"^#{1,6}[ \t]+\S", re.M), 2),           # ATX heading
    (re.compile(r"^(?:```|~~~)", re.M), 3),              # code fence
    (re.compile(r"!?\[[^\]\n]+\]\([^)\s]+[^)]*\)"), 2),  # link or image
    (re.compile(r"(\*\*|__)\S[^\n]*?\S\1"), 1),          # strong emphasis
    (re.compile(r"^>[ \t]", re.M), 1),                   # block quote
    (re.compile(r"^[=-]{3,}[ \t]*$", re.M), 1),          # setext underline or rule
)
_MD_BULLETS = re.compile(r"^[ \t]{0,3}(?:[-*+]|\d{1,3}[.)])[ \t]+\S", re.M)
_EXTENSIONS: dict[str, Kind] = {
    ".html": "html", ".htm": "html", ".xhtml": "html",
    ".md": "markdown", ".markdown": "markdown", ".mdown": "markdown", ".mkd": "markdown",
    ".txt": "text", ".text": "text",
}


def detect_kind(text: str, *, name: str | None = None, content_type: str | None = None) -> Kind:
    """HTML, Markdown or plain text: from the content type, else the file extension, else a sniff.

    The sniff is conservative: a page must open like HTML (or be dense with HTML tags), and
    Markdown needs more than one weak signal, so ordinary prose with a dash list stays text.
    """
    if content_type:
        ct = content_type.lower()
        if "html" in ct:
            return "html"
        if "markdown" in ct:
            return "markdown"
    if name:
        kind = _EXTENSIONS.get(os.path.splitext(name.split("?", 1)[0])[1].lower())
        if kind is not None:
            return kind
    head = text[:_SNIFF]
    if _HTML_START.match(head) or len(_HTML_TAG.findall(head)) >= 5:
        return "html"
    score = sum(weight for pattern, weight in _MD_SIGNALS if pattern.search(head))
    if len(_MD_BULLETS.findall(head)) >= 2:
        score += 1
    return "markdown" if score >= 3 else "text"


# ---------------------------------------------------------------------------------------------
# HTML

_HTML_LANG = re.compile(r"<html[^>]*\slang\s*=\s*[\"']?([A-Za-z]{2,3}(?:[-_][A-Za-z0-9]+)?)", re.I)
_LINES = re.compile(r"\s*\n\s*")


MAX_TAG_ATTRIBUTES = 1000
"""The most attributes one HTML tag may have: real pages stay far below (a few dozen)."""

_LONG_TAG = re.compile(rf"<[A-Za-z][^<>]{{{2 * MAX_TAG_ATTRIBUTES},}}>")
"""A tag long enough to hold more than `MAX_TAG_ATTRIBUTES` attributes (each takes 2 characters)."""

_QUOTED = re.compile(r"\"[^\"]*\"|'[^']*'")


def _check_markup(html: str) -> None:
    """Refuse markup no article page has before trafilatura sees it: a tag with too many attributes.

    trafilatura's time grows much faster than the page with the attributes of one tag (a 1 MB
    page with 100,000 of them took over a minute); counting them first takes one regex pass.
    Attribute values are left out of the count, so long `style`, `srcset` or SVG path data do
    not count against it.
    """
    for m in _LONG_TAG.finditer(html):
        attributes = len(_QUOTED.sub(" ", m.group()[1:-1]).split()) - 1
        if attributes > MAX_TAG_ATTRIBUTES:
            raise InputError(
                f"the HTML has a tag with {attributes:,} attributes (the limit is "
                f"{MAX_TAG_ATTRIBUTES:,}): not an article page"
            )


def extract_html(html: str, url: str | None = None) -> ExtractedPage:
    """The main text of an HTML page (boilerplate removed by trafilatura) and its metadata.

    Paragraphs come back separated by blank lines; a first line repeating the title (the page's
    `<h1>`) is dropped, since the title is reported on its own. Raises `EmptyInputError` when
    the page holds no text at all, and `InputError` for markup no real page has (a tag with more
    than `MAX_TAG_ATTRIBUTES` attributes), which would keep trafilatura busy for minutes.
    """
    _check_markup(html)
    import trafilatura  # ~130 ms; only for HTML

    found = trafilatura.bare_extraction(
        html, url=url, with_metadata=True, include_comments=False, include_tables=True
    )
    doc = None if isinstance(found, dict) else found  # a dict only when as_dict=True is asked
    text = (doc.text if doc is not None else None) or ""
    if not text.strip():
        # trafilatura finds no "main content" on very short pages; its baseline keeps all text.
        text = trafilatura.html2txt(html) or ""
    paragraphs = [p for p in _LINES.split(text.strip()) if p]
    title = _clean(doc.title if doc is not None else None)
    if title and paragraphs and paragraphs[0].strip() == title:
        paragraphs = paragraphs[1:]
    body = "\n\n".join(paragraphs)
    if not body.strip():
        raise EmptyInputError("no article text found in the HTML")
    lang = _HTML_LANG.search(html[:_SNIFF])
    return ExtractedPage(
        title=title,
        text=body,
        author=_clean(doc.author if doc is not None else None),
        published=_clean(doc.date if doc is not None else None),
        url=_clean(doc.url if doc is not None else None) or url,
        language=_clean(doc.language if doc is not None else None) or (lang.group(1) if lang else None),
    )


def _clean(value: object) -> str | None:
    if not isinstance(value, str):
        return None
    value = " ".join(value.split())
    return value or None


# ---------------------------------------------------------------------------------------------
# Markdown


def markdown_to_text(markdown: str) -> tuple[str | None, str]:
    """(title, text) of a Markdown document: markup removed, paragraphs kept.

    markdown-it-py parses (it is already installed as rich's dependency; a CommonMark parser is
    the right tool, and its tokens make the reduction a short walk). Headings become paragraphs
    (a leading `#` heading becomes the title), emphasis and links keep their text, images and
    raw HTML disappear, code blocks are dropped (code is not prose to summarize), and list items
    stay one per line.
    """
    from markdown_it import MarkdownIt  # ~30 ms; only for Markdown

    tokens = MarkdownIt("commonmark").enable(["table", "strikethrough"]).parse(markdown)
    blocks: list[tuple[str, bool]] = []  # (text, tight: joined to the previous with one newline)
    title: str | None = None
    lists = 0
    fresh_list = False  # the next item opens a top-level list: a paragraph break before it
    row: list[str] | None = None
    for i, tok in enumerate(tokens):
        if tok.type in ("bullet_list_open", "ordered_list_open"):
            fresh_list = fresh_list or lists == 0
            lists += 1
        elif tok.type in ("bullet_list_close", "ordered_list_close"):
            lists -= 1
        elif tok.type == "tr_open":
            row = []
        elif tok.type == "tr_close" and row is not None:
            if any(row):
                blocks.append(("; ".join(c for c in row if c), True))
            row = None
        elif tok.type == "inline":
            text = _inline_text(tok.children or [])
            if not text:
                continue
            if row is not None:
                row.append(text)
                continue
            opener = tokens[i - 1] if i else None
            if (
                title is None and not blocks and opener is not None
                and opener.type == "heading_open" and opener.tag == "h1"
            ):
                title = text
                continue
            blocks.append((text, lists > 0 and not fresh_list))
            fresh_list = False
    out: list[str] = []
    for text, tight in blocks:
        if out:
            out.append("\n" if tight else "\n\n")
        out.append(text)
    return title, "".join(out)


_SPACES = re.compile(r"[ \t]+")


def _inline_text(children: list) -> str:  # type: ignore[type-arg]  # markdown-it Token list
    parts: list[str] = []
    for child in children:
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type == "softbreak":
            parts.append(" ")
        elif child.type == "hardbreak":
            parts.append("\n")
        # image (alt text is not prose), html_inline, link/emphasis markers: dropped
    return _SPACES.sub(" ", "".join(parts)).strip()


# ---------------------------------------------------------------------------------------------
# Reading an input

_URL = re.compile(r"\A([A-Za-z][A-Za-z0-9+.-]*)://")
_NEWLINES = re.compile(r"\r\n?")


def is_url(spec: str) -> bool:
    """Whether `spec` names a URL (any scheme: `read_input` refuses all but http and https)."""
    return bool(_URL.match(spec))


def read_input(
    spec: str,
    stdin: BinaryIO | None = None,
    *,
    timeout: float = 15.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Document:
    """Read a file path, `-` (standard input, or `stdin` when given) or an http(s) URL.

    `read_text` then `document_from_text`: the same two steps `summarize.ingest.articles.
    read_articles` takes, so `summarize` and the library read every input alike.
    Raises an `InputError` subclass (`EmptyInputError`, `BinaryInputError`,
    `summarize.ingest.http.FetchError`, ...) with a one-line message that does not repeat the name.
    """
    raw = read_text(spec, stdin, timeout=timeout, max_bytes=max_bytes)
    return document_from_text(raw.text, name=raw.name, url=raw.url, content_type=raw.content_type)


def read_text(
    spec: str,
    stdin: BinaryIO | None = None,
    *,
    timeout: float = 15.0,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> RawText:
    """The decoded text of a file path, `-` (standard input) or an http(s) URL, CRLF folded.

    A `~` in a path is expanded (the reader's add dialog takes what the user types). Every
    failure is an `InputError` subclass with a one-line reason.
    """
    url: str | None = None
    content_type: str | None = None
    hint: str | None = None
    if spec == "-":
        name = STDIN_NAME
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(max_bytes + 1)
        if len(data) > max_bytes:
            raise InputError(f"input too large (more than {max_bytes:,} bytes)")
    elif is_url(spec) and not os.path.exists(spec):
        from .http import fetch

        name = spec
        result = fetch(spec, timeout=timeout, max_bytes=max_bytes)
        data, url, content_type, hint = result.content, result.url, result.content_type, result.encoding
    else:
        name = spec
        data = read_file_bytes(os.path.expanduser(spec), max_bytes)
    text = _NEWLINES.sub("\n", decode_bytes(data, hint=hint))
    return RawText(name=name, text=text, url=url, content_type=content_type)


def document_from_text(
    text: str,
    *,
    name: str,
    url: str | None = None,
    content_type: str | None = None,
    title: str | None = None,
) -> Document:
    """A `Document` from decoded text: front matter read, HTML or Markdown reduced to text."""
    if not text.strip():
        raise EmptyInputError("input is empty" if not text else "input is only white space")
    from .front_matter import Header

    kind = detect_kind(text, name=name if url is None else url, content_type=content_type)
    header = Header()
    if kind == "html":
        page = extract_html(text, url=url)
        text, title, url = page.text, title or page.title, page.url or url
        header = Header(author=page.author, published=page.published, language=page.language)
    else:
        if text.lstrip("\ufeff").startswith("---"):
            from .front_matter import read_header, split_front_matter

            meta, text = split_front_matter(text)
            header = read_header(meta)
            title, url = title or header.title, url or header.url
        if kind == "markdown":
            md_title, text = markdown_to_text(text)
            title = title or md_title
    if not text.strip():
        raise EmptyInputError("no text left after removing markup")
    return Document(
        name=name, text=text, title=title, url=url, kind=kind, language=header.language,
        source=header.source, author=header.author, published=header.published,
        tags=header.tags, extra=header.extra,
    )


def read_file_bytes(path: str | os.PathLike[str], max_bytes: int) -> bytes:
    """A file's bytes, at most `max_bytes`; every failure is an `InputError` with a short reason."""
    try:
        if os.path.isdir(path):
            raise InputError("is a directory")
        with open(path, "rb") as f:
            data = f.read(max_bytes + 1)
    except FileNotFoundError:
        raise InputError("no such file") from None
    except PermissionError:
        raise InputError("permission denied") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as e:
        raise InputError(e.strerror or e.__class__.__name__) from None
    if len(data) > max_bytes:
        raise InputError(f"file too large (more than {max_bytes:,} bytes)")
    return data

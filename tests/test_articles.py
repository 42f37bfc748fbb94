"""The sample articles and their file format: every sample loads with its metadata, the front
matter round-trips, the long feature is really long, and the HTML page loses its boilerplate."""

from __future__ import annotations

import json
import re
from datetime import datetime
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from summarize import detect_language, split_sentences
from summarize.ingest.articles import (
    Article,
    content_hash,
    format_article,
    load_article_file,
    parse_article,
    sample_article_paths,
)

SAMPLES = Path(__file__).resolve().parents[1] / "sample_articles"

SAMPLE_SUFFIXES = {".txt", ".md", ".html"}
FILES = sorted(p for p in SAMPLES.iterdir() if p.suffix in SAMPLE_SUFFIXES)
TEXT_FILES = [p for p in FILES if p.suffix != ".html"]
HTML_FILE = SAMPLES / "html-calderwick-port-expansion.html"
FEATURE_FILE = SAMPLES / "feature-last-night-ferry.txt"
PUNCTUATION_FILE = SAMPLES / "wire-steppe-lithium-deal.txt"


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    """The front-matter samples, loaded once (the HTML page has tests of its own)."""
    return {p.name: load_article_file(p) for p in TEXT_FILES}


def test_folder_holds_the_samples_the_brief_asks_for() -> None:
    assert len(FILES) >= 13  # 12 written for the project plus the seed article
    assert (SAMPLES / "seed-kazakhstan-un.txt") in FILES
    assert {p.suffix for p in FILES} == SAMPLE_SUFFIXES
    # Nothing else sits in the folder that the package-data globs would silently drop.
    others = [p.name for p in SAMPLES.iterdir() if p.is_file() and p.suffix not in SAMPLE_SUFFIXES]
    assert others == ["__init__.py"]


def test_sample_article_paths_finds_every_sample() -> None:
    assert [p.name for p in sample_article_paths()] == [p.name for p in FILES]


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.name)
def test_every_sample_has_title_source_date_and_language(path: Path) -> None:
    article = load_article_file(path)
    assert article.title and len(article.title) <= 120
    assert article.source
    assert article.published
    datetime.fromisoformat(article.published)  # an ISO 8601 date or date-time
    assert article.language
    assert article.body.strip()
    # The declared language is the language the text is written in.
    assert detect_language(article.body) == article.language


@pytest.mark.parametrize("path", [p for p in FILES if "seed" not in p.name], ids=lambda p: p.name)
def test_samples_written_for_the_project_use_reserved_example_domains(path: Path) -> None:
    article = load_article_file(path)
    assert article.url and urlsplit(article.url).scheme == "https"
    host = urlsplit(article.url).hostname or ""
    assert host in {"example.org", "example.com"}
    for url in re.findall(r"https?://[^\s\"'<>)]+", path.read_text(encoding="utf-8")):
        # schema.org is the JSON-LD vocabulary of the HTML page, not a link to a story
        assert (urlsplit(url).hostname or "") in {"example.org", "example.com", "schema.org"}, url


def test_samples_cover_languages_and_topics(articles: dict[str, Article]) -> None:
    assert {a.language for a in articles.values()} > {"en"}
    tags = {t for a in articles.values() for t in a.tags}
    for topic in ("politics", "business", "sports", "science", "technology", "health",
                  "local news", "feature"):
        assert topic in tags, topic


@pytest.mark.parametrize("path", TEXT_FILES, ids=lambda p: p.name)
def test_front_matter_files_are_canonical_and_round_trip(path: Path) -> None:
    text = path.read_text(encoding="utf-8")
    article = parse_article(text)
    assert format_article(article) == text
    assert parse_article(format_article(article)) == article


def test_html_article_round_trips_through_front_matter() -> None:
    article = load_article_file(HTML_FILE)
    assert parse_article(format_article(article)) == article


def test_round_trip_keeps_every_field_and_folds_multiline_values() -> None:
    article = Article(
        title="A title\nthat spans lines",
        body="First paragraph.\n\nSecond: with a colon.",
        source="Desk",
        url="https://example.org/a",
        author="J. K. Writer",
        published="2026-01-02T03:04:05+01:00",
        language="en",
        tags=("one", "two words"),
    )
    back = parse_article(format_article(article))
    assert back.title == "A title that spans lines"
    assert back.body == article.body
    assert (back.source, back.url, back.author, back.published, back.language, back.tags) == (
        "Desk", "https://example.org/a", "J. K. Writer", "2026-01-02T03:04:05+01:00", "en",
        ("one", "two words"),
    )


def test_parse_without_front_matter_is_all_body_and_titles_from_first_line() -> None:
    article = parse_article("\n\nCouncil approves budget\n\nThe council met on Monday.\n")
    assert article.title == "Council approves budget"
    assert article.body == "Council approves budget\n\nThe council met on Monday."
    assert article.source == "" and article.published is None


def test_parse_handles_bom_crlf_unknown_keys_and_date_alias() -> None:
    text = "\ufeff---\r\ntitle: T\r\ndate: 2025-01-01\r\nDesk: Metro\r\n---\r\nBody.\r\n"
    article = parse_article(text)
    assert article.title == "T"
    assert article.published == "2025-01-01"
    assert article.extra == {"date": "2025-01-01", "desk": "Metro"}
    assert article.body.strip() == "Body."


def test_long_feature_really_has_150_sentences(articles: dict[str, Article]) -> None:
    body = articles[FEATURE_FILE.name].body
    assert len(split_sentences(body, "en")) >= 150
    # Counted independently of the segmenter too: sentence-final stops followed by a space.
    assert len(re.findall(r"[.!?][\"”]?(?:\s|$)", body)) >= 150


@pytest.mark.parametrize(
    "path", [p for p in FILES if p != FEATURE_FILE], ids=lambda p: p.name
)
def test_other_samples_have_typical_news_length(path: Path) -> None:
    body = load_article_file(path).body
    assert 8 <= len(split_sentences(body)) <= 80
    assert "\n\n" in body  # paragraphs separated by blank lines


def test_punctuation_sample_carries_the_hard_cases(articles: dict[str, Article]) -> None:
    body = articles[PUNCTUATION_FILE.name].body
    assert re.match(r"[A-Z]+, [A-Z][a-z]{2} \d{1,2} \([A-Za-z]+\) - ", body)  # dateline
    for needle in ("U.S.", "Dr.", "Mr.", "Mrs.", "Inc.", "Co.", "St.", "Jan.", "J. K.",
                   "$3.5 billion", "5 p.m.", "2.4%", "...", '."', '?"', ".)", "https://",
                   "e-mail", "@example.org"):
        assert needle in body, needle
    assert re.search(r"^- [^\n]*[^.\n]$", body, re.M)  # a list item without a final stop


def test_html_sample_loads_main_text_and_metadata_without_boilerplate() -> None:
    article = load_article_file(HTML_FILE)
    assert article.title.startswith("Calderwick port approves 900 million expansion")
    assert "Coastline Courier" not in article.title
    assert article.published and article.published.startswith("2026-03-02")
    assert article.author == "Ingrid Halvorsen"
    assert article.source == "example.com"  # the page's host: ExtractedPage has no site name
    assert article.url == "https://example.com/coastline-courier/2026/03/02/calderwick-port-expansion"
    assert "Fishermen say this will destroy the shallow banks" in article.body
    assert "The first phase, the dredging of the channel" in article.body
    for boilerplate in ("Accept all", "cookies", "Related stories", "Subscribe", "Most read",
                        "All rights reserved", "garden furniture", "Business Briefing"):
        assert boilerplate not in article.body, boilerplate


def test_content_hash_folds_white_space() -> None:
    assert content_hash("Mayor  resigns.\n\nCouncil\tmeets. ") == content_hash(
        "Mayor resigns. Council meets."
    )
    assert content_hash("Mayor resigns.") != content_hash("Mayor resigned.")
    article = parse_article("---\ntitle: T\n---\nOne  two\nthree\n")
    assert article.content_hash == content_hash("One two three")
    assert len(article.content_hash) == 64


# --- the one ingestion path (issue 9) -----------------------------------------------------------


def test_read_articles_titles_sources_and_json(tmp_path: Path) -> None:
    from summarize.ingest.articles import STDIN_SOURCE, articles_from_text, read_articles
    from summarize.ingest.inputs import STDIN_NAME

    long_line = "word " * 40
    story = tmp_path / "harbour-works_begin.txt"
    story.write_text(long_line + "\n\nSecond paragraph. It ends here.\n", encoding="utf-8")
    [article] = read_articles(str(story))
    assert article.title == "harbour works begin" and article.source == ""
    [piped] = articles_from_text("Short first line\n\nMore text follows. Yes.", name=STDIN_NAME)
    assert piped.title == "Short first line" and piped.source == STDIN_SOURCE
    [fronted] = articles_from_text("---\nsource: Wire\n---\nBody. More.", name=STDIN_NAME)
    assert fronted.source == "Wire"
    [fetched] = articles_from_text("Body text. More.", name="x", url="https://news.example/a/b")
    assert fetched.source == "news.example" and fetched.url == "https://news.example/a/b"
    items = articles_from_text('[{"body": "One. Two.", "tags": ["a", 1]}, {"text": "Three."}]',
                               name="items.json")
    assert [a.title for a in items] == ["One. Two.", "Three."] and items[0].tags == ("a", "1")
    # Prose that merely opens with a bracket is text, not broken JSON.
    [prose] = articles_from_text("[Update] The ferry sails at six. More soon.", name=STDIN_NAME)
    assert prose.body.startswith("[Update]")


def test_deep_json_is_refused_before_parsing() -> None:
    from summarize.errors import InputError
    from summarize.ingest.articles import articles_from_text

    with pytest.raises(InputError, match="nested too deeply"):
        articles_from_text("[" * 100_000, name="deep.json")
    with pytest.raises(InputError, match="nested too deeply"):
        articles_from_text('{"body": "x", "tags": ' + "[" * 70 + "]" * 70 + "}", name="-")
    # Brackets inside strings are text, not nesting.
    [ok] = articles_from_text(json.dumps({"body": "[" * 1000 + " body. More."}), name="a.json")
    assert ok.body.startswith("[[[")


def test_markdown_sample_loads_reduced() -> None:
    article = load_article_file(SAMPLES / "markdown-heat-pump-costs.md")
    assert article.source == "Homefront Explainers" and article.tags
    assert not [line for line in article.body.splitlines() if line.startswith("#")]
    assert "How much does it cost to install?" in article.body.splitlines()

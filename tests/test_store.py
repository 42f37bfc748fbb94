"""The article library on real SQLite files: schema guard, dedupe, search, caches, concurrency."""

from __future__ import annotations

from dataclasses import replace

import hashlib
import sqlite3
import subprocess
import sys
import textwrap
from collections.abc import Iterator
from pathlib import Path

import pytest

from summarize.ingest.articles import Article, sample_article_paths
from summarize.errors import LibraryError, UsageError
from summarize.library.store import (
    ArticleQuery,
    HIGHLIGHT_END,
    HIGHLIGHT_START,
    SCHEMA_VERSION,
    ArticleNotFoundError,
    Library,
    normalize_date,
)

BODY_A = (
    "The harbour council approved a new ferry timetable on Monday. "
    "Islanders had asked for an earlier crossing for years. "
    "The first boat will now leave at six in the morning."
)
BODY_B = (
    "A glacier in the Alps hides microbes that live on rock dust. "
    "Scientists drilled through forty metres of ice to reach them. "
    "The microbes grow slowly but survive for centuries."
)
BODY_C = (
    "The city library reopened after three years of repairs. "
    "Readers queued along the canal before the doors opened. "
    "The reading room keeps its old oak shelves."
)


def _article(title: str, body: str, **kw: object) -> Article:
    return Article(title=title, body=body, **kw)  # type: ignore[arg-type]


@pytest.fixture
def lib(tmp_path: Path) -> Iterator[Library]:
    with Library(tmp_path / "lib.db", seed=False) as library:
        yield library


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


# --- opening ------------------------------------------------------------------------------------


def test_new_library_is_seeded_with_every_sample(tmp_path: Path) -> None:
    with Library(tmp_path / "new.db") as library:
        rows = library.list()
        assert len(rows) == len(sample_article_paths())
        titles = {r.title for r in rows}
        assert any("Kazakhstan" in t for t in titles)
        assert all(r.title and not r.read for r in rows)
    # Reopening does not seed twice.
    with Library(tmp_path / "new.db") as library:
        assert library.count() == len(sample_article_paths())


def test_env_variable_chooses_the_default_path(library_path: Path) -> None:
    with Library(seed=False) as library:
        assert library.path == library_path
    assert library_path.exists()


def test_schema_is_stamped_and_journal_is_wal(lib: Library) -> None:
    conn = sqlite3.connect(lib.path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION
    assert conn.execute("PRAGMA journal_mode").fetchone()[0] == "wal"
    conn.close()


def test_random_bytes_are_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "notes.db"
    path.write_bytes(bytes(range(256)) * 40)
    before = _digest(path)
    with pytest.raises(LibraryError, match="not a Newsdesk library") as info:
        Library(path)
    assert str(path) in str(info.value)
    assert _digest(path) == before
    assert not Path(str(path) + "-wal").exists()


def test_corrupt_sqlite_file_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    Library(path, seed=False).close()
    data = bytearray(path.read_bytes())
    data[100:] = b"\xde\xad\xbe\xef" * ((len(data) - 100) // 4) + b"\x00" * ((len(data) - 100) % 4)
    path.write_bytes(bytes(data))
    for extra in ("-wal", "-shm"):
        Path(str(path) + extra).unlink(missing_ok=True)
    before = _digest(path)
    with pytest.raises(LibraryError) as info:
        Library(path)
    assert str(path) in str(info.value)
    assert _digest(path) == before


def test_another_programs_sqlite_database_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    conn = sqlite3.connect(path)
    conn.execute("CREATE TABLE bookmarks (url TEXT)")
    conn.execute("INSERT INTO bookmarks VALUES ('https://example.org')")
    conn.commit()
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryError, match="another program") as info:
        Library(path)
    assert str(path) in str(info.value)
    assert _digest(path) == before
    conn = sqlite3.connect(path)
    assert conn.execute("SELECT count(*) FROM sqlite_master").fetchone()[0] == 1
    conn.close()


def test_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    with Library(path, seed=False) as library:
        library.add(_article("Ferry", BODY_A))
    conn = sqlite3.connect(path)
    conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    conn.close()
    before = _digest(path)
    with pytest.raises(LibraryError, match="newer") as info:
        Library(path)
    assert str(path) in str(info.value)
    assert _digest(path) == before


def test_an_empty_file_becomes_a_library(tmp_path: Path) -> None:
    path = tmp_path / "empty.db"
    path.touch()
    with Library(path, seed=False) as library:
        assert library.add(_article("Ferry", BODY_A)).created
    with Library(path) as library:
        assert library.count() == 1  # not seeded: it already was a library


def test_directory_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LibraryError, match="directory"):
        Library(tmp_path)


# --- articles -----------------------------------------------------------------------------------


def test_add_get_roundtrip_and_dedupe_by_content(lib: Library) -> None:
    first = lib.add(_article("Ferry timetable", BODY_A, source="Harbour News", tags=("local", "ferries"),
                             published="Mon, 02 Mar 2026 08:00:00 +0100", url="https://e.org/a"))
    assert first.created
    again = lib.add(_article("Same text, other title", "  " + BODY_A.replace(" ", "  ") + "\n"))
    assert again.id == first.id and not again.created
    assert lib.count() == 1
    article = lib.get(first.id)
    assert article.title == "Ferry timetable"
    assert article.body == BODY_A
    assert article.tags == ("ferries", "local")
    assert article.source == "Harbour News"
    row = lib.list()[0]
    assert row.published == "Mon, 02 Mar 2026 08:00:00 +0100"
    assert row.feed is None and row.url == "https://e.org/a"


def test_control_characters_are_removed_on_the_way_in(lib: Library) -> None:
    result = lib.add(_article("Evil\x1b[2J title\x07", "Text with \x1b]52;c;aGk=\x07 a bell.\x02"))
    article = lib.get(result.id)
    assert "\x1b" not in article.title and "\x07" not in article.title
    assert "\x1b" not in article.body and "\x02" not in article.body


def test_missing_article_raises_not_found(lib: Library) -> None:
    with pytest.raises(ArticleNotFoundError):
        lib.get(999)
    with pytest.raises(ArticleNotFoundError):
        lib.summary(999)


def test_list_filters_and_order(lib: Library) -> None:
    a = lib.add(_article("Ferry", BODY_A, published="2026-03-02", tags=("Local",), source="Harbour")).id
    b = lib.add(_article("Glacier", BODY_B, published="2025-01-10T10:00:00Z", tags=("science",))).id
    c = lib.add(_article("Library", BODY_C, published="2026-04-01", tags=("local",))).id
    assert [r.id for r in lib.list()] == [c, a, b]
    assert [r.id for r in lib.list(ArticleQuery(tag="LOCAL"))] == [c, a]
    assert lib.mark([a], read=True) == 1
    assert lib.mark([b], starred=True) == 1
    assert [r.id for r in lib.list(ArticleQuery(unread=True))] == [c, b]
    assert [r.id for r in lib.list(ArticleQuery(starred=True))] == [b]
    assert [r.id for r in lib.list(ArticleQuery(since="2026-01-01"))] == [c, a]
    assert [r.id for r in lib.list(ArticleQuery(feed="harbour"))] == [a]
    assert [r.id for r in lib.list(limit=1, offset=1)] == [a]
    assert lib.count(ArticleQuery(unread=True)) == 2
    assert lib.count(ArticleQuery(tag="local", unread=True)) == 1
    with pytest.raises(UsageError):
        lib.list(ArticleQuery(since="last tuesday"))
    assert len(lib.list(ArticleQuery(since="3650d"))) == 3


def test_mark_and_remove_count_only_existing(lib: Library) -> None:
    a = lib.add(_article("Ferry", BODY_A)).id
    assert lib.mark([a, 12345], read=True, starred=True) == 1
    row = lib.list()[0]
    assert row.read and row.starred
    lib.mark([a], read=False)
    assert not lib.list()[0].read and lib.list()[0].starred
    assert lib.remove([a, 777]) == 1
    assert lib.count() == 0


def test_interrupted_bulk_add_stores_nothing(lib: Library) -> None:
    lib.add(_article("Ferry", BODY_A))

    def articles() -> Iterator[Article]:
        yield _article("Glacier", BODY_B)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        lib.add_many(articles())
    assert lib.count() == 1
    assert lib.add(_article("Library", BODY_C)).created  # still writable
    assert lib.count() == 2


def test_normalize_date_forms() -> None:
    assert normalize_date("2024-02-21") == "2024-02-21"
    assert normalize_date("Wed, 21 Feb 2024 10:00:00 +0100") == "2024-02-21T09:00:00Z"
    assert normalize_date("2024-02-21T14:32:00+05:00") == "2024-02-21T09:32:00Z"
    assert normalize_date("soon") is None


# --- search -------------------------------------------------------------------------------------


def test_search_ranks_and_marks_matches(lib: Library) -> None:
    a = lib.add(_article("Ferry timetable", BODY_A)).id
    b = lib.add(_article("Glacier microbes", BODY_B)).id
    hits = lib.search("microbes")
    assert [h.row.id for h in hits] == [b]
    assert f"{HIGHLIGHT_START}microbes{HIGHLIGHT_END}" in hits[0].snippet
    assert ("microbes", True) in hits[0].parts()
    assert lib.search("ferry")[0].row.id == a
    # A title match outranks a body-only match.
    lib.add(_article("Morning", "The ferry was late again, said everyone on the pier today."))
    assert lib.search("ferry")[0].row.id == a


@pytest.mark.parametrize("query", ['"unbalanced', "ferry AND (", "ferry -", "NEAR(", "*", "a:b", ")"])
def test_bad_fts_syntax_is_searched_as_plain_words(lib: Library, query: str) -> None:
    lib.add(_article("Ferry timetable", BODY_A))
    hits = lib.search(query)
    if "ferry" in query:
        assert [h.row.title for h in hits] == ["Ferry timetable"]
    else:
        assert isinstance(hits, list)


def test_search_index_follows_update_and_delete(lib: Library) -> None:
    a = lib.add(_article("Ferry timetable", BODY_A)).id
    lib.update(a, title="Bridge plan", body="Engineers propose a bridge across the strait instead.")
    assert lib.search("ferry") == []
    assert [h.row.id for h in lib.search("bridge")] == [a]
    lib.remove([a])
    assert lib.search("bridge") == []
    conn = sqlite3.connect(lib.path)
    conn.execute("INSERT INTO articles_fts(articles_fts) VALUES ('integrity-check')")
    conn.close()


# --- summaries, topics --------------------------------------------------------------------------


def test_summary_is_cached_and_recomputed_when_the_method_version_changes(
    lib: Library, monkeypatch: pytest.MonkeyPatch, seed_text: str
) -> None:
    from summarize import summarizer

    a = lib.add(_article("Seed", seed_text)).id
    calls: list[str] = []
    real = summarizer.summarize

    def counting(*args: object, **kw: object):  # type: ignore[no-untyped-def]
        calls.append(str(kw.get("method")))
        return real(*args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(summarizer, "summarize", counting)
    first = lib.summary(a, sentences=2)
    assert len(first.sentences) <= 2 and calls
    n = len(calls)
    assert lib.summary(a, sentences=2) == first
    assert len(calls) == n  # from the cache
    lib.summary(a, sentences=3)
    assert len(calls) == n + 1  # another length, another entry
    monkeypatch.setattr(summarizer, "method_version", lambda method: f"{method}:changed")
    assert lib.summary(a, sentences=2) == first
    assert len(calls) == n + 2  # recomputed after the version changed


def test_topics_are_cached_and_feed_related(lib: Library, monkeypatch: pytest.MonkeyPatch,
                                           seed_text: str) -> None:
    import summarize.topics as topics_module

    a = lib.add(_article("Seed", seed_text)).id
    b = lib.add(_article("Seed again", seed_text + "\n\nKazakhstan and the UN met once more.")).id
    c = lib.add(_article("Ferry", BODY_A)).id
    found = lib.topics(a, limit=5)
    assert 0 < len(found) <= 5
    assert lib.topics(a, limit=3) == found[:3]
    label = found[0].label
    assert [r.id for r in lib.related(label)] == [a]  # only a's topics are stored so far
    assert lib.index_topics() == 2
    assert {r.id for r in lib.related(label.upper())} == {a, b}
    assert c not in {r.id for r in lib.related(label)}
    assert {r.id for r in lib.list(ArticleQuery(topic=label))} == {a, b}
    monkeypatch.setattr(topics_module, "VERSION", "test-new", raising=False)
    assert lib.index_topics() == 3  # every article's topics are stale now
    assert lib.index_topics() == 0


def test_removing_an_article_drops_its_caches(lib: Library, seed_text: str) -> None:
    a = lib.add(_article("Seed", seed_text)).id
    lib.summary(a)
    lib.topics(a)
    lib.remove([a])
    conn = sqlite3.connect(lib.path)
    for table in ("summaries", "topics", "topic_labels", "tags"):
        assert conn.execute(f"SELECT count(*) FROM {table}").fetchone()[0] == 0
    conn.close()


# --- two processes ------------------------------------------------------------------------------

_WRITER = textwrap.dedent(
    """
    import sys
    from summarize.ingest.articles import Article
    from summarize.library.store import Library
    lib = Library(sys.argv[1], seed=False)
    print("ready", flush=True)
    for i in range(150):
        lib.add(Article(title=f"other {i}", body=f"Text number {i} from the other process."))
        lib.mark([1], read=bool(i % 2))
    lib.close()
    """
)


def test_two_processes_writing_at_once(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    Library(path, seed=False).close()
    proc = subprocess.Popen([sys.executable, "-c", _WRITER, str(path)], stdout=subprocess.PIPE,
                            text=True)
    assert proc.stdout is not None
    assert proc.stdout.readline().strip() == "ready"
    with Library(path, seed=False) as library:
        for i in range(150):
            library.add(_article(f"mine {i}", f"Text number {i} from this process."))
            library.search("number")
        assert proc.wait(timeout=60) == 0
        assert library.count() == 300
        assert len(library.search("process", limit=1000)) == 300
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"
    conn.close()


def test_two_processes_creating_the_same_new_library(tmp_path: Path) -> None:
    path = tmp_path / "lib.db"
    code = "import sys; from summarize.library.store import Library; Library(sys.argv[1]).close()"
    procs = [subprocess.Popen([sys.executable, "-c", code, str(path)], stderr=subprocess.PIPE,
                              text=True) for _ in range(3)]
    for p in procs:
        _, err = p.communicate(timeout=60)
        assert p.returncode == 0, err
    with Library(path) as library:
        assert library.count() == len(sample_article_paths())


# --- identity, bad dates and unencodable text (issue 10: #1, #3, #10) ------------------------------


def test_identity_is_guid_then_link_and_the_body_hash_only_without_both(lib: Library) -> None:
    feed = lib.add_feed("https://news.example/rss", name="agg")
    other = lib.add_feed("https://other.example/rss", name="other")
    story = lambda i, **kw: _article(f"Story {i}", "Comments", feed_id=feed.id, **kw)  # noqa: E731
    a = lib.add(story(1, url="https://a.example/1", extra={"guid": "g1"}))
    b = lib.add(story(2, url="https://b.example/2", extra={"guid": "g2"}))
    assert a.created and b.created and a.id != b.id
    # Same guid in the same feed: known, whatever the text; another guid with the same link in
    # the same feed is another item (a re-post).
    assert lib.add(story(1, url="https://a.example/1", extra={"guid": "g1"})).id == a.id
    assert lib.add(story(3, url="https://a.example/1", extra={"guid": "g3"})).created
    # The same link from another feed is the same article.
    same = lib.add(_article("Story 1 elsewhere", BODY_A, feed_id=other.id,
                            url="https://a.example/1", extra={"guid": "x"}))
    assert same == type(same)(a.id, False)
    # Neither guid nor link: the body hash decides, but never joins different feed titles.
    assert lib.add(story(4)).created
    assert not lib.add(story(4)).created
    assert lib.add(story(5)).created


def test_an_old_library_is_migrated_without_losing_anything(tmp_path: Path) -> None:
    from summarize.library import store

    path = tmp_path / "v1.db"
    conn = sqlite3.connect(path)
    for statement in store._split_sql(store._MIGRATIONS[1]):
        conn.execute(statement)
    conn.execute(f"PRAGMA application_id = {store.APPLICATION_ID}")
    conn.execute("PRAGMA user_version = 1")
    conn.execute("INSERT INTO articles(id, title, added, sort_date, content_hash, url)"
                 " VALUES (7, 'Ferry', '2026-01-01T00:00:00Z', '2026-01-01T00:00:00Z', 'h', 'u')")
    conn.execute("INSERT INTO bodies VALUES (7, ?)", (BODY_A,))
    conn.commit()
    conn.close()
    with Library(path, seed=False) as library:
        assert [(r.id, r.title) for r in library.list()] == [(7, "Ferry")]
        assert [h.row.id for h in library.search("timetable")] == [7]
        feed = library.add_feed("https://x.example/feed.xml")
        library.add(replace(_article("Two", "Comments", url="https://x.example/1"), feed_id=feed.id))
        assert library.add(
            replace(_article("Three", "Comments", url="https://x.example/2"), feed_id=feed.id)
        ).created
        library.remove([7])
        assert library.search("timetable") == []
    conn = sqlite3.connect(path)
    assert conn.execute("PRAGMA user_version").fetchone()[0] == SCHEMA_VERSION == 2
    assert conn.execute("PRAGMA integrity_check").fetchone()[0] == "ok"


@pytest.mark.parametrize("date", ["0001-01-01T00:00:00+05:00", "9999-12-31T23:59:59-05:00",
                                  "Mon, 31 Dec 9999 23:59:59 -0500"])
def test_a_date_outside_the_calendar_becomes_unknown(lib: Library, date: str) -> None:
    assert normalize_date(date) is None
    added = lib.add(_article("Dated", BODY_A, published=date))
    assert added.created
    assert lib.row(added.id).published is None


def test_an_age_beyond_year_one_lists_everything(lib: Library) -> None:
    lib.add(_article("Ferry", BODY_A, published="2026-03-02"))
    assert [r.title for r in lib.list(ArticleQuery(since="999999999d"))] == ["Ferry"]
    assert lib.count(ArticleQuery(since="99999999999999w")) == 1


def test_lone_surrogates_are_replaced_before_sqlite(lib: Library) -> None:
    """JSON "\\ud800", a file name that is not UTF-8 (surrogateescape), an argv tag: all stored."""
    added = lib.add(_article("Caf\udce9 notes", "A \ud800 b. The harbour opened.",
                             tags=("t\udcff",), source="s\udcff", url="https://x.example/\udcff"))
    article = lib.get(added.id)
    assert article.title == "Caf\ufffd notes"
    assert article.body == "A \ufffd b. The harbour opened."
    assert article.tags == ("t\ufffd",)
    lib.set_tags(added.id, ["n\ud800"])
    lib.update(added.id, title="T\udcff")
    assert lib.row(added.id).tags == ("n\ufffd",) and lib.row(added.id).title == "T\ufffd"
    feed = lib.add_feed("https://x.example/rss", name="N\udcff")
    assert feed.name == "N\ufffd"
    # Reading with such text asks, and finds nothing or the replaced form, without an error.
    assert lib.list(ArticleQuery(tag="t\udcff")) == [] and lib.list(ArticleQuery(feed="q\udcff")) == []
    assert lib.search("q\udcff") == []
    assert [h.row.id for h in lib.search("harbour \ud800")] == [added.id]


def test_a_query_with_too_many_words_is_refused_with_a_clear_message(lib: Library) -> None:
    lib.add(_article("Ferry", BODY_A))
    with pytest.raises(UsageError, match="at most 32 words .this one has 2,000"):
        lib.search("the " * 2000)
    with pytest.raises(UsageError, match="at most 32 words"):
        lib.search("the OR " * 2000 + "ferry")
    # Operators are not words: 32 words joined by OR are fine.
    assert [h.row.title for h in lib.search(" OR ".join(["ferry"] * 32))] == ["Ferry"]
# --- one query object, updates, feeds import (issue 9) ------------------------------------------


def test_search_takes_the_same_query_object_as_list_and_count(lib: Library) -> None:
    a = lib.add(_article("Ferry", BODY_A, tags=("local",))).id
    b = lib.add(_article("Ferry again", BODY_A + " The harbour ferry is busy.", tags=("other",))).id
    assert {h.row.id for h in lib.search("ferry")} == {a, b}
    local = ArticleQuery(tag="local")
    assert [h.row.id for h in lib.search("ferry", local)] == [a]
    assert [r.id for r in lib.list(local)] == [a] and lib.count(local) == 1
    lib.mark([a], read=True)
    unread_local = ArticleQuery(tag="local", unread=True)
    assert lib.search("ferry", unread_local) == [] == lib.list(unread_local)
    assert lib.search('"ferry (', ArticleQuery(tag="other"))[0].row.id == b  # plain-word retry
    with pytest.raises(UsageError):
        lib.search("ferry", ArticleQuery(since="whenever"))


def test_huge_limits_and_ids_do_not_overflow(lib: Library) -> None:
    a = lib.add(_article("Ferry", BODY_A)).id
    assert [r.id for r in lib.list(limit=10**30, offset=10**30)] == []
    assert [r.id for r in lib.list(limit=10**30)] == [a]
    assert [h.row.id for h in lib.search("ferry", limit=10**30)] == [a]
    assert lib.existing([a, 2**63, 10**30, a + 1]) == {a}


def test_update_adds_tags_and_retitles_and_says_what_changed(lib: Library) -> None:
    a = lib.add(_article("Ferry", BODY_A, tags=("local",))).id
    assert lib.update(a, add_tags=["Local", "transport", " "]) == ("tags",)
    assert set(lib.get(a).tags) == {"local", "transport"}
    assert lib.update(a, add_tags=["transport"]) == ()
    assert lib.update(a, title="Ferry") == ()
    assert lib.update(a, title="Early ferry", add_tags=["news"]) == ("title", "tags")
    assert lib.get(a).title == "Early ferry"
    assert [h.row.id for h in lib.search("early")] == [a]  # the index follows the title
    with pytest.raises(ArticleNotFoundError):
        lib.update(a + 100, add_tags=["x"])


def test_import_feeds_keeps_names_unless_asked_and_rejects_one_outline_at_a_time(
    lib: Library,
) -> None:
    from summarize.ingest.opml import OpmlOutline

    lib.add_feed("https://news.example/rss", name="Mine")
    outlines = [OpmlOutline("HTTPS://NEWS.example/rss", "Theirs"),
                OpmlOutline("ftp://files.example/feed", "FTP"),
                OpmlOutline("https://new.example/feed", "New", full_text=True)]
    result = lib.import_feeds(outlines)
    assert result.added == ("https://new.example/feed",)
    assert result.known == ("https://news.example/rss",)
    assert [url for url, _ in result.rejected] == ["ftp://files.example/feed"]
    assert {f.url: (f.name, f.full_text) for f in lib.list_feeds()} == {
        "https://news.example/rss": ("Mine", False), "https://new.example/feed": ("New", True)}
    again = lib.import_feeds(outlines, rename=True)
    assert again.added == () and len(again.known) == 2
    assert lib.get_feed("https://news.example/rss").name == "Theirs"

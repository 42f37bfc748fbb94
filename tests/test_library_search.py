"""Search as the reader uses it: prefixes while typing, the true count, pages, newest first on ties.

Against a real SQLite library; every expected order is worked out here from the stored dates, not
copied from what the search returned.
"""

from __future__ import annotations

from pathlib import Path

import pytest

from summarize.ingest.articles import Article
from summarize.library.store import ArticleQuery, Library, match_spans, search_terms


def _article(i: int, body: str, *, published: str) -> Article:
    return Article(title=f"Report {i}", body=body, source="wire", published=published)


@pytest.fixture
def lib(tmp_path: Path) -> Library:
    library = Library(tmp_path / "search.db", seed=False)
    # 250 articles with the same text about ferries (equal ranks), on distinct dates, added in
    # an order that is not their date order
    articles = [
        _article(i, f"The ferry service number {i} sails at dawn. Islanders rely on it.",
                 published=f"2024-{1 + (i * 7) % 12:02d}-{1 + (i * 11) % 28:02d}T{i % 24:02d}:00:00Z")
        for i in range(250)
    ]
    library.add_many(articles)
    library.add(Article(title="Lithium deal", body="A lithium mine opens in the steppe.",
                        source="wire", published="2024-03-01"))
    return library


def test_count_is_every_match_not_the_page(lib: Library) -> None:
    assert lib.search_count("ferry") == 250
    assert len(lib.search("ferry", limit=200)) == 200
    assert lib.search_count("lithium") == 1
    assert lib.search_count("nothing-like-this") == 0


def test_pages_continue_where_the_last_stopped(lib: Library) -> None:
    first = lib.search("ferry", limit=200)
    rest = lib.search("ferry", limit=200, offset=200)
    ids = [h.row.id for h in first + rest]
    assert len(rest) == 50
    assert len(set(ids)) == 250


def test_equal_ranks_come_newest_first(lib: Library) -> None:
    # the bodies differ only in the number, so title+body ranks tie in groups; within a rank
    # the order must be the rows' dates, newest first
    hits = lib.search("ferry", limit=250)
    by_rank: dict[float, list[str]] = {}
    for hit in hits:
        by_rank.setdefault(hit.rank, []).append(lib.get(hit.row.id).published or "")
    assert any(len(dates) > 1 for dates in by_rank.values())
    for dates in by_rank.values():
        assert dates == sorted(dates, reverse=True)


def test_prefix_search_matches_words_as_they_are_typed(lib: Library) -> None:
    assert lib.search("fer", limit=5) == []  # a whole-word search finds no word "fer"
    assert lib.search_count("fer", prefix=True) == 250
    assert lib.search_count("lit", prefix=True) == 1
    assert lib.search_count("fe", prefix=True) == 0  # two letters narrow nothing: whole words
    hits = lib.search("fer", prefix=True, limit=300, snippets=False)
    assert [h.row.id for h in hits] == [h.row.id for h in lib.search("fer", prefix=True, limit=300)]
    assert all(h.snippet == "" for h in hits)
    assert lib.search_count("lithium ste", prefix=True) == 1
    assert lib.search_count("lithium fer", prefix=True) == 0
    # FTS5 syntax typed on purpose is left alone; a stray quote falls back to plain words
    assert lib.search_count("lithium OR ferry", prefix=True) == 251
    assert lib.search_count('"lithium', prefix=True) == 1


def test_filters_apply_before_counting_and_paging(lib: Library) -> None:
    hits = lib.search("ferry", limit=10)
    lib.mark([h.row.id for h in hits], read=True)
    assert lib.search_count("ferry", ArticleQuery(unread=True)) == 240
    unread = lib.search("ferry", ArticleQuery(unread=True), limit=300)
    assert len(unread) == 240 and not any(h.row.read for h in unread)
    lib.mark([hits[0].row.id], starred=True)
    assert [h.row.id for h in lib.search("ferry", ArticleQuery(starred=True))] == [hits[0].row.id]


def test_match_spans_find_what_a_prefix_search_matches() -> None:
    text = "Ferries and the FERRY; Fério, a referee"
    spans = match_spans(text, "fer")
    assert [text[s:e] for s, e in spans] == ["Ferries", "FERRY", "Fério"]
    assert search_terms("lithium OR ferry") == ["lithium", "ferry"]
    assert match_spans(text, "") == []


def test_topic_articles_use_stored_topics_then_the_phrase_in_the_text(tmp_path: Path) -> None:
    library = Library(tmp_path / "topics.db", seed=False)
    ids = [library.add(Article(title=f"Note {i}", body=body, source="wire",
                               published=f"2024-01-0{i + 1}")).id
           for i, body in enumerate([
               "The harbour council met. The harbour council voted for a new sea wall. "
               "The harbour council will meet again in May.",
               "Tourists filled the old town on Saturday. Later the harbour council "
               "announced a parking plan.",
               "A glacier retreated by forty metres this summer, scientists said.",
           ])]
    stored = library.topics(ids[0])  # only the first article's topics are stored
    assert any(t.label.casefold() == "harbour council" for t in stored)
    with library._lock:
        before = library._conn.execute("SELECT count(*) FROM topics").fetchone()[0]
    rows = library.topic_articles("harbour council")
    assert [r.id for r in rows] == [ids[0], ids[1]]  # stored topic first, then the phrase
    with library._lock:  # nothing computed on the way
        assert library._conn.execute("SELECT count(*) FROM topics").fetchone()[0] == before
    assert library.topic_articles("sea wall", limit=1) and library.topic_articles("zebra") == []


def test_index_topics_for_some_articles_and_stops_when_asked(lib: Library) -> None:
    ids = [h.row.id for h in lib.search("ferry", limit=5)]
    assert lib.index_topics(ids=ids[:2]) == 2
    assert lib.index_topics(ids=ids[:2]) == 0  # already current
    asked = 0

    def stop() -> bool:
        nonlocal asked
        asked += 1
        return asked > 1

    assert lib.index_topics(ids=ids[2:], stop=stop) == 1

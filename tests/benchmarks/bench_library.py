"""Speed of the article library at 10,000 articles: import, list, search and show, in one run.

    python tests/benchmarks/bench_library.py [--articles 10000] [--rounds 5]

Builds a fresh library in a temporary directory from articles synthesised from the bundled
samples (paragraphs shuffled and numbered, so every text is distinct), then times:

* import: `Library.add_many` (one transaction) for all of them, and `Library.add` one at a time
  (one transaction each) for a slice;
* list: the first page (50 rows), all rows, a tag filter and an unread count;
* search: `Library.search` as the user sees it (BM25 ranking, snippets for the top 50), and the
  matching step alone (every article holding every word) through the FTS5 index side by side
  with the peer a hand-rolled store would use, a plain SQLite `LIKE '%word%'` scan over title
  and body of the same tables, reported as a ratio (LIKE time / FTS5 time);
* show: `Library.summary` + `Library.topics` for articles not seen yet (computed, then cached)
  and again (from the cache), with the ratio between the two.

Timings are medians over rounds. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from summarize.ingest.articles import Article, load_article_file, sample_article_paths
from summarize.library.store import ArticleQuery, Library

QUERIES = ["lithium", "ferry bridge", "council budget", "glacier microbes", "hospital waiting",
           "Kazakhstan", "cup final"]


def synthesise(n: int, seed: int = 7) -> list[Article]:
    """`n` distinct articles made from the samples: shuffled paragraphs, a numbered lead line."""
    rng = random.Random(seed)
    samples = [load_article_file(p) for p in sample_article_paths()]
    out = []
    for i in range(n):
        base = samples[i % len(samples)]
        paragraphs = [p for p in base.body.split("\n\n") if p.strip()]
        head, rest = paragraphs[:1], paragraphs[1:]
        rng.shuffle(rest)
        keep = rest[: max(2, int(len(rest) * rng.uniform(0.6, 1.0)))]
        lead = f"Update {i}: the story continues with new reports from correspondents."
        body = "\n\n".join([lead, *head, *keep])
        year = 2020 + i % 7
        out.append(replace(
            base,
            title=f"{base.title} ({i})",
            body=body,
            url=f"{base.url}#{i}" if base.url else None,  # a link is an article: one each
            published=f"{year}-{1 + i % 12:02d}-{1 + i % 28:02d}",
            tags=base.tags + ((f"batch{i % 20}",) if i % 3 == 0 else ()),
        ))
    return out


def median_ms(fn: Callable[[], object], rounds: int) -> float:
    times = []
    for _ in range(rounds):
        start = time.perf_counter()
        fn()
        times.append((time.perf_counter() - start) * 1000)
    return statistics.median(times)


def like_scan(lib: Library, query: str) -> list[int]:
    """The peer: every article whose title or body holds every word (`LIKE '%word%'`)."""
    words = query.split()
    where = " AND ".join("(a.title LIKE ? OR b.body LIKE ?)" for _ in words)
    params: list[object] = []
    for w in words:
        params += [f"%{w}%", f"%{w}%"]
    rows = lib._query(  # noqa: SLF001 - the benchmark reads the same tables directly
        f"SELECT a.id FROM articles a JOIN bodies b ON b.article_id = a.id WHERE {where}", params
    )
    return [r[0] for r in rows]


def fts_match(lib: Library, query: str) -> list[int]:
    """The same question through the FTS5 index: every matching id, no ranking, no snippets."""
    rows = lib._query(  # noqa: SLF001
        "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?", [query]
    )
    return [r[0] for r in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--show", type=int, default=20, help="articles to show cold and warm")
    args = parser.parse_args()

    articles = synthesise(args.articles + 500)
    bulk, singles = articles[: args.articles - 500], articles[args.articles - 500 : args.articles]
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "bench.db"
        lib = Library(path, seed=False)
        start = time.perf_counter()
        lib.add_many(bulk)
        bulk_s = time.perf_counter() - start
        start = time.perf_counter()
        for a in singles:
            lib.add(a)
        single_s = time.perf_counter() - start
        total = lib.count()
        lib.mark(range(1, total, 3), read=True)
        size_mb = sum(p.stat().st_size for p in Path(tmp).iterdir()) / 1e6
        print(f"library: {total} articles, {size_mb:.1f} MB on disk (with WAL), "
              f"Python {sys.version.split()[0]}")
        print()
        print("import")
        print(f"  add_many, one transaction   {bulk_s * 1000 / len(bulk):8.3f} ms/article "
              f"({len(bulk)} in {bulk_s:.2f} s)")
        print(f"  add, one transaction each   {single_s * 1000 / len(singles):8.3f} ms/article "
              f"({len(singles)} in {single_s:.2f} s)")

        print()
        print(f"list (median of {args.rounds})")
        for name, fn in [
            ("first page (50 rows)", lambda: lib.list(limit=50)),
            (f"all rows ({total})", lambda: lib.list()),
            ("--tag batch3 (all)", lambda: lib.list(ArticleQuery(tag="batch3"))),
            ("--unread --limit 50", lambda: lib.list(ArticleQuery(unread=True), limit=50)),
            ("count --unread", lambda: lib.count(ArticleQuery(unread=True))),
        ]:
            print(f"  {name:<28}{median_ms(fn, args.rounds):8.2f} ms")

        print()
        print(f"search (median of {args.rounds})   search() top 50   all matches:  FTS5"
              "    LIKE scan  LIKE/FTS5  hits")
        fts_total = like_total = 0.0
        for q in QUERIES:
            ours = median_ms(lambda: lib.search(q, limit=50), args.rounds)
            fts = median_ms(lambda: fts_match(lib, q), args.rounds)
            like = median_ms(lambda: like_scan(lib, q), args.rounds)
            fts_total += fts
            like_total += like
            hits = len(fts_match(lib, q))
            print(f"  {q!r:<22}{ours:8.2f} ms {'':>14}{fts:8.2f} ms {like:8.2f} ms "
                  f"{like / fts:8.1f}x {hits:5d}")
        print(f"  {'all queries':<22}{'':>11} {'':>14}{fts_total:8.2f} ms {like_total:8.2f} ms "
              f"{like_total / fts_total:8.1f}x")
        print("  search() ranks by BM25 (title x10) and builds highlighted snippets for the top 50;")
        print("  the match columns answer the same question (which articles hold every word)")
        print("  through the FTS5 index and through a LIKE scan of the same tables.")

        print()
        ids = [r.id for r in lib.list(limit=args.show, offset=1000)]
        start = time.perf_counter()
        for i in ids:
            lib.summary(i)
            lib.topics(i)
        cold = (time.perf_counter() - start) * 1000 / len(ids)
        warm = median_ms(lambda: [(lib.get(i), lib.summary(i), lib.topics(i)) for i in ids],
                         args.rounds) / len(ids)
        print(f"show: get + summary + topics, {len(ids)} articles")
        print(f"  first time (computed, stored) {cold:8.2f} ms/article")
        print(f"  again (from the cache)        {warm:8.2f} ms/article   "
              f"({cold / warm:.0f}x faster)")
        lib.close()


if __name__ == "__main__":
    main()

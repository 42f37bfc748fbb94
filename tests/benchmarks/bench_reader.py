"""Benchmark of the reader over a 10,000- or 100,000-article library (a script; pytest does not
collect it).

    .venv/bin/python tests/benchmarks/bench_reader.py [--articles 10000] [--selections 40]

The library is built in a child process (so its peak memory is not the reader's). Measures,
headless (Textual's `run_test`), against the aims of issues 4 and 13:
  * first paint: from constructing the app (modules already imported) to the frame showing the
    list with its rows (aim < 1 s), and to the first article's summary shown;
  * selection to summary shown: a key press in the list until the summary pane holds the new
    article's summary, computed (first visit) and from the library's cache (second visit)
    (aim < 100 ms);
  * search: `Library.search` alone, and each typed character until the list shows its hits
    (aim < 50 ms), with the share of that spent redrawing (from the hits arriving to the frame);
  * topic filter: `Library.topic_articles` after import (aim < 200 ms), and what computing one
    article's topics at import costs;
  * memory: resident set size of the process with the reader open on the library (aim < 300 MB);
  * the installed `newsdesk` in a real terminal (tmux): command to list on screen (aim < 1 s).
Side by side with a named peer: the same 10,000 rows in Textual's own `DataTable` (what the list
would cost without the Line API), mounted and painted in the same process.
"""

from __future__ import annotations

import argparse
import asyncio
import resource
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from summarize.ingest.articles import load_article_file, sample_article_paths  # noqa: E402
from summarize.library.store import Library  # noqa: E402
from tui.app import NewsdeskApp  # noqa: E402
from tui.messages import AnalysisReady, ListLoaded  # noqa: E402

QUERIES = ["lithium", "ferry", "council budget", "hospital waiting", "port expansion"]


def build_library(path: Path, n: int) -> None:
    """`n` articles made from the samples, each with a unique sentence and its own link (an
    article is known by its link first, then its text: neither may merge them)."""
    samples = [load_article_file(p) for p in sample_article_paths()]
    articles = []
    for i in range(n):
        base = samples[i % len(samples)]
        day = 1 + i % 28
        month = 1 + (i // 28) % 12
        year = 2000 + i // (28 * 12)
        articles.append(
            replace(
                base,
                title=f"{base.title} ({i})",
                url=f"https://example.org/archive/{i}",
                body=f"{base.body}\n\nThis is archive record number {i} of the benchmark.",
                published=f"{year:04d}-{month:02d}-{day:02d}",
            )
        )
    with Library(path, seed=False) as library:
        for start in range(0, n, 1000):
            library.add_many(articles[start : start + 1000])


class TimedApp(NewsdeskApp):
    """The reader, recording when list and summary results are on screen (after the next refresh)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.list_shown: list[float] = []
        self.list_loaded: list[float] = []
        self.summary_shown: list[tuple[float, int | None]] = []
        self.highlighted: list[float] = []

    def on_article_list_highlighted(self) -> None:
        self.highlighted.append(time.perf_counter())

    def on_list_loaded(self, message: ListLoaded) -> None:
        if self.screen_stack and message.token == self.reader._list_token:
            self.list_loaded.append(time.perf_counter())
            self.call_after_refresh(lambda: self.list_shown.append(time.perf_counter()))

    def on_analysis_ready(self, message: AnalysisReady) -> None:
        if self.screen_stack and message.token == self.reader._article_token:
            shown = message.article_id
            self.call_after_refresh(lambda: self.summary_shown.append((time.perf_counter(), shown)))


def rss_mb() -> float:
    """Peak resident set size of this process so far."""
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024


async def wait_until(pilot: Any, test: Any, timeout: float = 30.0) -> None:
    deadline = time.perf_counter() + timeout
    while not test():
        if time.perf_counter() > deadline:
            raise TimeoutError("benchmark step did not finish")
        await asyncio.sleep(0.001)


async def bench_reader(path: Path, config: Path, selections: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    start = time.perf_counter()
    app = TimedApp(path, config_path=config)
    async with app.run_test(size=(120, 36)) as pilot:
        await wait_until(pilot, lambda: app.list_shown)
        out["first_paint"] = app.list_shown[0] - start
        out["rows"] = len(app.reader.article_list.rows)
        await wait_until(pilot, lambda: app.summary_shown)
        out["first_summary"] = app.summary_shown[0][0] - start
        out["rss_mb"] = rss_mb()

        async def select(times: list[float], key: str) -> None:
            """From the list's cursor moving (the key handled) to the summary on screen."""
            before = len(app.summary_shown)
            await pilot.press(key)
            await wait_until(pilot, lambda: len(app.summary_shown) > before
                             and app.summary_shown[-1][1] == app.reader.article_list.current.id)
            times.append(app.summary_shown[-1][0] - app.highlighted[-1])

        fresh: list[float] = []
        for _ in range(selections):
            await select(fresh, "down")
        cached: list[float] = []
        for _ in range(selections):
            await select(cached, "up")
        out["select_fresh"] = fresh
        out["select_cached"] = cached

        typed: list[float] = []
        redraw: list[float] = []
        for query in QUERIES:
            await pilot.press("escape")
            await app.workers.wait_for_complete()
            await pilot.press("slash")
            for char in query:
                await app.workers.wait_for_complete()
                before = len(app.list_shown)
                t0 = time.perf_counter()
                await pilot.press("space" if char == " " else char)
                if char == " ":
                    continue  # the same words: no new search
                await wait_until(pilot, lambda n=before: len(app.list_shown) > n)
                typed.append(app.list_shown[-1] - t0)
                redraw.append(app.list_shown[-1] - app.list_loaded[-1])
        out["search_shown"] = typed
        out["search_redraw"] = redraw
        out["rss_mb_after"] = rss_mb()
    with Library(path) as library:
        core: list[float] = []
        for query in QUERIES:
            for end in range(1, len(query) + 1):
                t0 = time.perf_counter()
                library.search(query[:end], limit=200, prefix=True, snippets=False)
                library.search_count(query[:end], prefix=True)
                core.append(time.perf_counter() - t0)
        out["search_core"] = core
        sample = [r.id for r in library.list(limit=200)]
        t0 = time.perf_counter()
        library.index_topics(ids=sample)
        out["topics_per_article"] = (time.perf_counter() - t0) / len(sample)
        labels = [label for label, _ in library.topic_counts(limit=10)]
        topic: list[float] = []
        for label in labels * 2:
            t0 = time.perf_counter()
            library.topic_articles(label)
            topic.append(time.perf_counter() - t0)
        out["topic_filter"] = topic
    return out


async def bench_datatable(path: Path) -> float:
    """Textual's DataTable with the same rows: start to rows painted."""
    from textual.app import App, ComposeResult
    from textual.widgets import DataTable

    with Library(path) as library:
        rows = library.list()

    class TableApp(App[None]):
        def compose(self) -> ComposeResult:
            yield DataTable(cursor_type="row")

        def on_mount(self) -> None:
            table = self.query_one(DataTable)
            table.add_columns("", "Title", "Source", "Date")
            table.add_rows(
                ("●" if not r.read else " ", r.title, r.source, (r.published or "")[:10]) for r in rows
            )

    app = TableApp()
    start = time.perf_counter()
    async with app.run_test(size=(120, 36)) as pilot:
        await pilot.pause()
        return time.perf_counter() - start


def bench_terminal(path: Path, config: Path, runs: int = 3) -> list[float] | None:
    """The installed `newsdesk` in a real terminal (tmux): command start to the list on screen.

    Includes Python's start-up and every import; polled every 5 ms with `capture-pane`.
    """
    import os
    import shutil
    import subprocess

    tmux = shutil.which("tmux")
    newsdesk = shutil.which("newsdesk", path=str(Path(sys.executable).parent))
    if not tmux or not newsdesk:
        return None
    socket = f"bench-reader-{os.getpid()}"
    times = []
    # The pane stays after newsdesk exits (remain-on-exit), so a failed start shows its error
    # instead of the server vanishing under `capture-pane` ("server exited unexpectedly").
    env = [f"NEWSDESK_LIBRARY={path}", f"NEWSDESK_CONFIG={config}", "TERM=xterm-256color",
           f"HOME={os.environ.get('HOME', '/tmp')}", f"PATH={os.environ.get('PATH', '')}"]
    subprocess.run([tmux, "-L", socket, "-f", "/dev/null", "new-session", "-d", "-s", "bench",
                    "-x", "120", "-y", "36", "sleep", "3600"], check=True)
    subprocess.run([tmux, "-L", socket, "set-option", "-g", "remain-on-exit", "on"], check=True)
    try:
        for run in range(runs):
            t0 = time.perf_counter()
            subprocess.run([tmux, "-L", socket, "new-window", "-t", "bench", "-n", f"r{run}",
                            "env", *env, newsdesk], check=True)
            while True:
                screen = subprocess.run([tmux, "-L", socket, "capture-pane", "-p", "-t",
                                         f"bench:r{run}"], capture_output=True, text=True).stdout
                if "Articles · " in screen and "●" in screen:
                    times.append(time.perf_counter() - t0)
                    break
                if time.perf_counter() - t0 > 30:
                    raise TimeoutError(f"newsdesk did not paint in 30 s; the pane shows:\n{screen}")
                time.sleep(0.005)
            subprocess.run([tmux, "-L", socket, "kill-window", "-t", f"bench:r{run}"],
                           capture_output=True)
    finally:
        subprocess.run([tmux, "-L", socket, "kill-server"], capture_output=True)
    return times


def ms(seconds: float) -> str:
    return f"{seconds * 1000:7.1f} ms"


def summary_line(name: str, values: list[float], aim: float) -> str:
    med = statistics.median(values)
    p95 = sorted(values)[max(0, int(len(values) * 0.95) - 1)]
    verdict = "meets" if p95 < aim else ("median meets" if med < aim else "MISSES")
    return (f"{name:34} median {ms(med)}  p95 {ms(p95)}  max {ms(max(values))}"
            f"   aim < {aim * 1000:.0f} ms: {verdict}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=10_000)
    parser.add_argument("--selections", type=int, default=40)
    parser.add_argument("--library", type=Path, help="reuse (or build) this library file")
    parser.add_argument("--build-only", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.build_only:
        build_library(args.library, args.articles)
        return

    import shutil
    import subprocess

    tmp = Path(tempfile.mkdtemp(prefix="bench-reader-"))
    path = args.library or tmp / "library.db"
    if not path.exists():
        t0 = time.perf_counter()
        subprocess.run([sys.executable, __file__, "--build-only", "--library", str(path),
                        "--articles", str(args.articles)], check=True)
        print(f"built a {args.articles:,}-article library in {time.perf_counter() - t0:.1f} s: {path}")
    config = tmp / "config.toml"
    # a fresh copy each run, so "computed" summaries are not in the library's cache yet
    copy = tmp / "run.db"
    shutil.copyfile(path, copy)
    path = copy
    base_rss = rss_mb()

    result = asyncio.run(bench_reader(path, config, args.selections))
    table = asyncio.run(bench_datatable(path))

    print(f"\nreader over {result['rows']:,} articles (headless, 120x36)")
    fp = result["first_paint"]
    print(f"{'first paint (list with rows)':34} {ms(fp)}   aim < 1000 ms: {'meets' if fp < 1 else 'MISSES'}")
    print(f"{'first summary shown':34} {ms(result['first_summary'])}")
    print(f"{'peer: DataTable, same rows':34} {ms(table)}   ArticleList is {table / fp:.1f}x faster")
    print(summary_line("select -> summary (computed)", result["select_fresh"], 0.100))
    print(summary_line("select -> summary (cached)", result["select_cached"], 0.100))
    print(summary_line("search: Library.search+count", result["search_core"], 0.050))
    print(summary_line("search: typed char -> hits shown", result["search_shown"], 0.050))
    shown, redraw = statistics.median(result["search_shown"]), statistics.median(result["search_redraw"])
    print(f"{'  of which redraw (hits -> frame)':34} median {ms(redraw)}  ({redraw / shown:.0%} of the median)")
    print(f"{'topics at import, per article':34} {ms(result['topics_per_article'])}")
    print(summary_line("topic filter (topic_articles)", result["topic_filter"], 0.200))
    rss = result["rss_mb_after"]
    print(f"{'memory (peak RSS, reader open)':34} {rss:7.1f} MB   aim < 300 MB: "
          f"{'meets' if rss < 300 else 'MISSES'} (before the app: {base_rss:.1f} MB)")
    sys.stdout.flush()
    try:
        terminal = bench_terminal(path, config)
    except (OSError, subprocess.SubprocessError, TimeoutError) as e:
        print(f"real terminal: could not measure ({e})")
        return
    if terminal:
        best = min(terminal)
        print(f"{'real terminal: command to list':34} {ms(best)}   (best of {len(terminal)}, tmux; "
              f"median {ms(statistics.median(terminal))}; aim < 1000 ms: "
              f"{'meets' if best < 1 else 'MISSES'})")


if __name__ == "__main__":
    main()

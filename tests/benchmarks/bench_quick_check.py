"""What checking a library for damage costs at 100,000 articles, beside what opening it costs.

    .venv/bin/python tests/benchmarks/bench_quick_check.py [--articles 100000] [--rounds 3]

`Library` runs `PRAGMA quick_check` once per process, before its first write, so a damaged file
is refused rather than written to. This builds a library of synthesised articles (the same
generator as `bench_library.py`) and times, side by side on that file:

* open: `Library(path)` and one `list(limit=50)` (what every command pays anyway);
* quick_check: the check `Library` runs before its first write;
* integrity_check: the peer, SQLite's full check (also verifies indexes against tables),
  reported as a ratio (integrity_check / quick_check).

Timings are medians over rounds, with a cold-ish page cache per round (a fresh connection).
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import sqlite3
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_library import median_ms, synthesise  # noqa: E402

from summarize.library.store import Library  # noqa: E402


def check_ms(path: Path, pragma: str, rounds: int) -> float:
    def run() -> None:
        conn = sqlite3.connect(path)
        try:
            assert conn.execute(f"PRAGMA {pragma}").fetchone()[0] == "ok"
        finally:
            conn.close()

    return median_ms(run, rounds)


def open_ms(path: Path, rounds: int) -> float:
    def run() -> None:
        with Library(path, seed=False) as lib:
            lib.list(limit=50)

    return median_ms(run, rounds)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--articles", type=int, default=100_000)
    parser.add_argument("--rounds", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / "library.db"
        start = time.perf_counter()
        with Library(path, seed=False) as lib:
            lib.add_many(synthesise(args.articles))
        built = time.perf_counter() - start
        size_mb = path.stat().st_size / 1e6
        print(f"library: {args.articles:,} articles, {size_mb:,.0f} MB (built in {built:.0f} s)")
        opened = open_ms(path, args.rounds)
        quick = check_ms(path, "quick_check", args.rounds)
        full = check_ms(path, "integrity_check", args.rounds)
        print(f"open + list 50:   {opened:9.1f} ms")
        print(f"quick_check:      {quick:9.1f} ms  ({quick / opened:.1f}x open + list)")
        print(f"integrity_check:  {full:9.1f} ms  (peer: {full / quick:.1f}x quick_check)")


if __name__ == "__main__":
    main()

"""Benchmark: the inputs that kept a summarizer or the HTML reader busy for minutes (issue 10 #8).

Each case runs `summarize` in a subprocess, as a user would, and prints its wall and CPU time
(CPU of the child: the figure that holds on a busy machine), its exit status and the first line
of its error output, so a refused input shows its message:

- `news` asked for every sentence of a 10,000-sentence text (`-n 10000`, `--ratio 100%`): the
  redundancy-aware greedy choice is bounded (`news_rank.GREEDY_WORK`), the rest goes by rank;
- every sumy method at its limit (`sumy_adapter.MAX_SENTENCES`) and at 10,000 sentences, where
  the capped ones refuse with a message;
- a 1 MB HTML page with 100,000 attributes on one tag (refused before trafilatura) and one with
  `MAX_TAG_ATTRIBUTES` of them (read).

    .venv/bin/python tests/benchmarks/bench_bounds.py [--timeout 120] [--only news kl ...]

The texts are the fault tests' (`tests/test_cpu_bounds.long_article`): sentences drawn from a
few dozen words, so every pair of sentences shares words, the slow case for the sumy methods.
Pass `--python` to time another checkout's interpreter the same way (PYTHONPATH to its tree).
Not collected by pytest (speed is measured here, never in timed tests).
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from summarize.ingest.inputs import MAX_TAG_ATTRIBUTES  # noqa: E402
from summarize.sumy_adapter import MAX_SENTENCES  # noqa: E402
from test_cpu_bounds import _page, long_article  # noqa: E402


def run(args: list[str], python: str, pythonpath: str | None, timeout: float) -> str:
    """One `summarize` run: 'wall s, cpu s, exit status, first error line'."""
    env = dict(os.environ)
    if pythonpath:
        env["PYTHONPATH"] = pythonpath
    before = resource.getrusage(resource.RUSAGE_CHILDREN)
    t0 = time.perf_counter()
    try:
        result = subprocess.run(
            [python, "-m", "summarize.cli.summarize_cmd", "-k", "0", *args],
            capture_output=True, text=True, timeout=timeout, check=False, env=env,
            cwd=pythonpath or ROOT,
        )
        status = str(result.returncode)
        error = (result.stderr.strip().splitlines() or [""])[0]
    except subprocess.TimeoutExpired:
        status, error = "-", f"still running after {timeout:.0f} s (stopped)"
    wall = time.perf_counter() - t0
    after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    return f"{wall:7.1f} {cpu:7.1f}  {status:>4}  {error[:110]}"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per run")
    parser.add_argument("--only", nargs="*", help="case names starting with these")
    parser.add_argument("--python", default=sys.executable, help="interpreter to time")
    parser.add_argument("--pythonpath", help="PYTHONPATH for it (another checkout)")
    args = parser.parse_args(argv)

    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp)

        def article(n: int) -> str:
            path = folder / f"article-{n}.txt"
            if not path.exists():
                path.write_text(long_article(n), encoding="utf-8")
            return str(path)

        def page(attributes: int) -> str:
            path = folder / f"page-{attributes}.html"
            path.write_text(_page(attributes), encoding="utf-8")
            return str(path)

        cases: list[tuple[str, list[str]]] = [
            ("news -n 10000, 10k sentences", ["-n", "10000", article(10_000)]),
            ("news --ratio 100%, 10k sentences", ["--ratio", "100%", article(10_000)]),
            ("news default, 10k sentences", [article(10_000)]),
        ]
        for method, limit in MAX_SENTENCES.items():
            cases.append((f"{method} at its limit, {limit:,} sentences",
                          ["-m", method, article(limit)]))
            cases.append((f"{method}, 10k sentences", ["-m", method, article(10_000)]))
        cases.append(("html, 100,000 attributes on one tag", [page(100_000)]))
        cases.append((f"html, {MAX_TAG_ATTRIBUTES:,} attributes on one tag",
                      [page(MAX_TAG_ATTRIBUTES)]))

        print(f"{'case':<40} {'wall s':>7} {'cpu s':>7}  exit  first error line")
        for name, case_args in cases:
            if args.only and not any(name.startswith(o) for o in args.only):
                continue
            print(f"{name:<40} {run(case_args, args.python, args.pythonpath, args.timeout)}",
                  flush=True)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Start-up benchmark: `summarize -n 3 < article` against a minimal sumy one-shot, side by side.

Both run as fresh processes on the same article, alternating, several times; the script prints
the median wall time of each, the ratio (the target is at least 10x less wall time for
`summarize`) and each one's peak memory (max RSS of the child, from `os.wait4`). It also times
bare Python and `import click` so the floor under the command is visible, and with --profile
prints the slowest imports of the command (`python -X importtime`); with --batch times serial
against process-pool runs of many inputs (the threshold for `summarize.cli.PARALLEL_MIN_INPUTS`).

    /work/venv/bin/python tests/benchmarks/bench_startup.py [--runs 15] [--article PATH] [--profile]
        [--batch [--batch-jsonl FILE]]

The peer is what a user would write with sumy alone: LexRank over PlaintextParser.from_string
with a regex tokenizer object (sumy's stock Tokenizer needs NLTK data, which we never download).
Not collected by pytest.
"""

from __future__ import annotations

import argparse
import os
import shutil
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ARTICLE = ROOT / "sample_articles" / "seed-kazakhstan-un.txt"

SUMY_ONE_SHOT = r"""
import re, sys
from sumy.parsers.plaintext import PlaintextParser
from sumy.summarizers.lex_rank import LexRankSummarizer

class RegexTokenizer:
    language = "english"
    def to_sentences(self, paragraph):
        return [s for s in re.split(r"(?<=[.!?])\s+", paragraph) if s.strip()]
    def to_words(self, sentence):
        return re.findall(r"\w+", sentence)

parser = PlaintextParser.from_string(sys.stdin.read(), RegexTokenizer())
for sentence in LexRankSummarizer()(parser.document, 3):
    print(sentence)
"""


def summarize_command() -> list[str]:
    """The installed console script next to this interpreter, else `python -m summarize.cli`."""
    script = Path(sys.executable).with_name("summarize")
    if script.exists():
        return [str(script), "-n", "3"]
    found = shutil.which("summarize")
    return [found, "-n", "3"] if found else [sys.executable, "-m", "summarize.cli", "-n", "3"]


def run_once(cmd: list[str], article: Path) -> tuple[float, int, bytes]:
    """(wall seconds, peak RSS in KiB, stdout) of one fresh process reading `article` on stdin."""
    with article.open("rb") as stdin:
        started = time.perf_counter()
        proc = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
        assert proc.stdout is not None and proc.stderr is not None
        out = proc.stdout.read()
        err = proc.stderr.read()
        _, status, usage = os.wait4(proc.pid, 0)
        wall = time.perf_counter() - started
    proc.returncode = os.waitstatus_to_exitcode(status)
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {err.decode(errors='replace')}")
    return wall, usage.ru_maxrss, out  # ru_maxrss is KiB on Linux


def profile_imports(cmd: list[str], article: Path, top: int = 12) -> None:
    """Print the slowest imports (cumulative) of one run of `cmd`."""
    base = [sys.executable, "-X", "importtime", "-m", "summarize.cli", *cmd[1:]]
    with article.open("rb") as stdin:
        err = subprocess.run(base, stdin=stdin, capture_output=True, check=True).stderr.decode()
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_us, cumulative, name = (p.strip() for p in line[len("import time:"):].split("|"))
        rows.append((int(cumulative), int(self_us), name))
    rows.sort(reverse=True)
    print(f"\nslowest imports of {' '.join(base[3:])} (cumulative ms, self ms):")
    for cumulative, self_us, name in rows[:top]:
        print(f"  {cumulative / 1000:7.1f} {self_us / 1000:7.1f}  {name}")


def batch_threshold(
    jsonl: Path | None, method: str = "news", sizes: tuple[int, ...] = (2, 4, 8, 16, 32, 64)
) -> None:
    """Serial against process-pool wall time for N inputs, in this process (what sets
    `summarize.cli.PARALLEL_MIN_INPUTS`): below the break-even, starting workers costs more.
    Inputs are the sample article files, or the "text" fields of a JSON Lines file."""
    import json

    import summarize.cli as cli

    if jsonl is not None:
        texts = [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
        pool_of_jobs = [cli.Job(name=f"{jsonl.name}:{i}", text=t) for i, t in enumerate(texts)]
    else:
        pool_of_jobs = [cli.Job(name=str(p), spec=str(p))
                        for p in sorted((ROOT / "sample_articles").glob("*.txt"))]
    options = cli.Options(method=method, sentences=3, topics=8, want_topics=True)
    print(f"\nbatch: serial vs process pool ({os.cpu_count()} cores), {method} summary + 8 topics "
          f"per input, "
          f"inputs from {jsonl or 'sample_articles/*.txt'}")
    if len(pool_of_jobs) > max(sizes):
        sizes = (*sizes, len(pool_of_jobs))  # and the whole file once
    for n in sizes:
        jobs = [pool_of_jobs[i % len(pool_of_jobs)] for i in range(n)]
        timings = {}
        for mode, threshold in (("serial", 10**9), ("pool", 1)):
            cli.PARALLEL_MIN_INPUTS = threshold
            runs = []
            for _ in range(3):
                started = time.perf_counter()
                outcomes = list(cli.run_jobs(jobs, options))
                runs.append(time.perf_counter() - started)
                assert all(o.result for o in outcomes)
            timings[mode] = statistics.median(runs)
        print(f"  {n:3d} inputs: serial {timings['serial'] * 1000:7.1f} ms, "
              f"pool {timings['pool'] * 1000:7.1f} ms, speed-up {timings['serial'] / timings['pool']:.2f}x")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=15)
    parser.add_argument("--article", type=Path, default=DEFAULT_ARTICLE)
    parser.add_argument("--profile", action="store_true", help="also print the slowest imports")
    parser.add_argument("--batch", action="store_true",
                        help="also time serial against process-pool runs of 2..64 inputs")
    parser.add_argument("--batch-jsonl", type=Path, help='take batch inputs from a JSON Lines "text" field')
    parser.add_argument("--batch-method", default="news", help="summarization method for --batch")
    args = parser.parse_args()

    ours = summarize_command()
    peer = [sys.executable, "-c", SUMY_ONE_SHOT]
    floor = [sys.executable, "-c", "pass"]
    click_only = [sys.executable, "-c", "import click"]
    commands = {"summarize -n 3": ours, "sumy LexRank one-shot": peer,
                "python -c pass": floor, "python -c 'import click'": click_only}
    for cmd in commands.values():  # warm the page cache and .pyc files
        run_once(cmd, args.article)

    walls: dict[str, list[float]] = {name: [] for name in commands}
    peaks: dict[str, int] = {name: 0 for name in commands}
    for _ in range(args.runs):  # alternate, so drift in machine load hits both alike
        for name, cmd in commands.items():
            wall, peak, out = run_once(cmd, args.article)
            walls[name].append(wall)
            peaks[name] = max(peaks[name], peak)
            if name in ("summarize -n 3", "sumy LexRank one-shot"):
                assert len(out.decode().strip().splitlines()) == 3, out

    size = args.article.stat().st_size
    print(f"article: {args.article.name} ({size:,} bytes); {args.runs} runs each, alternating")
    print(f"command: {' '.join(ours)} < {args.article.name}")
    print(f"{'':28} {'median wall':>12} {'min wall':>10} {'peak RSS':>10}")
    for name in commands:
        print(f"{name:28} {statistics.median(walls[name]) * 1000:9.1f} ms "
              f"{min(walls[name]) * 1000:7.1f} ms {peaks[name] / 1024:7.1f} MB")
    ours_wall = statistics.median(walls["summarize -n 3"])
    peer_wall = statistics.median(walls["sumy LexRank one-shot"])
    ratio = peer_wall / ours_wall
    print(f"\nratio: sumy one-shot / summarize = {ratio:.1f}x less wall time "
          f"(target >= 10x: {'met' if ratio >= 10 else 'NOT met'})")
    print(f"peak memory: summarize {peaks['summarize -n 3'] / 1024:.1f} MB, "
          f"sumy one-shot {peaks['sumy LexRank one-shot'] / 1024:.1f} MB")
    floor_wall = statistics.median(walls["python -c pass"])
    click_wall = statistics.median(walls["python -c 'import click'"])
    print(f"above bare Python: summarize {(ours_wall - floor_wall) * 1000:.1f} ms; 'import click' "
          f"{(click_wall - floor_wall) * 1000:.1f} ms (click plus the stdlib it pulls in, much of "
          f"which the core needs anyway: --profile shows click's own share)")
    print(f"bound: a program that only imports click would be "
          f"{peer_wall / click_wall:.1f}x faster than the sumy one-shot")
    if args.profile:
        profile_imports(ours, args.article)
    if args.batch:
        batch_threshold(args.batch_jsonl, args.batch_method)


if __name__ == "__main__":
    main()

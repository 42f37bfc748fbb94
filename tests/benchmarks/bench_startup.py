"""Start-up benchmark: `summarize -n 3 < article` against a minimal sumy one-shot, side by side.

Measured as a user runs it, not as we develop it: the script builds a wheel of the working tree
(`pip wheel --no-deps --no-build-isolation --no-index`), makes a throwaway venv in a temp dir
(`python -m venv --without-pip`) and installs the wheel there (`pip --python VENV install
--no-deps --no-index`: a real, non-editable install with compiled .pyc files). The dependencies
come from this interpreter's site-packages through one `.pth` line in the venv. That line only
adds the directory to sys.path (.pth files found there are not processed), so the dev venv's
editable-install hook, which costs ~11 ms at every start, is not loaded.

Every command runs with that venv's interpreter, as fresh processes on the same article,
alternating, several times; the script prints the median wall time of each, the ratio (the
target is at least 10x less wall time for `summarize`) and each one's peak memory (max RSS of the
child, from `os.wait4`). It also times bare Python, `import argparse` and `import click` so the
floor under the command is visible; --profile prints the slowest imports of the installed
command (`python -X importtime VENV/bin/summarize -n 3`); --batch times serial against
process-pool runs of many inputs in this process (the threshold for
`summarize.cli.summarize_cmd.PARALLEL_MIN_INPUTS`).

    python tests/benchmarks/bench_startup.py [--runs 15] [--article PATH] [--profile]
        [--keep] [--batch [--batch-jsonl FILE]]

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
import sysconfig
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
DEFAULT_ARTICLE = ROOT / "sample_articles" / "seed-kazakhstan-un.txt"
SOURCES = ("pyproject.toml", "README.md", "summarize", "tui", "sample_articles")
"""What the wheel is built from (copied out first: an in-tree build would leave build/ and
*.egg-info in the shared working tree)."""

ENV = {k: v for k, v in os.environ.items() if k not in ("PYTHONDONTWRITEBYTECODE", "PYTHONPATH")}
"""Children read and write .pyc files as on a user's machine."""
CWD = tempfile.gettempdir()
"""Children run outside the repository: `python -c` puts the working directory first on
sys.path, which would import the repo's `summarize/` instead of the installed one."""

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


class UserInstall:
    """A throwaway venv with the working tree installed as a wheel (see the module docstring)."""

    def __init__(self, keep: bool = False) -> None:
        self.dir = Path(tempfile.mkdtemp(prefix="newsdesk-bench-"))
        self.keep = keep
        self.python = self.dir / "venv" / "bin" / "python"
        self.summarize = self.dir / "venv" / "bin" / "summarize"
        self.steps: list[str] = []

    def _run(self, cmd: list[str], what: str) -> None:
        proc = subprocess.run(cmd, capture_output=True, text=True, env=ENV, cwd=CWD)
        if proc.returncode != 0:
            raise SystemExit(f"{what} failed:\n{proc.stdout}{proc.stderr}")
        self.steps.append(" ".join(str(c) for c in cmd))

    def build(self) -> UserInstall:
        src = self.dir / "src"
        for name in SOURCES:
            if (ROOT / name).is_dir():
                shutil.copytree(ROOT / name, src / name, ignore=shutil.ignore_patterns("__pycache__"))
            else:
                src.mkdir(parents=True, exist_ok=True)
                shutil.copy2(ROOT / name, src / name)
        wheels = self.dir / "wheels"
        pip = [sys.executable, "-m", "pip", "--disable-pip-version-check", "--no-input", "-q"]
        self._run([*pip, "wheel", "--no-deps", "--no-build-isolation", "--no-index",
                   "--wheel-dir", str(wheels), str(src)], "building the wheel")
        (wheel,) = wheels.glob("newsdesk-*.whl")
        self._run([sys.executable, "-m", "venv", "--without-pip", str(self.dir / "venv")], "python -m venv")
        self._run([*pip, "--python", str(self.python), "install", "--no-deps", "--no-index", str(wheel)],
                  "installing the wheel")
        purelib = sysconfig.get_paths()["purelib"]  # this interpreter's (the dev venv's) site-packages
        out = subprocess.run([str(self.python), "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"],
                             capture_output=True, text=True, check=True, env=ENV, cwd=CWD).stdout.strip()
        self.pth = Path(out) / "_bench_dependencies.pth"
        self.pth.write_text(purelib + "\n", encoding="utf-8")
        self._check()
        return self

    def _check(self) -> None:
        """The command runs from the venv's copy, and no editable-install hook is loaded."""
        probe = ("import sys, summarize.cli.summarize_cmd as c; "
                 "print(c.__file__); print(any('editable' in m for m in sys.modules))")
        out = subprocess.run([str(self.python), "-c", probe], capture_output=True, text=True,
                             check=True, env=ENV, cwd=CWD).stdout.split()
        if not out[0].startswith(str(self.dir)) or out[1] != "False":
            raise SystemExit(f"the venv does not run its own install: {out}")
        self.module = out[0]

    def describe(self) -> str:
        lines = [f"installed into a throwaway venv ({self.dir}; {'kept' if self.keep else 'deleted afterwards'}):"]
        lines += [f"  $ {step}" for step in self.steps]
        lines += [f"  dependencies: {self.pth.name} -> {self.pth.read_text().strip()}",
                  f"  summarize.cli.summarize_cmd runs from {self.module} (non-editable; no editable hook loaded)"]
        return "\n".join(lines)

    def remove(self) -> None:
        if not self.keep:
            shutil.rmtree(self.dir, ignore_errors=True)


def run_once(cmd: list[str], article: Path) -> tuple[float, bytes]:
    """(wall seconds, stdout) of one fresh process reading `article` on stdin."""
    with article.open("rb") as stdin:
        started = time.perf_counter()
        proc = subprocess.run(cmd, stdin=stdin, capture_output=True, env=ENV, cwd=CWD)
        wall = time.perf_counter() - started
    if proc.returncode != 0:
        raise SystemExit(f"{cmd[0]} failed ({proc.returncode}): {proc.stderr.decode(errors='replace')}")
    return wall, proc.stdout


GNU_TIME = shutil.which("time", path="/usr/bin:/bin")


def peak_rss(cmd: list[str], article: Path) -> int:
    """Peak RSS in KiB of one run of `cmd`.

    Not `os.wait4` on our own child: Linux keeps the parent's high-water mark across fork and
    exec, so every child would report at least this benchmark's own ~14 MB. GNU time's child
    starts from time's few MB instead. Without GNU time, wait4's figure is printed (a floor)."""
    with article.open("rb") as stdin:
        if GNU_TIME:
            proc = subprocess.run([GNU_TIME, "-f", "%M", *cmd], stdin=stdin, capture_output=True,
                                  env=ENV, cwd=CWD, check=True)
            return int(proc.stderr.decode().strip().splitlines()[-1])
        child = subprocess.Popen(cmd, stdin=stdin, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                                 env=ENV, cwd=CWD)
        return os.wait4(child.pid, 0)[2].ru_maxrss  # KiB on Linux


def profile_imports(install: UserInstall, article: Path, top: int = 15) -> None:
    """Print the slowest imports (cumulative) of one run of the installed command."""
    base = [str(install.python), "-X", "importtime", str(install.summarize), "-n", "3"]
    with article.open("rb") as stdin:
        err = subprocess.run(base, stdin=stdin, capture_output=True, check=True, env=ENV, cwd=CWD).stderr.decode()
    rows = []
    for line in err.splitlines():
        if not line.startswith("import time:") or "cumulative" in line:
            continue
        self_field, cumulative_field, name = line[len("import time:"):].split("|")
        depth = (len(name) - len(name.lstrip())) // 2
        rows.append((int(cumulative_field), int(self_field), depth, name.strip()))
    print(f"\nslowest imports of VENV/bin/summarize -n 3 < {article.name} (-X importtime; "
          f"cumulative ms, self ms; top-level imports marked *):")
    for cumulative, self_us, depth, name in sorted(rows, reverse=True)[:top]:
        print(f"  {cumulative / 1000:7.1f} {self_us / 1000:7.1f}  {'*' if depth == 0 else ' '} {name}")
    total = sum(c for c, _, d, _ in rows if d == 0)
    print(f"  all imports: {total / 1000:.1f} ms")


def batch_threshold(
    jsonl: Path | None, method: str = "news", sizes: tuple[int, ...] = (2, 4, 8, 16, 32, 64)
) -> None:
    """Serial against process-pool wall time for N inputs, in this process (what sets
    `summarize.cli.summarize_cmd.PARALLEL_MIN_INPUTS`): below the break-even, starting workers costs more.
    Inputs are the sample article files, or the "text" fields of a JSON Lines file."""
    import json

    import summarize.cli.summarize_cmd as cli

    if jsonl is not None:
        texts = [json.loads(line)["text"] for line in jsonl.read_text(encoding="utf-8").splitlines()]
        pool_of_jobs = [cli.Job(name=f"{jsonl.name}:{i}", text=t) for i, t in enumerate(texts)]
    else:
        pool_of_jobs = [cli.Job(name=str(p), spec=str(p))
                        for p in sorted((ROOT / "sample_articles").glob("*.txt"))]
    from summarize.length import SummaryLength

    options = cli.Options(method=method, length=SummaryLength.parse(sentences=3), topics=8,
                          want_topics=True)
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
                outcomes = list(cli.run_jobs(jobs, options, total=len(jobs)))
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
    parser.add_argument("--keep", action="store_true", help="keep the throwaway venv (path printed)")
    parser.add_argument("--batch", action="store_true",
                        help="also time serial against process-pool runs of 2..64 inputs")
    parser.add_argument("--batch-jsonl", type=Path, help='take batch inputs from a JSON Lines "text" field')
    parser.add_argument("--batch-method", default="news", help="summarization method for --batch")
    args = parser.parse_args()

    install = UserInstall(keep=args.keep)
    try:
        install.build()
        print(install.describe())
        compare(install, args.article, args.runs)
        if args.profile:
            profile_imports(install, args.article)
    finally:
        install.remove()
    if args.batch:
        batch_threshold(args.batch_jsonl, args.batch_method)


def compare(install: UserInstall, article: Path, runs: int) -> None:
    python = str(install.python)
    ours = [str(install.summarize), "-n", "3"]
    commands = {
        "summarize -n 3": ours,
        "sumy LexRank one-shot": [python, "-c", SUMY_ONE_SHOT],
        "python -c pass": [python, "-c", "pass"],
        "python -c 'import argparse'": [python, "-c", "import argparse"],
        "python -c 'import click'": [python, "-c", "import click"],
    }
    for cmd in commands.values():  # warm the page cache and write any missing .pyc files
        run_once(cmd, article)

    walls: dict[str, list[float]] = {name: [] for name in commands}
    for _ in range(runs):  # alternate, so drift in machine load hits all alike
        for name, cmd in commands.items():
            wall, out = run_once(cmd, article)
            walls[name].append(wall)
            if name in ("summarize -n 3", "sumy LexRank one-shot"):
                assert len(out.decode().strip().splitlines()) == 3, out
    peaks = {name: max(peak_rss(cmd, article) for _ in range(3)) for name, cmd in commands.items()}

    size = article.stat().st_size
    print(f"\narticle: {article.name} ({size:,} bytes); {runs} runs each, alternating; every "
          f"command on the venv's interpreter ({sys.version.split()[0]})")
    load = os.getloadavg()[0]
    print(f"load average {load:.2f} on {os.cpu_count()} cores"
          + (" - busy: timings swing, the 10x longer sumy runs most; rerun when quiet"
             if load > 0.5 * (os.cpu_count() or 1) else ""))
    print(f"command: VENV/bin/summarize -n 3 < {article.name}")
    print(f"{'':30} {'median wall':>12} {'min wall':>10} {'peak RSS':>10}  "
          f"(RSS: {'GNU time %M' if GNU_TIME else 'wait4, floored at this process'}, max of 3 runs)")
    for name in commands:
        print(f"{name:30} {statistics.median(walls[name]) * 1000:9.1f} ms "
              f"{min(walls[name]) * 1000:7.1f} ms {peaks[name] / 1024:7.1f} MB")
    ours_wall = statistics.median(walls["summarize -n 3"])
    peer_wall = statistics.median(walls["sumy LexRank one-shot"])
    ratio = peer_wall / ours_wall
    print(f"\nratio: sumy one-shot / summarize = {ratio:.1f}x less wall time "
          f"(target >= 10x: {'met' if ratio >= 10 else 'NOT met'}); by min wall "
          f"{min(walls['sumy LexRank one-shot']) / min(walls['summarize -n 3']):.1f}x")
    print(f"peak memory: summarize {peaks['summarize -n 3'] / 1024:.1f} MB, "
          f"sumy one-shot {peaks['sumy LexRank one-shot'] / 1024:.1f} MB")
    floor_wall = statistics.median(walls["python -c pass"])
    argparse_wall = statistics.median(walls["python -c 'import argparse'"])
    click_wall = statistics.median(walls["python -c 'import click'"])
    print(f"above bare Python: summarize {(ours_wall - floor_wall) * 1000:.1f} ms; 'import argparse' "
          f"{(argparse_wall - floor_wall) * 1000:.1f} ms; 'import click' {(click_wall - floor_wall) * 1000:.1f} ms")
    print(f"budget: 10x needs summarize at or under {peer_wall / 10 * 1000:.1f} ms "
          f"(bare Python alone is {floor_wall * 1000:.1f} ms)")


if __name__ == "__main__":
    main()

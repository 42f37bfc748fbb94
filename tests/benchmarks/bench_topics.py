"""Speed of `extract_topics` beside YAKE, side by side in one process on the same texts.

    python tests/benchmarks/bench_topics.py            # sample articles + eval dev texts
    python tests/benchmarks/bench_topics.py --rounds 5
    python tests/benchmarks/bench_topics.py --import-time  # also: import cost of the modules

Texts: the sample articles (front matter removed) and, when the shared evaluation folder is
there, the texts of `dev/keyphrases.jsonl` and `dev/summaries.jsonl` (read at run time, never
copied). Each extractor runs over the corpus after a warm-up; the figure is the best of
`--rounds` passes (ms of CPU time per document: `time.process_time`, so other work on a busy
machine does not count; on an idle one wall time is the same).
YAKE runs as the eval README sets it: 0.7.3, `n=3`, English, top 10; ours returns 10 topics too.
"newsdesk (sentences given)" is the in-process path of a caller that split the text already
(the summarizer does): `extract_topics(analyze(...))`, the split not timed.
`--import-time` runs `python -X importtime -c "import summarize"` 15 times in fresh
interpreters and prints the median self time of `summarize.phrases` and `summarize.topics`.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path
from typing import TYPE_CHECKING, Callable

if TYPE_CHECKING:
    from summarize import Analysis

ROOT = Path(__file__).resolve().parents[2]
DEV = ROOT.parent / "shared" / "eval" / "dev"


def load_texts() -> dict[str, list[str]]:
    """Texts per corpus name."""
    from summarize.ingest.articles import load_article_file, sample_article_paths

    corpora = {"sample articles": [load_article_file(p).body for p in sample_article_paths()]}
    for name, path in (("eval keyphrases", DEV / "keyphrases.jsonl"),
                       ("eval summaries", DEV / "summaries.jsonl")):
        if path.exists():
            rows = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
                    if line.strip()]
            corpora[name] = [str(r["text"]) for r in rows]
    return corpora


def best_ms_per_doc(fn: Callable[[str], object], texts: list[str], rounds: int) -> float:
    best = float("inf")
    for _ in range(rounds):
        t0 = time.process_time()
        for text in texts:
            fn(text)
        best = min(best, time.process_time() - t0)
    return 1000 * best / len(texts)


def print_import_time(runs: int = 15) -> None:
    """Median self time (us) of importing our topic modules, each run a fresh interpreter."""
    import statistics
    import subprocess
    import sys

    times: dict[str, list[int]] = {}
    for _ in range(runs):
        err = subprocess.run([sys.executable, "-X", "importtime", "-c", "import summarize"],
                             capture_output=True, text=True, check=True, cwd=ROOT).stderr
        for line in err.splitlines():
            parts = [p.strip() for p in line.removeprefix("import time:").split("|")]
            if len(parts) == 3 and parts[2] in ("summarize.phrases", "summarize.topics"):
                times.setdefault(parts[2], []).append(int(parts[0]))
    for name, values in sorted(times.items()):
        print(f"import {name:<18} self {statistics.median(values):>6.0f} us (median of {runs})")


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=2)
    parser.add_argument("--import-time", action="store_true",
                        help="also print the import time of summarize.phrases and .topics")
    args = parser.parse_args(argv)

    import yake

    from summarize import extract_topics

    from summarize import analyze

    if args.import_time:
        print_import_time()
    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)
    split: dict[str, Analysis] = {}
    systems: list[tuple[str, Callable[[str], object]]] = [
        ("newsdesk (language given)", lambda t: extract_topics(t, limit=10, language="en")),
        ("newsdesk (sentences given)", lambda t: extract_topics(split[t], limit=10)),
        ("newsdesk (detected)", lambda t: extract_topics(t, limit=10)),
        ("YAKE 0.7.3 n=3", extractor.extract_keywords),
    ]
    print(f"{'corpus':<18} {'docs':>5} {'words/doc':>9}  "
          + "  ".join(f"{name:>26}" for name, _ in systems) + "  YAKE/ours")
    for corpus, texts in load_texts().items():
        split.update((t, analyze(t, "en")) for t in texts)
        for _, fn in systems:  # warm-up: caches, stemmer, stop words, regexes
            for text in texts[:5]:
                fn(text)
        results = [best_ms_per_doc(fn, texts, args.rounds) for _, fn in systems]
        words = sum(len(t.split()) for t in texts) / len(texts)
        print(f"{corpus:<18} {len(texts):>5} {words:>9.0f}  "
              + "  ".join(f"{ms:>23.3f} ms" for ms in results)
              + f"  {results[-1] / results[0]:>8.1f}x")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

"""Measure (and tune) the "news" method against Lead-3 on the dev split, metrics as in the eval README.

    /work/venv/bin/python tests/benchmarks/tune_news_rank.py            # news vs lead3, per source
    /work/venv/bin/python tests/benchmarks/tune_news_rank.py --halves   # and on odd/even rows apart
    /work/venv/bin/python tests/benchmarks/tune_news_rank.py --sweep    # one-parameter sweeps
    ... --set reference_words=25 --set half_life=4                     # try other weights
    ... --lines            # the source's own lines as sentences instead of split_sentences
    ... --via-summarize    # also through summarize.summarize() (the product path)

Reads /work/shared/eval/dev/summaries.jsonl (override with --data); nothing of it is written
anywhere. ROUGE: rouge-score, use_stemmer=True, ROUGE-1/2/Lsum F1 x100, one sentence per line.
Scores are memoised per (article, chosen sentences), so sweeps cost little more than one run.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from summarize import news_rank, split_sentences
from summarize.models import Sentence

DATA = Path(__file__).resolve().parents[3] / "shared" / "eval" / "dev" / "summaries.jsonl"
SOURCES = {"cnndm_test": "CNN/DM", "xsum_test": "XSum"}


def _split(text: str) -> list[Sentence]:
    return split_sentences(text, "en")


def _split_lines(text: str) -> list[Sentence]:
    """One sentence per non-empty line (the source's own segmentation), for comparison."""
    out, pos = [], 0
    for line in text.split("\n"):
        if line.strip():
            start = pos + len(line) - len(line.lstrip())
            out.append(Sentence(line.strip(), start, start + len(line.strip())))
        pos += len(line) + 1
    return out


class Evaluator:
    """ROUGE of chosen sentence sets, memoised per article and choice."""

    def __init__(self, rows: list[dict[str, str]], *, lines: bool = False) -> None:
        from rouge_score import rouge_scorer

        self.scorer = rouge_scorer.RougeScorer(["rouge1", "rouge2", "rougeLsum"], use_stemmer=True)
        self.rows = rows
        split = _split_lines if lines else _split
        self.sentences: list[list[Sentence]] = [split(r["text"]) for r in rows]
        self.memo: dict[tuple[int, tuple[int, ...]], tuple[float, float, float]] = {}

    def score(self, k: int, chosen: tuple[int, ...]) -> tuple[float, float, float]:
        key = (k, chosen)
        if key not in self.memo:
            sents = self.sentences[k]
            pred = "\n".join(sents[i].text for i in chosen)
            s = self.scorer.score(self.rows[k]["reference"], pred)
            self.memo[key] = (
                s["rouge1"].fmeasure * 100,
                s["rouge2"].fmeasure * 100,
                s["rougeLsum"].fmeasure * 100,
            )
        return self.memo[key]

    def evaluate(self, choose: object, half: int | None = None) -> dict[str, tuple[float, float, float]]:
        per: dict[str, list[tuple[float, float, float]]] = {}
        for k, row in enumerate(self.rows):
            if half is not None and k % 2 != half:
                continue
            chosen = tuple(choose(self.sentences[k], row["text"]))  # type: ignore[operator]
            per.setdefault(row["source"], []).append(self.score(k, chosen))
        return {
            src: tuple(statistics.fmean(x[m] for x in vals) for m in range(3))  # type: ignore[misc]
            for src, vals in per.items()
        }


def news(params: news_rank.Params) -> object:
    def choose(sentences: list[Sentence], text: str) -> list[int]:
        facts = news_rank.analyse(sentences, "en", params)  # once for rank and select
        ranked = news_rank.rank(sentences, text, "en", params=params, facts=facts)
        return news_rank.select(
            sentences, ranked, count=3, word_budget=None, language="en", params=params,
            facts=facts,
        )

    return choose


def via_summarize(sentences: list[Sentence], text: str) -> list[int]:
    """The product path: `summarize.summarize(text)` with its defaults (method "news")."""
    from summarize import summarize

    return list(summarize(text, sentences=3, language="en").indices)


def lead3(sentences: list[Sentence], text: str) -> list[int]:
    return list(range(min(3, len(sentences))))


def fmt(res: dict[str, tuple[float, float, float]]) -> str:
    return "  ".join(
        f"{SOURCES.get(src, src)} {r1:5.2f}/{r2:5.2f}/{rl:5.2f}" for src, (r1, r2, rl) in sorted(res.items())
    )


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--sweep", action="store_true", help="sweep each parameter around the default")
    ap.add_argument("--via-summarize", action="store_true", help="also run summarize() itself")
    ap.add_argument("--halves", action="store_true", help="also report odd and even rows apart")
    ap.add_argument("--lines", action="store_true", help="one sentence per line, not split_sentences")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    ev = Evaluator(rows, lines=args.lines)
    base = news_rank.DEFAULT_PARAMS
    for item in args.set:
        name, _, value = item.partition("=")
        base = base._replace(**{name: type(getattr(base, name))(float(value))})
    print("R-1/R-2/R-Lsum F1 x100, 3 sentences")
    print(f"{'lead3':24s}", fmt(ev.evaluate(lead3)))
    print(f"{'news v' + news_rank.VERSION:24s}", fmt(ev.evaluate(news(base))))
    if args.via_summarize:
        print(f"{'summarize() default':24s}", fmt(ev.evaluate(via_summarize)))
    if args.halves:
        for half in (0, 1):
            print(f"half {half}: lead3 ", fmt(ev.evaluate(lead3, half)))
            print(f"half {half}: news  ", fmt(ev.evaluate(news(base), half)))
    if args.sweep:
        for name in base._fields:
            value = getattr(base, name)
            grid = (
                [value + d for d in (-3, -2, -1, 1, 2, 3) if value + d > 0]
                if isinstance(value, int)
                else sorted({round(value * m, 4) for m in (0, 0.5, 0.75, 1.25, 1.5, 2)} - {0.0, value})
                if value
                else [0.02, 0.05, 0.1, 0.2]
            )
            for v in grid:
                p = base._replace(**{name: v})
                print(f"  {name}={v:<14}", fmt(ev.evaluate(news(p))), flush=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())

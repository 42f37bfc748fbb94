"""Measure (and tune) the "news" method against Lead-3 on the dev split, metrics as in the eval README.

    .venv/bin/python tests/benchmarks/tune_news_rank.py            # news vs lead3, 5-fold CV
    ... --set reference_words=25 --set half_life=4     # a variant, compared with the default fold by fold
    ... --lines            # the source's own lines as sentences instead of split_sentences
    ... --via-summarize    # also through summarize.summarize() (the product path)

Reads a summaries JSONL file (`--data`, the format of docs/evaluation.md); nothing of it is written
anywhere. ROUGE: rouge-score, use_stemmer=True, ROUGE-1/2/Lsum F1 x100, one sentence per line.
Scores are memoised per (article, chosen sentences). Changes are judged fold by fold on both
sources (`newsdesk eval --folds`'s split): a change is kept only when it helps on most folds of
both, never from one pooled figure; there is deliberately no parameter sweep.
"""

from __future__ import annotations

import argparse
import json
import statistics
import sys
from pathlib import Path

from summarize import news_rank, split_sentences
from summarize.evaluation.metrics import fold_assignment
from summarize.models import Sentence

DATA = next(
    (p / "shared" / "eval" / "dev" / "summaries.jsonl" for p in Path(__file__).resolve().parents
     if (p / "shared" / "eval" / "dev" / "summaries.jsonl").exists()),
    Path("shared/eval/dev/summaries.jsonl"),
)
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
        self.folds: list[int] = []

    def split(self, folds: int) -> None:
        """Deal the rows into folds as `newsdesk eval --folds` does (by a hash of the id)."""
        self.folds = fold_assignment([(str(r["id"]), r["source"]) for r in self.rows], folds)

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

    def evaluate(self, choose: object, fold: int | None = None) -> dict[str, tuple[float, float, float]]:
        """Mean R-1/R-2/R-Lsum per source, over every row or over one fold's rows."""
        per: dict[str, list[tuple[float, float, float]]] = {}
        for k, row in enumerate(self.rows):
            if fold is not None and self.folds[k] != fold:
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


def _params(base: news_rank.Params, settings: list[str]) -> news_rank.Params:
    for item in settings:
        name, _, value = item.partition("=")
        base = base._replace(**{name: type(getattr(base, name))(float(value))})
    return base


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--data", type=Path, default=DATA)
    ap.add_argument("--folds", type=int, default=5, help="cross-validation folds (default 5)")
    ap.add_argument("--via-summarize", action="store_true", help="also run summarize() itself")
    ap.add_argument("--lines", action="store_true", help="one sentence per line, not split_sentences")
    ap.add_argument("--set", action="append", default=[], metavar="NAME=VALUE",
                    help="a variant of the default weights, compared fold by fold")
    args = ap.parse_args()
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    ev = Evaluator(rows, lines=args.lines)
    ev.split(args.folds)
    methods: dict[str, object] = {"lead3": lead3, f"news v{news_rank.VERSION}": news(news_rank.DEFAULT_PARAMS)}
    if args.set:
        methods["variant " + ",".join(args.set)] = news(_params(news_rank.DEFAULT_PARAMS, args.set))
    if args.via_summarize:
        methods["summarize()"] = via_summarize
    print(f"R-1/R-2/R-Lsum F1 x100, 3 sentences, {args.folds} folds (mean±sd over folds)")
    table = {name: [ev.evaluate(choose, f) for f in range(args.folds)] for name, choose in methods.items()}
    for name, per_fold in table.items():
        print(name)
        for f, res in enumerate(per_fold):
            print(f"  fold {f + 1}  ", fmt(res))
        sources = sorted(per_fold[0])
        print("  mean±sd ", "  ".join(
            f"{SOURCES.get(src, src)} " + "/".join(
                f"{statistics.fmean(r[src][m] for r in per_fold):5.2f}"
                f"±{statistics.stdev(r[src][m] for r in per_fold):.2f}" for m in range(3)
            ) for src in sources
        ))
    names = list(table)
    if len(names) > 2:
        base, variant = table[names[1]], table[names[2]]
        for src in sorted(base[0]):
            wins = [sum(v[src][m] > b[src][m] for b, v in zip(base, variant)) for m in range(3)]
            print(f"variant beats the default on {SOURCES.get(src, src)}: "
                  f"R-1 {wins[0]}/{args.folds}, R-2 {wins[1]}/{args.folds}, R-Lsum {wins[2]}/{args.folds} folds")
    return 0


if __name__ == "__main__":
    sys.exit(main())

"""Keyphrase F1@5/F1@10 of `extract_topics` (and YAKE) on the eval dev split, per source.

Implements the metric of `../shared/eval/README.md` exactly: lowercase, split on whitespace,
strip leading and trailing punctuation per token, Porter-stem each token (NLTK's PorterStemmer,
which needs no data download), de-duplicate predictions after normalisation in rank order;
P@k over the predictions in the top k, R@k over all gold phrases; macro F1 x100.

    python tests/benchmarks/tune_topics.py                 # ours and YAKE
    python tests/benchmarks/tune_topics.py --no-yake       # ours only (fast, for tuning)
    python tests/benchmarks/tune_topics.py --show 3        # also print 3 documents' top 10

The data is read at run time from the shared folder and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import string
import sys
import time
from pathlib import Path
from typing import Callable, Iterable

ROOT = Path(__file__).resolve().parents[2]
DATA = ROOT.parent / "shared" / "eval" / "dev" / "keyphrases.jsonl"
SOURCES = ("duc2001_kp", "500n_kpcrowd_test")


def _normaliser() -> Callable[[str], str]:
    from nltk.stem.porter import PorterStemmer

    porter = PorterStemmer()
    punct = string.punctuation

    def normalise(phrase: str) -> str:
        tokens = (t.strip(punct) for t in phrase.lower().split())
        return " ".join(porter.stem(t) for t in tokens if t)

    return normalise


def scores_at(predicted: Iterable[str], gold: Iterable[str], k: int,
              normalise: Callable[[str], str]) -> tuple[float, float, float]:
    """(P@k, R@k, F1@k) of one document."""
    gold_set = {g for g in (normalise(x) for x in gold) if g}
    n_gold = len(list(gold))
    seen: list[str] = []
    for p in predicted:
        n = normalise(p)
        if n and n not in seen:
            seen.append(n)
    top = seen[:k]
    matches = sum(1 for p in top if p in gold_set)
    precision = matches / len(top) if top else 0.0
    recall = matches / n_gold if n_gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def evaluate(rows: list[dict[str, object]], predict: Callable[[str], list[str]],
             normalise: Callable[[str], str]) -> tuple[dict[str, tuple[float, float]], float]:
    """Macro F1@5 and F1@10 (x100) per source, and seconds spent predicting."""
    per: dict[str, list[tuple[float, float]]] = {}
    spent = 0.0
    for row in rows:
        text = str(row["text"])
        gold = [str(g) for g in row["keyphrases"]]  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        predicted = predict(text)
        spent += time.perf_counter() - t0
        f5 = scores_at(predicted, gold, 5, normalise)[2]
        f10 = scores_at(predicted, gold, 10, normalise)[2]
        per.setdefault(str(row["source"]), []).append((f5, f10))
    table = {
        source: (100 * sum(a for a, _ in v) / len(v), 100 * sum(b for _, b in v) / len(v))
        for source, v in per.items()
    }
    return table, spent


def ours(text: str) -> list[str]:
    from summarize.topics import extract_topics

    return [t.label for t in extract_topics(text, limit=10, language="en")]


def yake_predict() -> Callable[[str], list[str]]:
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)

    def predict(text: str) -> list[str]:
        return [kw for kw, _ in extractor.extract_keywords(text)]

    return predict


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-yake", action="store_true", help="skip the YAKE baseline")
    parser.add_argument("--show", type=int, default=0, help="print N documents per source")
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE",
                        help="override a constant for a trial, e.g. topics.NAME_BOOST=0.3")
    args = parser.parse_args(argv)
    for assignment in args.set:
        import importlib

        target, value = assignment.split("=", 1)
        module_name, name = target.rsplit(".", 1)
        module = importlib.import_module(f"summarize.{module_name}")
        setattr(module, name, type(getattr(module, name))(eval(value)))  # trusted CLI input
    if not args.data.exists():
        print(f"no evaluation data at {args.data}", file=sys.stderr)
        return 1
    rows = [json.loads(line) for line in args.data.read_text(encoding="utf-8").splitlines() if line]
    normalise = _normaliser()
    systems: list[tuple[str, Callable[[str], list[str]]]] = [("newsdesk topics", ours)]
    if not args.no_yake:
        systems.append(("YAKE 0.7.3 (n=3, en)", yake_predict()))
    print(f"{'system':<24} {'DUC-2001 F1@5':>14} {'F1@10':>7} {'KPCrowd F1@5':>13} {'F1@10':>7}"
          f" {'ms/doc':>8}")
    for name, predict in systems:
        table, spent = evaluate(rows, predict, normalise)
        duc = table.get(SOURCES[0], (0.0, 0.0))
        kpc = table.get(SOURCES[1], (0.0, 0.0))
        print(f"{name:<24} {duc[0]:>14.2f} {duc[1]:>7.2f} {kpc[0]:>13.2f} {kpc[1]:>7.2f}"
              f" {1000 * spent / len(rows):>8.3f}")
    if args.show:
        for source in SOURCES:
            for row in [r for r in rows if r["source"] == source][: args.show]:
                print(f"\n[{row['id']}] gold: {row['keyphrases']}")
                print("  ours:", ours(str(row["text"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

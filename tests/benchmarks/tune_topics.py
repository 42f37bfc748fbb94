"""Keyphrase F1@5/F1@10 of `extract_topics` (and YAKE) on the eval dev split, per source.

Implements the keyphrase metric of docs/evaluation.md exactly: lowercase, split on whitespace,
strip leading and trailing punctuation per token, Porter-stem each token (NLTK's PorterStemmer,
which needs no data download), de-duplicate predictions after normalisation in rank order;
P@k over the predictions in the top k, R@k over all gold phrases; macro F1 x100.

    python tests/benchmarks/tune_topics.py                 # ours and YAKE
    python tests/benchmarks/tune_topics.py --no-yake       # ours only (fast, for tuning)
    python tests/benchmarks/tune_topics.py --show 3        # also print 3 documents' top 10
    python tests/benchmarks/tune_topics.py --folds 5       # each fold of each source apart
    python tests/benchmarks/tune_topics.py --fit --folds 5 # cross-validate the weight search

A change is judged fold by fold on both sources (DUC-2001 and 500N-KPCrowd), never on one
pooled figure and never on KPCrowd alone. `--fit` computes every document's candidates and
features once, then, for each fold, searches the weights one at a time (coordinate ascent in
steps of 0.1 to 0.4) on the other folds and scores the result on the held-out fold beside the
current `summarize.topics.WEIGHTS`: new weights are worth pasting only when they win on the
held-out folds of both sources.

The data (`--data`, a keyphrases JSONL file) is read at run time and never copied into the repository.
"""

from __future__ import annotations

import argparse
import json
import sys
import time
from pathlib import Path
from typing import Callable

ROOT = Path(__file__).resolve().parents[2]
DATA = next(
    (p / "shared" / "eval" / "dev" / "keyphrases.jsonl" for p in ROOT.parents
     if (p / "shared" / "eval" / "dev" / "keyphrases.jsonl").exists()),
    ROOT.parent / "shared" / "eval" / "dev" / "keyphrases.jsonl",
)
SOURCES = ("duc2001_kp", "500n_kpcrowd_test")
DELTAS = (-0.4, -0.2, -0.1, 0.1, 0.2, 0.4)
"""Steps of the coordinate ascent (coarse on purpose: the test split decides)."""
SIGNS = {"frequency": 1, "position": 1, "spread": 1, "first_mention": -1}
"""Signs the fitted weights must keep, so a topic's parts read the way they should."""


def _normaliser() -> Callable[[str], str]:
    """The metric's phrase normalisation (`summarize.evaluation.metrics.normalize_phrase`)."""
    from summarize.evaluation.metrics import normalize_phrase

    return normalize_phrase


def evaluate(rows: list[dict[str, object]], predict: Callable[[str], list[str]],
             normalise: Callable[[str], str]) -> tuple[dict[str, tuple[float, float]], float]:
    """Macro F1@5 and F1@10 (x100) per source, and seconds spent predicting (the metric of
    `newsdesk eval keyphrases`, `summarize.evaluation.metrics.keyphrase_scores`)."""
    from summarize.evaluation.metrics import keyphrase_scores

    per: dict[str, list[tuple[float, float]]] = {}
    spent = 0.0
    for row in rows:
        text = str(row["text"])
        gold = [str(g) for g in row["keyphrases"]]  # type: ignore[attr-defined]
        t0 = time.perf_counter()
        predicted = predict(text)
        spent += time.perf_counter() - t0
        scores = keyphrase_scores(predicted, gold)
        per.setdefault(str(row["source"]), []).append((scores["f1@5"], scores["f1@10"]))
    table = {
        source: (100 * sum(a for a, _ in v) / len(v), 100 * sum(b for _, b in v) / len(v))
        for source, v in per.items()
    }
    return table, spent


def folds(rows: list[dict[str, object]], k: int) -> list[int]:
    """Each row's fold, as `newsdesk eval --folds` deals them (by a hash of the id)."""
    from summarize.evaluation.metrics import fold_assignment

    return fold_assignment([(str(r["id"]), str(r["source"])) for r in rows], k)


TITLE_FIRST_LINE = False
"""`--title-first-line`: pass a headline first line as `title=` (500N-KPCrowd texts open with
their headline; DUC-2001 texts have none): the only way to measure the title boost here."""


def headline(text: str) -> str | None:
    """The first line of `text` when it reads as a headline (no final stop, under 20 words)."""
    first, _, rest = text.partition("\n")
    first = first.strip()
    if rest and first and first[-1] not in ".!?\"'”" and len(first.split()) < 20:
        return first
    return None


def ours(text: str) -> list[str]:
    from summarize.topics import extract_topics

    title = headline(text) if TITLE_FIRST_LINE else None
    return [t.label for t in extract_topics(text, limit=10, language="en", title=title)]


def _with_weights(weights: dict[str, float]) -> Callable[[str], list[str]]:
    """`ours` with other scoring weights."""
    from summarize.topics import TopicExtractor

    extractor = TopicExtractor("en")

    def predict(text: str) -> list[str]:
        ranked = extractor.candidates(text, weights)
        labels: list[str] = []
        keys: list[tuple[str, ...]] = []
        from summarize.topics import _overlaps

        for c in ranked:
            if any(_overlaps(a, b) for a in c.keys for b in keys):
                continue
            labels.append(c.topic(text, weights).label)
            keys.extend(c.keys)
            if len(labels) == 10:
                break
        return labels

    return predict


def yake_predict() -> Callable[[str], list[str]]:
    import yake

    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)

    def predict(text: str) -> list[str]:
        return [kw for kw, _ in extractor.extract_keywords(text)]

    return predict


def fit(rows: list[dict[str, object]], normalise: Callable[[str], str],
        rounds: int = 3) -> dict[str, float]:
    """Coordinate ascent on the weights of `summarize.topics` over cached candidates."""
    from summarize.topics import FEATURES, WEIGHTS, TopicExtractor, _overlaps

    extractor = TopicExtractor("en")
    docs = []
    for row in rows:
        gold = {normalise(str(g)) for g in row["keyphrases"]}  # type: ignore[attr-defined]
        text = str(row["text"])
        cands = [(c.features, c.keys, normalise(c.topic(text, WEIGHTS).label), c.first)
                 for c in extractor.candidates(text)]
        docs.append((str(row["source"]), gold, cands))

    def f1_at_10(weights: dict[str, float]) -> dict[str, float]:
        per: dict[str, list[float]] = {}
        for source, gold, cands in docs:
            ranked = sorted(cands, key=lambda c: (-sum(weights[k] * v for k, v in c[0].items()),
                                                  c[3]))
            labels: list[str] = []
            keys: list[tuple[str, ...]] = []
            for _, ckeys, label, _ in ranked:
                if any(_overlaps(a, b) for a in ckeys for b in keys) or label in labels:
                    continue
                labels.append(label)
                keys.extend(ckeys)
                if len(labels) == 10:
                    break
            hits = sum(1 for p in labels if p in gold)
            p = hits / len(labels) if labels else 0.0
            r = hits / len(gold) if gold else 0.0
            per.setdefault(source, []).append(2 * p * r / (p + r) if p + r else 0.0)
        return {k: 100 * sum(v) / len(v) for k, v in per.items()}

    def objective(weights: dict[str, float]) -> float:
        f = f1_at_10(weights)
        ratios = (f[SOURCES[0]] / 30, f[SOURCES[1]] / 18)
        return min(ratios) + 0.1 * sum(ratios)

    weights = {f: WEIGHTS.get(f, 0.0) for f in FEATURES}  # a new feature starts at 0
    best = objective(weights)
    for _ in range(rounds):
        for name in list(weights):
            for delta in DELTAS:
                trial = dict(weights)
                trial[name] = round(weights[name] + delta, 3)
                if name in SIGNS and trial[name] * SIGNS[name] < 0:
                    continue  # keep every explanation readable: more mentions never hurt
                value = objective(trial)
                if value > best + 1e-9:
                    best, weights = value, trial
        print(f"  {f1_at_10(weights)}", file=sys.stderr)
    return weights


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=DATA)
    parser.add_argument("--no-yake", action="store_true", help="skip the YAKE baseline")
    parser.add_argument("--show", type=int, default=0, help="print N documents per source")
    parser.add_argument("--fit", action="store_true",
                        help="search the scoring weights, cross-validated over --folds")
    parser.add_argument("--folds", type=int, default=0, metavar="K",
                        help="also score each of K folds apart (--fit: default 5)")
    parser.add_argument("--title-first-line", action="store_true",
                        help="pass a headline first line as title= (measures the title boost)")
    parser.add_argument("--set", action="append", default=[], metavar="MODULE.NAME=VALUE",
                        help="override a constant for a trial, e.g. topics.NAME_BOOST=0.3")
    args = parser.parse_args(argv)
    global TITLE_FIRST_LINE
    TITLE_FIRST_LINE = args.title_first_line
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
    if args.fit:
        from summarize.topics import WEIGHTS

        k = args.folds or 5
        assignment = folds(rows, k)
        for fold in range(k):
            train = [r for r, f in zip(rows, assignment) if f != fold]
            test = [r for r, f in zip(rows, assignment) if f == fold]
            weights = fit(train, normalise)
            fitted, _ = evaluate(test, _with_weights(weights), normalise)
            current, _ = evaluate(test, _with_weights(WEIGHTS), normalise)
            print(f"fold {fold + 1} held out: F1@10 fitted / current " + "  ".join(
                f"{source} {fitted[source][1]:.2f} / {current[source][1]:.2f}"
                for source in SOURCES if source in fitted
            ))
            print("  WEIGHTS = " + json.dumps(weights))
        return 0
    systems: list[tuple[str, Callable[[str], list[str]]]] = [("newsdesk topics", ours)]
    if not args.no_yake:
        systems.append(("YAKE 0.7.3 (n=3, en)", yake_predict()))
    print(f"{'system':<24} {'DUC-2001 F1@5':>14} {'F1@10':>7} {'KPCrowd F1@5':>13} {'F1@10':>7}"
          f" {'ms/doc':>8}")
    row_sets = [("", rows)]
    if args.folds:
        assignment = folds(rows, args.folds)
        row_sets += [(f" (fold {f + 1})", [r for r, a in zip(rows, assignment) if a == f])
                     for f in range(args.folds)]
    for name, predict in systems:
        for suffix, subset in row_sets:
            table, spent = evaluate(subset, predict, normalise)
            duc = table.get(SOURCES[0], (0.0, 0.0))
            kpc = table.get(SOURCES[1], (0.0, 0.0))
            print(f"{name + suffix:<24} {duc[0]:>14.2f} {duc[1]:>7.2f} {kpc[0]:>13.2f}"
                  f" {kpc[1]:>7.2f} {1000 * spent / len(subset):>8.3f}")
    if args.show:
        for source in SOURCES:
            for row in [r for r in rows if r["source"] == source][: args.show]:
                print(f"\n[{row['id']}] gold: {row['keyphrases']}")
                print("  ours:", ours(str(row["text"])))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

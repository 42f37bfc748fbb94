"""Evaluation of summaries (ROUGE) and key topics (keyphrase F1@k) on JSON Lines data, headless.

The metrics are the usual ones of the summarization and keyphrase literature (docs/evaluation.md),
so our figures compare with published ones:

- summaries: mean F1 x100 of ROUGE-1, ROUGE-2 and ROUGE-Lsum from the `rouge-score` package with
  `use_stemmer=True`; every summary is one sentence per line, which ROUGE-Lsum splits on;
- keyphrases: exact match after lowercasing, splitting on white space, stripping leading and
  trailing punctuation and Porter-stemming each token; predictions de-duplicated after that
  normalisation in rank order (gold phrases too); P@k = matches in the top k / predictions in
  the top k, R@k = matches / gold phrases (gold absent from the text still counts), F1@k from
  those, macro-averaged over documents x100.

`rouge_score`, `nltk` (its Porter stemmer, the one `rouge-score` and the keyphrase literature
use) and `yake` are imported inside the functions that need them: they come with the `eval`
extra, and a missing one is a one-line `MissingDependencyError`.
"""

from __future__ import annotations

import hashlib
import json
import statistics
import string
import time
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ..errors import InputError, NewsdeskError, UnknownMethodError

JSON_VERSION = 1
"""Version of the `--json` document; bumped when a field changes meaning or disappears."""

SUMMARY_BASELINES: dict[str, str] = {
    "lead3": "the first N sentences (lines) of the input: Lead-3 at the default N = 3",
}
KEYPHRASE_METHODS: dict[str, str] = {
    "topics": "Newsdesk's key topics: extract_topics(text, limit=k) labels in rank order",
    "yake": "YAKE (n=3, English, top k): the baseline of shared/eval (needs the yake package)",
}
ROUGE_KEYS = ("rouge1", "rouge2", "rougeLsum")
KS = (5, 10)
"""The cut-offs keyphrase scores are reported at."""

OVERALL = "all"
"""Name of the pseudo-source that pools every document."""


class EvaluationDataError(InputError):
    """The evaluation file is missing, unreadable, not JSON Lines, or lacks a field."""


class MissingDependencyError(NewsdeskError):
    """An optional package the evaluation needs (rouge-score, nltk, yake) is not installed."""


# ---------------------------------------------------------------------------------- data


def fold_assignment(ids_and_sources: Sequence[tuple[str, str]], folds: int) -> list[int]:
    """The cross-validation fold (0..folds-1) of each (id, source), deterministic and balanced.

    Within each source the documents are ordered by a hash of their id (BLAKE2b, the same in
    every process and on every machine, unlike `hash()`) and dealt to the folds in turn, so a
    fold holds every source in proportion and fold sizes differ by at most one per source. The
    order of the file does not matter; only the set of ids of a source does.
    """
    if folds < 1:
        raise ValueError("folds must be at least 1")
    by_source: dict[str, list[tuple[bytes, str, int]]] = {}
    for position, (doc_id, source) in enumerate(ids_and_sources):
        digest = hashlib.blake2b(doc_id.encode("utf-8"), digest_size=8).digest()
        by_source.setdefault(source, []).append((digest, doc_id, position))
    out = [0] * len(ids_and_sources)
    for rows in by_source.values():
        for rank, (_digest, _id, position) in enumerate(sorted(rows)):
            out[position] = rank % folds
    return out



@dataclass(frozen=True, slots=True)
class EvalDocument:
    """One row of an evaluation file: `gold` is the reference summary or the gold keyphrases."""

    id: str
    source: str
    text: str
    gold: str | tuple[str, ...]


def load_jsonl(path: str | Path, task: str, *, limit: int | None = None) -> list[EvalDocument]:
    """Rows of a summaries (`reference`) or keyphrases (`keyphrases`) JSON Lines file.

    `limit` keeps at most that many documents of each source (in file order). Any problem is an
    `EvaluationDataError` naming the file and line.
    """
    gold_field = {"summaries": "reference", "keyphrases": "keyphrases"}[task]
    p = Path(path)
    try:
        raw = p.read_bytes()
    except OSError as exc:
        raise EvaluationDataError(f"cannot read {path}: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise EvaluationDataError(f"{path}: not UTF-8 text") from None
    docs: list[EvalDocument] = []
    per_source: dict[str, int] = {}
    for number, line in enumerate(text.splitlines(), start=1):
        if not line.strip():
            continue
        where = f"{path}:{number}"
        try:
            row = json.loads(line)
        except json.JSONDecodeError as exc:
            raise EvaluationDataError(f"{where}: invalid JSON ({exc.msg})") from None
        if not isinstance(row, dict):
            raise EvaluationDataError(f"{where}: expected a JSON object")
        for key in ("id", "source", "text", gold_field):
            if key not in row or row[key] is None:
                raise EvaluationDataError(f"{where}: missing field {key!r}")
        if not isinstance(row["id"], (str, int)) or isinstance(row["id"], bool):
            raise EvaluationDataError(f"{where}: field 'id' must be a string or a number")
        if not isinstance(row["source"], str) or not row["source"].strip():
            raise EvaluationDataError(f"{where}: field 'source' must be a non-empty string")
        if not isinstance(row["text"], str) or not row["text"].strip():
            raise EvaluationDataError(f"{where}: field 'text' must be a non-empty string")
        gold: str | tuple[str, ...]
        if task == "summaries":
            if not isinstance(row[gold_field], str) or not row[gold_field].strip():
                raise EvaluationDataError(f"{where}: field 'reference' must be a non-empty string")
            gold = row[gold_field]
        else:
            phrases = row[gold_field]
            if not isinstance(phrases, list) or not all(isinstance(k, str) for k in phrases):
                raise EvaluationDataError(f"{where}: field 'keyphrases' must be a list of strings")
            if not normalized_phrases(phrases):
                raise EvaluationDataError(f"{where}: field 'keyphrases' holds no phrase")
            gold = tuple(phrases)
        source = row["source"]
        if limit is not None and per_source.get(source, 0) >= limit:
            continue
        per_source[source] = per_source.get(source, 0) + 1
        docs.append(EvalDocument(str(row["id"]), source, row["text"], gold))
    if not docs:
        raise EvaluationDataError(f"{path}: no documents")
    return docs


# ------------------------------------------------------------------------------- metrics


def _require(module: str, extra: str = "eval") -> Any:
    import importlib

    try:
        return importlib.import_module(module)
    except ImportError:
        package = {"rouge_score": "rouge-score"}.get(module.split(".")[0], module.split(".")[0])
        raise MissingDependencyError(
            f"{package} is not installed: pip install {package} "
            f"(or, in the Newsdesk checkout, pip install '.[{extra}]')"
        ) from None


class RougeScorer:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum F1 (0..1) of one summary against one reference."""

    def __init__(self) -> None:
        rouge_scorer = _require("rouge_score.rouge_scorer")
        self._scorer = rouge_scorer.RougeScorer(list(ROUGE_KEYS), use_stemmer=True)

    def score(self, prediction: str, reference: str) -> dict[str, float]:
        """F1 per ROUGE variant; both texts hold one sentence per line (ROUGE-Lsum's units)."""
        scores = self._scorer.score(reference, prediction)
        return {key: float(scores[key].fmeasure) for key in ROUGE_KEYS}


_PUNCTUATION = frozenset(string.punctuation)


def _is_punctuation(char: str) -> bool:
    return char in _PUNCTUATION or unicodedata.category(char).startswith("P")


@lru_cache(maxsize=1)
def _porter() -> Any:
    porter = _require("nltk.stem.porter")
    # NLTK's default mode: the stemmer rouge-score and the keyphrase literature (pke) use.
    return porter.PorterStemmer()


@lru_cache(maxsize=65536)
def _stem(token: str) -> str:
    return str(_porter().stem(token))


def normalize_phrase(phrase: str) -> str:
    """Lowercase, split on white space, strip outer punctuation and Porter-stem every token.

    "Cleaning-up crews," -> "cleaning-up crew"; a phrase of punctuation only becomes "".
    """
    tokens = []
    for raw in phrase.lower().split():
        start, end = 0, len(raw)
        while start < end and _is_punctuation(raw[start]):
            start += 1
        while end > start and _is_punctuation(raw[end - 1]):
            end -= 1
        if start < end:
            tokens.append(_stem(raw[start:end]))
    return " ".join(tokens)


def normalized_phrases(phrases: Iterable[str]) -> list[str]:
    """Phrases normalised, empty ones dropped, duplicates removed keeping the first (rank order)."""
    seen: set[str] = set()
    out: list[str] = []
    for phrase in phrases:
        norm = normalize_phrase(phrase)
        if norm and norm not in seen:
            seen.add(norm)
            out.append(norm)
    return out


def keyphrase_scores(
    predicted: Sequence[str], gold: Sequence[str], ks: Sequence[int] = KS
) -> dict[str, float]:
    """P@k, R@k and F1@k (0..1) of ranked `predicted` against `gold`, keyed "p@5", "r@5", "f1@5".

    With no prediction in the top k, P@k is 0; with no gold phrase, R@k is 0.
    """
    preds = normalized_phrases(predicted)
    golds = set(normalized_phrases(gold))
    out: dict[str, float] = {}
    for k in ks:
        top = preds[:k]
        matches = sum(1 for p in top if p in golds)
        precision = matches / len(top) if top else 0.0
        recall = matches / len(golds) if golds else 0.0
        f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
        out[f"p@{k}"], out[f"r@{k}"], out[f"f1@{k}"] = precision, recall, f1
    return out


KEYPHRASE_KEYS = tuple(f"{m}@{k}" for k in KS for m in ("p", "r", "f1"))


# ---------------------------------------------------------------------------- predictors


def lead_lines(text: str, n: int) -> str:
    """The Lead-N baseline on one-sentence-per-line data: its first `n` non-blank lines."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return "\n".join(lines[:n])


def summary_methods() -> dict[str, str]:
    """Every method `evaluate_summaries` accepts: the baselines, then ours."""
    from ..summarizer import available_methods

    return {**SUMMARY_BASELINES, **available_methods()}


def summary_predictor(method: str) -> Callable[[str, int], str]:
    """A function (text, n) -> summary with one sentence per line, for `method`."""
    if method == "lead3":
        return lead_lines
    if method not in summary_methods():
        raise UnknownMethodError(
            f"unknown method {method!r}; choose from {', '.join(summary_methods())}"
        )
    from ..summarizer import summarize

    def predict(text: str, n: int) -> str:
        return summarize(text, method=method, sentences=n).text

    return predict


def keyphrase_predictor(method: str) -> Callable[[str, int], list[str]]:
    """A function (text, k) -> ranked phrases, for `method` ("topics" or "yake")."""
    if method == "topics":
        from ..topics import extract_topics

        def topics(text: str, k: int) -> list[str]:
            return [t.label for t in extract_topics(text, limit=k)]

        return topics
    if method == "yake":
        yake = _require("yake")

        def keywords(text: str, k: int) -> list[str]:
            extractor = yake.KeywordExtractor(lan="en", n=3, top=k)
            return [kw for kw, _score in extractor.extract_keywords(text)]

        return keywords
    raise UnknownMethodError(
        f"unknown keyphrase method {method!r}; choose from {', '.join(KEYPHRASE_METHODS)}"
    )


# ------------------------------------------------------------------------------- running


@dataclass(frozen=True, slots=True)
class MethodResult:
    """One method's mean scores (x100) per source and over all documents, and its speed."""

    method: str
    overall: dict[str, float]
    sources: dict[str, dict[str, float]]
    documents: int
    seconds: float
    """Wall time of the method's predictions alone (scoring excluded), summed over documents."""
    folds: tuple[dict[str, dict[str, float]], ...] = ()
    """With cross-validation: for each fold, its mean scores per source (empty otherwise)."""

    def spread(self, source: str) -> dict[str, tuple[float, float]]:
        """Mean and sample standard deviation over the folds of each score of `source`."""
        keys = next(iter(self.sources.values())).keys()
        values = {k: [fold[source][k] for fold in self.folds if source in fold] for k in keys}
        return {
            k: (statistics.fmean(v), statistics.stdev(v) if len(v) > 1 else 0.0)
            for k, v in values.items()
        }

    @property
    def ms_per_document(self) -> float:
        return 1000.0 * self.seconds / self.documents if self.documents else 0.0


@dataclass(frozen=True, slots=True)
class Evaluation:
    """The result of one `newsdesk eval` run: what was measured and every method's scores."""

    task: str
    """"summaries" or "keyphrases"."""
    data: str
    documents: int
    sources: dict[str, int]
    """Documents per source, in file order."""
    parameters: dict[str, int | None]
    methods: tuple[MethodResult, ...]
    metrics: tuple[str, ...] = field(default=())
    fold_sizes: tuple[dict[str, int], ...] = ()
    """With cross-validation: documents per source in each fold (empty otherwise)."""

    def to_json(self) -> dict[str, Any]:
        """The documented `--json` form (docs/evaluation.md).

        With folds, each method also has "folds" (per fold: documents and scores per source) and
        "cross_validation" (per source and score: the mean and standard deviation over folds).
        """
        out = self._to_json()
        if self.fold_sizes:
            out["parameters"]["folds"] = len(self.fold_sizes)
            for row, m in zip(out["methods"], self.methods):
                row["folds"] = [
                    {"fold": i + 1, "documents": dict(sizes),
                     "sources": {s: _rounded(v) for s, v in scores.items()}}
                    for i, (sizes, scores) in enumerate(zip(self.fold_sizes, m.folds))
                ]
                row["cross_validation"] = {
                    source: {k: {"mean": round(mean, 2), "sd": round(sd, 2)}
                             for k, (mean, sd) in m.spread(source).items()}
                    for source in self.sources
                }
        return out

    def _to_json(self) -> dict[str, Any]:
        return {
            "version": JSON_VERSION,
            "task": self.task,
            "data": self.data,
            "documents": self.documents,
            "sources": dict(self.sources),
            "parameters": dict(self.parameters),
            "metrics": list(self.metrics),
            "methods": [
                {
                    "method": m.method,
                    "documents": m.documents,
                    "seconds": round(m.seconds, 4),
                    "ms_per_document": round(m.ms_per_document, 4),
                    "overall": _rounded(m.overall),
                    "sources": {s: _rounded(v) for s, v in m.sources.items()},
                }
                for m in self.methods
            ],
        }


def _rounded(scores: dict[str, float]) -> dict[str, float]:
    return {k: round(v, 2) for k, v in scores.items()}


Progress = Callable[[int], None]
"""Called with the number of documents just finished (for a progress bar)."""


@dataclass(frozen=True, slots=True)
class _Job:
    task: str
    method: str
    size: int
    docs: tuple[EvalDocument, ...]


def _run_chunk(job: _Job) -> tuple[list[dict[str, float]], float]:
    """Predict and score one chunk of documents with one method (runs in a worker or inline)."""
    scores: list[dict[str, float]] = []
    seconds = 0.0
    if job.task == "summaries":
        predict_summary = summary_predictor(job.method)
        scorer = RougeScorer()
        for doc in job.docs:
            t0 = time.perf_counter()
            try:
                summary = predict_summary(doc.text, job.size)
            except NewsdeskError as exc:
                raise _method_failed(job.method, doc, exc) from None
            seconds += time.perf_counter() - t0
            assert isinstance(doc.gold, str)
            scores.append(scorer.score(summary, doc.gold))
    else:
        predict_phrases = keyphrase_predictor(job.method)
        for doc in job.docs:
            t0 = time.perf_counter()
            try:
                phrases = predict_phrases(doc.text, job.size)
            except NewsdeskError as exc:
                raise _method_failed(job.method, doc, exc) from None
            seconds += time.perf_counter() - t0
            scores.append(keyphrase_scores(phrases, doc.gold))
    return scores, seconds


def _method_failed(method: str, doc: EvalDocument, exc: NewsdeskError) -> NewsdeskError:
    error = type(exc)(f"method {method!r} failed on document {doc.id!r}: {exc}")
    return error


CHUNK = 16
"""Documents per unit of work handed to a worker process."""


def evaluate(
    task: str,
    docs: Sequence[EvalDocument],
    methods: Sequence[str],
    *,
    size: int,
    data: str = "",
    workers: int = 1,
    progress: Progress | None = None,
    folds: int = 1,
) -> Evaluation:
    """Run every method over `docs` and average its scores per source and overall (x100).

    `size` is the summary length in sentences or the number of keyphrases. With `workers` > 1
    the documents are spread over that many processes in chunks of `CHUNK`. With `folds` > 1
    the scores are also averaged per fold of `fold_assignment` (k-fold cross-validation: how
    much a figure moves from one part of the data to another).
    """
    if task not in ("summaries", "keyphrases"):
        raise ValueError(f"unknown task {task!r}")
    if folds < 1:
        raise ValueError("folds must be at least 1")
    assignment = fold_assignment([(d.id, d.source) for d in docs], folds) if folds > 1 else []
    for method in methods:  # unknown methods and missing packages fail before any work
        (summary_predictor if task == "summaries" else keyphrase_predictor)(method)
    if task == "summaries":
        RougeScorer()
    else:
        _porter()
    chunks = [tuple(docs[i:i + CHUNK]) for i in range(0, len(docs), CHUNK)]
    jobs = [_Job(task, m, size, chunk) for m in methods for chunk in chunks]
    outputs: list[tuple[list[dict[str, float]], float]] = []
    if workers > 1 and len(jobs) > 1:
        import multiprocessing
        from concurrent.futures import ProcessPoolExecutor

        # forkserver, not fork: the caller may run threads (a progress bar) that fork would copy
        # mid-lock; the workers import only this module and the method's own dependencies.
        available = multiprocessing.get_all_start_methods()
        context = multiprocessing.get_context("forkserver" if "forkserver" in available else "spawn")
        with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
            for job, out in zip(jobs, pool.map(_run_chunk, jobs)):
                outputs.append(out)
                if progress:
                    progress(len(job.docs))
    else:
        for job in jobs:
            outputs.append(_run_chunk(job))
            if progress:
                progress(len(job.docs))
    keys = ROUGE_KEYS if task == "summaries" else KEYPHRASE_KEYS
    results: list[MethodResult] = []
    for mi, method in enumerate(methods):
        per_doc: list[dict[str, float]] = []
        seconds = 0.0
        for scores, secs in outputs[mi * len(chunks):(mi + 1) * len(chunks)]:
            per_doc.extend(scores)
            seconds += secs
        results.append(_aggregate(method, docs, per_doc, keys, seconds, assignment, folds))
    sources: dict[str, int] = {}
    for doc in docs:
        sources[doc.source] = sources.get(doc.source, 0) + 1
    fold_sizes: list[dict[str, int]] = [{} for _ in range(folds)] if assignment else []
    for doc, fold in zip(docs, assignment):
        fold_sizes[fold][doc.source] = fold_sizes[fold].get(doc.source, 0) + 1
    return Evaluation(
        task=task,
        data=data,
        documents=len(docs),
        sources=sources,
        parameters={"sentences" if task == "summaries" else "k": size},
        methods=tuple(results),
        metrics=keys,
        fold_sizes=tuple(fold_sizes),
    )


def _aggregate(
    method: str,
    docs: Sequence[EvalDocument],
    per_doc: Sequence[dict[str, float]],
    keys: Sequence[str],
    seconds: float,
    assignment: Sequence[int] = (),
    folds: int = 1,
) -> MethodResult:
    groups: dict[str, list[dict[str, float]]] = {}
    for doc, scores in zip(docs, per_doc, strict=True):
        groups.setdefault(doc.source, []).append(scores)
    fold_groups: list[dict[str, list[dict[str, float]]]] = [{} for _ in range(folds)]
    for doc, scores, fold in zip(docs, per_doc, assignment):
        fold_groups[fold].setdefault(doc.source, []).append(scores)
    return MethodResult(
        method=method,
        overall=_mean(per_doc, keys),
        sources={source: _mean(rows, keys) for source, rows in groups.items()},
        documents=len(per_doc),
        seconds=seconds,
        folds=tuple(
            {source: _mean(rows, keys) for source, rows in fold.items()} for fold in fold_groups
        ) if assignment else (),
    )


def _mean(rows: Sequence[dict[str, float]], keys: Sequence[str]) -> dict[str, float]:
    return {k: 100.0 * sum(r[k] for r in rows) / len(rows) for k in keys}

"""Benchmark: Newsdesk's sentence segmenter against pysbd, syntok and blingfire, in one run.

For every candidate it prints accuracy on the hand-written cases (tests/data/segmentation_cases.txt:
share of cases split exactly right, and precision/recall of the sentence boundaries inside lines)
and speed in MB/s over one corpus (the cases and the sample articles, repeated to --mb megabytes),
then the ratio of each candidate's speed to pysbd's. Every library gets the same line rule as ours
(each line is segmented on its own), so only the in-line decisions are compared.

    python tests/benchmarks/bench_segmenter.py            # full run (~1 min)
    python tests/benchmarks/bench_segmenter.py --mb 1 --failures newsdesk

Not collected by pytest (speed is measured here, never in timed tests).
"""

from __future__ import annotations

import argparse
import importlib.util
import re
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from summarize.ingest.articles import load_article_file, sample_article_paths  # noqa: E402
from summarize.sentences import split_sentences  # noqa: E402

_spec = importlib.util.spec_from_file_location(
    "segmentation_cases", ROOT / "tests" / "data" / "segmentation_cases.py"
)
assert _spec is not None and _spec.loader is not None
_cases_module = importlib.util.module_from_spec(_spec)
sys.modules["segmentation_cases"] = _cases_module
_spec.loader.exec_module(_cases_module)
load_cases = _cases_module.load_cases

Span = tuple[int, int]
Segmenter = Callable[[str, str], list[Span]]
"""(text, language) -> sentence spans (start, end) in text."""

_LINE = re.compile(r"[^\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]+")


def _cut_at_lines(segment_text: Callable[[str, str], list[Span]]) -> Segmenter:
    """Wrap a library so that line breaks end sentences as ours do, one call per document: every
    break but those inside hard-wrapped blocks (`summarize.sentences.wrapped_line_breaks`, our rule
    for wrapped text), so the comparison is about the boundaries inside lines."""
    from summarize.sentences import wrapped_line_breaks

    def segment(text: str, language: str) -> list[Span]:
        soft = wrapped_line_breaks(text)
        spans: list[Span] = []
        for a, b in segment_text(text, language):
            cuts = [m.start() for m in _BREAK.finditer(text, a, b) if m.start() not in soft]
            if not cuts:
                spans.append((a, b))
                continue
            start = a
            for cut in cuts + [b]:
                piece = text[start:cut]
                if piece.strip():
                    left = start + len(piece) - len(piece.lstrip())
                    spans.append((left, start + len(piece.rstrip())))
                start = cut + 1
        return spans

    return segment


_BREAK = re.compile(r"[\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029]")


def _locate(text: str, pieces: list[str]) -> list[Span]:
    """Spans of `pieces` found in order in `text` (for libraries that return strings)."""
    spans: list[Span] = []
    pos = 0
    for piece in pieces:
        piece = piece.strip()
        if not piece:
            continue
        i = text.find(piece, pos)
        if i < 0:  # the library changed the text; fall back to the rest of the line
            i = pos
        spans.append((i, i + len(piece)))
        pos = i + len(piece)
    return spans


def newsdesk() -> Segmenter:
    def segment(text: str, language: str) -> list[Span]:
        return [(s.start, s.end) for s in split_sentences(text, language)]

    return segment


def pysbd_candidate() -> Segmenter:
    import pysbd
    from pysbd.languages import LANGUAGE_CODES

    segmenters: dict[str, pysbd.Segmenter] = {}

    def line(text: str, language: str) -> list[Span]:
        code = language if language in LANGUAGE_CODES else "en"  # pysbd has no Portuguese
        seg = segmenters.get(code)
        if seg is None:
            seg = segmenters[code] = pysbd.Segmenter(language=code, clean=False)
        return _locate(text, seg.segment(text))

    return _cut_at_lines(line)


def syntok_candidate() -> Segmenter:
    from syntok import segmenter

    def line(text: str, language: str) -> list[Span]:
        spans: list[Span] = []
        for paragraph in segmenter.analyze(text):
            for sentence in paragraph:
                if sentence:
                    last = sentence[-1]
                    spans.append((sentence[0].offset, last.offset + len(last.value)))
        return spans

    return _cut_at_lines(line)


def blingfire_candidate() -> Segmenter:
    import blingfire

    def line(text: str, language: str) -> list[Span]:
        _, offsets = blingfire.text_to_sentences_and_offsets(text)
        return [(s, e) for s, e in offsets]

    return _cut_at_lines(line)


CANDIDATES: dict[str, Callable[[], Segmenter]] = {
    "newsdesk": newsdesk,
    "pysbd": pysbd_candidate,
    "syntok": syntok_candidate,
    "blingfire": blingfire_candidate,
}


def _sentences(text: str, spans: list[Span]) -> list[str]:
    return [s for s in (text[a:b].strip() for a, b in spans) if s]


def _inline_boundaries(text: str, sentences: list[str] | tuple[str, ...]) -> set[int]:
    """End offsets of sentences that are followed by more text on the same line."""
    ends: set[int] = set()
    pos = 0
    for sentence in sentences:
        i = text.find(sentence, pos)
        if i < 0:
            continue
        pos = i + len(sentence)
        rest = _LINE.match(text, pos)
        if rest is not None and rest.group().strip():
            ends.add(pos)
    return ends


def accuracy(segment: Segmenter, cases: list, failures: list[str] | None = None) -> tuple[float, float, float]:
    """(share of exact cases, boundary precision, boundary recall)."""
    exact = tp = fp = fn = 0
    for case in cases:
        got = _sentences(case.text, segment(case.text, case.language))
        if got == list(case.expected):
            exact += 1
        elif failures is not None:
            failures.append(f"{case.id}\n  expected {list(case.expected)}\n  got      {got}")
        want_b = _inline_boundaries(case.text, case.expected)
        got_b = _inline_boundaries(case.text, got)
        tp += len(want_b & got_b)
        fp += len(got_b - want_b)
        fn += len(want_b - got_b)
    precision = tp / (tp + fp) if tp + fp else 1.0
    recall = tp / (tp + fn) if tp + fn else 1.0
    return exact / len(cases), precision, recall


def documents(cases: list, megabytes: float) -> list[tuple[str, str]]:
    """(text, language) of the cases and sample articles, repeated to about `megabytes` MB."""
    docs = [(c.text, c.language) for c in cases]
    for path in sample_article_paths():
        if path.suffix in {".txt", ".md"}:
            article = load_article_file(path)
            docs.append((article.body, article.language or "en"))
    size = sum(len(d.encode("utf-8")) for d, _ in docs)
    return docs * max(1, round(megabytes * 1e6 / size))


def speed(segment: Segmenter, docs: list[tuple[str, str]], repeats: int) -> float:
    """MB/s (UTF-8 bytes per CPU second of this process), best of `repeats` passes.

    CPU time, not wall time: the figures then hold on a busy machine too (the dev box runs other
    jobs); each document is one call, as articles are.
    """
    size = sum(len(d.encode("utf-8")) for d, _ in docs) / 1e6
    best = float("inf")
    for _ in range(repeats):
        t0 = time.process_time()
        for doc, language in docs:
            segment(doc, language)
        best = min(best, time.process_time() - t0)
    return size / best


def per_article_us(text: str, repeats: int = 2000) -> float:
    """CPU microseconds for one split_sentences call on `text` (best of five batches)."""
    split_sentences(text)
    best = float("inf")
    for _ in range(5):
        t0 = time.process_time()
        for _ in range(repeats // 5):
            split_sentences(text)
        best = min(best, (time.process_time() - t0) / (repeats // 5))
    return best * 1e6


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--mb", type=float, default=5.0, help="corpus size for speed (default 5)")
    parser.add_argument("--only", nargs="*", choices=list(CANDIDATES), help="candidates to run")
    parser.add_argument("--failures", nargs="*", default=[], help="print failed cases of these")
    args = parser.parse_args(argv)

    cases = load_cases()
    docs = documents(cases, args.mb)
    mb = sum(len(d.encode("utf-8")) for d, _ in docs) / 1e6
    print(f"{len(cases)} cases ({sum('-heldout-' in c.id for c in cases)} held out: written "
          "after the rules were fixed, never tuned on)")
    print(f"speed corpus {mb:.1f} MB in {len(docs)} documents "
          "(cases + sample articles, repeated); MB/s per CPU second\n")
    heldout = [c for c in cases if "-heldout-" in c.id]
    print(f"{'candidate':<11} {'exact':>7} {'bnd P':>6} {'bnd R':>6} {'held-out':>9} "
          f"{'MB/s':>8} {'x pysbd':>8}")
    rows: dict[str, tuple[float, float, float, float]] = {}
    for name in args.only or list(CANDIDATES):
        segment = CANDIDATES[name]()
        failures: list[str] | None = [] if name in args.failures else None
        exact, precision, recall = accuracy(segment, cases, failures)
        held, _, _ = accuracy(segment, heldout)
        fast = name in {"newsdesk", "blingfire"}
        mbs = speed(segment, docs, repeats=3 if fast else 1)
        rows[name] = (exact, precision, recall, mbs)
        ratio = f"{mbs / rows['pysbd'][3]:.1f}" if "pysbd" in rows else "-"
        print(f"{name:<11} {exact:>6.1%} {precision:>6.3f} {recall:>6.3f} {held:>9.1%} "
              f"{mbs:>8.2f} {ratio:>8}")
        for failure in failures or []:
            print("  FAIL " + failure)
    if "pysbd" in rows:
        base = rows["pysbd"][3]
        print("\nspeed relative to pysbd: " + ", ".join(
            f"{n} {r[3] / base:.1f}x" for n, r in rows.items()))
    seed = load_article_file(ROOT / "sample_articles" / "seed-kazakhstan-un.txt").body
    five_kb = (seed * (5000 // len(seed) + 1))[:5000]
    print(f"newsdesk on a 5 KB article: {per_article_us(five_kb):.0f} µs per call")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())

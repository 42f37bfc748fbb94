"""Speed of every summarization method on the sample articles, as a ratio to Lead, in one run.

    python tests/benchmarks/bench_methods.py [--rounds 5] [--sentences 3]

For each method: milliseconds per article (median over rounds of the mean over all sample
articles, each through `summarize.summarize`), and that time divided by Lead's. Two peers run in
the same rounds: sumy's own LexRank called directly on a document of the same sentences (what
the adapter costs on top of sumy), and sumy's own KL-Sum loop (what `_kl_ratings` saves). Rounds
interleave the methods so machine load falls on all of them alike. Not collected by pytest.
"""

from __future__ import annotations

import argparse
import statistics
import time
from collections.abc import Callable

from summarize import available_methods, split_sentences, summarize
from summarize.ingest.articles import load_article_file, sample_article_paths
from summarize.language import stop_words


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=5)
    parser.add_argument("--sentences", type=int, default=3)
    args = parser.parse_args()

    articles = [load_article_file(p) for p in sample_article_paths()]
    texts = [(a.body, a.language or "en") for a in articles]
    sentence_counts = [len(split_sentences(t, lang)) for t, lang in texts]

    def ours(method: str) -> Callable[[], None]:
        def run() -> None:
            for text, lang in texts:
                summarize(text, method=method, sentences=args.sentences, language=lang)
        return run

    runners: dict[str, Callable[[], None]] = {m: ours(m) for m in available_methods()}
    runners["sumy lexrank (direct)"] = _sumy_direct("lexrank", texts, args.sentences)
    runners["sumy kl (sumy's loop)"] = _sumy_direct("kl", texts, args.sentences)

    for run in runners.values():  # warm-up: imports, stemmer caches
        run()
    times: dict[str, list[float]] = {name: [] for name in runners}
    for _ in range(args.rounds):
        for name, run in runners.items():
            start = time.perf_counter()
            run()
            times[name].append((time.perf_counter() - start) / len(texts) * 1000)

    lead = statistics.median(times["lead"])
    print(
        f"{len(texts)} sample articles ({min(sentence_counts)}-{max(sentence_counts)} sentences,"
        f" {sum(sentence_counts)} in all), {args.sentences} sentences each,"
        f" median of {args.rounds} rounds"
    )
    print(f"{'method':<24}{'ms/article':>12}{'x Lead':>12}")
    for name, samples in times.items():
        ms = statistics.median(samples)
        print(f"{name:<24}{ms:>12.3f}{ms / lead:>12.1f}")


def _sumy_direct(
    method: str, texts: list[tuple[str, str]], count: int
) -> Callable[[], None]:
    """sumy's unmodified summarizer on a document of our sentences (no adapter scoring)."""
    from summarize.sumy_adapter import SumyAdapter, _summarizer_class

    def run() -> None:
        for text, lang in texts:
            adapter = SumyAdapter(method, lang)
            sentences = split_sentences(text, lang)
            document = adapter._document(sentences, text, None)
            summarizer = _summarizer_class(method, False)(adapter._stemmer())
            summarizer.stop_words = stop_words(lang)
            summarizer(document, count)

    return run


if __name__ == "__main__":
    main()

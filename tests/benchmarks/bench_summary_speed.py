"""Speed of the default "news" summary beside Lead-3, sumy LexRank and YAKE, in one run.

    python tests/benchmarks/bench_summary_speed.py [--rounds 7] [--data FILE.jsonl]
        [--sentences 25-35]

On the same articles (our sample articles by default; with --data, the `text` of every row of an
eval JSONL such as the summaries file of docs/evaluation.md, read and never stored), in the same
rounds, interleaved so machine load falls on all alike, it times per article:

- news rank+select: `news_rank.rank` + `news_rank.select_detailed` on ready sentences (the method);
- news from text: `split_sentences` + rank + select (the method with our segmenter);
- summarize() news: `summarize.summarize(text)`, the default method's whole public call (the
  segmenter, the method and the `Summary` with its word counts): the summary's share (0.8 ms
  aimed at) of the 2 ms issue 5 allows summary plus topics;
- summarize()+topics: `analyze(text)`, then `summarize(analysis)` + `extract_topics(analysis)`
  (one split for both), the whole default in-process call the issue budgets at 2 ms for a
  typical 30-sentence article;
- Lead-3 from text: `split_sentences` + the first three;
- sumy LexRank: sumy's PlaintextParser with a regex tokenizer object (no NLTK data) and
  LexRankSummarizer with the Snowball stemmer and stop words, three sentences;
- YAKE: `yake.KeywordExtractor(lan="en", n=3, top=10).extract_keywords(text)`.

Prints ms/article (the best round's mean: least disturbed by load) and each time as a ratio to
"news from text". Not collected by pytest.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import time
from collections.abc import Callable
from pathlib import Path

from summarize import analyze, extract_topics, news_rank, split_sentences, summarize
from summarize.ingest.articles import load_article_file, sample_article_paths
from summarize.language import detect_language, stop_words


class RegexTokenizer:
    """sumy's tokenizer protocol with two regular expressions: no NLTK data, no download."""

    _SENTENCE = re.compile(r"(?<=[.!?])[\"'”’)\]]*\s+|\n+")
    _WORD = re.compile(r"\w+(?:[’'\-.]\w+)*")

    language = "english"

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.strip() for s in self._SENTENCE.split(paragraph) if s.strip())

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(self._WORD.findall(sentence))


def load_texts(data: Path | None) -> list[tuple[str, str]]:
    if data is None:
        out = []
        for path in sample_article_paths():
            article = load_article_file(path)
            out.append((article.body, article.language or detect_language(article.body)))
        return out
    rows = [json.loads(line) for line in data.read_text(encoding="utf-8").splitlines() if line]
    return [(row["text"], "en") for row in rows]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=7)
    parser.add_argument("--data", type=Path, default=None, help="a JSONL file with a text field")
    parser.add_argument(
        "--sentences", default=None, metavar="LO-HI",
        help="only articles with LO to HI sentences (e.g. 25-35 for 'a typical 30-sentence one')",
    )
    args = parser.parse_args()

    import yake
    from sumy.nlp.stemmers import Stemmer
    from sumy.parsers.plaintext import PlaintextParser
    from sumy.summarizers.lex_rank import LexRankSummarizer

    texts = load_texts(args.data)
    if args.sentences:
        lo, _, hi = args.sentences.partition("-")
        texts = [
            (t, lang) for t, lang in texts
            if int(lo) <= len(split_sentences(t, lang)) <= int(hi or lo)
        ]
    english = [(t, lang) for t, lang in texts if lang == "en"]
    split = [(split_sentences(t, lang), t, lang) for t, lang in texts]
    counts = [len(s) for s, _, _ in split]

    lexrank = LexRankSummarizer(Stemmer("english"))
    lexrank.stop_words = stop_words("en")
    tokenizer = RegexTokenizer()
    extractor = yake.KeywordExtractor(lan="en", n=3, top=10)

    def news_only() -> None:
        for sentences, text, lang in split:
            facts = news_rank.analyse(sentences, lang)  # once for both, as summarize() does
            ranked = news_rank.rank(sentences, text, lang, facts=facts)
            news_rank.select_detailed(
                sentences, ranked, count=3, word_budget=None, language=lang, facts=facts
            )

    def news_text() -> None:
        for text, lang in texts:
            sentences = split_sentences(text, lang)
            facts = news_rank.analyse(sentences, lang)
            ranked = news_rank.rank(sentences, text, lang, facts=facts)
            news_rank.select_detailed(
                sentences, ranked, count=3, word_budget=None, language=lang, facts=facts
            )

    def summary_only() -> None:
        for text, lang in texts:
            summarize(text, language=lang)

    def pipeline() -> None:
        for text, lang in texts:
            analysis = analyze(text, lang)  # one split for both, as every caller wanting both
            summarize(analysis)
            extract_topics(analysis)

    def lead3() -> None:
        for text, lang in texts:
            split_sentences(text, lang)[:3]

    def sumy_lexrank() -> None:
        for text, _ in english:
            document = PlaintextParser.from_string(text, tokenizer).document
            lexrank(document, 3)

    def yake_keywords() -> None:
        for text, _ in english:
            extractor.extract_keywords(text)

    runners: dict[str, tuple[Callable[[], None], int]] = {
        "news rank+select": (news_only, len(texts)),
        "news from text": (news_text, len(texts)),
        "summarize() news": (summary_only, len(texts)),
        "summarize()+topics": (pipeline, len(texts)),
        "Lead-3 from text": (lead3, len(texts)),
        "sumy LexRank": (sumy_lexrank, len(english)),
        "YAKE keywords": (yake_keywords, len(english)),
    }
    for run, _ in runners.values():  # warm up: imports, caches, stemmers
        run()
    best: dict[str, float] = {name: float("inf") for name in runners}
    for _ in range(args.rounds):
        for name, (run, n) in runners.items():
            start = time.perf_counter()
            run()
            best[name] = min(best[name], (time.perf_counter() - start) * 1000 / max(n, 1))

    source = args.data.name if args.data else "sample articles"
    if args.sentences:
        source += f", {args.sentences} sentences"
    print(
        f"{len(texts)} articles ({source}; {len(english)} English for sumy/YAKE), "
        f"sentences per article: median {statistics.median(counts):.0f}, "
        f"mean {statistics.fmean(counts):.1f}; best of {args.rounds} rounds"
    )
    base = best["news from text"]
    print(f"{'':22s}{'ms/article':>12s}{'x news from text':>20s}")
    for name, ms in best.items():
        print(f"{name:22s}{ms:12.3f}{ms / base:20.2f}")


if __name__ == "__main__":
    main()

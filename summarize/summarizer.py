"""`summarize()`: one entry point over every method, with length as count, ratio or word budget.

Each method scores every sentence of the article (`Summary.scores`); the length decides how many
of the best are kept, in article order. `news` (the default, `summarize.news_rank`) and `lead`
are pure Python; the sumy algorithms run behind `summarize.sumy_adapter`, which alone imports
sumy, NLTK and numpy, on first use.
"""

from __future__ import annotations

from . import news_rank
from . import sentences as segmenter
from .analysis import Analysis, analysis_of
from .length import DEFAULT_SENTENCES, SummaryLength
from .methods import DEFAULT_METHOD, METHODS, SUMY_METHODS, available_methods, method_name
from .models import SUMMARY_SHAPE, Sentence, Summary, SummarySentence
from .tokens import WORD_RE

LEAD_VERSION = "1"
"""Bump when `lead`'s scores or choices may change."""

__all__ = [
    "DEFAULT_METHOD",
    "DEFAULT_SENTENCES",
    "METHODS",
    "SUMY_METHODS",
    "available_methods",
    "method_version",
    "summarize",
]


def method_version(method: str) -> str:
    """A string that changes whenever the method's output for the same input may change.

    The library keys its summary cache on it, so cached summaries are recomputed after an upgrade.
    It covers the segmenter (`summarize.sentences.VERSION` when it has one), the method's own
    version, the shape of the `Summary` record (`models.SUMMARY_SHAPE`) and, for sumy's
    algorithms, the adapter's version and sumy's.
    """
    name = method_name(method)
    segmenter_version = str(getattr(segmenter, "VERSION", "0"))
    if name == "news":
        own = f"news_rank {news_rank.VERSION}"
    elif name == "lead":
        own = f"lead {LEAD_VERSION}"
    else:
        from . import sumy_adapter

        own = f"adapter {sumy_adapter.ADAPTER_VERSION}, sumy {sumy_adapter.sumy_version()}"
    return f"{name}:{own}, segmenter {segmenter_version}, summary {SUMMARY_SHAPE}"


def summarize(
    text: str | Analysis,
    *,
    method: str | None = None,
    sentences: int | None = None,
    ratio: float | str | None = None,
    words: int | None = None,
    language: str | None = None,
) -> Summary:
    """An extractive summary of `text`: its best sentences by `method`, in article order.

    `text` is the article, or its `Analysis` (`summarize.analyze`) when the caller wants its
    topics too: both then share one split. Length: `sentences` (a count), `ratio` (0.2 or "20%"
    of the article's sentences, at least one) or `words` (a word budget filled with whole
    sentences, best first, at least one sentence); at most one of them, three sentences by
    default. `language` is a name or ISO code; None detects it (with an `Analysis`, it must agree
    with the analysis's). Raises `UnknownMethodError`, `InvalidLengthError` or
    `UnsupportedLanguageError` for bad arguments (checked first), `EmptyInputError` for blank
    text.
    """
    name = method_name(method)
    length = SummaryLength.parse(sentences=sentences, ratio=ratio, words=words)
    analysis = analysis_of(text, language)
    text, code = analysis.text, analysis.language
    sents = list(analysis.sentences)

    chosen: list[tuple[int, float, dict[str, float]]]
    if name == "news":
        facts = news_rank.analyse(sents, code)
        ranked = news_rank.rank(sents, text, code, facts=facts)
        scores = [score for score, _ in ranked]
        chosen = _news_choice(sents, ranked, length, code, facts)
        # The words of the text are the words of its sentences: the segmenter puts every
        # non-space character in a sentence and whitespace between sentences, where no word
        # can span (tests/test_news_rank.py checks the counts agree on any text). news_rank
        # counts them from the terms it has already found, quicker than a scan of the text.
        input_words = news_rank.word_count(sents, code, facts=facts)
    else:
        ranked = _rank_lead(sents) if name == "lead" else _rank_sumy(name, sents, text, code)
        scores = [score for score, _ in ranked]
        chosen = [(i, ranked[i][0], ranked[i][1])
                  for i in length.choose(scores, _word_counts(sents))]
        input_words = analysis.word_count

    return Summary(
        method=name,
        language=code,
        sentences=tuple(
            SummarySentence(i, sents[i].text, sents[i].start, sents[i].end, score, dict(parts))
            for i, score, parts in chosen
        ),
        input_sentences=len(sents),
        input_chars=len(text),
        input_words=input_words,
        scores=tuple(scores),
        spans=analysis.spans,
    )


def _rank_lead(sents: list[Sentence]) -> list[tuple[float, dict[str, float]]]:
    """Lead-N as scores: 1 / (1 + index), so the best N are the first N."""
    return [(1.0 / (1 + i), {"position": 1.0 / (1 + i)}) for i in range(len(sents))]


def _rank_sumy(
    name: str, sents: list[Sentence], text: str, language: str
) -> list[tuple[float, dict[str, float]]]:
    from . import sumy_adapter

    return sumy_adapter.SumyAdapter(name, language).rank(sents, text)


def _news_choice(
    sents: list[Sentence],
    ranked: list[tuple[float, dict[str, float]]],
    length: SummaryLength,
    language: str,
    facts: news_rank._Analysis,
) -> list[tuple[int, float, dict[str, float]]]:
    """news_rank's own selection (redundancy-aware), held to the same length rules as the rest.

    A chosen sentence's score is the one it was chosen with (its rank score plus the redundancy
    penalty, both in its parts); `Summary.scores` keeps the rank scores.
    """
    if not sents:
        return []
    selection = news_rank.select_detailed(
        sents, ranked, count=length.sentence_count(len(sents)), word_budget=length.word_budget,
        language=language, facts=facts,
    )
    if selection.indices:
        return list(zip(selection.indices, selection.scores, selection.parts))
    # a word budget shorter than every sentence: the best sentence alone, as for other methods
    (best,) = length.choose([score for score, _ in ranked], _word_counts(sents))
    return [(best, ranked[best][0], ranked[best][1])]


def _word_counts(sents: list[Sentence]) -> list[int]:
    """Words per sentence, for the length rules (news_rank counts its own while it ranks)."""
    return [len(WORD_RE.findall(s.text)) for s in sents]

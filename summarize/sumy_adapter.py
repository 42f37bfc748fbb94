"""Every sumy algorithm behind one adapter: our sentences in, one score per sentence out.

sumy's quirks stay in this module. sumy and NLTK (and the numpy some algorithms need) are
imported here only, inside functions, so `import summarize` and the default method never load
them. sumy's stock `Tokenizer` needs NLTK's punkt data and is never used: sumy's document is built
from `summarize.split_sentences` through `SumyTokenizer`, whose words are `summarize.tokens`'s,
so nothing is ever downloaded.

How each algorithm's choice becomes scores:

- Each sumy summarizer ends in `_get_best_sentences(sentences, count, rating)`. The adapter
  subclasses it to record `rating` for *every* sentence instead of keeping the best few, so
  `Summary.scores` holds the algorithm's own rating of each sentence and `summarize.length`
  chooses from them the way sumy does (best rating first, ties to the earlier sentence), which
  also gives every algorithm ratio and word-budget lengths. `SumyAdapter.sumy_choice` runs the
  unmodified summarizer for comparison.
- sumy's `Sentence` is equal and hashed by its text, so duplicate sentences share one rating.
  Ours carry their index and compare by it, which maps sumy's sentences back to our indices by
  position, duplicates included.
- KL-Sum and SumBasic rate a sentence by the (negated) round it was picked in; Random by a
  shuffled rank, seeded from the text's hash so the same input gives the same summary.
- Edmundson needs three word lists. Bonus words: the article's most frequent content words (and
  the title's words when a title is given); stigma words: a short list of page-furniture words
  ("subscribe", "advertisement", ...; sumy refuses an empty list); null words: the language's stop
  words. Its parts are its cue, location and (with a title) title ratings, which sum to its score.

Stop words are the language's lists from `summarize.language` (sumy's own files); the stemmer is
Snowball through PyStemmer, the same as our own methods use, or sumy's stemmer for the languages
PyStemmer lacks (Slovak and Ukrainian).
"""

from __future__ import annotations

import math
import re
import warnings
from collections import Counter
from collections.abc import Callable, Sequence
from functools import lru_cache
from typing import Any

from .errors import InputError
from .language import resolve_language, stemmer, stop_words
from .models import Sentence
from .sentences import split_sentences

from .methods import SUMY_METHODS
from .tokens import words

ADAPTER_VERSION = "1"
"""Bump whenever the adapter may turn the same sumy output into different scores or choices."""

STIGMA_WORDS = (
    "advertisement", "advertising", "sponsored", "subscribe", "subscription", "newsletter",
    "cookie", "cookies", "copyright", "click", "login",
)
"""Edmundson's stigma words: page furniture that marks a line as not part of the story."""

BONUS_WORDS = 10
"""How many of the article's most frequent content words are Edmundson's bonus words."""

_CLASS_NAMES = {
    "lexrank": ("lex_rank", "LexRankSummarizer"),
    "textrank": ("text_rank", "TextRankSummarizer"),
    "lsa": ("lsa", "LsaSummarizer"),
    "luhn": ("luhn", "LuhnSummarizer"),
    "edmundson": ("edmundson", "EdmundsonSummarizer"),
    "kl": ("kl", "KLSummarizer"),
    "sumbasic": ("sum_basic", "SumBasicSummarizer"),
    "reduction": ("reduction", "ReductionSummarizer"),
    "random": ("random", "RandomSummarizer"),
}

_PARAGRAPH_BREAK = re.compile(r"\n[^\S\n]*\n")

MAX_SENTENCES: dict[str, int] = {
    "kl": 1000,
    "reduction": 600,
    "sumbasic": 2000,
    "lexrank": 600,
    "textrank": 500,
    "lsa": 5000,
    "luhn": 20000,
    "edmundson": 20000,
    "random": 20000,
}
"""The longest article, in sentences, each sumy algorithm is given: a few seconds at most.

Most of sumy's algorithms compare every sentence with every other (or pick greedily, scanning
them all each round), so their time grows with the square of the sentence count or faster; the
limits come from tests/benchmarks/bench_bounds.py on text whose sentences share many words (the
slow case). Long news features have a few hundred sentences. An article longer than its limit is
refused with a message naming `news` and `lead`, which have no limit.
"""


def sumy_version() -> str:
    """The installed sumy's version, read without importing sumy."""
    from importlib import metadata  # tens of milliseconds cold: only when a version is asked

    try:
        return metadata.version("sumy")
    except metadata.PackageNotFoundError:  # pragma: no cover - sumy is a dependency
        return "unknown"


class SumyTokenizer:
    """sumy's tokenizer protocol over our segmenter and word tokens (no NLTK data needed)."""

    def __init__(self, language: str) -> None:
        self.language = resolve_language(language).code

    def to_sentences(self, paragraph: str) -> tuple[str, ...]:
        return tuple(s.text for s in split_sentences(paragraph, self.language))

    def to_words(self, sentence: str) -> tuple[str, ...]:
        return tuple(words(sentence))


class SumyAdapter:
    """One sumy algorithm for one language: `rank` scores every sentence the algorithm's way."""

    def __init__(self, method: str, language: str) -> None:
        if method not in SUMY_METHODS:
            raise ValueError(f"not a sumy method: {method!r}")
        self.method = method
        self.language = resolve_language(language)
        self.tokenizer = SumyTokenizer(self.language.code)

    # -- public -------------------------------------------------------------------------------

    def rank(
        self, sentences: Sequence[Sentence], text: str, *, title: str | None = None
    ) -> list[tuple[float, dict[str, float]]]:
        """One (score, parts) per sentence of `text`, in article order; parts sum to the score.

        `sentences` are `split_sentences(text)`; `text` supplies the paragraph breaks.
        """
        n = len(sentences)
        if n == 0:
            return []
        self._check_length(n)
        document = self._document(sentences, text, title)
        summarizer = self._summarizer(recording=True, sentences=sentences, title=title)
        with warnings.catch_warnings():
            # LSA warns when an article has fewer distinct words than sentences; harmless here
            warnings.simplefilter("ignore")
            summarizer(document, n)
        recorded: dict[int, float] = summarizer.recorded or {}
        scores = [_finite(recorded.get(i, 0.0)) for i in range(n)]
        if self.method == "edmundson":
            parts = self._edmundson_parts(summarizer, document, n)
            return [(sum(p.values()), p) for p in parts]
        return [(s, {self.method: s}) for s in scores]

    def sumy_choice(
        self, sentences: Sequence[Sentence], text: str, count: int, *, title: str | None = None
    ) -> list[int]:
        """The indices sumy's own summarizer picks for `count` sentences (Random seeded as ours)."""
        if not sentences:
            return []
        self._check_length(len(sentences))
        document = self._document(sentences, text, title)
        summarizer = self._summarizer(recording=False, sentences=sentences, title=title)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            chosen = summarizer(document, count)
        return sorted(s.index for s in chosen)

    def _check_length(self, n: int) -> None:
        """Refuse an article longer than the method's `MAX_SENTENCES` (`InputError`)."""
        limit = MAX_SENTENCES[self.method]
        if n > limit:
            raise InputError(
                f"article too long for method {self.method} ({n:,} sentences; the limit is "
                f"{limit:,}): use news or lead"
            )

    # -- sumy's document ------------------------------------------------------------------------

    def _document(self, sentences: Sequence[Sentence], text: str, title: str | None) -> Any:
        """sumy's document of our sentences: paragraphs split at blank lines of `text`.

        A title becomes a heading at the top of the first paragraph (Edmundson's title method
        reads headings; its location method rewards the first paragraph).
        """
        dom = _sumy_dom()
        indexed = dom.IndexedSentence
        paragraphs: list[Any] = []
        current: list[Any] = []
        if title and title.strip():
            current.append(indexed(title, self.tokenizer, -1, is_heading=True))
        previous_end: int | None = None
        for i, s in enumerate(sentences):
            if previous_end is not None and _PARAGRAPH_BREAK.search(text, previous_end, s.start):
                paragraphs.append(dom.Paragraph(current))
                current = []
            current.append(indexed(s.text, self.tokenizer, i))
            previous_end = s.end
        if current:
            paragraphs.append(dom.Paragraph(current))
        return dom.ObjectDocumentModel(paragraphs)

    # -- sumy's summarizers -------------------------------------------------------------------

    def _stemmer(self) -> Callable[[str], str]:
        if self.language.stemmer is not None:
            return stemmer(self.language.code)
        from sumy.nlp.stemmers import Stemmer

        return Stemmer(self.language.name)  # type: ignore[no-any-return]

    def _summarizer(
        self, *, recording: bool, sentences: Sequence[Sentence], title: str | None
    ) -> Any:
        cls = _summarizer_class(self.method, recording)
        summarizer = cls(self._stemmer())
        stop = stop_words(self.language.code)
        if hasattr(summarizer, "stop_words"):
            summarizer.stop_words = stop
        if self.method == "random":
            summarizer.seed = _text_seed(sentences)
        elif self.method == "edmundson":
            bonus = _bonus_words(sentences, stop, summarizer.stem_word, title)
            if bonus:
                summarizer.bonus_words = bonus
            else:  # no content word at all: the cue method has nothing to say
                summarizer._cue_weight = 0.0
            summarizer.stigma_words = STIGMA_WORDS
            summarizer.null_words = stop
        return summarizer

    def _edmundson_parts(self, summarizer: Any, document: Any, n: int) -> list[dict[str, float]]:
        """The weighted ratings Edmundson adds up, by name (the methods with a non-zero weight)."""
        parts: list[dict[str, float]] = [{} for _ in range(n)]
        methods: list[tuple[str, float, Callable[[], Any]]] = [
            ("cue", summarizer._cue_weight, summarizer._build_cue_method_instance),
            ("key", summarizer._key_weight, summarizer._build_key_method_instance),
            ("title", summarizer._title_weight if document.headings else 0.0,
             summarizer._build_title_method_instance),
            ("location", summarizer._location_weight, summarizer._build_location_method_instance),
        ]
        for name, weight, build in methods:
            if weight <= 0.0:
                continue
            ratings = build().rate_sentences(document)
            for sentence, rating in ratings.items():
                if 0 <= sentence.index < n:
                    parts[sentence.index][name] = weight * _finite(rating)
            for p in parts:
                p.setdefault(name, 0.0)
        return parts


# -----------------------------------------------------------------------------------------------
# Helpers, built on first use so that sumy is imported only when a sumy method runs.


def _finite(value: Any) -> float:
    number = float(value)
    return number if math.isfinite(number) else 0.0


def _text_seed(sentences: Sequence[Sentence]) -> int:
    import hashlib  # OpenSSL's import costs milliseconds; only the random method needs it

    digest = hashlib.sha256("\x1f".join(s.text for s in sentences).encode("utf-8")).digest()
    return int.from_bytes(digest[:8], "big")


def _bonus_words(
    sentences: Sequence[Sentence],
    stop: frozenset[str],
    stem: Callable[[str], str],
    title: str | None,
) -> list[str]:
    """The most frequent content words (a surface form per stem), plus the title's words."""
    counts: Counter[str] = Counter()
    surface: dict[str, str] = {}
    for s in sentences:
        for w in words(s.text):
            low = w.lower()
            if low in stop or not any(c.isalpha() for c in low):
                continue
            key = stem(low)
            counts[key] += 1
            surface.setdefault(key, low)
    ranked = sorted(counts, key=lambda k: -counts[k])  # stable: ties keep first occurrence
    frequent = [surface[k] for k in ranked if counts[k] >= 2][:BONUS_WORDS]
    if not frequent:
        frequent = [surface[k] for k in ranked][:BONUS_WORDS]
    if title:
        frequent += [w.lower() for w in words(title) if w.lower() not in stop]
    return frequent


@lru_cache(maxsize=1)
def _sumy_dom() -> Any:
    """sumy's DOM classes plus `IndexedSentence`, a sentence that knows its position."""
    import types

    from sumy.models.dom import ObjectDocumentModel, Paragraph
    from sumy.models.dom import Sentence as SumySentence

    class IndexedSentence(SumySentence):  # type: ignore[misc]
        """Equal and hashed by position, so duplicate sentences keep their own ratings."""

        __slots__ = ("index",)

        def __init__(self, text: str, tokenizer: Any, index: int, is_heading: bool = False):
            super().__init__(text, tokenizer, is_heading)
            self.index = index

        def __eq__(self, other: object) -> bool:
            return isinstance(other, IndexedSentence) and other.index == self.index

        def __ne__(self, other: object) -> bool:
            return not self.__eq__(other)

        def __hash__(self) -> int:
            return hash(self.index)

    return types.SimpleNamespace(
        ObjectDocumentModel=ObjectDocumentModel,
        Paragraph=Paragraph,
        IndexedSentence=IndexedSentence,
    )


@lru_cache(maxsize=None)
def _summarizer_class(method: str, recording: bool) -> type[Any]:
    """sumy's summarizer class for `method`, subclassed to record every sentence's rating.

    Random is always seeded. Without `recording` the class is otherwise sumy's own (what
    `SumyAdapter.sumy_choice` runs); with it, KL-Sum also gets the faster `_kl_ratings`.
    """
    import importlib
    import random

    module_name, class_name = _CLASS_NAMES[method]
    module = importlib.import_module(f"sumy.summarizers.{module_name}")
    base: type[Any] = getattr(module, class_name)
    namespace: dict[str, Any] = {}

    if method == "random":
        def _get_random_ratings(self: Any, sentences: Sequence[Any]) -> dict[Any, int]:
            ratings = list(range(len(sentences)))
            random.Random(self.seed).shuffle(ratings)
            return dict(zip(sentences, ratings))

        namespace["seed"] = 0
        namespace["_get_random_ratings"] = _get_random_ratings
    if recording:
        if method == "kl":
            namespace["_compute_ratings"] = _kl_ratings

        def _get_best_sentences(
            self: Any, sentences: Sequence[Any], count: Any, rating: Any, *args: Any, **kwargs: Any
        ) -> tuple[Any, ...]:
            if isinstance(rating, dict):
                rate: Callable[[Any], Any] = rating.__getitem__
            else:
                def rate(s: Any) -> Any:
                    return rating(s, *args, **kwargs)
            self.recorded = {s.index: rate(s) for s in sentences}
            return tuple(sentences)

        namespace["recorded"] = None
        namespace["_get_best_sentences"] = _get_best_sentences

    return type(f"Newsdesk{class_name}", (base,), namespace)


def _kl_ratings(self: Any, sentences: Sequence[Any]) -> dict[Any, int]:
    """sumy's `KLSummarizer._compute_ratings`, same choices, in O(words) per round.

    sumy recomputes every candidate's joint word distribution with the whole summary so far in
    each round (4.1 s on our 222-sentence sample feature, 0.08 s this way). This keeps the
    summary's sums and updates them per candidate word: the same quantity, sumy's quirks included
    (article frequencies drop stop words before lower-casing; the summary counts its raw words).
    Where candidates tie to within rounding, sumy's own formula breaks the tie, so the choices
    are sumy's; tests/test_sumy_adapter.py checks the whole ranking against sumy's.
    """
    normalize = self.normalize_word
    stop = self.stop_words
    doc_freq: dict[str, float] = self.compute_tf(sentences) if sentences else {}
    candidates: list[tuple[Any, list[str], list[tuple[str, int]]]] = []
    for s in sentences:
        content = [w for w in (normalize(w) for w in s.words) if w not in stop]
        candidates.append((s, content, list(Counter(content).items())))

    summary_words: list[str] = []
    summary_counts: dict[str, int] = {}
    a0 = b0 = d0 = 0.0  # over summary words w with a frequency f: sum f log f, f log count, f
    ratings: dict[Any, int] = {}
    while candidates:
        kls: list[float] = []
        for _, content, counts in candidates:
            t = len(summary_words) + len(content)
            a, b, d = a0, b0, d0
            for w, c in counts:
                f = doc_freq.get(w)
                if not f:
                    continue
                have = summary_counts.get(w)
                if have:
                    b += f * (math.log(have + c) - math.log(have))
                else:
                    a += f * math.log(f)
                    b += f * math.log(c)
                    d += f
            kls.append(a - b + d * math.log(t) if t else 0.0)
        low = min(kls)
        near = [k for k, kl in enumerate(kls) if kl - low <= 1e-9 * max(1.0, abs(low))]
        if len(near) > 1:  # rounding decides: decide it the way sumy's own arithmetic does
            exact = [
                self._kl_divergence(self._joint_freq(candidates[k][1], summary_words), doc_freq)
                for k in near
            ]
            best = near[exact.index(min(exact))]
        else:
            best = near[0]
        sentence, _, _ = candidates.pop(best)
        ratings[sentence] = -len(ratings)
        for w in sentence.words:  # sumy adds the chosen sentence's raw words to the summary
            summary_words.append(w)
            have = summary_counts.get(w, 0)
            summary_counts[w] = have + 1
            f = doc_freq.get(w)
            if not f:
                continue
            if have:
                b0 += f * (math.log(have + 1) - math.log(have))
            else:  # a new word: f log f, plus f log 1 = 0 for its count
                a0 += f * math.log(f)
                d0 += f
    return ratings

"""The "news" method: sentences that best cover what the story keeps saying, lead first.

How it works, in news terms. A news story says its point early and then keeps returning to the
same names, numbers and words. So the method builds a *pseudo-reference*: the words a summary of
this story is expected to contain, estimated from the article alone, with a word counted more the
earlier it appears (a word of sentence ``i`` weighs ``1 / (1 + i / Params.half_life)``), a
speaker's own words (a sentence in the first person, "I", "we", "our", or all in quotation marks)
counted at `Params.speaker_weight` of that, names and numbers (capitalised inside a sentence, or
digits) at `Params.name_weight`, and page furniture not at all. Scaled to `Params.reference_words` words, each word ``t`` then has an
expected count ``m_t`` in the summary; a summary containing the word ``c`` times is expected to
match ``E[min(c, N_t)]`` of it, with ``N_t ~ Poisson(m_t)``. The summary sought is the one with
the highest expected unigram F1 against that pseudo-reference: ``2 * matched / (summary words +
reference words)``. That single objective rewards centrality (words the story repeats) and
position (words it says first), balances length (long sentences add words that dilute the
precision) and punishes redundancy (words already matched match nothing more). It is an
unsupervised estimate of the ROUGE-1 F1 the field measures summaries with, and it needs no
corpus, model or download: only the article, a Snowball stemmer and a few word lists.

`rank` scores each sentence on its own; its parts (``score == sum(parts.values())``):

- ``coverage``: the sentence's expected F1, alone, against the pseudo-reference built *without*
  the lead weighting (every sentence's words count alike): how central the sentence is.
- ``position``: what the lead weighting adds to that (the expected F1 against the real
  pseudo-reference minus ``coverage``): positive for sentences that share the words of the
  story's opening, negative for those that only share the words of its tail.
- ``speaker``: ``-Params.speaker`` when the sentence is a speaker's words (first person, or all
  quotation).
- ``length``: ``-Params.fragment`` for fragments of fewer than `Params.fragment_words` words.
- ``boilerplate``: ``-Params.boilerplate`` for bylines, "PUBLISHED: ... | UPDATED: ...",
  "Click here", "Scroll down for video", share bars and credits; ``-Params.question`` for a line
  that is a question or an unclosed quotation fragment.

`select_detailed` (and `select`, which returns just the indices) then picks greedily: at each
step the sentence whose *marginal* gain in expected F1 of the whole summary, plus its penalties,
is highest, within the sentence count and/or word budget. A sentence never adds more to a summary
than it would alone; what it loses is recorded in two parts (where non-zero): ``redundancy``, the
matches its words no longer bring because the chosen sentences already hold them (the MMR idea,
in the objective's own units), and ``dilution``, the share of F1 a longer summary gives up. The
result is a frozen `Selection`: indices in article order, and for each the score it was chosen
with (its rank score plus those two parts) and its parts, which sum to it.

Why this and not graph centrality: PacSum-style directed TF-IDF centrality plus a position prior
and MMR (this module's first version) got at best about 0.7 ROUGE-1 over Lead-3 on the CNN/DM dev
split, with XSum under 19.6, and every weighting of it traded one against the other; the coverage
objective clears both targets with four weights (tests/benchmarks/tune_news_rank.py). Hand-written rather than sumy/numpy: pure
Python over dicts of stems is all it needs, about a millisecond for a 30-sentence article (see
tests/benchmarks/bench_summary_speed.py). `VERSION` changes whenever output may change.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache

from .language import stemmer, stop_words
from .models import Sentence
from .tokens import WORD_RE

VERSION = "9"
"""Bump whenever `rank`/`select` may return something different for the same input."""

DEFAULT_COUNT = 3
"""Sentences chosen when neither a count nor a word budget is given."""


@dataclass(frozen=True, slots=True)
class Params:
    """The method's few weights; defaults chosen on the news dev split (tune_news_rank.py)."""

    half_life: float = 3.0
    """Sentence index at which a word's weight in the pseudo-reference has halved."""
    reference_words: float = 30.0
    """Length of the pseudo-reference in words: how long a summary the objective aims at."""
    speaker_weight: float = 0.75
    """Weight of a first-person sentence's words in the pseudo-reference."""
    name_weight: float = 1.25
    """Weight of names and numbers in the pseudo-reference, relative to other words."""
    speaker: float = 0.05
    """Penalty of a first-person sentence."""
    fragment_words: int = 6
    """Sentences with fewer words than this are fragments."""
    fragment: float = 0.1
    """Penalty of a fragment."""
    boilerplate: float = 1.0
    """Penalty of page furniture: never chosen while a story sentence is left."""
    question: float = 0.1
    """Penalty of a question or an unclosed quotation fragment."""


DEFAULT_PARAMS = Params()


@dataclass(frozen=True, slots=True)
class Selection:
    """What `select_detailed` chose: indices in article order, with scores and parts."""

    indices: tuple[int, ...]
    scores: tuple[float, ...]
    """Each chosen sentence's score as chosen: its rank score plus ``redundancy`` and ``dilution``."""
    parts: tuple[dict[str, float], ...] = field(default=(), hash=False)
    """Each chosen sentence's parts (a copy), ``redundancy``/``dilution`` included where non-zero."""


# --------------------------------------------------------------------------------------------
# What is not story text.

_FURNITURE_START = re.compile(
    r"""
    \s*(?:
      by\s+\.
    | by\s+(?-i:[A-Z][\w.'’\-]*\s*){1,4}(?:(?:and|&)\s+(?-i:[A-Z][\w.'’\-]*\s*){1,4})?
      (?:\.|\||for\s+(?:the\s+)?(?:daily\s+mail|mailonline))?\s*$
    | [\w.'’\- ]{0,40}\b(?:reporter|correspondent|editor)s?\s*\.?\s*$
    | scroll\s+down\b
    | (?:read|see|watch)\s+more\b
    | share\s+(?:this|on)\b
    | (?:image|photo|picture|video)\s+(?:copyright|caption|credit)\b
    | (?:copyright|all\s+rights\s+reserved)\b
    | advertisement\s*$
    )
    """,
    re.IGNORECASE | re.VERBOSE,
)
"""Page furniture recognised by how the line starts."""

_FURNITURE_INSIDE = re.compile(
    r"daily\s+mail\s+reporter|\b(?:published|updated)\s*:\s|\|\s*updated\b|\bclick\s+here\b"
    r"|\bfollow\s+(?:us\s+on\s+twitter\b|@)",
    re.IGNORECASE,
)
"""Page furniture recognised anywhere in the line (searched only when a key word is there)."""

_FURNITURE_KEYS = ("reporter", "published", "updated", "click", "follow")

_QUOTE_CLOSE = "\"'”’»“"
_CLOSING = {"\"": "\"", "“": "”\"", "‘": "’'", "«": "»", "„": "“”\""}
"""Opening quotation mark -> the marks that may close it."""


def boilerplate_kind(text: str) -> str | None:
    """Why a line is not story text: "boilerplate", "question" or None (a story sentence)."""
    if _FURNITURE_START.match(text):
        return "boilerplate"
    low = text.lower()
    if any(key in low for key in _FURNITURE_KEYS) and _FURNITURE_INSIDE.search(text):
        return "boilerplate"
    if text.strip().rstrip(_QUOTE_CLOSE + ")] ").endswith("?"):
        return "question"
    body = text.strip()
    opening = body[:1]
    if opening in _CLOSING and not any(c in body[1:] for c in _CLOSING[opening]):
        return "question"  # a quotation that opens and never closes: a fragment of speech
    return None


def _quoted_whole(text: str) -> bool:
    """A sentence that is all quotation: it opens with a quotation mark and ends with its close."""
    body = text.strip()
    closing = _CLOSING.get(body[:1])
    return closing is not None and len(body) > 2 and body.rstrip(".!?,;: ")[-1:] in closing


_FIRST_PERSON: dict[str, frozenset[str]] = {
    "en": frozenset("I we my our ours me us myself ourselves you your".split()),
    "de": frozenset("ich wir mein meine meinen meinem meiner unser unsere unseren unserem mich "
                    "uns mir".split()),
    "fr": frozenset("je j nous mon ma mes notre nos moi".split()),
    "es": frozenset("yo nosotros nosotras mi mis nuestro nuestra nuestros nuestras".split()),
    "it": frozenset("io noi mio mia miei mie nostro nostra nostri nostre".split()),
    "pt": frozenset("eu nós meu minha meus minhas nosso nossa nossos nossas".split()),
}
"""First-person words as written (case matters: "US" is a country, "us" a speaker; a sentence's
first word is also tried in lower case), matched against letter runs, so "I'm" and "j'ai" match
through "I" and "j"."""


_TERM_RE = re.compile(r"[^\W_]+")
"""A term of the objective: a run of letters or digits ("U.S." is two, "30-year-old" three),
which is how ROUGE counts words, so the objective's lengths are the metric's."""

# --------------------------------------------------------------------------------------------
# The analysis of one article, shared by rank and select (the last one is kept for select).


@dataclass(frozen=True, slots=True)
class _Analysis:
    bags: tuple[dict[str, int], ...]
    """Stem counts of each sentence (every word, stop words included, as ROUGE counts them)."""
    lengths: tuple[int, ...]
    """Terms of each sentence (letter/digit runs: what the F1 objective counts)."""
    expected: dict[str, float]
    """m_t: the expected count of each stem in the pseudo-reference."""
    kinds: tuple[str | None, ...]
    speaker: tuple[bool, ...]
    reference_words: float
    first: dict[str, float]
    """P(N_t >= 1): the expected match of a term's first occurrence in the summary."""
    alone: tuple[float, ...]
    """Expected matched words of each sentence on its own."""
    alone_flat: tuple[float, ...]
    """The same against a pseudo-reference without the lead weighting."""

    def f1_alone(self, i: int, *, flat: bool = False) -> float:
        """Expected F1 of sentence i as a summary on its own."""
        matched = (self.alone_flat if flat else self.alone)[i]
        return 2.0 * matched / (self.lengths[i] + self.reference_words) if self.lengths[i] else 0.0


_cache: tuple[tuple[str, Params, tuple[str, ...]], _Analysis] | None = None


_stem_cache: dict[str, dict[str, str]] = {}


def _stems(language: str) -> dict[str, str]:
    """A lower-case word -> stem dict per language, filled as words come (cheaper than calls)."""
    cache = _stem_cache.get(language)
    if cache is None or len(cache) > 200_000:
        cache = _stem_cache[language] = {}
    return cache


@lru_cache(maxsize=None)
def _stop_stems(language: str) -> frozenset[str]:
    """The stems of a language's stop words (a capitalised stop word is no name)."""
    stem = stemmer(language)
    return frozenset(stem(w) for w in stop_words(language))


def _analyse(sentences: Sequence[Sentence], language: str, params: Params) -> _Analysis:
    global _cache
    key = (language, params, tuple(s.text for s in sentences))
    cached = _cache
    if cached is not None and cached[0] == key:
        return cached[1]
    stems = _stems(language)
    first_person = _FIRST_PERSON.get(language, frozenset())
    bags: list[dict[str, int]] = []
    lengths: list[int] = []
    kinds: list[str | None] = []
    speaker: list[bool] = []
    names: set[str] = set()
    weights: dict[str, float] = {}
    flat: dict[str, float] = {}
    for i, sentence in enumerate(sentences):
        tokens = _TERM_RE.findall(sentence.text)
        lows = [w.lower() for w in tokens]
        try:
            terms = [stems[w] for w in lows]
        except KeyError:  # words not seen before: stem them once
            stem = stemmer(language)
            terms = [stems[w] if w in stems else stems.setdefault(w, stem(w)) for w in lows]
        bag: dict[str, int] = Counter(terms)
        is_speaker = (
            not first_person.isdisjoint(tokens)
            or bool(lows) and lows[0] in first_person
            or _quoted_whole(sentence.text)
        )
        # names and numbers: not all lower case (a capital or a digit), past the first word
        names.update([terms[j] for j in range(1, len(tokens)) if not tokens[j].islower()])
        if tokens and tokens[0][0].isdigit():
            names.add(terms[0])
        kind = boilerplate_kind(sentence.text)
        bags.append(bag)
        lengths.append(len(tokens))
        kinds.append(kind)
        speaker.append(is_speaker)
        if kind == "boilerplate":
            continue
        base = params.speaker_weight if is_speaker else 1.0
        weight = base / (1.0 + i / params.half_life)
        for term, count in bag.items():
            weights[term] = weights.get(term, 0.0) + weight * count
            flat[term] = flat.get(term, 0.0) + base * count
    if params.name_weight != 1.0:
        names.difference_update(_stop_stems(language))
        for term in names:
            if term in weights:
                weights[term] *= params.name_weight
                flat[term] *= params.name_weight
    expected, first = _pseudo_reference(weights, params.reference_words)
    alone = tuple(_alone(bag, expected, first) for bag in bags)
    # the same without the lead weighting: what `position` adds to a sentence's coverage
    flat_expected, flat_first = _pseudo_reference(flat, params.reference_words)
    alone_flat = tuple(_alone(bag, flat_expected, flat_first) for bag in bags)
    analysis = _Analysis(
        tuple(bags),
        tuple(lengths),
        expected,
        tuple(kinds),
        tuple(speaker),
        params.reference_words,
        first,
        alone,
        alone_flat,
    )
    _cache = (key, analysis)
    return analysis


def _pseudo_reference(
    weights: dict[str, float], words: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Expected counts m_t scaled to `words` words, and P(N_t >= 1) for each term."""
    total = sum(weights.values())
    scale = words / total if total > 0 else 0.0
    expected = {term: w * scale for term, w in weights.items()}
    return expected, {term: 1.0 - math.exp(-m) for term, m in expected.items()}


def _alone(bag: dict[str, int], expected: dict[str, float], first: dict[str, float]) -> float:
    """Expected matched words of a sentence on its own (an empty summary before it)."""
    added = 0.0
    for term, count in bag.items():
        added += first.get(term, 0.0)
        if count > 1:  # repeats match only as far as the reference repeats the word too
            m = expected.get(term, 0.0)
            for k in range(2, count + 1):
                added += _at_least(m, k)
    return added


def _overlap_loss(
    bag: dict[str, int], have: dict[str, int], expected: dict[str, float]
) -> float:
    """How much less a sentence matches after a summary holding `have` of each term.

    Only the terms the summary already holds change, so only those are visited (a C-level set
    intersection finds them).
    """
    lost = 0.0
    for term in bag.keys() & have.keys():
        m = expected.get(term, 0.0)
        if m <= 0.0:
            continue
        count, already = bag[term], have[term]
        for k in range(1, count + 1):
            lost += _at_least(m, k) - _at_least(m, already + k)
    return lost


@lru_cache(maxsize=1 << 16)
def _at_least(m: float, k: int) -> float:
    """P(N >= k) for N ~ Poisson(m), k >= 1."""
    term = cumulative = math.exp(-m)
    for j in range(1, k):
        term *= m / j
        cumulative += term
    return max(0.0, 1.0 - cumulative)


class _Coverage:
    """Expected matched words of a growing summary against the pseudo-reference."""

    __slots__ = ("analysis", "counts", "matched", "words")

    def __init__(self, analysis: _Analysis) -> None:
        self.analysis = analysis
        self.counts: dict[str, int] = {}
        self.matched = 0.0
        self.words = 0

    def gain(self, i: int) -> tuple[float, float]:
        """(expected matched words added by sentence i, expected F1 after adding it)."""
        a = self.analysis
        added = a.alone[i]
        if self.counts:
            added -= _overlap_loss(a.bags[i], self.counts, a.expected)
        words = self.words + a.lengths[i]
        return added, self.f1(self.matched + added, words)

    def add(self, i: int, added: float) -> None:
        for term, count in self.analysis.bags[i].items():
            self.counts[term] = self.counts.get(term, 0) + count
        self.matched += added
        self.words += self.analysis.lengths[i]

    def f1(self, matched: float, words: int) -> float:
        return 2.0 * matched / (words + self.analysis.reference_words) if words else 0.0


# --------------------------------------------------------------------------------------------


def rank(
    sentences: list[Sentence],
    text: str,
    language: str,
    *,
    params: Params = DEFAULT_PARAMS,
) -> list[tuple[float, dict[str, float]]]:
    """One (score, parts) per sentence, in article order; ``score == sum(parts.values())``.

    `text` is the article the sentences come from (unused: the sentences carry their text).
    """
    if not sentences:
        return []
    analysis = _analyse(sentences, language, params)
    out: list[tuple[float, dict[str, float]]] = []
    for i in range(len(sentences)):
        kind = analysis.kinds[i]
        coverage = analysis.f1_alone(i)
        flat = analysis.f1_alone(i, flat=True)
        parts = {
            "coverage": flat,
            "position": coverage - flat,
            "speaker": -params.speaker if analysis.speaker[i] else 0.0,
            "length": -params.fragment if analysis.lengths[i] < params.fragment_words else 0.0,
            "boilerplate": (
                -params.boilerplate if kind == "boilerplate"
                else -params.question if kind == "question"
                else 0.0
            ),
        }
        out.append((sum(parts.values()), parts))
    return out


_SELECTION_PARTS = ("redundancy", "dilution")
"""Parts only a selection adds (a `ranked` list that went through `select` may carry them)."""


def select_detailed(
    sentences: list[Sentence],
    ranked: list[tuple[float, dict[str, float]]],
    *,
    count: int | None,
    word_budget: int | None,
    language: str,
    params: Params = DEFAULT_PARAMS,
) -> Selection:
    """Greedy selection by marginal expected F1 within `count` sentences and `word_budget` words.

    Either limit or both; with neither, `DEFAULT_COUNT` sentences. The budget is never exceeded:
    a sentence that does not fit is passed over for one that does, so a budget below every
    sentence's length chooses nothing (the caller decides what to show then). Ties go to the
    earlier sentence. The non-coverage parts of `ranked` (position, penalties) are honoured as
    given.
    """
    n = len(sentences)
    if n == 0 or count is not None and count <= 0:
        return Selection((), (), ())
    if count is None and word_budget is None:
        count = DEFAULT_COUNT
    analysis = _analyse(sentences, language, params)
    summary = _Coverage(analysis)
    remaining = word_budget if word_budget is not None else math.inf
    # words as `summarize.tokens` counts them: what a word budget counts
    word_counts = (
        [len(WORD_RE.findall(s.text)) for s in sentences] if word_budget is not None else None
    )
    limit = count if count is not None else n
    # best rank score first: what a sentence loses is never negative, so once the rank scores
    # fall below the best value found in a round, nothing further down can beat it
    left = sorted(range(n), key=lambda i: (-ranked[i][0], i))
    chosen: dict[int, tuple[float, dict[str, float]]] = {}
    while left and len(chosen) < limit:
        current = summary.f1(summary.matched, summary.words)
        best, best_value, best_added, best_loss = -1, -math.inf, 0.0, 0.0
        for i in left:
            score, parts = ranked[i]
            if score < best_value:
                break
            if word_counts is not None and word_counts[i] > remaining:
                continue
            added, f1 = summary.gain(i)
            loss = min(0.0, (f1 - current) - analysis.f1_alone(i)) if chosen else 0.0
            value = score + loss
            if value > best_value or value == best_value and i < best:
                best, best_value, best_added, best_loss = i, value, added, loss
        if best < 0:
            break
        left.remove(best)
        parts = {k: v for k, v in ranked[best][1].items() if k not in _SELECTION_PARTS}
        if best_loss:
            # split the loss: words the summary already covers, and the longer summary's dilution
            words = summary.words + analysis.lengths[best] + analysis.reference_words
            overlap = max(best_loss, -2.0 * (analysis.alone[best] - best_added) / words)
            if overlap < 0.0:
                parts["redundancy"] = overlap
            if best_loss - overlap < 0.0:
                parts["dilution"] = best_loss - overlap
        summary.add(best, best_added)
        if word_counts is not None:
            remaining -= word_counts[best]
        chosen[best] = (best_value, parts)
    order = sorted(chosen)
    return Selection(
        tuple(order), tuple(chosen[i][0] for i in order), tuple(chosen[i][1] for i in order)
    )


def select(
    sentences: list[Sentence],
    ranked: list[tuple[float, dict[str, float]]],
    *,
    count: int | None,
    word_budget: int | None,
    language: str,
    params: Params = DEFAULT_PARAMS,
) -> list[int]:
    """The chosen sentence indices in article order (see `select_detailed`).

    Also records each chosen sentence's ``redundancy`` and ``dilution`` parts in its parts dict in
    `ranked`, so callers that show `ranked` (`summarize --explain`) show them beside the others;
    those parts then sum to the score it was chosen with, while ``ranked[i][0]`` stays its rank
    score (which is the sum of the other parts).
    """
    result = select_detailed(
        sentences, ranked, count=count, word_budget=word_budget, language=language, params=params
    )
    for i, parts in zip(result.indices, result.parts):
        for key in _SELECTION_PARTS:
            if key in parts:
                ranked[i][1][key] = parts[key]
    return list(result.indices)

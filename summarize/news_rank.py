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
  that is a question or an unclosed quotation fragment; ``-Params.fragment`` for a list item,
  heading or line that starts mid-sentence (`boilerplate_kind`).

`select_detailed` (and `select`, which returns just the indices) then picks greedily: at each
step the sentence whose *marginal* gain in expected F1 of the whole summary, plus its penalties,
is highest, within the sentence count and/or word budget. A sentence never adds more to a summary
than it would alone; what it loses is recorded in two parts (where non-zero): ``redundancy``, the
matches its words no longer bring because the chosen sentences already hold them (the MMR idea,
in the objective's own units), and ``dilution``, the share of F1 a longer summary gives up. The
result is a frozen `Selection`: indices in article order, and for each the score it was chosen
with (its rank score plus those two parts) and its parts, which sum to it.

The lead is the default. A news story's first sentences are its writer's own summary, and Lead-3
is the baseline a news summarizer must not lose to. The pseudo-reference is only an estimate: a
greedy choice that departs from the lead on a small expected gain is a coin flip against the
real summary (on the dev split's CNN/DM articles such departures lost ROUGE-2 as often as they
won it, and on unseen articles they cost ROUGE-2 overall). So the greedy choice is kept only when
it beats the story's lead (its first story sentences, within the same limits) by more than one
standard deviation of the difference, with every reference count ``N_t ~ Poisson(m_t)`` as
above; otherwise the lead is the summary. Page furniture, fragments and questions are never
part of that lead. One standard deviation is the rule's only constant, fixed by the statistics,
not searched; half of it and none at all (the better of the two by expected value) let some of
those coin-flip departures through and lost to Lead-3 on ROUGE-2 in a fold of the dev split;
one and a half or two also lost in a fold (a fold is 23 articles: single articles decide it).

Why this and not graph centrality: PacSum-style directed TF-IDF centrality plus a position prior
and MMR (this module's first version) traded CNN/DM against XSum under every weighting; the
coverage objective does well on both with four weights (tests/benchmarks/tune_news_rank.py,
judged by 5-fold cross-validation on both sources). Variants measured and not taken, because
each traded one source for the other or lost on both: a word's weight from the sentences it is
in rather than its count; stop words at half weight in the pseudo-reference; every mention
weighted by the position of the word's first mention; exponential instead of harmonic position
decay; a half-life scaled to the article's length; a penalty for sentences opening on a pronoun
or connective; any quotation as a speaker's; candidates limited to the first sentences; names
at the weight of other words; an expected ROUGE-2 term beside the ROUGE-1 one (a bigram
pseudo-reference built the same way, at full or half weight, with or without bigrams of stop
words: it halves the picks past the tenth sentence, but costs ROUGE-1 on both sources and gains
no ROUGE-2). The tail of a quotation (a sentence ending on a closing mark it never opened) as a
speaker's moved a few CNN/DM articles only, up in two folds and down in one. Measured for the
lead default and not taken: a search from the lead by single swaps while the objective improves
(a better optimum of the objective, yet worse on CNN/DM: the objective is not to be trusted on
small gains), the lead rule applied at each greedy step instead of to the whole choice, and the
lead rule only for articles whose best single sentence is their first (more XSum, less CNN/DM,
and below Lead-3 on a fold of each).

Fragments (list items and their lead-ins, Markdown headings, lines that start mid-sentence,
"Label: text" headings and captions, timestamps), questions (an explainer's headings) and page
furniture (bylines, "Photo:" credits) are never chosen unless the count asked for exceeds the
story sentences: they do not read on their own, and a word budget must not be topped up with
them.

Hand-written rather than sumy/numpy: pure Python over dicts of stems is all it needs, and it
runs well under sumy LexRank's time (tests/benchmarks/bench_summary_speed.py measures both). The
hot loops run as comprehensions and C-level maps over all sentences at once. `VERSION` changes whenever output may change.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import lru_cache
from itertools import filterfalse, repeat

TYPE_CHECKING = False  # typing costs ~3 ms of start-up; type checkers read this as True
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from ._record import Record as NamedTuple

try:  # the C loop inside Counter(): counting into a plain dict skips Counter's Python layers
    from collections import _count_elements  # type: ignore[attr-defined]
except ImportError:  # pragma: no cover - other Pythons

    def _count_elements(mapping: dict[str, int], iterable: list[str]) -> None:
        for item in iterable:
            mapping[item] = mapping.get(item, 0) + 1

from .language import stemmer, stop_words
from .models import Sentence
from .tokens import WORD_JOIN_RE, WORD_RE

VERSION = "12"
"""Bump whenever `rank`/`select` may return something different for the same input."""

DEFAULT_COUNT = 3
"""Sentences chosen when neither a count nor a word budget is given."""


class Params(NamedTuple):
    """The method's few weights; defaults chosen on the news dev split (tune_news_rank.py).

    A NamedTuple (built by `summarize._record`, without importing typing), not a dataclass:
    `import dataclasses` costs ~10 ms of every one-shot run.
    """

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


class Selection(NamedTuple):
    """What `select_detailed` chose: indices in article order, with scores and parts."""

    indices: tuple[int, ...]
    scores: tuple[float, ...]
    """Each chosen sentence's score as chosen: its rank score plus ``redundancy`` and ``dilution``."""
    parts: tuple[dict[str, float], ...] = ()
    """Each chosen sentence's parts (a copy), ``redundancy``/``dilution`` included where non-zero."""


# --------------------------------------------------------------------------------------------
# What is not story text.

_FURNITURE_START = re.compile(
    r"""
    \s*(?:
      by\s+\.
    | by\s+(?-i:[A-Z][\w.'’\-]*\s*){1,4}(?:(?:and|&)\s+(?-i:[A-Z][\w.'’\-]*\s*){1,4})?
      (?:\.|\||for\s+(?:the\s+)?(?:daily\s+mail|mailonline))?\s*$
    | [\w.,'’\- ]{0,60}\b(?:reporter|correspondent|editor)s?\s*\.?\s*$
    | scroll\s+down\b
    | (?:read|see|watch)\s+more\b
    | share\s+(?:this|on)\b
    | (?:image|photo|picture|video)s?\s*(?:copyright|caption|credit|:)
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

_QUOTE_CLOSE = "\"'”’»“"
_CLOSING = {"\"": "\"", "“": "”\"", "‘": "’'", "«": "»", "„": "“”\""}
"""Opening quotation mark -> the marks that may close it."""


_SENTENCE_END = (".", "!", "…")
"""How a sentence ends (a question is told apart before)."""

_HEADING_WORDS = 6
"""A line with no sentence end and fewer words than this is a heading ("The bottom line"), not
a sentence: the same bound as `Params.fragment_words`, a short sentence's."""

_LIST_ITEM = re.compile(r"[-*•‣⁃◦▪·–—]\s|\(?(?:\d{1,2}|[a-z])[.)]\s|#{1,6}\s")
"""A list item's marker at the start of a line (a bullet or dash, "1.", "2)", "a)"), or a
Markdown heading's."""


def _not_a_sentence_start(body: str) -> bool:
    """A list item or heading, or a line whose first letter is lower case (the tail of a caption or of a
    sentence cut in two): not a sentence a reader can take on its own."""
    if _LIST_ITEM.match(body):
        return True
    for char in body[:8]:
        if char.isalnum():
            return char.islower()
    return False


_FURNITURE_WORDS = (
    "by", "scroll", "read", "see", "watch", "share", "image", "photo", "picture", "video",
    "copyright", "all", "advertisement",
)
"""The words `_FURNITURE_START` may match at the start of a line (its other branch needs
"reporter", "correspondent" or "editor"): other lines skip that regex, the common case."""


def boilerplate_kind(text: str) -> str | None:
    """Why a line is not story text: "boilerplate", "question", "fragment" or None (a story sentence).

    A fragment is a list item or a list's lead-in ("Key terms:"), a line whose first letter is
    lower case, or a line with no sentence end that is a "Label: text" heading or caption, has
    no lower-case letter (a timestamp, a heading in capitals) or is short (a heading in a page
    reduced from Markdown or HTML): none of them reads on its own, so
    a summary shows them only when the article has too little else.
    """
    low = text.lower()
    if (
        (
            low.lstrip().startswith(_FURNITURE_WORDS)
            or "reporter" in low or "correspondent" in low or "editor" in low
        )
        and _FURNITURE_START.match(text)
    ) or (
        (
            "reporter" in low or "published" in low or "updated" in low or "click" in low
            or "follow" in low
        )
        and _FURNITURE_INSIDE.search(text)
    ):
        return "boilerplate"
    body = text.strip()
    tail = body.rstrip(_QUOTE_CLOSE + ")] ")
    if tail.endswith("?"):
        return "question"
    opening = body[:1]
    if opening in _CLOSING and not any(c in body[1:] for c in _CLOSING[opening]):
        return "question"  # a quotation that opens and never closes: a fragment of speech
    if tail.endswith(":") or _not_a_sentence_start(body):
        return "fragment"  # a list item, a list's lead-in, the tail of a caption or sentence
    if not tail.endswith(_SENTENCE_END) and (
        ":" in tail or not any(map(str.islower, tail)) or len(tail.split()) < _HEADING_WORDS
    ):
        return "fragment"  # "Storm Ilse: live updates", "10:42 GMT", "The bottom line": no sentence
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

_WORD_RUN_RE = re.compile(r"\w+")
"""`_TERM_RE` for a text without "_" (the same runs there), about 8% quicker to match."""

_NOT_ASCII_TERM = bytes(b for b in range(128) if not chr(b).isalnum() and b != 0x0A)
_SPACE_OUT = bytes.maketrans(_NOT_ASCII_TERM, b" " * len(_NOT_ASCII_TERM))
"""Every ASCII byte that is no letter or digit (bar the newline) -> a space; others kept."""


def _term_lists(texts: tuple[str, ...]) -> list[list[str]]:
    """Each text's terms as written (`_TERM_RE`'s runs), in one C-level pass where possible.

    In UTF-8, ASCII bytes stand only for themselves, so spacing out the ASCII non-letters of
    all the texts at once (joined by newlines, which no sentence holds) and splitting on
    whitespace gives exactly `_TERM_RE`'s runs for every text that is all ASCII; the others
    (any non-ASCII letter or mark can be a word character) are matched with the regex: one C
    pass instead of a regex match per sentence.
    """
    joined = "\n".join(texts)
    find_runs, find_terms = _WORD_RUN_RE.findall, _TERM_RE.findall
    if joined.count("\n") != len(texts) - 1:  # a caller's own sentences holding a newline
        return [find_terms(text) if "_" in text else find_runs(text) for text in texts]
    # surrogatepass: a lone surrogate goes through as bytes >= 0x80 and comes back as it was
    spaced = joined.encode("utf-8", "surrogatepass").translate(_SPACE_OUT)
    pieces = spaced.decode("utf-8", "surrogatepass").split("\n")
    return [
        piece.split() if piece.isascii()
        else find_terms(text) if "_" in text else find_runs(text)
        for piece, text in zip(pieces, texts)
    ]

# --------------------------------------------------------------------------------------------
# The analysis of one article, shared by rank, word_count and select: made once by `analyse`
# and handed to each (`facts=`), never kept between calls.


class _Analysis(NamedTuple):
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
    repeats: tuple[tuple[tuple[str, int], ...], ...]
    """Each sentence's terms that occur more than once in it, with their counts."""
    f1: tuple[float, ...]
    """Expected F1 of each sentence as a summary on its own (`f1_alone`)."""

    def f1_alone(self, i: int, *, flat: bool = False) -> float:
        """Expected F1 of sentence i as a summary on its own."""
        matched = (self.alone_flat if flat else self.alone)[i]
        return 2.0 * matched / (self.lengths[i] + self.reference_words) if self.lengths[i] else 0.0

    def f1_of(self, counts: dict[str, int], words: int) -> float:
        """Expected F1 of a summary holding `counts` of each term in `words` words:
        E[min(c, N_t)] is P(N_t >= 1), plus `_repeats` for a word held more than once."""
        if not words:
            return 0.0
        first, expected = self.first, self.expected
        matched = sum(map(first.__getitem__, counts))
        for term, count in counts.items():
            if count > 1:
                matched += _repeats(expected.get(term, 0.0), count)
        return 2.0 * matched / (words + self.reference_words)


_stem_cache: dict[str, dict[str, str]] = {}


def _stems(language: str) -> dict[str, str]:
    """A word as written -> its stem, per language, filled as words come (cheaper than calls)."""
    cache = _stem_cache.get(language)
    if cache is None or len(cache) > 200_000:
        cache = _stem_cache[language] = {}
    return cache


def _bag(terms: list[str]) -> dict[str, int]:
    """Each term's count (a plain dict, counted in C)."""
    bag: dict[str, int] = {}
    _count_elements(bag, terms)
    return bag


@lru_cache(maxsize=None)
def _stop_stems(language: str) -> frozenset[str]:
    """The stems of a language's stop words (a capitalised stop word is no name)."""
    stem = stemmer(language)
    return frozenset(stem(w) for w in stop_words(language))


def analyse(
    sentences: Sequence[Sentence], language: str, params: Params = DEFAULT_PARAMS
) -> _Analysis:
    """What `rank`, `word_count` and `select_detailed` need to know of the sentences: pass it
    to each as `facts=` so an article is analysed once per summary."""
    return _analyse(sentences, language, params)


def _analyse(sentences: Sequence[Sentence], language: str, params: Params) -> _Analysis:
    texts = tuple([s.text for s in sentences])
    stems = _stems(language)
    first_person = _FIRST_PERSON.get(language, frozenset())
    lookup = stems.__getitem__
    half_life = params.half_life
    speaker_weight = params.speaker_weight
    # each step over all sentences at once: comprehensions and maps run faster than one loop
    token_lists = _term_lists(texts)
    try:
        term_lists = [list(map(lookup, tokens)) for tokens in token_lists]
    except KeyError:  # words not seen before: stem each once, then look all up again
        stem = stemmer(language)
        for word in set().union(*token_lists).difference(stems):
            stems[word] = stem(word.lower())
        term_lists = [list(map(lookup, tokens)) for tokens in token_lists]
    bags = list(map(_bag, term_lists))
    lengths = list(map(len, token_lists))
    kinds = list(map(boilerplate_kind, texts))
    speaker = [
        not first_person.isdisjoint(tokens)
        or bool(tokens) and tokens[0].lower() in first_person
        or _quoted_whole(text)
        for tokens, text in zip(token_lists, texts)
    ]
    later: set[str] = set()  # words as written past a sentence's first word
    for tokens in token_lists:
        later.update(tokens[1:])
    weights: dict[str, float] = {}
    plain: list[str] = []  # the terms of story sentences and of speakers' ones, for `flat`
    spoken: list[str] = []
    get = weights.get
    for i, (bag, terms, kind, is_speaker) in enumerate(zip(bags, term_lists, kinds, speaker)):
        if kind == "boilerplate":
            continue
        if is_speaker:
            weight = speaker_weight / (1.0 + i / half_life)
            spoken += terms
        else:
            weight = 1.0 / (1.0 + i / half_life)
            plain += terms
        for term, count in bag.items():
            weights[term] = get(term, 0.0) + weight * count
    # without the lead weighting every story sentence counts alike, so a term's weight is its
    # count (times `speaker_weight` in a speaker's sentence), counted in C
    flat: dict[str, float] = {}
    _count_elements(flat, plain)
    if spoken:
        for term, count in Counter(spoken).items():
            flat[term] = flat.get(term, 0) + speaker_weight * count
    if params.name_weight != 1.0:
        # names and numbers: not all lower case (a capital or a digit), past the first word
        names = set(map(lookup, filterfalse(str.islower, later)))
        names.update([
            terms[0] for tokens, terms in zip(token_lists, term_lists)
            if tokens and tokens[0][0].isdigit()
        ])
        names = names.difference(_stop_stems(language))  # visits the few names, not the stop list
        name_weight = params.name_weight
        for term in names.intersection(weights):
            weights[term] *= name_weight
            flat[term] *= name_weight
    words = params.reference_words
    expected, first = _pseudo_reference(weights, words)
    # the same without the lead weighting (what `position` adds to a sentence's coverage);
    # its expected counts are needed only for repeated words, so they are made where needed
    total = sum(flat.values())
    flat_scale = words / total if total > 0 else 0.0
    flat_first = {term: 1.0 - math.exp(-w * flat_scale) for term, w in flat.items()}
    if "boilerplate" in kinds:
        # furniture's words are in neither reference, so they match nothing: with a 0.0 entry
        # for each, every word of every sentence is looked up below without a default
        for bag, kind in zip(bags, kinds):
            if kind == "boilerplate":
                for term in bag:
                    first.setdefault(term, 0.0)
                    flat_first.setdefault(term, 0.0)
    alone: list[float] = []
    alone_flat: list[float] = []
    repeats: list[tuple[tuple[str, int], ...]] = []
    first_of, flat_first_of, expected_get, flat_get = (
        first.__getitem__, flat_first.__getitem__, expected.get, flat.get
    )
    extra: dict[tuple[str, int], tuple[float, float]] = {}  # a repeated word's further matches
    for bag, n in zip(bags, lengths):
        # expected matches of the sentence's words; repeats match only as far as the reference
        # repeats the word too
        matched = sum(map(first_of, bag))
        matched_flat = sum(map(flat_first_of, bag))
        repeated: tuple[tuple[str, int], ...] = ()
        if n > len(bag):
            repeated = tuple([(term, count) for term, count in bag.items() if count > 1])
            for pair in repeated:
                more = extra.get(pair)
                if more is None:
                    term, count = pair
                    m = expected_get(term, 0.0)
                    m_flat = flat_get(term, 0.0) * flat_scale
                    more = extra[pair] = (_repeats(m, count), _repeats(m_flat, count))
                matched += more[0]
                matched_flat += more[1]
        alone.append(matched)
        alone_flat.append(matched_flat)
        repeats.append(repeated)
    return _Analysis(
        tuple(bags),
        tuple(lengths),
        expected,
        tuple(kinds),
        tuple(speaker),
        words,
        first,
        tuple(alone),
        tuple(alone_flat),
        tuple(repeats),
        tuple([
            2.0 * matched / (n + words) if n else 0.0 for matched, n in zip(alone, lengths)
        ]),
    )


def _pseudo_reference(
    weights: dict[str, float], words: float
) -> tuple[dict[str, float], dict[str, float]]:
    """Expected counts m_t scaled to `words` words, and P(N_t >= 1) for each term."""
    total = sum(weights.values())
    scale = words / total if total > 0 else 0.0
    expected = {term: w * scale for term, w in weights.items()}
    return expected, {term: 1.0 - math.exp(-m) for term, m in expected.items()}


def _repeats(m: float, count: int) -> float:
    """Expected further matches of a word's 2nd..`count`th occurrence: sum(P(N >= k), k = 2..count)
    for N ~ Poisson(m), each term as `_at_least` computes it, in one pass."""
    term = cumulative = math.exp(-m)
    if count == 2:  # the common case (a word twice), without the loop: the same figure
        return max(0.0, 1.0 - (cumulative + term * m))
    total = 0.0
    for j in range(1, count):
        term *= m / j
        cumulative += term
        total += max(0.0, 1.0 - cumulative)
    return total


@lru_cache(maxsize=1 << 16)
def _at_least(m: float, k: int) -> float:
    """P(N >= k) for N ~ Poisson(m), k >= 1."""
    term = cumulative = math.exp(-m)
    if k == 2:  # the common case (a word twice), without the loop: the same figure
        return max(0.0, 1.0 - (cumulative + term * m))
    for j in range(1, k):
        term *= m / j
        cumulative += term
    return max(0.0, 1.0 - cumulative)


class _Coverage:
    """Expected matched words of a growing summary against the pseudo-reference."""

    __slots__ = ("analysis", "counts", "matched", "words", "lost")

    def __init__(self, analysis: _Analysis) -> None:
        self.analysis = analysis
        self.counts: dict[str, int] = {}
        self.matched = 0.0
        self.words = 0
        self.lost: dict[str, float] = {}
        """For each term the summary holds: what one more occurrence of it no longer matches."""

    def gain(self, i: int) -> tuple[float, float]:
        """(expected matched words added by sentence i, expected F1 after adding it)."""
        a = self.analysis
        added = a.alone[i]
        if self.counts:
            added -= self.overlap(i)
        words = self.words + a.lengths[i]
        return added, self.f1(self.matched + added, words)

    def overlap(self, i: int) -> float:
        """How much less sentence i matches because of the terms the summary already holds.

        A term the summary holds ``a`` times, which the sentence has ``c`` times, matches
        ``sum(P(N >= a + k), k = 1..c)`` instead of ``sum(P(N >= k), k = 1..c)``. For ``c == 1``
        (most words) that is one precomputed figure per held term, summed at C speed.
        """
        a = self.analysis
        lost = sum(map(self.lost.get, a.bags[i], repeat(0.0)))
        for term, count in a.repeats[i]:
            already = self.counts.get(term)
            if already:
                m = a.expected.get(term, 0.0)
                for k in range(2, count + 1):
                    lost += _at_least(m, k) - _at_least(m, already + k)
        return lost

    def add(self, i: int, added: float) -> None:
        a = self.analysis
        counts, lost, expected, first = self.counts, self.lost, a.expected, a.first
        for term, count in a.bags[i].items():
            already = counts[term] = counts.get(term, 0) + count
            m = expected.get(term, 0.0)
            lost[term] = first[term] - _at_least(m, already + 1) if m > 0.0 else 0.0
        self.matched += added
        self.words += a.lengths[i]

    def f1(self, matched: float, words: int) -> float:
        return 2.0 * matched / (words + self.analysis.reference_words) if words else 0.0


# --------------------------------------------------------------------------------------------


def rank(
    sentences: list[Sentence],
    text: str,
    language: str,
    *,
    params: Params = DEFAULT_PARAMS,
    facts: _Analysis | None = None,
) -> list[tuple[float, dict[str, float]]]:
    """One (score, parts) per sentence, in article order; ``score == sum(parts.values())``.

    `text` is the article the sentences come from (unused: the sentences carry their text);
    `facts` is `analyse(sentences, language, params)` when the caller has it.
    """
    if not sentences:
        return []
    analysis = facts if facts is not None else _analyse(sentences, language, params)
    out: list[tuple[float, dict[str, float]]] = []
    speaker, fragment, fragment_words = -params.speaker, -params.fragment, params.fragment_words
    penalty = {
        "boilerplate": -params.boilerplate, "question": -params.question,
        "fragment": -params.fragment, None: 0.0,
    }
    reference_words = analysis.reference_words
    for coverage, matched_flat, n, is_speaker, kind in zip(
        analysis.f1, analysis.alone_flat, analysis.lengths, analysis.speaker, analysis.kinds
    ):
        flat = 2.0 * matched_flat / (n + reference_words) if n else 0.0
        parts = {
            "coverage": flat,
            "position": coverage - flat,
            "speaker": speaker if is_speaker else 0.0,
            "length": fragment if n < fragment_words else 0.0,
            "boilerplate": penalty[kind],
        }
        out.append((sum(parts.values()), parts))
    return out


def word_count(
    sentences: Sequence[Sentence],
    language: str,
    *,
    params: Params = DEFAULT_PARAMS,
    facts: _Analysis | None = None,
) -> int:
    """How many `tokens.WORD_RE` words the sentences hold, from the analysis `rank` made.

    The analysis holds each sentence's ``\\w`` runs; a word is such runs joined by single
    joiners, so only the joiners are left to count with `tokens.WORD_JOIN_RE`, a much shorter
    scan than `WORD_RE` over the whole text. The same count as `WORD_RE` over the
    sentences joined by spaces, always: a text with "_" (where the analysis's terms split at "_")
    is counted with `WORD_RE` itself.
    """
    if not sentences:
        return 0
    joined = " ".join([s.text for s in sentences])
    if "_" in joined:
        return len(WORD_RE.findall(joined))
    analysis = facts if facts is not None else _analyse(sentences, language, params)
    runs = sum(analysis.lengths)
    return runs - len(WORD_JOIN_RE.findall(joined))


_NOT_STORY = frozenset({"boilerplate", "fragment", "question"})
"""Kinds of line `select_detailed` passes over while enough story sentences are left."""

_SELECTION_PARTS = ("redundancy", "dilution")
"""Parts only a selection adds (a `ranked` list that went through `select` may carry them)."""

GREEDY_WORK = 200_000
"""Rounds times sentences the redundancy-aware choice may take (each round looks at every
sentence left): every round for a summary of up to 440 sentences, and for a 10,000-sentence text
asked for all its sentences, 20 rounds and then the rest by rank score, not 10,000 rounds
(minutes)."""


def select_detailed(
    sentences: list[Sentence],
    ranked: list[tuple[float, dict[str, float]]],
    *,
    count: int | None,
    word_budget: int | None,
    language: str,
    params: Params = DEFAULT_PARAMS,
    facts: _Analysis | None = None,
    lead_default: bool = True,
) -> Selection:
    """Greedy selection by marginal expected F1 within `count` sentences and `word_budget` words.

    Either limit or both; with neither, `DEFAULT_COUNT` sentences. The budget is never exceeded:
    a sentence that does not fit is passed over for one that does, so a budget below every
    sentence's length chooses nothing (the caller decides what to show then). Ties go to the
    earlier sentence. The non-coverage parts of `ranked` (position, penalties) are honoured as
    given. Furniture, fragments and questions (`boilerplate_kind`) are candidates only when the
    count asked for exceeds the article's story sentences.

    With `lead_default` (the method's rule; off only to study the greedy choice alone), the
    story's lead within the same limits is chosen instead unless the greedy choice beats it by
    more than one standard deviation of the objective's own noise (`_clearly_better`).
    """
    n = len(sentences)
    if n == 0 or count is not None and count <= 0:
        return Selection((), (), ())
    if count is None and word_budget is None:
        count = DEFAULT_COUNT
    analysis = facts if facts is not None else _analyse(sentences, language, params)
    summary = _Coverage(analysis)
    remaining = word_budget if word_budget is not None else math.inf
    # words as `summarize.tokens` counts them: what a word budget counts
    word_counts = (
        [len(WORD_RE.findall(s.text)) for s in sentences] if word_budget is not None else None
    )
    limit = count if count is not None else n
    lengths, alone, f1_alone = analysis.lengths, analysis.alone, analysis.f1
    reference_words = analysis.reference_words
    # the first round's values are the rank scores: best first (a stable sort: ties in order);
    # page furniture and fragments only when the story sentences are fewer than the count asked
    # for, so a word budget is never topped up with a byline or a list item
    story = [i for i, kind in enumerate(analysis.kinds) if kind not in _NOT_STORY]
    candidates = story if story and (count is None or count <= len(story)) else range(n)
    left = sorted(candidates, key=[score for score, _ in ranked].__getitem__, reverse=True)
    overlaps: dict[int, float] = {}  # each sentence's overlap when last measured: it only grows
    chosen: dict[int, tuple[float, dict[str, float]]] = {}
    rounds = max(DEFAULT_COUNT, GREEDY_WORK // n)
    while left and len(chosen) < limit:
        if len(chosen) >= rounds:  # the rest by rank score (`left` keeps that order)
            for i in _fill(left, limit - len(chosen), word_counts, remaining):
                chosen[i] = (ranked[i][0], {k: v for k, v in ranked[i][1].items()
                                            if k not in _SELECTION_PARTS})
            break
        matched, summary_words = summary.matched, summary.words
        current = summary.f1(matched, summary_words)
        if chosen:
            # what each sentence could at best be worth now: its value with the overlap last
            # measured (F1 is monotone in the matches, so this bounds it from above without a
            # look at its words); the most promising first, and once the bound falls below the
            # best value found, nothing further down can beat it
            # kept as (-bound, i) and sorted as plain tuples: highest bound first, ties in
            # article order, with no key function called per sentence
            order = [
                (-(ranked[i][0] + min(0.0, upper - current - f1_alone[i])), i)
                for i in left
                for words in [summary_words + lengths[i]]  # an assignment (Python >= 3.9)
                for upper in [
                    2.0 * (matched + alone[i] - overlaps.get(i, 0.0)) / (words + reference_words)
                    if words else 0.0
                ]
            ]
            order.sort()
        else:
            order = [(-ranked[i][0], i) for i in left]
        best, best_value, best_added, best_loss = -1, -math.inf, 0.0, 0.0
        for negative_bound, i in order:
            if -negative_bound < best_value - 1e-12:
                break
            if word_counts is not None and word_counts[i] > remaining:
                continue
            added = alone[i]
            loss = 0.0
            if chosen:
                overlap = overlaps[i] = summary.overlap(i)
                added -= overlap
                words = summary_words + lengths[i]
                f1 = 2.0 * (matched + added) / (words + reference_words) if words else 0.0
                loss = min(0.0, (f1 - current) - f1_alone[i])
            value = ranked[i][0] + loss
            if value > best_value or value == best_value and i < best:
                best, best_value, best_added, best_loss = i, value, added, loss
        if best < 0:
            break
        left.remove(best)
        chosen[best] = (best_value, _chosen_parts(summary, ranked, best, best_added, best_loss))
        if len(chosen) < limit and left:  # another round to come
            summary.add(best, best_added)
        if word_counts is not None:
            remaining -= word_counts[best]
    if lead_default:
        lead = _lead(candidates, limit, word_counts, word_budget)
        if lead and sorted(chosen) != lead and not _clearly_better(analysis, ranked, chosen, lead):
            chosen = _as_chosen(analysis, ranked, lead)
    indices = sorted(chosen)
    return Selection(
        tuple(indices), tuple(chosen[i][0] for i in indices), tuple(chosen[i][1] for i in indices)
    )


def _chosen_parts(
    summary: _Coverage, ranked: list[tuple[float, dict[str, float]]], i: int, added: float,
    loss: float,
) -> dict[str, float]:
    """Sentence i's parts as chosen into `summary` (before it is added): its rank parts, and the
    `loss` split into the words the summary already covers and the longer summary's dilution."""
    a = summary.analysis
    parts = {k: v for k, v in ranked[i][1].items() if k not in _SELECTION_PARTS}
    if loss:
        length = summary.words + a.lengths[i] + a.reference_words
        overlap = max(loss, -2.0 * (a.alone[i] - added) / length)
        if overlap < 0.0:
            parts["redundancy"] = overlap
        if loss - overlap < 0.0:
            parts["dilution"] = loss - overlap
    return parts


def _lead(
    candidates: Sequence[int], limit: int, word_counts: list[int] | None, word_budget: int | None
) -> list[int]:
    """The story's lead within the same limits: its first candidates in article order, a
    sentence that does not fit the word budget passed over as the greedy choice passes it (so a
    budget is filled as far as it can be, whichever choice is kept)."""
    budget = word_budget if word_budget is not None else math.inf
    return _fill(sorted(candidates), limit, word_counts, budget)


def _fill(
    order: Sequence[int], room: int, word_counts: list[int] | None, remaining: float
) -> list[int]:
    """Up to `room` sentences taken in `order`, each one that no longer fits in the `remaining`
    words (when `word_counts` are given) passed over for a later one that does."""
    taken: list[int] = []
    for i in order:
        if len(taken) >= room:
            break
        if word_counts is not None:
            if word_counts[i] > remaining:
                continue
            remaining -= word_counts[i]
        taken.append(i)
    return taken


def _as_chosen(
    analysis: _Analysis, ranked: list[tuple[float, dict[str, float]]], indices: list[int]
) -> dict[int, tuple[float, dict[str, float]]]:
    """`indices` recorded as the greedy loop records its choices, taken in article order."""
    summary = _Coverage(analysis)
    chosen: dict[int, tuple[float, dict[str, float]]] = {}
    for i in indices:
        current = summary.f1(summary.matched, summary.words)
        added, f1 = summary.gain(i)
        loss = min(0.0, (f1 - current) - analysis.f1[i]) if chosen else 0.0
        chosen[i] = (ranked[i][0] + loss, _chosen_parts(summary, ranked, i, added, loss))
        if len(chosen) < len(indices):  # another to come
            summary.add(i, added)
    return chosen


def _clearly_better(
    analysis: _Analysis,
    ranked: list[tuple[float, dict[str, float]]],
    chosen: dict[int, tuple[float, dict[str, float]]],
    lead: list[int],
) -> bool:
    """Whether the greedy choice beats the lead by more than one standard deviation of the
    difference of their F1s, over the reference the objective expects (each word's count
    ``N_t ~ Poisson(m_t)``, independent across words).

    What is compared is what the selection maximises, for each whole set: its expected F1 plus
    its sentences' penalties (each sentence's rank score beyond its coverage and position).
    """
    picked = sorted(chosen)
    counts_a, words_a = _counts(analysis, picked)
    counts_b, words_b = _counts(analysis, lead)
    advantage = (
        analysis.f1_of(counts_a, words_a) - analysis.f1_of(counts_b, words_b)
        + sum(ranked[i][0] - analysis.f1[i] for i in picked)
        - sum(ranked[i][0] - analysis.f1[i] for i in lead)
    )
    return advantage > _difference_sd(analysis, counts_a, words_a, counts_b, words_b)


def _difference_sd(
    analysis: _Analysis, counts_a: dict[str, int], words_a: int, counts_b: dict[str, int],
    words_b: int,
) -> float:
    """Standard deviation of F1(a) - F1(b) when each reference count is ``Poisson(m_t)``, for
    summaries holding `counts_a` and `counts_b` of each term in `words_a` and `words_b` words.

    F1(s) = 2 * sum_t min(c_st, N_t) / (words_s + reference words), so the difference is a sum of
    independent terms, one per word of either set; a word both hold equally often adds only the
    difference of the scales.
    """
    scale_a = 2.0 / (words_a + analysis.reference_words)
    scale_b = 2.0 / (words_b + analysis.reference_words)
    variance = 0.0
    first, expected, get_a, get_b = analysis.first, analysis.expected, counts_a.get, counts_b.get
    for term in counts_a.keys() | counts_b.keys():
        x, y = get_a(term, 0), get_b(term, 0)
        if x <= 1 and y <= 1:  # most words: d is 0, or its one value when N >= 1 (a Bernoulli)
            d, p = scale_a * x - scale_b * y, first[term]
            variance += d * d * p * (1.0 - p)
            continue
        m = expected.get(term, 0.0)
        if m <= 0.0:
            continue
        # E[d] and E[d^2] of d = scale_a * min(x, N) - scale_b * min(y, N), over N = 0, 1, ...
        # up to max(x, y), where both minimums stop growing
        p = math.exp(-m)
        below = mean = square = 0.0
        for k in range(max(x, y)):
            d = scale_a * min(x, k) - scale_b * min(y, k)
            mean += p * d
            square += p * d * d
            below += p
            p *= m / (k + 1)
        d = scale_a * x - scale_b * y
        mean += (1.0 - below) * d
        square += (1.0 - below) * d * d
        variance += square - mean * mean
    return math.sqrt(max(variance, 0.0))


def _counts(analysis: _Analysis, indices: Sequence[int]) -> tuple[dict[str, int], int]:
    """Each term's count over the sentences `indices`, and their word count."""
    counts: dict[str, int] = {}
    for i in indices:
        for term, count in analysis.bags[i].items():
            counts[term] = counts.get(term, 0) + count
    return counts, sum(analysis.lengths[i] for i in indices)


def select(
    sentences: list[Sentence],
    ranked: list[tuple[float, dict[str, float]]],
    *,
    count: int | None,
    word_budget: int | None,
    language: str,
    params: Params = DEFAULT_PARAMS,
    facts: _Analysis | None = None,
) -> list[int]:
    """The chosen sentence indices in article order (see `select_detailed`).

    Also records each chosen sentence's ``redundancy`` and ``dilution`` parts in its parts dict in
    `ranked`, so callers that show `ranked` (`summarize --explain`) show them beside the others;
    those parts then sum to the score it was chosen with, while ``ranked[i][0]`` stays its rank
    score (which is the sum of the other parts).
    """
    result = select_detailed(
        sentences, ranked, count=count, word_budget=word_budget, language=language, params=params,
        facts=facts,
    )
    for i, parts in zip(result.indices, result.parts):
        for key in _SELECTION_PARTS:
            if key in parts:
                ranked[i][1][key] = parts[key]
    return list(result.indices)

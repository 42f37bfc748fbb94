"""Key topics of an article: ranked key phrases with their occurrences and why they ranked.

Candidates come from `summarize.phrases` (noun-phrase-like runs, names kept whole). Occurrences
are grouped by the stems of their words, so plural and singular, possessives and case variants
fall together; a demonym joins its place ("Central Asian" under "Central Asia"), a lone surname
joins the full name ("Nurtleu" under "Murat Nurtleu"), and an acronym defined in brackets joins
its expansion. A longer run that contains a phrase seen on its own elsewhere is cut around it
("UN Secretary-General" -> "UN" + "Secretary-General"), which is how "UN" and its titles stop
competing.

Scoring is a weighted sum of a few features with plain meanings (see `WEIGHTS`): how often the
phrase's words come back, how early it is first named, its words' PositionRank weight (the
personalisation of PositionRank without the walk, which measured no better for 3-10x the time),
how name-like and how spread out its mentions are, its length, and whether the headline (when
given as `title=`) names it. Selection skips a phrase that
repeats a better one's words ("Prime Minister" after "Deputy Prime Minister"); posts ("Minister
of Foreign Affairs") are not topics at all.

Quality is measured with `newsdesk eval keyphrases --folds 5` (DUC-2001 and 500N-KPCrowd, each
fold apart, YAKE beside) and speed with tests/benchmarks/bench_topics.py; a caller that has
split the text already passes its sentences (`sentences=`) so it is not split twice.

Labels are noun phrases and names as written ("U.S." with its closing dot). Every supported
language gets its own function words, verb forms and verb endings (`summarize/data/`), and
German, which capitalises its nouns, a phrase ending in a capitalised word.

`VERSION` changes whenever the output may change, so stored topics are recomputed."""

from __future__ import annotations

from functools import lru_cache
from itertools import compress
from operator import attrgetter, itemgetter
from math import log
from typing import Iterable, NamedTuple

from .analysis import Analysis, analysis_of
from .language import resolve_language, stemmer, stop_words
from .models import Sentence, Topic
from .phrases import BRIDGES, PhraseFinder, Run, Word, extra_stop_words, make_run, word_list
from .sentences import split_sentences
from .tokens import words

VERSION = "8"
"""Version of the topic output (the library's cache key, see `summarize.library.store`)."""

MAX_PIECE = 3
"""Mentions inside a longer name count for a phrase of up to this many words ("Central Asia"
inside "UN Regional Center for Preventive Diplomacy for Central Asia")."""

WEIGHTS: dict[str, float] = {
    "frequency": 0.348,
    "first_mention": -0.615,
    "position": 0.211,
    "entity": 0.289,
    "spread": 0.048,
    "one_word": -0.765,
    "two_words": 0.951,
    "three_words": 0.977,
    "long": -1.249,
    "title": 1.0,
}
"""Weights of the features of a candidate; its score is their weighted sum and the topic's
`parts` are the terms. Fitted on the dev split of DUC-2001 and 500N-KPCrowd with
`tests/benchmarks/tune_topics.py --fit` (coordinate ascent in coarse steps, signs kept so that
more mentions or a wider spread never lower a score). The features:

- frequency: mean log(1 + mentions) of the phrase's words in any candidate (how much the text
  is about them; TopicRank's grouping by shared words, without the graph);
- first_mention: log(1 + index of the first word of the first mention): earlier is better;
- position: log of the phrase's words' PositionRank weight (every mention of a word earns
  1 / its position in the text); the walk itself measured no better for 3-10x the time;
- entity: share of mentions written as a name (capitalised inside a sentence);
- spread: sentences between the first and the last mention, over the number of sentences;
- one_word (single common words only), two_words, three_words, long: the phrase's length
  (annotators favour two or three words; a single name is as good as any);
- title: 1 when the headline passed as `title=` names the phrase (its stems run inside one
  stretch of the title's content words), as editors tag what the headline names. Not fitted:
  the dev texts have no separate title. 500N-KPCrowd texts open with their headline (already
  the first words, so already favoured): passing that line as the title
  (`tune_topics.py --title-first-line`) scores the same within one hit. A single common word of the title earns nothing
  ("costs", "unable"). On the samples it brings the headline's names up: "UN" and "regional
  cooperation" into the seed's top 8, "Tallyline", "Voltaic", "fishing community" elsewhere.
"""


"""Endings of evaluative adjectives ("peaceful region", "serious concern")."""

_TITLES = frozenset(
    "minist presid secretari secretary-gener repres chairman chairwoman director spokesman "
    "spokeswoman spokesperson governor senat ambassador commission deputi chief head mayor "
    "leader premier chancellor envoy sen rep gen lt col sgt capt judg professor sheriff".split()
)
"""Stems of titles: a phrase ending in one names a post, never the topic ("Prime Minister")."""


def _is_title(words: tuple[Word, ...]) -> bool:
    """A post such as "Prime Minister" or "Minister of Foreign Affairs"."""
    for i, w in enumerate(words):
        if w.lower in BRIDGES:
            return words[i - 1].stem in _TITLES
    return words[-1].stem in _TITLES


class Candidate(NamedTuple):
    """A scored candidate phrase before selection (what `TopicExtractor.candidates` returns).

    Immutable like a frozen dataclass; a NamedTuple because `dataclasses` is slow to import."""

    key: tuple[str, ...]
    """Stems of the phrase's words."""
    score: float
    values: tuple[float, ...]
    """The value of each of `FEATURES`."""
    first: int
    """Offset of the first mention (ties break by it, so results are deterministic)."""
    group: _Group

    @property
    def features(self) -> dict[str, float]:
        return dict(zip(FEATURES, self.values))

    @property
    def keys(self) -> frozenset[tuple[str, ...]]:
        """The keys a better topic must not repeat: its own and its merged variants' (only the
        acronym for a defined acronym's expansion)."""
        return _keys(self.key, self.group)

    def topic(self, text: str, weights: dict[str, float]) -> Topic:
        """The candidate as a `Topic` of `text`: label, variants, spans and score parts."""
        return _topic(text, self.score, self.values, self.group,
                      [weights.get(f, 0.0) for f in FEATURES])


def _topic(text: str, score: float, values: tuple[float, ...], group: _Group,
           weights: list[float]) -> Topic:
    """A scored group as a `Topic` of `text` (`weights` in the order of `FEATURES`)."""
    parts = {f: round(w * v, 6) + 0.0 for f, w, v in zip(FEATURES, weights, values) if w}
    runs = group.runs
    if len(runs) == 1 and not group.merged:  # most topics: one mention
        words = runs[0].words
        start, end = words[0].start, words[-1].end
        label = words[0].surface if len(words) == 1 else " ".join([w.surface for w in words])
        form = text[start:end]
        if form != label:
            form = " ".join(form.split())
        return Topic(label, round(score, 6), 1, ((start, end),),
                     (form,) if form != label else (), parts)
    label, variants, spans = _label(text, group)
    return Topic(label, round(score, 6), len(spans), tuple(spans), variants, parts)


class _Group:
    """Occurrences of one phrase (and its merged variants) while scoring."""

    __slots__ = ("key", "runs", "merged", "acronym")

    def __init__(self, key: tuple[str, ...], runs: list[Run] | None = None) -> None:
        # A plain class, not a dataclass: a text makes a hundred of these, in the hot path.
        self.key = key
        self.runs: list[Run] = [] if runs is None else runs
        self.merged: list[Run] = []
        """Runs of variants merged in (demonym, surname, acronym): counted, not voted for the
        label."""
        self.acronym: tuple[str, ...] | None = None
        """Set when the phrase is a defined acronym's expansion: the near-duplicate check then
        uses the acronym alone, since a long name holds other topics ("Central Asia") by
        nature."""

    @property
    def all_runs(self) -> list[Run]:
        return self.runs + self.merged


class TopicExtractor:
    """Extracts ranked topics for one language (stop words and stemmer loaded once)."""

    def __init__(self, language: str) -> None:
        self.language = resolve_language(language)
        code = self.language.code
        self.stops = stop_words(code) | extra_stop_words(code)
        self.stem = stemmer(code)
        self.finder = PhraseFinder(self.stops, self.stem, language=code)
        self.generic = frozenset(self.stem(w) for w in word_list(f"generic-{code}"))
        """Stems of nouns too general to be a topic alone ("country", "quarter")."""

    def extract(self, text: str, limit: int = 8, *,
                sentences: list[Sentence] | None = None,
                title: str | None = None) -> list[Topic]:
        """The top `limit` topics of `text`, best first, no two repeating each other.

        `sentences` are `text`'s sentences when the caller has split it already; phrases whose
        words the `title` names rank higher (see `WEIGHTS["title"]`).
        """
        if limit <= 0:
            return []
        chosen: list[Topic] = []
        chosen_keys: list[tuple[str, ...]] = []
        weights = [WEIGHTS.get(f, 0.0) for f in FEATURES]
        for minus, first, _, key, values, group in self._ranked(text, WEIGHTS, sentences, title):
            if group.merged or group.acronym:
                keys: Iterable[tuple[str, ...]] = _keys(key, group)
                if any(_overlaps(a, b) for a in keys for b in chosen_keys):
                    continue
            else:
                keys = (key,)
                if any(_overlaps(key, b) for b in chosen_keys):
                    continue
            chosen.append(_topic(text, -minus, values, group, weights))
            chosen_keys.extend(keys)
            if len(chosen) >= limit:
                break
        return chosen

    def candidates(self, text: str, weights: dict[str, float] | None = None, *,
                   sentences: list[Sentence] | None = None,
                   title: str | None = None) -> list[Candidate]:
        """Every candidate phrase of `text` with its features, best first (for tuning)."""
        weights = WEIGHTS if weights is None else weights
        return [Candidate(key, -minus, values, first, group)
                for minus, first, _, key, values, group in self._ranked(text, weights, sentences, title)]

    def _ranked(self, text: str, weights: dict[str, float],
                sentences: list[Sentence] | None, title: str | None = None) -> list[_Ranked]:
        """Every candidate as a `_Ranked` tuple, best first."""
        if sentences is None:
            sentences = split_sentences(text, self.language.code)
        starts = [s.start for s in sentences]
        if not starts or starts[0] != 0:
            starts.insert(0, 0)
        runs, fronts, _ = self.finder.find(text, starts)
        if not runs:
            return []
        acronyms, protected = _acronyms(text, runs)
        runs = _decompose(runs, protected)
        groups: dict[tuple[str, ...], _Group] = {}
        names: set[str] = set()  # last words of names, for demonyms
        named: set[tuple[str, ...]] = set()  # keys of groups with a mention written as a name
        for run in runs:
            key = run.key
            if not key:
                continue
            group = groups.get(key)
            if group is None:
                groups[key] = _Group(key, [run])
            else:
                group.runs.append(run)
            if run.is_name:
                names.add(run.words[-1].lower)
                named.add(key)
        for run in _name_pieces(runs, protected, groups):
            groups[run.key].merged.append(run)
        mentions = runs[:]  # every word counted once, in text order, for frequency and position
        for run in fronts:
            key = run.key
            if key in groups:
                groups[key].runs.append(run)
            elif _demonym_of(run.words[-1].lower, names) is not None:
                groups[key] = _Group(key, [run])
            else:
                continue
            mentions.append(run)
            if run.is_name:
                named.add(key)
        _merge_variants(groups, acronyms, named)
        return _score(groups, mentions, len(starts), weights,
                      self._title_segments(title) if title else (), self.generic)

    def _title_segments(self, title: str) -> tuple[tuple[str, ...], ...]:
        """The stems of the title's runs of content words ("Kazakhstan and the UN discuss
        preventive diplomacy" -> (kazakhstan), (un, discuss, prevent, diplomaci))."""
        segments: list[tuple[str, ...]] = []
        segment: list[str] = []
        for word in words(title):
            lower = word.lower()
            if lower in self.stops and not (len(word) > 1 and word.isupper()):  # "UN" stays
                if segment:
                    segments.append(tuple(segment))
                segment = []
            else:
                segment.append(self.stem(lower.removesuffix("'s").removesuffix("’s")))
        if segment:
            segments.append(tuple(segment))
        return tuple(segments)


# --- acronyms -------------------------------------------------------------------------------


def _initials(words: tuple[Word, ...]) -> str:
    out = []
    for w in words:
        if w.lower in BRIDGES:
            continue
        out.append(w.surface if w.surface.isupper() and len(w.surface) <= 4 else w.surface[0])
    return "".join(out).upper()


def _is_subsequence(small: str, big: str) -> bool:
    it = iter(big)
    return all(c in it for c in small)


def _acronyms(text: str, runs: list[Run]) -> tuple[dict[tuple[str, ...], tuple[str, ...]],
                                                    set[int]]:
    """Acronyms defined as "Long Name (LN)": acronym key -> expansion key, and protected runs.

    The expansion is the longest tail of the run before the bracket whose first word starts
    with the acronym's first letter and whose initials contain the acronym's letters in order.
    """
    found: dict[tuple[str, ...], tuple[str, ...]] = {}
    protected: set[int] = set()
    bracket = text.find("(")
    if bracket < 0:
        return found, protected
    from bisect import bisect_left  # here, not at import: start-up stays light

    starts = [r.words[0].start for r in runs]
    candidates: list[int] = []  # the runs that open right after a bracket, in text order
    while bracket >= 0:
        i = bisect_left(starts, bracket + 1)
        if 0 < i < len(runs) and starts[i] == bracket + 1:
            candidates.append(i)
        bracket = text.find("(", bracket + 1)
    for i in candidates:
        run = runs[i]
        word = run.words[0]
        if len(run.words) != 1:
            continue
        acronym = word.surface.replace(".", "")
        if not (2 <= len(acronym) <= 10 and acronym.isupper() and acronym.isalpha()):
            continue
        if text[word.start - 1 : word.start] != "(" or text[word.end : word.end + 1] != ")":
            continue
        before = runs[i - 1]
        if not text[before.end : word.start - 1].isspace() and before.end != word.start - 1:
            continue
        for cut in range(len(before.words)):
            tail = before.words[cut:]
            if tail[0].lower in BRIDGES or len(tail) < 2:
                continue
            initials = _initials(tail)
            if (
                initials[:1] == acronym[0]
                and initials[-1:] == acronym[-1]
                and _is_subsequence(acronym, initials)
            ):
                if cut:
                    runs[i - 1] = before = make_run(tail, before.sentence)
                protected.add(id(before))
                found[run.key] = before.key
                break
    return found, protected


# --- decomposition --------------------------------------------------------------------------


def _trim(words: tuple[Word, ...]) -> tuple[Word, ...]:
    start, end = 0, len(words)
    while start < end and words[start].lower in BRIDGES:
        start += 1
    while end > start and words[end - 1].lower in BRIDGES:
        end -= 1
    return words[start:end]


def _decompose(runs: list[Run], protected: set[int]) -> list[Run]:
    """Cut runs around phrases that also stand alone ("UN" out of "UN Secretary-General").

    A known phrase at the end of a run is its head ("Murat Nurtleu" keeps "Nurtleu",
    "Deputy Prime Minister" keeps "Prime Minister") unless "of"/"for" precedes it; a known
    name at the front is not cut off one last word ("Watkins Glen International") unless it is
    an acronym ("UN Secretary-General").
    """
    # The names among the runs (a quarter of them) picked at C speed, then looked at alone.
    named = list(compress(range(len(runs)), map(_IS_NAME, runs)))
    alone = {runs[i].key for i in named}
    firsts = {k[0] for k in alone}
    # Only names of two words or more can be cut: the runs between them are copied in slices.
    todo = [i for i in named if len(runs[i].words) > 1]
    if not todo:
        return runs
    out: list[Run] = []
    copied = 0
    for i in todo:
        run = runs[i]
        if id(run) in protected:
            continue
        out.extend(runs[copied:i])
        copied = i + 1
        words = run.words
        # A post before a name is cut off: "President Kassym-Jomart Tokayev".
        for i in range(len(words) - 2, -1, -1):
            if words[i].stem in _TITLES and words[i + 1].lower not in BRIDGES:
                out.append(make_run(words[: i + 1], run.sentence))
                words = words[i + 1 :]
                break
        _cut(words, run, alone, firsts, out)
    out.extend(runs[copied:])
    return out


def _cut(words: tuple[Word, ...], run: Run, alone: set[tuple[str, ...]], firsts: set[str],
         out: list[Run]) -> None:
    """Append `words` (of `run`) to `out`, cut around the longest piece found in `alone`
    (`firsts`: the first stems of `alone`'s keys, to skip runs holding none)."""
    words = _trim(words)
    if not words:
        return
    n = len(words)
    stems = tuple([w.stem for w in words])
    bridged = any([w.lower in BRIDGES for w in words])
    best: tuple[int, int] | None = None
    if n == 2 and not bridged:  # most names: only an acronym in front is cut ("UN envoy")
        if stems[:1] in alone and words[0].surface.isupper():
            best = (0, 1)
    elif bridged or any([s in firsts for s in stems]):
        best = _best_cut(words, stems, bridged, alone)
    if best is None:
        out.append(make_run(words, run.sentence) if words != run.words else run)
        return
    i, j = best
    _cut(words[:i], run, alone, firsts, out)
    out.append(make_run(words[i:j], run.sentence))
    _cut(words[j:], run, alone, firsts, out)


def _best_cut(words: tuple[Word, ...], stems: tuple[str, ...], bridged: bool,
              alone: set[tuple[str, ...]]) -> tuple[int, int] | None:
    """The longest, then leftmost, piece of `words` that stands alone elsewhere, if any."""
    n = len(words)
    for size in range(n - 1, 0, -1):
        for i in range(0, n - size + 1):
            j = i + size
            if not bridged:
                if stems[i:j] not in alone:
                    continue
            elif words[i].lower in BRIDGES or words[j - 1].lower in BRIDGES or tuple(
                s for s, w in zip(stems[i:j], words[i:j]) if w.lower not in BRIDGES
            ) not in alone:
                continue
            if j == n and words[i - 1].lower not in BRIDGES:
                continue  # the head of the run: keep the run whole
            if (n == 2 or (i == 0 and j == n - 1)) and not words[i].surface.isupper():
                # "Charla Nash" and "Jean Paul Gaultier" stay whole (no word is left alone
                # behind a known name); "UN Secretary-General" is cut.
                continue
            return (i, j)
    return None


def _name_pieces(runs: list[Run], protected: set[int],
                 wanted: dict[tuple[str, ...], _Group]) -> list[Run]:
    """The 1- to MAX_PIECE-word pieces of names that are phrases of their own (`wanted`): a
    mention of "Central Asia" inside a longer name counts for "Central Asia"."""
    out: list[Run] = []
    if protected:
        todo = [r for r in runs if len(r.words) > 1 and (r.is_name or id(r) in protected)]
    else:  # most texts: only names, picked at C speed
        todo = [r for r in compress(runs, map(_IS_NAME, runs)) if len(r.words) > 1]
    for run in todo:
        words = run.words
        n = len(words)
        stems = run.key if len(run.key) == n else None  # None: "of"/"for" inside
        for size in range(1, min(MAX_PIECE, n - 1) + 1):
            for i in range(0, n - size + 1):
                if stems is not None:
                    key = stems[i : i + size]
                else:
                    piece = words[i : i + size]
                    if piece[0].lower in BRIDGES or piece[-1].lower in BRIDGES:
                        continue
                    key = tuple(w.stem for w in piece if w.lower not in BRIDGES)
                if key in wanted:
                    out.append(make_run(words[i : i + size], run.sentence))
    return out


# --- variants -------------------------------------------------------------------------------


def _demonym_of(word: str, places: dict[str, tuple[str, ...]] | set[str]) -> str | None:
    """The place `word` is the demonym of, among `places` ("asian" -> "asia")."""
    for suffix, back in (("n", ""), ("an", ""), ("ian", ""), ("an", "e"), ("ian", "a")):
        if word.endswith(suffix) and len(word) > len(suffix) + 2:
            base = word[: -len(suffix)] + back
            if base in places:
                return base
    return None


def _merge_variants(groups: dict[tuple[str, ...], _Group],
                    acronyms: dict[tuple[str, ...], tuple[str, ...]],
                    named: set[tuple[str, ...]]) -> None:
    """Merge demonyms into places, lone surnames into full names, acronyms into expansions
    (`named`: the keys of groups with a mention written as a name)."""
    def move(src: tuple[str, ...], dst: tuple[str, ...]) -> None:
        if src == dst or src not in groups or dst not in groups:
            return
        source = groups.pop(src)
        groups[dst].merged.extend(source.all_runs)

    for short, expansion in acronyms.items():
        if short in groups and expansion in groups:
            move(short, expansion)
            groups[expansion].acronym = short
    names = [k for k in groups if k in named]
    # "Central Asian" under "Central Asia": same words but the last, which adds "n"/"an".
    by_prefix: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key in names:
        by_prefix.setdefault(key[:-1], []).append(key)
    for prefix, keys in by_prefix.items():
        if len(keys) < 2:
            continue
        lasts = {groups[k].runs[0].words[-1].lower: k for k in keys if k in groups}
        for last, key in list(lasts.items()):
            base = _demonym_of(last, lasts)
            if base is not None:
                move(key, lasts[base])
    # "Nurtleu" under "Murat Nurtleu" when exactly one multi-word name ends with it.
    endings: dict[str, list[tuple[str, ...]]] = {}
    for key in names:
        if 1 < len(key) <= 3 and key in groups and len(groups[key].runs[0].words) == len(key):
            endings.setdefault(key[-1], []).append(key)
    for key in [k for k in groups if len(k) == 1 and k[0] in endings]:
        group = groups[key]
        if len(endings[key[0]]) == 1 and all(r.words[0].capital for r in group.runs):
            move(key, endings[key[0]][0])


# --- ranking --------------------------------------------------------------------------------


def _label(text: str, group: _Group) -> tuple[str, tuple[str, ...], list[tuple[int, int]]]:
    """The phrase as most often written inside sentences (natural case), the other forms seen
    in the text (possessives, plurals, merged variants) in order of appearance, and the spans
    of its mentions (those inside another mention left out)."""
    votes: dict[str, int] = {}
    first: dict[str, int] = {}
    runs = group.runs
    for r in [r for r in runs if not r.words[0].initial] or runs:
        words = r.words
        s = words[0].surface if len(words) == 1 else " ".join([w.surface for w in words])
        if s in votes:
            votes[s] += 1
        else:
            votes[s] = 1
            first[s] = words[0].start
    label = min(votes, key=lambda s: (-votes[s], first[s])) if len(votes) > 1 else s
    spans = [(r.words[0].start, r.words[-1].end) for r in runs + group.merged]
    spans.sort(key=_FIRST)  # stable: mentions at one offset keep their order
    forms: dict[str, int] = {}
    for start, end in spans:
        form = text[start:end]
        if form != label:
            form = " ".join(form.split())
            if form != label and form not in forms:
                forms[form] = start
    return label, tuple(forms), _outermost(set(spans))


FEATURES = ("frequency", "first_mention", "position", "entity", "spread", "one_word",
            "two_words", "three_words", "long", "title")
"""The features of a candidate, in the order `_score` computes them."""


_LOG1P = [log(1 + f) for f in range(64)]
"""log(1 + mentions) for the usual counts, looked up (see `_score`)."""
_FIRST = itemgetter(0)
_IS_NAME = attrgetter("is_name")
_INDEX = attrgetter("index")
_STEM = attrgetter("stem")

_Ranked = tuple[float, int, int, tuple[str, ...], tuple[float, ...], "_Group"]
"""A candidate while ranking: minus its score (so plain tuple order ranks best first), first
offset, order found (ties), key, feature values, group."""


def _score(groups: dict[tuple[str, ...], _Group], mentions: list[Run], n_sentences: int,
           weights: dict[str, float],
           headline: tuple[tuple[str, ...], ...] = (),
           generic: frozenset[str] = frozenset()) -> list[_Ranked]:
    """Every group scored, best first (ties: earlier first mention). `mentions` holds every
    run the groups hold (pieces of them aside), so each word counts once. A single common word
    of `generic` is no candidate ("country"); written as a name it is ("Country")."""
    counted = [w for r in mentions if r.key for w in r.words]
    seen = dict(zip(map(_INDEX, counted), map(_STEM, counted)))  # each word once
    earned: dict[str, float] = {}
    freq: dict[str, int] = {}
    for index, stem in seen.items():
        if stem in freq:
            earned[stem] += 1.0 / (index + 1)
            freq[stem] += 1
        else:
            earned[stem] = 1.0 / (index + 1)
            freq[stem] = 1
    table = _LOG1P
    log_freq = {stem: table[f] if f < 64 else log(1 + f) for stem, f in freq.items()}
    spread_scale = 1.0 / n_sentences if n_sentences > 1 else 0.0
    w_freq, w_first, w_pos, w_ent, w_spread, w_one, w_two, w_three, w_long, w_title = (
        weights.get(f, 0.0) for f in FEATURES
    )
    out: list[_Ranked] = []
    order = 0
    for key, group in groups.items():
        order += 1
        runs = group.runs
        first_run = runs[0]
        words = first_run.words
        if len(runs) == 1 and len(words) == 1 and not first_run.is_name and not group.merged:
            # The most common candidate, a common word named once: the general case below
            # with its zero terms left out (the same sum, bit for bit).
            stem = key[0]
            if stem in _TITLES or stem in generic:
                continue
            first_mention = log(1 + words[0].index)
            frequency = log_freq[stem]
            position = log(earned[stem])
            out.append((-(w_freq * frequency + w_first * first_mention + w_pos * position
                          + w_one), words[0].start, order, key,
                        (frequency, first_mention, position, 0.0, 0.0, 1.0, 0.0, 0.0, 0.0, 0.0),
                        group))
            continue
        if _is_title(words) if len(words) != len(key) else key[-1] in _TITLES:
            continue  # "Deputy Prime Minister": who someone is, not what the story is about
        if group.merged:
            runs = runs + group.merged
        first_run = runs[0]
        if len(runs) == 1:
            spread = 0.0
            entity = 1.0 if first_run.is_name else 0.0
        else:
            first_start = first_run.words[0].start
            last = first_run.sentence
            names = 0
            for r in runs:
                start = r.words[0].start
                if start < first_start:
                    first_run, first_start = r, start
                if r.sentence > last:
                    last = r.sentence
                if r.is_name:
                    names += 1
            spread = (last - first_run.sentence) * spread_scale
            entity = names / len(runs)
        n = len(key)
        if n == 1:
            stem = key[0]
            if stem in generic and not entity:
                continue
            position = log(earned[stem])
            frequency = log_freq[stem]
            one = 1.0 - entity  # a single common word is rarely a topic; a single name often
            length = 0.0
            two = three = many = 0.0
        else:
            if n == 2 and key[0] != key[1]:
                a, b = key
                position = log(earned[a] + earned[b])
                frequency = (log_freq[a] + log_freq[b]) / 2
            else:
                stems = dict.fromkeys(key)  # each stem once, in key order: a set's order depends
                # on the process's hash seed, and float sums on their order (the last bit)
                position = log(sum([earned[s] for s in stems]))
                frequency = sum([log_freq[s] for s in stems]) / len(stems)
            one = 0.0
            if n == 2:
                length, two, three, many = w_two, 1.0, 0.0, 0.0
            elif n == 3:
                length, two, three, many = w_three, 0.0, 1.0, 0.0
            else:
                length, two, three, many = w_long, 0.0, 0.0, 1.0
        first_word = first_run.words[0]
        first_mention = log(1 + first_word.index)
        # A single common word of the headline ("costs", "unable") is no better a topic for it.
        in_title = 1.0 - one if headline and any(_within(key, seg) for seg in headline) else 0.0
        score = (w_freq * frequency + w_first * first_mention + w_pos * position
                 + w_ent * entity + w_spread * spread + w_one * one + length
                 + w_title * in_title)
        out.append((-score, first_word.start, order, key,
                    (frequency, first_mention, position, entity, spread, one, two, three, many,
                     in_title), group))
    out.sort()
    return out


def _keys(key: tuple[str, ...], group: _Group) -> frozenset[tuple[str, ...]]:
    """The keys a better topic must not repeat: its own and its merged variants' (only the
    acronym for a defined acronym's expansion)."""
    if group.acronym is not None:
        return frozenset((group.acronym,))
    return frozenset({key} | {r.key for r in group.merged})


def _outermost(spans: set[tuple[int, int]]) -> list[tuple[int, int]]:
    """The mentions that neither lie inside nor overlap an earlier one, leftmost first
    ("Imnadze" inside "Kaha Imnadze" is one mention; a name repeated three times running holds
    its two-word phrase once, not twice overlapping)."""
    out: list[tuple[int, int]] = []
    for start, end in sorted(spans, key=lambda s: (s[0], -s[1])):
        if out and start < out[-1][1]:
            continue
        out.append((start, end))
    return out


def _within(small: tuple[str, ...], big: tuple[str, ...]) -> bool:
    """True when `small` runs inside `big` ("UN" in "UN discuss preventive diplomacy")."""
    n = len(small)
    return any(big[i : i + n] == small for i in range(len(big) - n + 1))


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when one phrase's words run inside the other's ("UN" in "UN Secretary-General")."""
    if len(a) > len(b):
        a, b = b, a
    n = len(a)
    if n == len(b):
        return a == b
    if n == 1:
        return a[0] in b
    return any(b[i : i + n] == a for i in range(len(b) - n + 1))


@lru_cache(maxsize=16)
def _extractor(code: str) -> TopicExtractor:
    return TopicExtractor(code)


def extract_topics(text: str | Analysis, *, limit: int = 8, language: str | None = None,
                   title: str | None = None) -> list[Topic]:
    """Ranked key phrases of `text`, best first, at most `limit` of them.

    `text` is the article, or its `Analysis` (`summarize.analyze`) when the caller summarizes
    it too: both then share one split. Raises `EmptyInputError` for empty or whitespace-only
    text and `UnsupportedLanguageError` for a language Newsdesk does not support.
    """
    analysis = analysis_of(text, language)
    return _extractor(analysis.language).extract(
        analysis.text, limit, sentences=list(analysis.sentences), title=title
    )

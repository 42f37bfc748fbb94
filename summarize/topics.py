"""Key topics of an article: ranked key phrases with their occurrences and why they ranked.

Candidates come from `summarize.phrases` (noun-phrase-like runs, names kept whole). Occurrences
are grouped by the stems of their words, so plural and singular, possessives and case variants
fall together; a demonym joins its place ("Central Asian" under "Central Asia"), a lone surname
joins the full name ("Nurtleu" under "Murat Nurtleu"), and an acronym defined in brackets joins
its expansion. A longer run that contains a phrase seen on its own elsewhere is cut around it
("UN Secretary-General" -> "UN" + "Secretary-General"), which is how "UN" and its titles stop
competing.

Scoring follows PositionRank without the graph (measured: the walk cost milliseconds and no F1):
every word earns the inverse of its positions in the text, a phrase sums its words' earnings;
that is then weighed by frequency, spread and how name-like the phrase is. Selection skips a
phrase that repeats a better one's words ("Prime Minister" after "Deputy Prime Minister").
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from functools import lru_cache
from math import log

from .errors import EmptyInputError
from .language import detect_language, resolve_language, stemmer, stop_words
from .models import Topic
from .phrases import BRIDGES, PhraseFinder, Run, Word
from .sentences import split_sentences

# The few parameters, set on the dev split of DUC-2001 and 500N-KPCrowd
# (tests/benchmarks/tune_topics.py); each has a plain meaning.
NAME_BOOST = 0.5
"""Extra weight for a phrase written as a name (capitalised inside sentences)."""
SPREAD_BOOST = 0.5
"""Extra weight for a phrase that comes back across the article, not in one place only."""
MAX_WORDS = 4
"""Longer runs are rarely a topic; they are kept only as names."""
CASE_SPLIT = "none"
DECOMPOSE = True
OVERLAP = True
WALK = 0
SUBGRAMS = 0
MIN_PIECE = 1
PIECES_OF_NAMES = True
ALPHA = 0.0
BETA = 0.0
FREQ_MIX = 0.0
WINDOW = 10


@dataclass(slots=True)
class _Group:
    """Occurrences of one phrase (and its merged variants) while scoring."""

    key: tuple[str, ...]
    runs: list[Run] = field(default_factory=list)
    merged: list[Run] = field(default_factory=list)
    """Runs of variants merged in (demonym, surname, acronym): counted, not voted for the label."""

    @property
    def all_runs(self) -> list[Run]:
        return self.runs + self.merged


class TopicExtractor:
    """Extracts ranked topics for one language (stop words and stemmer loaded once)."""

    def __init__(self, language: str) -> None:
        self.language = resolve_language(language)
        self.stops = stop_words(self.language.code)
        self.stem = stemmer(self.language.code)
        self.finder = PhraseFinder(self.stops, self.stem, case_split=CASE_SPLIT)

    def extract(self, text: str, limit: int = 8) -> list[Topic]:
        """The top `limit` topics of `text`, best first."""
        if limit <= 0:
            return []
        starts = [s.start for s in split_sentences(text, self.language.code)] or [0]
        if starts[0] != 0:
            starts.insert(0, 0)
        runs, fronts, n_words = self.finder.find(text, starts)
        if not runs:
            return []
        acronyms, protected = _acronyms(text, runs)
        if DECOMPOSE:
            runs = _decompose(runs, protected)
        groups: dict[tuple[str, ...], _Group] = {}
        for run in runs:
            key = run.key
            if not key:
                continue
            group = groups.get(key)
            if group is None:
                group = groups[key] = _Group(key)
            group.runs.append(run)
        if SUBGRAMS:
            for run in _subgrams(runs, protected):
                if run.key in groups and len(run.words) < len(groups[run.key].runs[0].words) + 1:
                    groups[run.key].runs.append(run)
        names = {r.words[-1].lower: r.key for r in runs if r.is_name}
        for run in fronts:
            key = run.key
            if key in groups:
                groups[key].runs.append(run)
            elif _demonym_of(run.words[-1].lower, names) is not None:
                groups[key] = _Group(key, [run])
        _merge_variants(groups, acronyms)
        return _rank(groups, len(starts), n_words, limit)


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
    for i in range(1, len(runs)):
        run = runs[i]
        if len(run.words) != 1:
            continue
        word = run.words[0]
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
                    runs[i - 1] = before = Run(tail, before.sentence)
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
    "Deputy Prime Minister" keeps "Prime Minister") unless "of"/"for" precedes it.
    """
    alone = {r.key for r in runs if r.is_name}
    out: list[Run] = []
    for run in runs:
        if id(run) in protected or len(run.words) < 2 or not run.is_name:
            out.append(run)
        else:
            _cut(run.words, run, alone, out)
    return out


def _cut(words: tuple[Word, ...], run: Run, alone: set[tuple[str, ...]], out: list[Run]) -> None:
    words = _trim(words)
    if not words:
        return
    n = len(words)
    stems = [w.stem for w in words]
    best: tuple[int, int] | None = None
    for size in range(n - 1, 0, -1):
        for i in range(0, n - size + 1):
            j = i + size
            if words[i].lower in BRIDGES or words[j - 1].lower in BRIDGES:
                continue
            if tuple(s for s, w in zip(stems[i:j], words[i:j]) if w.lower not in BRIDGES) \
                    not in alone:
                continue
            if j == n and words[i - 1].lower not in BRIDGES:
                continue  # the head of the run: keep the run whole
            best = (i, j)
            break
        if best:
            break
    if best is None:
        out.append(Run(words, run.sentence) if words != run.words else run)
        return
    i, j = best
    _cut(words[:i], run, alone, out)
    out.append(Run(words[i:j], run.sentence))
    _cut(words[j:], run, alone, out)


def _subgrams(runs: list[Run], protected: set[int]) -> list[Run]:
    """Add the 1- to SUBGRAMS-word pieces of common-noun runs as occurrences of their own."""
    out: list[Run] = []
    for run in runs:
        words = run.words
        n = len(words)
        if n < 2 or not (PIECES_OF_NAMES or run.is_name or id(run) in protected):
            continue
        for size in range(MIN_PIECE, min(SUBGRAMS, n - 1) + 1):
            for i in range(0, n - size + 1):
                piece = words[i : i + size]
                if piece[0].lower in BRIDGES or piece[-1].lower in BRIDGES:
                    continue
                out.append(Run(piece, run.sentence))
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
                    acronyms: dict[tuple[str, ...], tuple[str, ...]]) -> None:
    """Merge demonyms into places, lone surnames into full names, acronyms into expansions."""
    def move(src: tuple[str, ...], dst: tuple[str, ...]) -> None:
        if src == dst or src not in groups or dst not in groups:
            return
        source = groups.pop(src)
        groups[dst].merged.extend(source.all_runs)

    for short, expansion in acronyms.items():
        move(short, expansion)
    names: dict[tuple[str, ...], _Group] = {
        k: g for k, g in groups.items() if any(r.is_name for r in g.runs)
    }
    # "Central Asian" under "Central Asia": same words but the last, which adds "n"/"an".
    by_prefix: dict[tuple[str, ...], list[tuple[str, ...]]] = {}
    for key, group in names.items():
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
    for key in list(names):
        if len(key) == 1 and key in groups and len(endings.get(key[0], ())) == 1:
            move(key, endings[key[0]][0])


# --- ranking --------------------------------------------------------------------------------


def _label(group: _Group) -> tuple[str, tuple[str, ...]]:
    """The phrase as most often written (natural case), and the other forms seen."""
    votes: Counter[str] = Counter()
    first: dict[str, int] = {}
    forms: dict[str, int] = {}
    inside = [r for r in group.runs if not r.words[0].initial] or group.runs
    for r in group.runs:
        forms.setdefault(r.surface, r.start)
    for r in group.merged:
        forms.setdefault(r.surface, r.start)
    for r in inside:
        s = r.surface
        votes[s] += 1
        first.setdefault(s, r.start)
    label = min(votes, key=lambda s: (-votes[s], first[s]))
    variants = tuple(sorted((f for f in forms if f != label), key=lambda f: forms[f]))
    return label, variants


WEIGHTS: dict[str, float] = {
    "frequency": 0.366, "first_mention": -0.715, "position": 0.311, "word_frequency": 0.648,
    "head_frequency": 0.0, "entity": -0.111, "spread": 0.748, "one_word": -0.765,
    "two_words": 0.851, "three_words": 0.377, "long": -2.549, "lead": 0.0, "degree": 0.0,
}
FEATURE_SINK: list[tuple[dict[str, float], _Group]] | None = None


def _rank(groups: dict[tuple[str, ...], _Group], n_sentences: int, n_words: int,
          limit: int) -> list[Topic]:
    # PositionRank's personalisation, without the walk: a word earns 1/position per occurrence.
    earned: dict[str, float] = {}
    freq: dict[str, int] = {}
    seen_words = {w.index: w for g in groups.values() for r in g.all_runs for w in r.words}
    for w in seen_words.values():
        earned[w.stem] = earned.get(w.stem, 0.0) + 1.0 / (w.index + 1)
        freq[w.stem] = freq.get(w.stem, 0) + 1
    # Co-occurrence degree (TextRank's graph without the walk): distinct words nearby.
    sequence = [seen_words[i].stem for i in sorted(seen_words)]
    near: dict[str, set[str]] = {}
    for i, a in enumerate(sequence):
        for b in sequence[i + 1 : i + WINDOW]:
            near.setdefault(a, set()).add(b)
            near.setdefault(b, set()).add(a)
    weights = WEIGHTS
    scored: list[tuple[float, int, tuple[str, ...], dict[str, float]]] = []
    for key, group in groups.items():
        runs = group.all_runs
        n = len(key)
        first_run = min(runs, key=lambda r: r.position)
        first = first_run.sentence
        last = max(r.sentence for r in runs)
        stems = set(key)
        features = {
            "frequency": log(1 + len(runs)),
            "first_mention": log(1 + first_run.position),
            "position": log(sum(earned[s] for s in stems)),
            "word_frequency": sum(log(1 + freq[s]) for s in stems) / len(stems),
            "head_frequency": log(1 + freq[key[-1]]),
            "degree": sum(log(1 + len(near.get(s, ()))) for s in stems) / len(stems),
            "entity": sum(1 for r in runs if r.is_name) / len(runs),
            "spread": (last - first) / n_sentences if n_sentences > 1 else 0.0,
            "one_word": float(n == 1),
            "two_words": float(n == 2),
            "three_words": float(n == 3),
            "long": float(n > 3),
            "lead": float(first == 0),
        }
        if FEATURE_SINK is not None:
            FEATURE_SINK.append((features, group))
        parts = {f: round(weights[f] * v, 6) for f, v in features.items() if weights[f] and v}
        score = sum(parts.values())
        scored.append((score, first_run.start, key, parts))
    scored.sort(key=lambda t: (-t[0], t[1]))
    chosen: list[Topic] = []
    chosen_keys: list[tuple[str, ...]] = []
    for score, _, key, parts in scored:
        group = groups[key]
        keys = {key} | {r.key for r in group.merged}
        if OVERLAP and any(_overlaps(a, b) for a in keys for b in chosen_keys):
            continue
        label, variants = _label(group)
        spans = tuple(sorted((r.start, r.end) for r in group.all_runs))
        chosen.append(Topic(label, round(score, 6), len(spans), spans, variants, parts))
        chosen_keys.extend(keys)
        if len(chosen) >= limit:
            break
    return chosen


def _walk(groups: dict[tuple[str, ...], _Group], personal: dict[str, float]) -> dict[str, float]:
    sequence = sorted({w.index: w.stem for g in groups.values() for r in g.all_runs
                       for w in r.words}.items())
    stems = [s for _, s in sequence]
    neighbours: dict[str, dict[str, float]] = {s: {} for s in personal}
    for i, a in enumerate(stems):
        for b in stems[i + 1 : i + WINDOW]:
            if a != b:
                neighbours[a][b] = neighbours[a].get(b, 0.0) + 1.0
                neighbours[b][a] = neighbours[b].get(a, 0.0) + 1.0
    total = sum(personal.values()) or 1.0
    p = {s: v / total for s, v in personal.items()}
    out_weight = {s: sum(n.values()) or 1.0 for s, n in neighbours.items()}
    score = dict(p)
    for _ in range(WALK):
        new = {}
        for s, n in neighbours.items():
            new[s] = 0.15 * p[s] + 0.85 * sum(score[t] * w / out_weight[t] for t, w in n.items())
        score = new
    return score


def _overlaps(a: tuple[str, ...], b: tuple[str, ...]) -> bool:
    """True when one phrase's words run inside the other's ("UN" in "UN Secretary-General")."""
    if len(a) > len(b):
        a, b = b, a
    n = len(a)
    return any(b[i : i + n] == a for i in range(len(b) - n + 1))


@lru_cache(maxsize=16)
def _extractor(code: str) -> TopicExtractor:
    return TopicExtractor(code)


def extract_topics(text: str, *, limit: int = 8, language: str | None = None) -> list[Topic]:
    """Ranked key phrases of `text`, best first, at most `limit` of them.

    Raises `EmptyInputError` for empty or whitespace-only text and `UnsupportedLanguageError`
    for a language Newsdesk does not support.
    """
    if not text or not text.strip():
        raise EmptyInputError("input is empty")
    code = resolve_language(language or detect_language(text)).code
    return _extractor(code).extract(text, limit)

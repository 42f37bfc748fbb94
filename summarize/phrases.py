"""Candidate key phrases of a text: noun-phrase-like runs of words, with names kept whole.

Without a part-of-speech tagger (nothing is downloaded, and topics must cost about a millisecond)
a candidate is a maximal run of content words inside one sentence with nothing but spaces
between them. Stop words, numbers, dates, common verb forms and adverbs end a run, and so do
punctuation and possessives ("Alaska's"). Verbs are told by a hand-written lexicon and by their
neighbours ("he added", "would need", "hit the"); the lexicon is small on purpose (each rule
here earned its place in keyphrase F1 on the dev split; a tagger is not at hand). Other
languages have lists of their own in `summarize/data/` (function words, verb forms, verb
endings), and German phrases end in a capitalised noun.

Capitalisation marks names: a capitalised stop word can sit in a name ("New York"), "of"/"for"
bridge two capitalised parts ("Bank of England"), an acronym is never a stop word ("UN", "US"),
and a headline in title case says nothing about names. Where a run turns from a name to lower
case ("Central Asian countries") the name alone is offered too, as a `front`.

`PhraseFinder.find` returns `Run`s of `Word`s; `summarize.topics` groups and scores them.
"""

from __future__ import annotations

import re
from itertools import accumulate, compress
from operator import attrgetter
import os
from functools import lru_cache
from typing import Callable, NamedTuple, cast


BRIDGES = frozenset({"of", "for"})
"""Lower-case words allowed inside a capitalised name ("Center for Preventive Diplomacy")."""

_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "mr mrs ms dr prof st jr sr am pm percent per cent week weeks month months year years day "
    "days aboard amid amidst atop whilst unlike versus vs ago minus million millions billion billions trillion thousand thousands hundred hundreds dozen dozens "
    "lot lots".split()
)
"""Dates, honorifics, units and the prepositions sumy's English list lacks: never key phrases,
and they end a run."""

# Verb forms that are (almost) never nouns. Hand-written because no tagger is at hand: irregular
# pasts and participles, and the reporting verbs of news copy.
_VERBS = frozenset(
    "told added asked announced reported stated noted explained warned urged claimed denied "
    "agreed accused arrested charged expressed pointed emphasized emphasised stressed highlighted "
    "commended assessed discussed wished aimed initiated defined defining attaches attached "
    "made took taken gave given showed shown found thought came went left began begun kept held "
    "brought wrote written sat stood lost paid met led spoke spoken spent grew grown won bought "
    "sent built fell fallen ran born become meant sought struck hit tried caught taught fought drove "
    "driven rose risen broke broken chose chosen flew flown threw thrown wore worn heard felt "
    "says tells adds asks announces states notes explains warns urges claims denies "
    "including included includes according expected tried trying saying telling making taking "
    "giving showing finding thinking coming going leaving beginning keeping holding bringing "
    "writing sitting standing losing paying leading speaking spending growing winning buying "
    "sending falling running becoming seeking striking trying catching fighting driving rising "
    "breaking choosing flying throwing wearing hearing feeling wanted wants reached remained "
    "remains decided suggested suggests raised passed sold required pulled moved lived believed "
    "planned hoped needed received faced helped sought appeared continued continues allowed "
    "killed died injured happened happens occurred occurs increased reduced approved rejected "
    "launched voted signed ordered called calls described estimated believes".split()
)

_BEFORE_VERB = frozenset(
    "he she they we i it who will would could should may might must can cannot did does do "
    "don't didn't doesn't won't wouldn't has have had hasn't haven't hadn't not to".split()
)
"""Words after which a lower-case word is a verb ("he added", "would need", "had spilled")."""
_PARTICLES = frozenset("out up off".split())
"""Before these, a lower-case word is a verb: "HQ points out", "the company flares up" (it takes
"mobile homes blown", "stars snap" out of the tags)."""
_BE = frozenset("is was were are be been being".split())
"""After these, a lower-case -ed/-ing word is a verb ("was destroyed", "are fleeing")."""
_DETERMINERS = frozenset(
    "the a an his her their its our my your this these those".split()
)
"""Before these, a lower-case word is a verb ("hit the", "spawned a"); so before `_PARTICLES`."""

_ADJECTIVE = ("ous", "ful", "less", "ible")
"""Endings of adjectives: a phrase does not end in one (its head is a noun)."""
_EVALUATIVE = "ful"
"""Ending of evaluative adjectives (peaceful, successful, powerful): a run they open describes
rather than names ("a prosperous and peaceful region"), so it is no candidate, while "-ous",
"-less", "-able" name classes as often ("religious resources", "homeless shelter")."""

_ABBREVIATIONS = frozenset(
    "ala ariz ark calif colo conn del fla ga ill ind kan ky la md mass mich minn miss mo mont "
    "neb nev okla ore pa tenn tex va vt wash wis wyo sen rep gov gen lt col sgt capt maj adm "
    "supt cpl pvt det insp rev".split()
)
"""Abbreviated states and ranks ("New Haven, Conn.", "Sen. Smith"): they end a run when a dot
follows them."""

_WIRES = frozenset("ap afp upi reuters dpa ians pti xinhua ansa efe kyodo yonhap tass".split())
"""News agencies credited in brackets after a dateline: "DENVER (AP)"."""

_NAME_STOPS = frozenset(
    "new old first second third fourth fifth last little best united associated".split()
)
"""Stop words that start or sit inside names when capitalised ("New York", "First Lady")."""

_VERB_LEMMAS = (
    "accept achieve acknowledge admit affect agree allege allow announce appear apply approve "
    "argue arrive assume assure avoid become begin believe belong blame bring choose claim "
    "collapse combine complain concede conclude confirm consider contain continue contribute "
    "convince criticize criticise decide declare decline defend deliver demand deny depend "
    "describe destroy determine develop disagree discover discuss emerge enable encourage "
    "ensure establish estimate examine exist expand expect explain expose express face fail fear "
    "find flee follow forget give grow handle happen hope identify ignore imply improve include "
    "indicate insist intend introduce involve join keep kill know lack learn leave let "
    "maintain make manage matter mean melt mention move need note notice obtain occur offer oppose own permit "
    "pay persuade pose predict prefer prepare present pretend prevent proceed produce promise "
    "promote propose protect prove provide publish pursue reach react realize realise "
    "receive recognize recommend reduce refer refuse register reject relate rely remain "
    "remember remove repeat replace represent require resign resolve respond reveal "
    "revolutionize say secure see seek seem select send serve settle show speak spend "
    "spread state stay stop stress struggle succeed suffer suggest suppose surround survive "
    "suspend take tell tend threaten track travel treat try understand urge use want warn "
    "welcome win wish worry write"
).split()
"""Verbs whose forms (-s, -ed, -ing) are rarely nouns in news: they end a run."""


def _verb_forms(lemmas: list[str]) -> frozenset[str]:
    forms: set[str] = set()
    for v in lemmas:
        forms.add(v)
        if v.endswith("y") and v[-2:-1] not in "aeiou":
            forms.update((v[:-1] + "ies", v[:-1] + "ied", v + "ing"))
        elif v.endswith("e"):
            forms.update((v + "s", v + "d", v[:-1] + "ing"))
        elif v.endswith(("s", "sh", "ch", "x", "z")):
            forms.update((v + "es", v + "ed", v + "ing"))
        else:
            forms.update((v + "s", v + "ed", v + "ing"))
    return frozenset(forms)



_DOTTED = re.compile(r"(?:[^\W\d_]\.)+[^\W\d_]")
"""An initialism with inner dots as the word pattern takes it ("U.S" of "U.S.", "e.g")."""

_EN_ADVERBS = frozenset("close together away again instead ahead abroad apart alone later soon".split())
"""Adverbs without "-ly" that follow a noun in a clause ("keep fresh food close"): they end a
run, as verb forms do."""


@lru_cache(maxsize=None)
def word_list(name: str) -> tuple[str, ...]:
    """The entries of `summarize/data/NAME.txt` (see its README), or () when there is no such
    list for a language; package data, read once."""
    path = os.path.join(os.path.dirname(__file__), "data", f"{name}.txt")
    try:
        with open(path, encoding="utf-8") as f:
            lines = f.read().splitlines()
    except FileNotFoundError:
        return ()
    return tuple(line.strip() for line in lines if line.strip() and not line.startswith("#"))


def extra_stop_words(language: str) -> frozenset[str]:
    """Function words that end a phrase in `language`, beyond sumy's stop list for it."""
    return frozenset(word_list(f"stop-{language}"))


_NOT_ADVERBS = frozenset(
    "family assembly supply rally ally reply anomaly monopoly fly belly jelly bully holly lily "
    "melancholy homily butterfly tally folly gully dolly italy july sally billy kelly emily "
    "daily weekly monthly quarterly elderly".split()
)
"""Words ending in -ly that are nouns or adjectives worth keeping."""




class Word(NamedTuple):
    """One word of a candidate: its text, offsets and normal forms.

    `surface` drops a possessive ("Kazakhstan" of "Kazakhstan's"); `start`/`end` cover the word
    as written, possessive included; `stem` is the stemmed lower-case surface.
    """

    surface: str
    start: int
    end: int
    lower: str
    stem: str
    capital: bool
    initial: bool
    """First word of its sentence: capitalised by grammar, not because it is a name."""
    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose
    """Position among the text's words (0-based), for position weights."""


class Run(NamedTuple):
    """A candidate mention: consecutive words of one sentence (build it with `make_run`)."""

    words: tuple[Word, ...]
    sentence: int
    key: tuple[str, ...]
    """Stems of the words but bridges: mentions with the same key are one phrase."""
    is_name: bool
    """Every word but bridges capitalised, and at least one of them inside the sentence."""

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def position(self) -> int:
        """Index of the first word among the text's words."""
        return self.words[0].index

    @property
    def surface(self) -> str:
        return " ".join(w.surface for w in self.words)


def make_run(words: tuple[Word, ...], sentence: int) -> Run:
    """A `Run` of `words`, with its key and name flag computed once."""
    if len(words) == 1:  # most runs: kept short, this is a hot path
        w = words[0]
        if w.lower in BRIDGES:
            return tuple.__new__(Run, (words, sentence, (), False))
        return tuple.__new__(Run, (words, sentence, (w.stem,), w.capital and not w.initial))
    key: list[str] = []
    capitals = True
    inside = False
    for w in words:
        if w.lower in BRIDGES:
            continue
        key.append(w.stem)
        capitals = capitals and w.capital
        inside = inside or not w.initial
    return tuple.__new__(Run, (words, sentence, tuple(key), capitals and inside))


_STOP, _BRIDGE, _WORD, _UNDERSCORE = range(4)
"""Kinds of word for `PhraseFinder.find`: a lower-case stop word, a lower-case "of"/"for", any
other word, a word with underscores (stripped first)."""
_ALWAYS, _UNLESS_NAME, _INSIDE_UNLESS_NAME = 1, 2, 3
"""How a word ends a run: always (dates, numbers), unless it is a name (verb forms, adverbs),
unless it is a name or opens the run (other -ed words)."""
_AFTER_VERB_WORD, _AFTER_BE = 1, 2
"""What a word tells of the next one: a verb follows "he", "would", "to"...; an -ed/-ing word
after "was", "are"... is a verb."""


class _Facts(NamedTuple):
    """What a word as written is, whatever its neighbours (cached per written form).

    Unpacked whole in `PhraseFinder.find`'s loop, so the field order is the unpacking order.
    """

    kind: int
    """`_STOP`, `_BRIDGE`, `_WORD` or `_UNDERSCORE`."""
    surface: str
    lower: str
    stem: str
    cut: bool
    """A possessive was cut off: the run ends after the word."""
    capital: bool
    stop: bool
    bridge: bool
    breaks: int
    """How the word ends a run: 0, `_ALWAYS`, `_UNLESS_NAME` or `_INSIDE_UNLESS_NAME`."""
    ed_ing: bool
    abbreviation: bool
    acronym: bool
    upper: bool
    name_stop: bool
    before: int
    """What the word tells of the next one: 0, `_AFTER_VERB_WORD` or `_AFTER_BE`."""
    determiner: bool
    """A determiner or a particle: the word before it is a verb ("hit the", "points out")."""
    cap_first: bool
    low_first: bool
    lone: int
    """`_LONE_RUN`, `_LONE_DROPPED` or 0 (see `_LONE_RUN`)."""
    dotted: bool
    """An initialism with inner dots ("U.S", "U.K"): its closing dot belongs to it."""


_LONE_RUN, _LONE_DROPPED = 1, 2
"""A plain lower-case content word (no stop word, verb form, date, abbreviation): standing
alone between stop words it is a one-word run (`_LONE_RUN`) or, ending in an adjective or -ed,
none (`_LONE_DROPPED`) whatever came before, so `PhraseFinder.find` takes a short path."""
_kind_of = attrgetter("kind")
_END = _Facts(_STOP, "", "", "", False, False, True, False, 0, False, False, False, False,
              False, 0, False, False, False, 0, False)
"""The facts of the end of the text."""


def _german_noun_phrase(words: list[Word]) -> list[Word]:
    """The noun phrase a German run opens with: lower-case words (adjectives) up to the first
    capitalised word, then capitalised words; cut at the first lower-case word after a noun
    ("Plan stimmten" -> "Plan"), and nothing if no word is capitalised ("stimmten dagegen").
    A sentence's first word is capitalised by grammar, so it counts only before another one."""
    for i, w in enumerate(words):
        if w.capital and not (w.initial and len(words) > 1 and not words[1].capital):
            end = i + 1
            while end < len(words) and (words[end].capital or words[end].lower in BRIDGES):
                end += 1
            return words[:end]
    return []


class PhraseFinder:
    """Finds candidate runs in a text for one language's stop words and stemmer."""

    CACHE_SIZE = 50_000
    """Distinct words whose context-free facts are remembered between texts (past this many,
    all are forgotten before the next text)."""

    def __init__(self, stops: frozenset[str], stem: Callable[[str], str], *,
                 split_before_names: bool = True, language: str = "en") -> None:
        self.stops = stops
        self.stem = stem
        self.english = language == "en"
        """English's own rules: verbs told by their neighbours ("he added", "hit the"), "-ly"
        adverbs, "-ed" forms and adjective endings. Other languages have their verb lists and
        endings (`summarize/data/verbs-XX.txt`)."""
        self.noun_capitals = language == "de"
        """German capitalises every noun: a phrase ends in a capitalised word, and lower-case
        words (adjectives) only come before the first of them ("neue Radwege", not
        "Innenstadt beschlossen")."""
        self.split_before_names = split_before_names
        """Cut a run where a name starts after lower-case words ("battery maker Voltaic" ->
        "battery maker" + "Voltaic"): editors tag the name."""
        self._facts: dict[str, _Facts] = {}
        self._tails: set[str] = set()
        """Lower-case words a run may not end in: adjectives, -ed forms, and -ing forms (those
        only after a plural)."""
        self._splitter = re.compile(r"(\w++(?:[’'\-.]\w++)*+)").split
        """`tokens.WORD_RE` with possessive quantifiers: the same words, split without keeping
        backtracking state, since nothing follows the pattern that backtracking could match (a
        test holds the two equal)."""
        if self.english:
            self._verb_forms = _verb_forms(_VERB_LEMMAS) | _VERBS | _EN_ADVERBS  # cheap import
            self._verb_endings: tuple[str, ...] = ()
            self._before_verb, self._be = _BEFORE_VERB, _BE
            self._determiners = _DETERMINERS | _PARTICLES
        else:
            verbs = word_list(f"verbs-{language}")
            self._verb_forms = frozenset(v for v in verbs if not v.startswith("-"))
            self._verb_endings = tuple(v[1:] for v in verbs if v.startswith("-"))
            self._before_verb = self._be = self._determiners = frozenset()

    def _split(self, text: str) -> list[str]:
        """`self._splitter(text)` (separators and words, alternating), with fewer regex calls.

        A word never holds a space, so the text is cut at single spaces (C speed) and only the
        pieces that are not one word as they stand go through the pattern. `str.isalnum` is
        the pattern's `\\w` less "_" (both are Python's alphanumeric test): an alphanumeric
        piece is one whole word. A test holds the two splits equal.
        """
        splitter = self._splitter
        parts: list[str] = []
        append = parts.append
        sep = ""  # the separator before the next word, as far as it is known
        for piece in text.split(" "):
            if piece.isalnum():  # most pieces: a word between two spaces
                append(sep)
                append(piece)
                sep = " "
                continue
            cut = splitter(piece)
            if len(cut) == 1:  # no word: all of it separates
                sep = sep + piece + " "
            else:
                cut[0] = sep + cut[0]
                parts += cut
                sep = parts.pop() + " "
        parts.append(sep[:-1])  # no space after the last piece
        return parts

    def _learn(self, raw: str) -> _Facts:
        """The context-free facts of one word as written (cached: news repeats its words)."""
        stops = self.stops
        raw_lower = raw.lower()
        first = raw[:1]
        if "_" in raw:
            kind = _UNDERSCORE
        elif raw_lower in stops and first.islower():
            kind = _BRIDGE if raw_lower in BRIDGES else _STOP
        else:
            kind = _WORD
        cut = 2 if len(raw) > 3 and raw[-1] in "sS" and raw[-2] in "'’" else 0
        surface = raw[:-cut] if cut else raw
        lower = surface.lower() if cut else raw_lower
        if "’" in lower:
            lower = lower.replace("’", "'")
        previous = raw_lower if kind in (_STOP, _BRIDGE) else lower  # as the next word sees it
        breaks = 0
        english = self.english
        if lower in _CALENDAR or not lower[:1].isalpha() and not any(c.isalpha() for c in lower):
            breaks = _ALWAYS
        elif lower in self._verb_forms or (english and len(lower) > 4 and lower.endswith("ly")
                                           and lower not in _NOT_ADVERBS):
            breaks = _UNLESS_NAME
        elif english and len(lower) > 4 and lower.endswith("ed"):
            breaks = _INSIDE_UNLESS_NAME
        elif self._verb_endings and lower.endswith(self._verb_endings) and any(
                len(lower) > len(e) + 3 and lower.endswith(e) for e in self._verb_endings):
            breaks = _UNLESS_NAME
        if english and (lower.endswith(_ADJECTIVE) or lower.endswith("ing") or (
                len(lower) > 4 and lower.endswith("ed"))):
            self._tails.add(lower)
        if kind == _WORD and lower not in stops and (
            breaks == _ALWAYS or (breaks == _UNLESS_NAME and not surface[:1].isupper())
        ):
            kind = _STOP  # a date, a number, a lower-case verb: ends any run, as a stop word does
        lone = 0
        if kind == _WORD and not surface[:1].isupper() and lower not in stops \
                and breaks != _ALWAYS and breaks != _UNLESS_NAME and lower not in _ABBREVIATIONS:
            # What `close` decides for it as a run of one lower-case word.
            keep = not self.noun_capitals and (lower not in self._tails or lower.endswith("ing"))
            lone = _LONE_RUN if keep else _LONE_DROPPED
        facts = _Facts(
            kind, surface, lower, self.stem(lower), bool(cut), surface[:1].isupper(),
            lower in stops, lower in BRIDGES, breaks, lower.endswith(("ed", "ing")),
            lower in _ABBREVIATIONS, len(surface) > 1 and surface.isupper(), surface.isupper(),
            lower in _NAME_STOPS,
            _AFTER_VERB_WORD if previous in self._before_verb
            else _AFTER_BE if previous in self._be else 0,
            raw_lower in self._determiners, first.isupper(), first.islower(),
            lone, _DOTTED.fullmatch(surface) is not None,
        )
        self._facts[raw] = facts
        return facts

    def find(self, text: str, sentence_starts: list[int]) -> tuple[list[Run], list[Run], int]:
        """Candidate runs of `text` (its sentences start at `sentence_starts`, ascending, the
        first at 0), the names found at the front of longer runs ("Central Asian" of "Central
        Asian countries"), and the number of words.

        One pass over the words; what a word is on its own (stop word, verb form, stem...) is
        looked up in a cache, so the loop only weighs its neighbours.
        """
        # The text cut into separators and words, and the offsets summed from their lengths
        # (no match object per word).
        parts = self._split(text)
        raws = parts[1::2]
        n = len(raws)
        offsets = list(accumulate(map(len, parts)))
        starts = offsets[0:-1:2]
        ends = offsets[1::2]
        if len(self._facts) >= self.CACHE_SIZE:  # forget, between texts, never within one
            self._facts.clear()
            self._tails.clear()
        known = list(map(self._facts.get, raws))
        # Facts are never empty tuples, so a None (a word not seen before) is the only false
        # item: `all` tests truth at C speed, where `None in known` compared each tuple to None.
        if not all(known):  # words not seen before
            learn = self._learn
            facts = [f or learn(r) for f, r in zip(known, raws)]
        else:
            facts = cast("list[_Facts]", known)
        from bisect import bisect_left  # here, not at import: start-up stays light

        bounds = [bisect_left(starts, s) for s in sentence_starts[1:]]
        bounds.append(n)
        new_word = new_run = tuple.__new__  # no NamedTuple's Python-level __new__: hot path
        split_before = self.split_before_names
        tails = self._tails
        runs: list[Run] = []
        fronts: list[Run] = []
        current: list[Word] = []
        current_sentence = -1
        bridge: Word | None = None

        noun_capitals = self.noun_capitals

        def close() -> None:
            nonlocal current
            words = current
            current = []
            if noun_capitals:
                words = _german_noun_phrase(words)
            if len(words) == 1:  # most runs: one word, its Run built inline
                w = words[0]
                if w.capital or w.lower not in tails or w.lower.endswith("ing"):
                    runs.append(new_run(Run, ((w,), current_sentence, (w.stem,),
                                              w.capital and not w.initial)))
                return
            # A run ends in its head noun: drop trailing lower-case adjectives ("prosperous")
            # and participles after a plural ("residents stretching", not "tornado warning").
            while words and not words[-1].capital and words[-1].lower in tails and (
                not words[-1].lower.endswith("ing")
                or (len(words) > 1 and words[-2].lower.endswith(("s", "people")))
            ):
                words.pop()
            if len(words) == 1:  # most runs: a Run built inline (never a lone "of")
                w = words[0]
                runs.append(new_run(Run, ((w,), current_sentence, (w.stem,),
                                          w.capital and not w.initial)))
            elif words and (words[0].capital or not words[0].lower.endswith(_EVALUATIVE)):
                # A run opened by an evaluative adjective ("peaceful region") is no candidate.
                runs.append(make_run(tuple(words), current_sentence))

        # Only the words that are no lower-case stop word are visited: a stop word between two
        # of them ends any run, and is the "previous word" of the next one.
        visit = list(compress(range(n), map(_kind_of, facts)))  # _STOP is 0
        facts.append(_END)  # what follows the last word: nothing to look at, no bounds check
        sentence = 0
        sentence_first = 0
        stop_at = bounds[0]
        titled = self._titled(facts, 0, stop_at)
        seen = -1  # the last visited index
        last = -1  # the last index that counted as a word (underscores alone do not)
        prev_end = 0
        prev_before = 0
        for idx in visit:
            if idx >= stop_at:  # a new sentence: runs end, is it in title case?
                if current:
                    close()
                bridge = None
                while idx >= stop_at:
                    sentence += 1
                    sentence_first = stop_at
                    stop_at = bounds[sentence]
                # Most sentences have a lower-case word among their first two: not titled.
                titled = not (facts[sentence_first].low_first
                              or facts[sentence_first + 1].low_first) \
                    and self._titled(facts, sentence_first, stop_at)
            if idx != seen + 1:  # stop words came between
                if current:
                    close()
                bridge = None
                last = idx - 1
                prev_end = ends[last]
                prev_before = facts[last].before
                # A plain lower-case word between stop words (a third of the runs): with no
                # verb-telling word before it ("he", "was") and no determiner right after it on
                # the line ("hit the"), every test below passes and `close` keeps or drops it
                # alone, so its run is built here, without the general path.
                lone = facts[idx].lone
                if lone and not prev_before and facts[idx + 1].kind == _STOP and not (
                        facts[idx + 1].determiner and starts[idx + 1] == ends[idx] + 1
                        and text[ends[idx]] == " "):
                    if lone == _LONE_RUN:
                        f = facts[idx]
                        runs.append(new_run(Run, ((new_word(Word, (
                            f.surface, starts[idx], ends[idx], f.lower, f.stem, False,
                            last < sentence_first, idx)),), sentence, (f.stem,), False)))
                    seen = idx
                    continue
            seen = idx
            (kind, surface, lower, stem, cut, capital, stop, is_bridge, breaks, ed_ing,
             abbreviation, acronym, upper, name_stop, before_next, _det, _up, _low, _lone,
             dotted) = facts[idx]
            start = starts[idx]
            end = raw_end = ends[idx]
            initial = last < sentence_first
            if kind == _BRIDGE and not current:  # "of" with no run before it
                bridge = None
                last = idx
                prev_end = end
                prev_before = before_next
                continue
            if kind == _UNDERSCORE:  # "_June" in some wire copy: underscores are dashes
                raw = raws[idx]
                stripped = raw.strip("_")
                if not stripped:
                    continue
                start += raw.index(stripped)
                end = start + len(stripped)
                (_, surface, lower, stem, cut, capital, stop, is_bridge, breaks, ed_ing,
                 abbreviation, acronym, upper, name_stop, before_next, _, _, _, _, dotted) = \
                    self._learn(stripped)
            last = idx
            joined = not initial and (
                start == prev_end + 1 and text[prev_end] == " "  # the common case, cheaply
                or start == prev_end or text[prev_end:start].isspace())
            before = prev_before if joined else 0
            prev_end = end
            prev_before = before_next
            if not joined:
                if current:
                    close()
                bridge = None
            if titled:
                capital = False
            name = capital and not initial
            if stop:
                if is_bridge and not capital and bridge is None and current \
                        and current[-1].capital and not current[-1].initial:
                    # "of"/"for" between two capitalised words of a name.
                    bridge = new_word(Word, (surface, start, end, lower, lower, False, False,
                                             idx))
                    continue
                if not (capital and (
                    acronym  # "UN", "US", "WHO"
                    or (name and name_stop
                        and facts[idx + 1].cap_first)  # "New York", "First Lady"
                )):
                    if current:
                        close()
                    bridge = None
                    continue
            elif breaks == _ALWAYS or not name and (
                breaks == _UNLESS_NAME
                or (breaks == _INSIDE_UNLESS_NAME and current)
                # A verb by its neighbours: "he added", "would need", "was destroyed", "hit the".
                or before == _AFTER_VERB_WORD or (before == _AFTER_BE and ed_ing)
                or (facts[idx + 1].determiner and starts[idx + 1] == raw_end + 1
                    and text[raw_end] == " ")  # on the same line: not "operation\nA ..."
            ):
                if current:
                    close()
                bridge = None
                continue
            if (abbreviation and text[end : end + 1] == ".") or (
                capital and upper and self._dateline(text, start, end, lower)
            ):
                if current:
                    close()
                bridge = None
                continue
            if dotted and text[end : end + 1] == ".":  # "U.S." keeps its closing dot
                surface += "."
                end += 1
            word = new_word(Word, (surface, start, end, lower, stem, capital, initial, idx))
            if bridge is not None:
                if capital:
                    current.append(bridge)
                elif current:
                    close()
                bridge = None
            elif current:
                prev = current[-1]
                name_before = name if prev.initial else (prev.capital and not prev.initial)
                if name and not name_before:
                    if split_before:
                        close()
                elif name_before and not name and (len(current) > 1 or not current[0].initial):
                    fronts.append(make_run(tuple(current), current_sentence))
            if not current:
                current_sentence = sentence
            current.append(word)
            if cut:
                close()
        if current:
            close()
        return runs, fronts, n

    @staticmethod
    def _titled(facts: list[_Facts], first: int, stop: int) -> bool:
        """Whether the words `first:stop` of a sentence are in title case or capitals (four or
        more capitalised words, no lower-case one): "Phish Phavors New York With 3-Day
        Phestival" says nothing about names."""
        if stop - first < 4:
            return False
        capitals = 0
        for k in range(first, stop):
            f = facts[k]
            if f.low_first:
                return False
            if f.cap_first:
                capitals += 1
        return capitals >= 4

    @staticmethod
    def _dateline(text: str, start: int, end: int, lower: str) -> bool:
        """A wire credit "(AP)" or a dateline "DENVER (AP) -", "BEIJING, March 3 -": where the
        story was filed and by whom, not what it is about."""
        if lower in _WIRES and text[start - 1 : start] == "(":
            return True
        if len(lower) < 4 or (start and text[start - 1] not in "\n"):
            return False  # a dateline opens a paragraph
        after = text[end : end + 40]
        return after.startswith((" (", ",", " -", " –", " —", " _"))

"""Candidate key phrases of a text: noun-phrase-like runs of words, with names kept whole.

Without a part-of-speech tagger (nothing is downloaded, and topics must cost well under a
millisecond) a candidate is a maximal run of content words inside one sentence with nothing but
spaces between them. Stop words, numbers, dates, common verb forms and adverbs end a run;
punctuation and possessives ("Alaska's") end it too. Capitalisation marks names: a capitalised
stop word inside a name stays ("New York"), "of"/"for" bridge two capitalised parts ("Bank of
England"), and a run splits where it turns from lower to upper case or back ("tanker Exxon
Valdez" -> "tanker" + "Exxon Valdez"), because that is where a name starts or ends.

`PhraseFinder.find` returns the runs as `Run`s of `Word`s; `summarize.topics` groups and scores
them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from .tokens import WORD_RE

VERB_CUES = True
"""Treat a word as a verb after a subject pronoun or auxiliary, or right before a determiner."""
ED_BREAK = True
"""Lower-case words in -ed are verbs or participles: they end a run."""

BRIDGES = frozenset({"of", "for"})
"""Lower-case words allowed inside a capitalised name ("Center for Preventive Diplomacy")."""

_CALENDAR = frozenset(
    "monday tuesday wednesday thursday friday saturday sunday today yesterday tomorrow tonight "
    "january february march april may june july august september october november december "
    "jan feb mar apr jun jul aug sep sept oct nov dec mon tue tues wed thu thur thurs fri sat sun "
    "mr mrs ms dr prof st jr sr am pm percent per cent week weeks month months year years day "
    "days million millions billion billions trillion thousand thousands hundred hundreds dozen dozens "
    "lot lots".split()
)
"""Dates, honorifics and units: never key phrases on their own, and they end a run."""

# Verb forms that are (almost) never nouns. Hand-written because no tagger is at hand: irregular
# pasts and participles, and the reporting verbs of news copy.
_VERBS = frozenset(
    "told added asked announced reported stated noted explained warned urged claimed denied "
    "agreed accused arrested charged expressed pointed emphasized emphasised stressed highlighted "
    "commended assessed discussed wished aimed initiated defined defining attaches attached "
    "made took taken gave given showed shown found thought came went left began begun kept held "
    "brought wrote written sat stood lost paid met led spoke spoken spent grew grown won bought "
    "sent built fell fallen ran become meant sought struck hit tried caught taught fought drove "
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
_BE = frozenset("is was were are be been being".split())
"""After these, a lower-case -ed/-ing word is a verb ("was destroyed", "are fleeing")."""
_DETERMINERS = frozenset(
    "the a an his her their its our my your this these those".split()
)
"""Before these, a lower-case word is a verb ("hit the", "spawned a")."""

_ADJECTIVE = ("ous", "ful", "less", "ible", "ive", "ic", "ical", "al", "ish")
"""Endings of adjectives: a phrase does not end in one (its head is a noun)."""

_NAME_STOPS = frozenset(
    "new old first second third fourth fifth last little best united associated".split()
)
"""Stop words that start or sit inside names when capitalised ("New York", "First Lady")."""

_NOT_ADVERBS = frozenset(
    "family assembly supply rally ally reply anomaly monopoly fly belly jelly bully holly lily "
    "melancholy homily butterfly tally folly gully dolly italy july sally billy kelly emily "
    "daily weekly monthly quarterly elderly".split()
)
"""Words ending in -ly that are nouns or adjectives worth keeping."""


@dataclass(frozen=True, slots=True)
class Word:
    """One word of a candidate: its text as written, offsets, and normal forms.

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
    index: int
    """Position among the text's words (0-based), for position weights."""


@dataclass(frozen=True, slots=True)
class Run:
    """A candidate occurrence: consecutive words of one sentence."""

    words: tuple[Word, ...]
    sentence: int

    @property
    def position(self) -> int:
        """Index of the first word among the text's words."""
        return self.words[0].index

    @property
    def start(self) -> int:
        return self.words[0].start

    @property
    def end(self) -> int:
        return self.words[-1].end

    @property
    def key(self) -> tuple[str, ...]:
        """Stems of the content words: occurrences with the same key are one phrase."""
        return tuple(w.stem for w in self.words if w.lower not in BRIDGES)

    @property
    def surface(self) -> str:
        return " ".join(w.surface for w in self.words)

    @property
    def is_name(self) -> bool:
        """Every content word capitalised and at least one not sentence-initial."""
        content = [w for w in self.words if w.lower not in BRIDGES]
        return all(w.capital for w in content) and any(not w.initial for w in content)


def _possessive(word: str) -> int:
    """Length of a trailing possessive ("'s", "’s", "s'") to drop, or 0."""
    if len(word) > 3 and word[-2] in "'’" and word[-1] in "sS":
        return 2
    return 0


class PhraseFinder:
    """Finds candidate runs in a text for one language's stop words and stemmer."""

    def __init__(self, stops: frozenset[str], stem: Callable[[str], str], *,
                 case_split: str = "names") -> None:
        self.stops = stops
        self.stem = stem
        self.case_split = case_split
        """Where capitalisation changes inside a run: "split" cuts the run on both sides of a
        name; "names" cuts before a name and, after one, keeps the run whole but also offers the
        name alone ("Central Asian" out of "Central Asian countries"); "none" ignores case."""

    @staticmethod
    def _breaker(lower: str, name: bool) -> bool:
        """True for words (other than stop words) that never belong to a key phrase.

        `name` marks a capitalised word inside a sentence: "Kelly" and "Said" are names there.
        """
        if lower in _CALENDAR or not any(c.isalpha() for c in lower):
            return True
        if name:
            return False
        return lower in _VERBS or (
            len(lower) > 4 and lower.endswith("ly") and lower not in _NOT_ADVERBS
        )

    @staticmethod
    def _verb_in_context(lower: str, before: str, text: str, matches: list[re.Match[str]],
                         idx: int) -> bool:
        """A lower-case word that its neighbours show to be a verb."""
        if before in _BEFORE_VERB or (before in _BE and lower.endswith(("ed", "ing"))):
            return True
        if idx + 1 < len(matches):
            nxt = matches[idx + 1]
            if nxt.group().lower() in _DETERMINERS and text[matches[idx].end() : nxt.start()] == " ":
                return True
        return False

    def find(self, text: str,
             sentence_starts: list[int]) -> tuple[list[Run], list[Run], int]:
        """Candidate runs of `text` (sentences start at `sentence_starts`), the names found at
        the front of longer runs ("Central Asian" of "Central Asian countries"; they count only
        where the same name also stands alone), and the number of words."""
        runs: list[Run] = []
        extras: list[Run] = []
        stops = self.stops
        stem = self.stem
        verb_cues, ed_break, case_split = VERB_CUES, ED_BREAK, self.case_split
        matches = list(WORD_RE.finditer(text))
        n = len(matches)
        # Sentence of every word, and whether the sentence is a headline in title case (there
        # capitals say nothing about names: "Phish Phavors New York With 3-Day Phestival").
        sentences: list[int] = []
        titled: set[int] = set()
        sentence, boundary, n_starts = -1, -1, len(sentence_starts)
        lower_seen: dict[int, int] = {}
        upper_seen: dict[int, int] = {}
        for m in matches:
            start = m.start()
            while start >= boundary:
                sentence += 1
                boundary = sentence_starts[sentence + 1] if sentence + 1 < n_starts else len(text) + 1
            sentences.append(sentence)
            first = m.group()[:1]
            if first.isupper():
                upper_seen[sentence] = upper_seen.get(sentence, 0) + 1
            elif first.isalpha():
                lower_seen[sentence] = lower_seen.get(sentence, 0) + 1
        for s, count in upper_seen.items():
            if count >= 4 and not lower_seen.get(s):
                titled.add(s)

        current: list[Word] = []
        current_sentence = -1
        prev_end = 0
        prev_sentence = -1
        prev_lower = ""
        pending_bridge: Word | None = None

        def close() -> None:
            nonlocal current
            # A run ends in its head noun: drop trailing lower-case adjectives ("prosperous").
            while current and not current[-1].capital and current[-1].lower.endswith(_ADJECTIVE):
                current.pop()
            if current:
                runs.append(Run(tuple(current), current_sentence))
            current = []

        for idx in range(n):
            m = matches[idx]
            raw = m.group()
            start, end = m.start(), m.end()
            if "_" in raw:  # "_June" in some wire copy: underscores are dashes there
                stripped = raw.strip("_")
                if not stripped:
                    continue
                start += raw.index(stripped)
                end = start + len(stripped)
                raw = stripped
            sentence = sentences[idx]
            initial = sentence != prev_sentence
            gap = text[prev_end:start]
            joined = not initial and (not gap or gap.isspace())
            prev_end, prev_sentence = end, sentence
            cut = _possessive(raw)
            surface = raw[: len(raw) - cut] if cut else raw
            lower = surface.lower().replace("’", "'")
            capital = surface[:1].isupper() and sentence not in titled
            before = prev_lower if joined else ""
            prev_lower = lower
            if not joined:
                close()
                pending_bridge = None
            if lower in BRIDGES and not capital:
                # "of"/"for" between two capitalised words of a name.
                if current and current[-1].capital and not current[-1].initial and joined:
                    pending_bridge = Word(surface, start, end, lower, lower, False, False, idx)
                    continue
                close()
                continue
            name = capital and not initial
            if lower in stops and not (capital and len(surface) > 1 and surface.isupper()):
                # An acronym is no stop word ("UN", "US", "WHO"); a capitalised stop word can start or sit in a name ("New York", "First Lady").
                if not (name and lower in _NAME_STOPS and idx + 1 < n
                        and matches[idx + 1].group()[:1].isupper()
                        and text[end : matches[idx + 1].start()].isspace()):
                    close()
                    pending_bridge = None
                    continue
            elif self._breaker(lower, name) or (not name and (
                (ed_break and len(lower) > 4 and lower.endswith("ed"))
                or (verb_cues and self._verb_in_context(lower, before, text, matches, idx))
            )):
                close()
                pending_bridge = None
                continue
            word = Word(surface, start, end, lower, stem(lower), capital, initial, idx)
            if pending_bridge is not None:
                if capital:
                    current.append(pending_bridge)
                else:
                    close()
                pending_bridge = None
            elif current:
                last = current[-1]
                name_before = last.capital and not last.initial
                if last.initial:
                    name_before = name
                if name and not name_before:
                    if case_split != "none":
                        close()
                elif name_before and not name:
                    if case_split == "split":
                        close()
                    elif len(current) > 1 or not current[0].initial:
                        extras.append(Run(tuple(current), current_sentence))
            if not current:
                current_sentence = sentence
            current.append(word)
            if cut:
                close()
        close()
        return runs, extras, n

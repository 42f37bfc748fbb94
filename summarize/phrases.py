"""Candidate key phrases of a text: noun-phrase-like runs of words, with names kept whole.

Without a part-of-speech tagger (nothing is downloaded, and topics must cost about a millisecond)
a candidate is a maximal run of content words inside one sentence with nothing but spaces
between them. Stop words, numbers, dates, common verb forms and adverbs end a run, and so do
punctuation and possessives ("Alaska's"). Verbs are told by a hand-written lexicon and by their
neighbours ("he added", "would need", "hit the"); the lexicon is small on purpose (measured on
the dev split: each rule here moved keyphrase F1, a tagger was not at hand).

Capitalisation marks names: a capitalised stop word can sit in a name ("New York"), "of"/"for"
bridge two capitalised parts ("Bank of England"), an acronym is never a stop word ("UN", "US"),
and a headline in title case says nothing about names. Where a run turns from a name to lower
case ("Central Asian countries") the name alone is offered too, as a `front`.

`PhraseFinder.find` returns `Run`s of `Word`s; `summarize.topics` groups and scores them.
"""

from __future__ import annotations

from typing import Callable, NamedTuple

from .tokens import WORD_RE

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
_BE = frozenset("is was were are be been being".split())
"""After these, a lower-case -ed/-ing word is a verb ("was destroyed", "are fleeing")."""
_DETERMINERS = frozenset(
    "the a an his her their its our my your this these those".split()
)
"""Before these, a lower-case word is a verb ("hit the", "spawned a")."""

_ADJECTIVE = ("ous", "ful", "less", "ible")
"""Endings of adjectives: a phrase does not end in one (its head is a noun)."""

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
    "ensure establish estimate examine exist expand expect explain express face fail fear "
    "find flee follow forget give grow happen hope identify ignore imply improve include "
    "indicate insist intend introduce involve join keep kill know lack learn leave let "
    "maintain manage mean mention move need note notice obtain occur offer oppose own permit "
    "persuade pose predict prefer prepare present pretend prevent proceed produce promise "
    "promote propose protect prove provide publish pursue reach react realize realise "
    "receive recognize recommend reduce refer refuse register reject relate rely remain "
    "remember remove repeat replace represent require resign resolve respond reveal "
    "revolutionize say secure see seek seem select send serve settle show speak spend "
    "spread state stay stress struggle succeed suffer suggest suppose surround survive "
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


_VERB_FORMS = _verb_forms(_VERB_LEMMAS) | _VERBS

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
    index: int
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
    content = [w for w in words if w.lower not in BRIDGES]
    key = tuple(w.stem for w in content)
    name = all(w.capital for w in content) and any(not w.initial for w in content)
    return Run(words, sentence, key, name)


def _sentence_of_words(starts: list[int], positions: list[int]) -> list[int]:
    """The sentence index of every word start (both lists ascending)."""
    out: list[int] = []
    sentence = 0
    n = len(starts)
    nxt = starts[1] if n > 1 else None
    for pos in positions:
        while nxt is not None and pos >= nxt:
            sentence += 1
            nxt = starts[sentence + 1] if sentence + 1 < n else None
        out.append(sentence)
    return out


class PhraseFinder:
    """Finds candidate runs in a text for one language's stop words and stemmer."""

    def __init__(self, stops: frozenset[str], stem: Callable[[str], str], *,
                 split_before_names: bool = True) -> None:
        self.stops = stops
        self.stem = stem
        self.split_before_names = split_before_names
        """Cut a run where a name starts after lower-case words ("battery maker Voltaic" ->
        "battery maker" + "Voltaic"): editors tag the name. On the dev split: DUC-2001 F1@10
        30.18 with, 30.17 without; 500N-KPCrowd 17.73 with, 17.34 without."""

    def find(self, text: str, sentence_starts: list[int]) -> tuple[list[Run], list[Run], int]:
        """Candidate runs of `text` (its sentences start at `sentence_starts`, ascending, the
        first at 0), the names found at the front of longer runs ("Central Asian" of "Central
        Asian countries"), and the number of words."""
        matches = list(WORD_RE.finditer(text))
        n = len(matches)
        raws = [m.group() for m in matches]
        starts = [m.start() for m in matches]
        ends = [m.end() for m in matches]
        sentences = _sentence_of_words(sentence_starts, starts)
        titled = self._titled(raws, sentences)
        stops, stem = self.stops, self.stem
        new_word = tuple.__new__  # a Word without NamedTuple's Python-level __new__: hot path
        split_before = self.split_before_names
        runs: list[Run] = []
        fronts: list[Run] = []
        current: list[Word] = []
        current_sentence = -1
        prev_end = 0
        prev_sentence = -1
        prev_lower = ""
        bridge: Word | None = None

        def close() -> None:
            nonlocal current
            # A run ends in its head noun: drop trailing lower-case adjectives ("prosperous")
            # and participles after a plural ("residents stretching", not "tornado warning").
            while current and not current[-1].capital and (
                current[-1].lower.endswith(_ADJECTIVE)
                or (len(current) > 1 and current[-1].lower.endswith("ing")
                    and current[-2].lower.endswith(("s", "people")))
                or (len(current[-1].lower) > 4 and current[-1].lower.endswith("ed"))
            ):
                current.pop()
            if current:
                runs.append(make_run(tuple(current), current_sentence))
            current = []

        lowers = [r.lower() for r in raws]
        for idx in range(n):
            raw = raws[idx]
            lower = lowers[idx]
            if lower in stops and raw[0].islower() and not (current and lower in BRIDGES):
                # The common case, kept short: a lower-case stop word ends any run.
                if current:
                    close()
                bridge = None
                prev_end, prev_sentence, prev_lower = ends[idx], sentences[idx], lower
                continue
            start, end = starts[idx], ends[idx]
            if "_" in raw:  # "_June" in some wire copy: underscores are dashes there
                stripped = raw.strip("_")
                if not stripped:
                    continue
                start += raw.index(stripped)
                end = start + len(stripped)
                raw = stripped
            sentence = sentences[idx]
            initial = sentence != prev_sentence
            joined = not initial and (start == prev_end or text[prev_end:start].isspace())
            prev_end, prev_sentence = end, sentence
            cut = 2 if len(raw) > 3 and raw[-1] in "sS" and raw[-2] in "'’" else 0
            if cut or raw is not raws[idx]:
                surface = raw[:-cut] if cut else raw
                lower = surface.lower()
            else:
                surface = raw
            if "’" in lower:
                lower = lower.replace("’", "'")
            before = prev_lower if joined else ""
            prev_lower = lower
            if not joined:
                close()
                bridge = None
            capital = surface[:1].isupper() and sentence not in titled
            name = capital and not initial
            if lower in stops:
                if lower in BRIDGES and not capital and bridge is None and current \
                        and current[-1].capital and not current[-1].initial:
                    # "of"/"for" between two capitalised words of a name.
                    bridge = Word(surface, start, end, lower, lower, False, False, idx)
                    continue
                if capital and (
                    (len(surface) > 1 and surface.isupper())  # an acronym: "UN", "US", "WHO"
                    or (name and lower in _NAME_STOPS and idx + 1 < n
                        and raws[idx + 1][:1].isupper())  # "New York", "First Lady"
                ):
                    pass
                else:
                    close()
                    bridge = None
                    continue
            elif self._breaker(lower, name, before, idx, raws, ends, starts, text, not current):
                close()
                bridge = None
                continue
            if (lower in _ABBREVIATIONS and text[end : end + 1] == ".") or (
                capital and surface.isupper() and self._dateline(text, start, end, lower)
            ):
                close()
                bridge = None
                continue
            word = new_word(Word, (surface, start, end, lower, stem(lower), capital, initial, idx))
            if bridge is not None:
                if capital:
                    current.append(bridge)
                else:
                    close()
                bridge = None
            elif current:
                last = current[-1]
                name_before = name if last.initial else (last.capital and not last.initial)
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
        close()
        return runs, fronts, n

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

    @staticmethod
    def _titled(raws: list[str], sentences: list[int]) -> set[int]:
        """Sentences written in title case or capitals (four or more capitalised words and no
        lower-case one): "Phish Phavors New York With 3-Day Phestival In Phinger Lakes"."""
        lower = {s for raw, s in zip(raws, sentences) if raw[0].islower()}
        upper: dict[int, int] = {}
        for raw, s in zip(raws, sentences):
            if s not in lower and raw[0].isupper():
                upper[s] = upper.get(s, 0) + 1
        return {s for s, count in upper.items() if count >= 4}

    @staticmethod
    def _breaker(lower: str, name: bool, before: str, idx: int, raws: list[str],
                 ends: list[int], starts: list[int], text: str, first: bool) -> bool:
        """True for a (non-stop) word that cannot be part of a key phrase here.

        `name` marks a capitalised word inside a sentence: "Kelly" and "Said" are names there.
        """
        if lower in _CALENDAR or not lower[:1].isalpha() and not any(c.isalpha() for c in lower):
            return True
        if name:
            return False
        if lower in _VERB_FORMS or (not first and len(lower) > 4 and lower.endswith("ed")):
            return True
        if len(lower) > 4 and lower.endswith("ly") and lower not in _NOT_ADVERBS:
            return True
        # A verb by its neighbours: "he added", "would need", "was destroyed", "hit the".
        if before in _BEFORE_VERB or (before in _BE and lower.endswith(("ed", "ing"))):
            return True
        if idx + 1 < len(raws) and raws[idx + 1].lower() in _DETERMINERS \
                and starts[idx + 1] == ends[idx] + 1:
            return True
        return False

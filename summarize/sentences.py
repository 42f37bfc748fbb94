"""Sentence segmentation for news text, offline: no NLTK data, no model, no download.

A line break is a boundary (headlines, list items and datelines end with their line), except in
hard-wrapped text (an e-mail, a man page, a plain-text page wrapped at 72 columns): in a block
of lines filled as a wrapping program fills them (each line but the last would have overflowed
the block's longest line with the next line's first word), a line break after a line with no end
punctuation is a space, and the sentence runs on across it, keeping the break in its text
(`text[start:end]`). Blocks end at blank lines and list items, and need three lines (two for a
list item, or when the second starts in lower case). Text written a sentence or a headline per
line is not filled like that, so it keeps every break. Inside a line, one compiled regex finds
each run of terminal punctuation (with the quotes or brackets closing after it, and the dots of
a spaced ellipsis ". . .") that is followed by a space; a short rule then looks at the word
before it (abbreviation? initial? ordinal? time of day?) and the word after it (lower case? a
sentence opener such as "The"?) to decide whether the run ends a sentence. Two rarer shapes get
a pass of their own, only when the text holds them: inline lists ("1) ... 2) ...", "a. ... b.
...", "• 1. ...": each marker starts a sentence) and a "sentence" of dots (joined to the one
before it on its line).

Chosen by measurement, not by taste: tests/benchmarks/bench_segmenter.py runs this segmenter,
pysbd, syntok and blingfire on the hand-written cases of tests/data/segmentation_cases.txt (six
languages, some held out: written after the rules were fixed) and times them on the cases and
the sample articles in one run. The libraries are general-purpose and miss news abbreviations
(titles in six languages, "Nr.", "z. B.", "EE. UU."), ellipses and closing quotes; the most
accurate of them, pysbd, is more than a hundred times slower than this scanner, and the fastest,
blingfire, is less accurate and still slower than the 10 MB/s we need, so this scanner is
hand-written.
"""

from __future__ import annotations

import re
from functools import lru_cache

TYPE_CHECKING = False  # typing costs ~3 ms of start-up; type checkers read this as True
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from ._record import Record as NamedTuple

from .language import resolve_language
from .models import Sentence

VERSION = "3"
"""Bumped when segmentation may change: part of every summary cache key."""

_LINE_BREAKS = "\n\r\v\f\x1c\x1d\x1e\x85\u2028\u2029"
"""What `str.splitlines` breaks on: each of these ends a sentence."""

_CLOSERS = "\"'”’“‘»›)]}"
"""Quotes and brackets that may follow the stop and still belong to the sentence."""

_TERMINALS = ".!?…‽\u037e。！？"
_BULLETS = "•⁃"
_OPENERS = "\"'“‘«‹„([{¿¡*_—–-" + _BULLETS

_SCAN = re.compile(
    rf"[{_LINE_BREAKS}{_TERMINALS}]"
    rf"(?:(?<=[{_LINE_BREAKS}])[{_LINE_BREAKS}]*"
    rf"|[{_TERMINALS}]*(?:[ \u00a0][.…]+(?![^\s{re.escape(_CLOSERS)}]))*+"
    rf"(?:[ \u00a0\u202f]?[»›])?[{re.escape(_CLOSERS)}]*"
    rf"(?=[^\S{_LINE_BREAKS}]+[{re.escape(_OPENERS)}—–-]*(\w*)(\S?)))"
)
"""A run of line breaks, or a run of terminal punctuation (and closers) followed by a space.

The run takes in the dots of a spaced ellipsis (". . .", ". . . .", "end. ..."): the whole
ellipsis is one candidate, decided like "...", never a "sentence" of dots. Possessive, so an
ellipsis that ends the text is not cut back to a shorter candidate inside it.

For the latter, group 1 is the next word (after opening quotes or dashes) and group 2 the character
after that word ("." when it is an initial). The leading character class lets the regex engine
skip ahead in C between candidates: five times faster than an alternation of named groups.
"""

_ENUM_CUES = tuple(
    re.compile(rf"{c}(?<![^\s•⁃]{c})(?:\.\)?|\))[ \t]") for c in "2b"
)
"""A second list marker ("2.", "2)", "2.)", "b.", ...) after a space or bullet: a cheap test that
lets text without an inline enumeration skip `_ENUM_MARKER` altogether. One pattern per literal
first character, which the regex engine finds by a fast scan (a class such as [2b] it checks
character by character, much more slowly)."""

_ENUM_MARKER = re.compile(r"(?<!\S)((?:[•⁃][ \t]*)?)(\d{1,2}|[a-z])(\.\)|\)|\.)(?=[ \t]+\S)")
"""An inline list marker: "1.)", "1)", "1." or "a.", maybe after a bullet, then a space and more.
Group 1 is the bullet, group 2 the number or letter and group 3 the style."""

_BULLET_MARKER = re.compile(r"(?<!\S)[•⁃][ \t]*(?:(?:\d{1,3}|[a-z])(?:\.\)|\)|\.)[ \t]+)?(?=[^\s•⁃])")
"""A bullet inside a line ("... hurt. • 9. Three were ..."), with the number that may follow it."""

_BREAK = re.compile(f"[{_LINE_BREAKS}]")

_INITIALISM = re.compile(r"(?:[^\W\d_]{1,2}\.)+[^\W\d_]{1,2}")
"""u.s, e.u, ph.d, a.m, s.p.a: letters joined by dots (the final dot is the stop itself)."""

_TIME_CONTINUATIONS = frozenset(
    {"eastern", "central", "pacific", "mountain", "atlantic", "local", "greenwich", "moscow",
     "beijing", "tokyo", "london", "paris", "berlin", "cet", "cest", "gmt", "utc", "et", "est",
     "edt", "pt", "pst", "pdt", "ct", "cst", "cdt", "bst", "ist", "jst", "mt", "mst"}
    # AP style puts the day or date after the time: "at 10 a.m. Tuesday", "at 9 p.m. Jan. 5"
    | set("monday tuesday wednesday thursday friday saturday sunday mon tue tues wed thu thurs "
          "fri sat sun january february april june july august september october november "
          "december jan feb mar apr jun jul aug sep sept oct nov dec".split())
)
"""Words after "a.m."/"p.m." that continue the time ("May" and "March" are left out: verbs too)."""

_TIME_LEADS = frozenset(
    "at by after before until till around about from since shortly just starting beginning "
    "between near nearly roughly approximately sometime early late soon as of on".split()
)
"""First words of a sentence that opens with its time ("At 5 a.m. Mr. Ortiz opened the shop")."""

# -- Abbreviations ------------------------------------------------------------------------------
# Keys are lower case, without the final dot ("u.s" for "U.S."), compared after stripping opening
# punctuation and an elided article ("l'Ing." -> "ing"). Three kinds:
#   never:  always followed by more of the sentence (titles, "e.g.", "approx.") -> never a boundary
#   number: a boundary unless a number follows ("No. 5", "Nr. 7", "pp. 14")
#   may:    can end a sentence ("Inc.", "U.S.", "etc.", months): a boundary only when the next
#           word is a typical sentence opener ("The", "It", "Die", "Le", ...)

_COMMON_NEVER = "dr prof vs cf ca approx".split()
_COMMON_NUMBER = "no nos nr n° nº art p pp vol fig".split()
_COMMON_MAY = "etc st".split()

_NEVER: dict[str, str] = {
    "en": "mr mrs ms messrs mmes dr prof sen sens rep reps gov gen lt col capt cmdr sgt cpl pvt adm "
    "maj brig rev hon pres supt insp det mt fr e.g i.e viz vs cf approx",
    "de": "hr hrn fr frl dr prof dipl ing mag z.b z d h u a v s o bzw ca evtl ggf inkl zzgl "
    "vgl sog bspw abs ziff jh jhd gem lt tel",
    "fr": "m mm mme mmes mlle mlles me mgr dr pr st ste av bd ex p.ex cf env c.-à-d hab tél",
    "es": "sr sres sra sras srta d dña ud uds vd vds dr dra lic ing prof gral excmo excma sto sta "
    "avda av aprox p.ej pág núm tel",
    "it": "sig sigg dott dott.ssa prof prof.ssa ing avv on geom arch rag gen sen ca es pag tel "
    "egr gent mons",
    "pt": "sr sra srta srs dr dra drs prof profa eng exmo exma av pág aprox tel v.exa p.ex",
}
_NUMBER: dict[str, str] = {
    "en": "no nos vol fig figs ch sec para p pp art",
    "de": "nr abs art s bd",
    "fr": "n no art p pp vol chap",
    "es": "n núm art cap",
    "it": "n nr art cap pag",
    "pt": "n nº art cap",
}
_MAY: dict[str, str] = {
    "en": "inc co corp ltd plc llc bros jr sr etc al st u.s u.k u.n e.u ft ave blvd rd hwy dept "
    "univ assn est min max avg dist div ph.d m.d b.a m.a jan feb mar apr jun jul aug sep sept "
    "oct nov dec",
    "de": "usw etc mio mrd tsd jan feb mär apr jun jul aug sep sept okt nov dez gmbh",
    "fr": "etc cie janv févr avr juil sept oct nov déc",
    "es": "etc ee uu cía s.a ene feb mar abr jun jul ago sept oct nov dic",
    "it": "ecc s.p.a s.r.l gen feb mar apr mag giu lug ago set ott nov dic",
    "pt": "etc ltda lda cia s.a jan fev mar abr mai jun jul ago set out nov dez",
}
_CASED_MAY = frozenset(
    "Ala Ariz Ark Calif Colo Conn Del Fla Ga Ill Ind Kan Kans Ky La Md Mass Mich Minn Miss Mo "
    "Mont Neb Nev N.H N.J N.M N.Y N.C N.D Okla Ore Pa R.I S.C S.D Tenn Tex Va Vt Wash Wis Wyo "
    "D.C".split()
)
"""U.S. state abbreviations of datelines ("RENO, Nev. (AP) —"): case matters ("ill." is a word)."""

# Words that typically open a sentence: after a "may" abbreviation, an initial or an ordinal, a
# capitalised one of these means the abbreviation ended the sentence ("... in the U.S. The ...").
_STARTERS: dict[str, str] = {
    "en": "the a an he she it they we i you his her its their our this that these those there "
    "here but and or so yet however in on at for from with by after before during since when "
    "while if as what who why how where which no not some many most all both each one two "
    "three then now still also instead meanwhile last earlier later under asked according",
    "de": "der die das den dem des ein eine einer einen er sie es wir ich man aber und oder "
    "doch dann nun auch im in am an auf aus bei mit nach seit vor für wenn als wie was wer "
    "warum wo dies diese dieser dieses jetzt heute noch so zudem allerdings",
    "fr": "le la les l un une des il elle ils elles on nous je mais et ou donc puis alors dans "
    "en au aux à pour par avec après avant depuis quand si comme ce cette ces cet selon",
    "es": "el la los las un una unos unas él ella ellos ellas nosotros yo pero y o entonces en "
    "con por para tras desde cuando si como este esta estos estas ese esa según",
    "it": "il lo la i gli le un uno una l egli lei loro noi io ma e o poi allora in con per da "
    "dopo prima quando se come questo questa questi queste secondo",
    "pt": "o a os as um uma uns umas ele ela eles elas nós eu mas e ou então em no na nos nas "
    "com por para após desde quando se como este esta estes estas esse essa segundo",
    "cs": "v ve na a ale to ten ta je jsou se podle po před při když pokud však také tak i o s z "
    "za do k od",
    "sk": "v vo na a ale to ten ta je sú sa podľa po pred pri keď ak však tiež tak i o s z za do k "
    "od",
    "pl": "w we na a ale to ten ta jest są się według po przed przy gdy jeśli jednak także tak i "
    "o z za do od",
    "sv": "den det de en ett han hon vi jag men och eller så i på för med efter när om som enligt",
    "el": "ο η το οι τα ένας μια ένα αυτός αυτή αυτό αλλά και ή στο στη στην στον με για από όταν "
    "αν σύμφωνα",
    "uk": "у в на і й та але це цей ця він вона вони ми я за після до коли якщо також як згідно",
}

_BLOCK_START = re.compile(r"[ \t\u00a0]*(?:[-*•‣⁃◦▪·–—][ \t]|(?:\d{1,3}|[a-zA-Z])[.)][ \t])")
"""A list item's bullet, number or letter at the start of a line: it starts a block of its own."""

_ORDINAL_LANGUAGES = frozenset({"de", "cs", "sk", "pl"})
"""Languages writing ordinals as "3." ("am 3. Oktober"): a short number before a dot."""


_NEVER_ENDS, _NUMBER_PREFIX, _MAY_END, _TIME_OF_DAY = 1, 2, 3, 4
"""Kinds of abbreviation (see above); a.m./p.m. have their own rule."""


class _Rules(NamedTuple):
    """The abbreviations and sentence openers of one language."""

    kinds: dict[str, int]
    """Lower-case abbreviation (no final dot) -> kind."""
    cased: frozenset[str]
    """Case-sensitive "may end" abbreviations (U.S. states)."""
    starters: frozenset[str]
    ordinals: bool


@lru_cache(maxsize=None)
def _rules(code: str) -> _Rules:
    kinds: dict[str, int] = {}
    # Non-English news quotes English names ("U.S.", "Inc."): keep those few everywhere.
    may = _COMMON_MAY + _MAY.get(code, "").split() + "u.s u.k u.n e.u inc corp ltd co".split()
    for words, kind in (
        (may, _MAY_END),
        (_COMMON_NEVER + _NEVER.get(code, "").split(), _NEVER_ENDS),
        (_COMMON_NUMBER + _NUMBER.get(code, "").split(), _NUMBER_PREFIX),
        (["a.m", "p.m"], _TIME_OF_DAY),
    ):
        kinds.update(dict.fromkeys(words, kind))  # later kinds win: "no" is a number prefix
    return _Rules(
        kinds=kinds,
        cased=_CASED_MAY,
        starters=frozenset(_STARTERS.get(code, _STARTERS["en"]).split()),
        ordinals=code in _ORDINAL_LANGUAGES,
    )


class SentenceSplitter:
    """Splits text into `Sentence`s with the rules of one language (reuse it: it is stateless)."""

    def __init__(self, language: str | None = None) -> None:
        self.language = resolve_language(language).code
        """ISO code of the rules in use."""
        self._rules = _rules(self.language)

    def split(self, text: str) -> list[Sentence]:
        """The sentences of `text`, in order, each `text[start:end]` without outer whitespace."""
        out: list[Sentence] = []
        append = out.append
        after_dot = self._after_dot
        # `Sentence(...)` runs the record's generated Python `__new__`, which does just this:
        # calling tuple.__new__ directly skips that extra Python frame per sentence
        make, sentence = tuple.__new__, Sentence
        soft: frozenset[int] | None = None  # the line breaks of hard-wrapped blocks, if asked
        start = 0
        wordless = False  # a "sentence" of dots: joined to the one before it below
        for m in _SCAN.finditer(text):
            word = m.group(1)
            if word is None:  # line breaks: a boundary unless a single one wraps a sentence
                end, nxt = m.span()
                if nxt - end == 1 and text[end] == "\n" and _runs_on(text, start, end):
                    if soft is None:
                        soft = wrapped_line_breaks(text)
                    if end in soft:
                        continue
            else:
                # Inlined for speed (this loop is most of the segmenter's time).
                if word:
                    if word[0].islower() and word.islower():
                        # '"Stop!" shouted the guard', 'etc. are', 'waited... and'; but a name
                        # written in camel case ("iPhone", "eBay") may open a sentence
                        continue
                    if m.group() == ".":
                        if not after_dot(text, start, m.start(), word, m[2]):
                            continue
                    elif text[m.start() - 1:m.start()] in _ELISION_OPENERS:
                        continue  # "[...]" or "(…)": words left out of a quotation
                elif m.group() == ".":
                    if not after_dot(text, start, m.start(), "", ""):
                        continue  # the next token is no word ("$5"): only abbreviations hold
                elif text[m.start() - 1:m.start()] in _ELISION_OPENERS:
                    continue
                at = m.start()
                if (at == start or text[at - 1].isspace()) and _WORD.search(text, start, at) is None:
                    continue  # "... The night was long": a run that opens a sentence stays in it
                # ?, !, an ellipsis, a stop closed by quotes, or a plain stop that ends.
                end = nxt = m.end()
            if end > start:
                stripped = text[start:end].strip()
                if stripped:
                    # Only whitespace precedes stripped[0] in the chunk: find() is its offset.
                    s = text.find(stripped[0], start, end)
                    append(make(sentence, (stripped, s, s + len(stripped))))
                    if not stripped[0].isalnum() and _DOTS_ONLY.fullmatch(stripped):
                        wordless = True
            start = nxt
        if start < len(text):
            stripped = text[start:].strip()
            if stripped:
                s = text.find(stripped[0], start)
                append(make(sentence, (stripped, s, s + len(stripped))))
                if not stripped[0].isalnum() and _DOTS_ONLY.fullmatch(stripped):
                    wordless = True
        if wordless:
            out = _join_wordless(text, out)
        if "•" in text or "⁃" in text or any(cue.search(text) for cue in _ENUM_CUES):
            markers = _list_markers(text, self._rules)
            if markers:
                return _cut_before_markers(text, out, markers)
        return out

    def _after_dot(self, text: str, start: int, stop: int, word: str, after: str) -> bool:
        """Whether the single '.' at `stop` ends the sentence that began at `start`.

        `word` is the next word ("" when the next token starts with no letter or digit; never
        lower case here) and `after` the character after it ("." when it is an initial too).
        """
        # The token before the dot: back to the last space, without opening quotes or brackets.
        sp = text.rfind(" ", start, stop)
        tok = text[sp + 1 if sp >= 0 else start:stop]
        if not tok.isprintable():  # a tab or no-break space inside: keep the last piece
            parts = tok.split()
            tok = parts[-1] if parts else ""
        tok = tok.lstrip(_OPENERS)
        if not tok:
            return True
        apostrophe = max(tok.rfind("'"), tok.rfind("’"))
        if 0 < apostrophe <= 4 and len(tok) - apostrophe > 2:
            tok = tok[apostrophe + 1:]  # an elided article: "l'Ing." -> "Ing."
        key = tok.lower()
        rules = self._rules
        kind = rules.kinds.get(key)
        if kind is None:
            if tok in rules.cased:
                kind = _MAY_END
            elif key.isdigit():
                if len(key) <= 3 and not text[start:stop - len(key)].strip().strip(_BULLETS):
                    return False  # "1. Fares rose." or "• 2. Fares rose." (a list item)
                if rules.ordinals and len(key) <= 2 and word and not word[0].isdigit():
                    return word.lower() in rules.starters  # "am 3. Oktober" (an ordinal)
                return True
            elif len(key) == 1 or ("." in key and _INITIALISM.fullmatch(key)):
                if len(key) == 1 and not key.isalpha():
                    return True
                if tok == "I" and word and after != "." and _pronoun_i(text, start, stop - 1):
                    return True  # "between you and I. Nobody ..." (but "Albert I. Jones")
                kind = _MAY_END  # an initial ("J. K. Rowling") or initialism ("U.S.")
            else:
                return True  # an ordinary word
        if not word:
            return False
        if kind == _NEVER_ENDS:
            return False
        digit = word[0].isdigit()
        if kind == _NUMBER_PREFIX:
            if len(key) == 1 and tok.isupper():
                kind = _MAY_END  # "P. L. Hart" is a name, not "p. 12"
            else:
                return not digit  # "No. 5", "pp. 14"; but "No. I have work to do."
        if digit:
            return False  # "Jan. 5", "U.S. 500", "4 p.m. 20 people" are rare at a boundary
        lower = word.lower()
        if kind == _TIME_OF_DAY:
            # "at 9 p.m. Senators complained" ends; "5 p.m. Eastern time", "9 a.m. GMT",
            # "10 a.m. Tuesday" go on, and so does a sentence that opens with its time
            # ("At 5 a.m. Mr. Ortiz opened the shop").
            return not (lower in _TIME_CONTINUATIONS
                        or (word.isupper() and len(word) <= 4 and lower not in rules.starters)
                        or _opens_with_time(text, start, stop - len(tok)))
        # May end: only when a typical sentence opener follows ("in the U.S. The ...").
        return lower in rules.starters and not (len(word) == 1 and after == ".")


_WORD = re.compile(r"\w")

_DOTS_ONLY = re.compile(r"\W*[.…]\W*")
"""A "sentence" of an ellipsis or stops, maybe with brackets, quotes and spaces: no word."""

_ELISION_OPENERS = ("[", "(")
"""A terminal run right after one of these is an elision ("[...]", "(…)"), never a boundary."""


def _join_wordless(text: str, sentences: list[Sentence]) -> list[Sentence]:
    """`sentences` with each "sentence" of dots (an ellipsis, "[...]") joined to the one before.

    The scanner already keeps a run that opens a sentence in it ("... And then"); what is left
    ends a line ("The vote. [...]" before a break): it belongs to the sentence before it on that
    line. A line of nothing but dots stays as it is, and so does a stray quote mark.
    """
    out: list[Sentence] = []
    for s in sentences:
        if (out and _DOTS_ONLY.fullmatch(s.text)
                and _BREAK.search(text, out[-1].end, s.start) is None):
            start = out[-1].start
            out[-1] = Sentence(text[start:s.end], start, s.end)
        else:
            out.append(s)
    return out


def _pronoun_i(text: str, start: int, at: int) -> bool:
    """Whether the "I" at `at` is the pronoun: the word before it is lower case ("you and I").

    A middle initial follows a capitalised name ("Albert I. Jones"); "by I. Kant" is a credit.
    """
    before = text[start:at].split()
    if not before:
        return False
    previous = before[-1].lstrip(_OPENERS)
    return previous[:1].islower() and previous != "by"


def _opens_with_time(text: str, start: int, at: int) -> bool:
    """Whether the sentence from `start` opens with the time whose number ends before `at`.

    "At 5 a.m.", "Shortly after 5 a.m.": a preposition or adverb of time, at most four words,
    the last a number. Then a capitalised word after "a.m." goes on with the sentence.
    """
    before = text[start:at].split()
    if not 2 <= len(before) <= 4 or not before[-1][:1].isdigit():
        return False
    return before[0].lstrip(_OPENERS).lower() in _TIME_LEADS


def _list_markers(text: str, rules: _Rules) -> list[tuple[int, int]]:
    """(start, end) of every inline list marker: bullets, and numbered or lettered items.

    A number or letter is a marker only in a run of at least two, counted from 1 or "a" in one
    style on one line ("1) ... 2) ...", "a. ... b. ..."): "rose to 2. Then" alone is no list.
    Not markers: a number after "No.", "Fig.", "p." (a number prefix: "Fig. 1. ... Fig. 2."), and
    "1." where numbers with a dot are ordinals ("am 1. und 2. Mai").
    """
    found = [m.span() for m in _BULLET_MARKER.finditer(text)]
    kinds = rules.kinds
    runs: dict[tuple[str, bool], list[tuple[int, int, int]]] = {}
    line_end = -1

    def flush() -> None:
        for run in runs.values():
            if len(run) >= 2:
                found.extend((a, b) for a, b, _ in run)
        runs.clear()

    for m in _ENUM_MARKER.finditer(text):
        if m.start() > line_end:
            flush()
            next_break = _BREAK.search(text, m.end())
            line_end = next_break.start() if next_break else len(text)
        label = m[2]
        number = label.isdigit()
        if number and not m[1]:
            if m[3] == "." and rules.ordinals:
                continue
            before = text[max(0, m.start() - 12):m.start()].split()
            if before and before[-1].endswith(".") and kinds.get(
                before[-1][:-1].lstrip(_OPENERS).lower()
            ) == _NUMBER_PREFIX:
                continue
        value = int(label) if number else ord(label) - ord("a") + 1
        key = (m[3], number)
        run = runs.get(key)
        if value == 1:
            if run is not None and len(run) >= 2:
                found.extend((a, b) for a, b, _ in run)
            runs[key] = [(m.start(), m.end(), value)]
        elif run is not None and run[-1][2] + 1 == value:
            run.append((m.start(), m.end(), value))
    flush()
    return found


def _cut_before_markers(
    text: str, sentences: list[Sentence], markers: list[tuple[int, int]]
) -> list[Sentence]:
    """`sentences` re-cut so that each list marker starts a sentence and never ends one.

    The scanner may have ended a sentence at the marker's own stop ("2." or "1.)"): the words
    after the marker are then joined back to it. Line breaks stay boundaries (a marker never
    reaches past its line).
    """
    starts = {s.start for s in sentences}
    for _, end in markers:
        while end < len(text) and text[end] in " \t\u00a0":
            end += 1
        starts.discard(end)
    starts.update(start for start, _ in markers)
    cuts = sorted(starts)
    out: list[Sentence] = []
    for k, a in enumerate(cuts):
        piece = text[a:cuts[k + 1] if k + 1 < len(cuts) else len(text)]
        stripped = piece.strip()
        if stripped:
            s = a + piece.find(stripped[0])
            out.append(Sentence(stripped, s, s + len(stripped)))
    return out


def _runs_on(text: str, start: int, at: int) -> bool:
    """Whether the line of the sentence begun at `start` may run on past the break at `at`: it
    does not end with end punctuation (maybe followed by closing quotes or brackets)."""
    line = text[start:at].rstrip().rstrip(_CLOSERS)
    return bool(line) and line[-1] not in _TERMINALS


def wrapped_line_breaks(text: str) -> frozenset[int]:
    """The offsets of the line breaks inside hard-wrapped blocks of `text`.

    A block is a run of non-blank lines, and a list item starts a new one. It is hard-wrapped
    when each line but the last is *filled*: with a space and the next line's first word it
    would be longer than the block's longest line, which is what a program wrapping at a fixed
    width leaves (greedy filling). A marker-less list, a headline over its story and text
    written a sentence per line all have a short line before a long one, so they are not. A
    block needs three lines, as two say too little (a headline over a shorter line looks
    filled), except a list item's own (a list item is no headline) or two whose second starts
    in lower case (no headline is followed by that).
    """
    soft: set[int] = set()
    block: list[tuple[int, str]] = []  # (offset, line) of the block's lines so far

    def close() -> None:
        lines = [line.rstrip() for _, line in block]
        if len(lines) >= 3 or len(lines) == 2 and (
            _BLOCK_START.match(lines[0]) or lines[1].lstrip()[:1].islower()
        ):
            width = max(map(len, lines))
            if all(
                len(line) + 1 + len(following.split(None, 1)[0]) > width
                for line, following in zip(lines, lines[1:])
            ):
                soft.update(offset + len(line) for offset, line in block[:-1])
        block.clear()

    offset = 0
    for line in text.split("\n"):
        if not line.strip() or _BLOCK_START.match(line):
            close()
        if line.strip():
            block.append((offset, line))
        offset += len(line) + 1
    close()
    return frozenset(soft)


@lru_cache(maxsize=32)
def _splitter(code: str) -> SentenceSplitter:
    return SentenceSplitter(code)


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Split `text` into sentences; `language` is an ISO code or name (None: English rules).

    Raises `UnsupportedLanguageError` for a language Newsdesk does not know. Nothing is
    remembered between calls: a caller that wants a summary and its topics of one text splits
    it once with `summarize.analyze` and hands the `Analysis` to both.
    """
    return _splitter(resolve_language(language).code).split(text)

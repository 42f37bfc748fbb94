"""Result types of the headless core: immutable records with offsets and scores.

Every caller (CLI, reader, tests) sees these and nothing of sumy; `to_dict()` turns any of them
into JSON-ready data (the CLI's `--json` and the library's cache both use it).

They are `typing.NamedTuple`s rather than frozen dataclasses on purpose, measured for issue 2:
`import dataclasses` pulls in `inspect` (and with it `ast`, `dis`, `tokenize`) and each
`@dataclass` class costs another ~0.3 ms to create, together ~12 ms of a ~34 ms start-up budget
for `summarize -n 3` (see tests/benchmarks/bench_startup.py). A NamedTuple is also cheaper to
construct per sentence; at run time it is built by `summarize._record` so that `typing` (another
~3 ms) is not imported either, and type checkers see `typing.NamedTuple`. What changes for callers: use `to_dict()` where
`dataclasses.asdict` was used and `._replace(...)` where `dataclasses.replace` was; the records
are also tuples (iterable, comparable), which nothing in Newsdesk relies on.
"""

from __future__ import annotations

from collections.abc import Mapping

TYPE_CHECKING = False  # typing costs ~3 ms of start-up; type checkers read this as True
if TYPE_CHECKING:
    from typing import Any, NamedTuple
else:
    from ._record import Record as NamedTuple

class _NoParts(dict[str, float]):
    """An empty dict that refuses changes: a shared default no record can change for another.

    A dict subclass rather than `types.MappingProxyType`, which cannot be pickled (records cross
    process boundaries in the CLI's process pool).
    """

    __slots__ = ()

    def _read_only(self, *args: object, **kwargs: object) -> None:
        raise TypeError("the default parts are read-only")

    __setitem__ = __delitem__ = clear = pop = popitem = setdefault = update = __ior__ = _read_only  # type: ignore[assignment]


NO_PARTS: Mapping[str, float] = _NoParts()
"""The default `parts`."""


class Sentence(NamedTuple):
    """One sentence of a text: `text == original[start:end]`."""

    text: str
    start: int
    end: int

    def to_dict(self) -> dict[str, Any]:
        return {"text": self.text, "start": self.start, "end": self.end}


class SummarySentence(NamedTuple):
    """A sentence chosen for a summary, with its place in the article and why it was chosen.

    `index` is the sentence's position among all sentences of the article (0-based); `parts`
    holds the named components of `score` (for example centrality, position, redundancy).
    `parts` takes no part in the hash.
    """

    index: int  # type: ignore[assignment]  # shadows tuple.index on purpose: the sentence's index
    text: str
    start: int
    end: int
    score: float
    parts: Mapping[str, float] = NO_PARTS

    def __hash__(self) -> int:
        return hash((self.index, self.text, self.start, self.end, self.score))

    def to_dict(self) -> dict[str, Any]:
        return {
            "index": self.index, "text": self.text, "start": self.start, "end": self.end,
            "score": self.score, "parts": dict(self.parts),
        }


class Summary(NamedTuple):
    """An extractive summary: chosen sentences in article order."""

    method: str
    language: str
    sentences: tuple[SummarySentence, ...]
    input_sentences: int
    input_chars: int
    input_words: int
    scores: tuple[float, ...] = ()
    """The method's score of every input sentence, in article order (for the reader's strip)."""

    @property
    def text(self) -> str:
        """The summary as one sentence per line (the CLI's text format, ROUGE-Lsum's input)."""
        return "\n".join(s.text for s in self.sentences)

    @property
    def summary_chars(self) -> int:
        return sum(len(s.text) for s in self.sentences)

    @property
    def indices(self) -> tuple[int, ...]:
        return tuple(s.index for s in self.sentences)

    def to_dict(self) -> dict[str, Any]:
        """Every field, nested records as dicts and tuples as lists (what `json.dumps` takes)."""
        return {
            "method": self.method,
            "language": self.language,
            "sentences": [s.to_dict() for s in self.sentences],
            "input_sentences": self.input_sentences,
            "input_chars": self.input_chars,
            "input_words": self.input_words,
            "scores": list(self.scores),
        }


class Topic(NamedTuple):
    """A key phrase of an article.

    `label` is the surface form shown to people; `variants` are the other surface forms merged
    under it ("Central Asian" under "Central Asia"); `spans` are the (start, end) character
    offsets of every occurrence of the label or a variant; `parts` explain the score (not part
    of the hash).
    """

    label: str
    score: float
    count: int  # type: ignore[assignment]  # shadows tuple.count on purpose: mentions in the text
    spans: tuple[tuple[int, int], ...] = ()
    variants: tuple[str, ...] = ()
    parts: Mapping[str, float] = NO_PARTS

    def __hash__(self) -> int:
        return hash((self.label, self.score, self.count, self.spans, self.variants))

    def to_dict(self) -> dict[str, Any]:
        return {
            "label": self.label, "score": self.score, "count": self.count,
            "spans": [list(s) for s in self.spans], "variants": list(self.variants),
            "parts": dict(self.parts),
        }

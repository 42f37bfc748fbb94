"""Result types of the headless core: immutable records with offsets and scores.

Every caller (CLI, reader, tests) sees these and nothing of sumy; `to_dict()` turns any of them
into JSON-ready data. `Summary.to_dict()` is the one JSON shape of a summary: `summarize --json`,
`newsdesk show --json` and the library's summary cache all write it, and `Summary.from_dict`
reads it back.

They are `typing.NamedTuple`s rather than frozen dataclasses on purpose: they sit on the one-shot
`summarize` command's start-up path, where `import dataclasses` (which pulls in `inspect`) and
building each dataclass would cost a large share of the budget (tests/benchmarks/
bench_startup.py measures it). At run time they are built by `summarize._record`, so `typing` is
not imported either, and type checkers see `typing.NamedTuple`. For callers: `to_dict()` where
`dataclasses.asdict` would be used and `._replace(...)` where `dataclasses.replace` would; the
records are also tuples (iterable, comparable), which nothing in Newsdesk relies on.
"""

from __future__ import annotations

from collections.abc import Mapping

import math

TYPE_CHECKING = False  # typing costs start-up time; type checkers read this as True
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


SUMMARY_SHAPE = "2"
"""Bumped when `Summary` or its `to_dict()` shape changes: part of every summary cache key."""


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
    spans: tuple[tuple[int, int], ...] = ()
    """Every input sentence's (start, end) in the article, in order: the reader draws and jumps
    to sentences from these rather than splitting the article again."""

    @property
    def text(self) -> str:
        """The summary as one sentence per line (the CLI's text format, ROUGE-Lsum's input): a
        sentence of hard-wrapped text has its line breaks, and the indents after them, as spaces."""
        return "\n".join(
            " ".join(line.strip() for line in s.text.split("\n")) if "\n" in s.text else s.text
            for s in self.sentences
        )

    @property
    def summary_chars(self) -> int:
        return sum(len(s.text) for s in self.sentences)

    @property
    def indices(self) -> tuple[int, ...]:
        return tuple(s.index for s in self.sentences)

    def to_dict(self, *, digits: int | None = None) -> dict[str, Any]:
        """The summary as JSON-ready data, in the one shape every writer uses.

        ``{"method", "language", "sentences": [{"text", "index", "score", "start", "end",
        "parts"}], "sizes": {"input_chars", "input_words", "input_sentences", "summary_chars",
        "summary_sentences"}, "scores": [...], "spans": [[start, end], ...]}``. Scores are
        rounded to `digits` decimals when given (None keeps them exact, as a cache needs); a
        non-finite score is None, since JSON has neither NaN nor infinity.
        """
        return {
            "method": self.method,
            "language": self.language,
            "sentences": [
                {
                    "text": s.text, "index": s.index, "score": json_number(s.score, digits),
                    "start": s.start, "end": s.end,
                    "parts": {k: json_number(v, digits) for k, v in s.parts.items()},
                }
                for s in self.sentences
            ],
            "sizes": {
                "input_chars": self.input_chars,
                "input_words": self.input_words,
                "input_sentences": self.input_sentences,
                "summary_chars": self.summary_chars,
                "summary_sentences": len(self.sentences),
            },
            "scores": [json_number(v, digits) for v in self.scores],
            "spans": [[start, end] for start, end in self.spans],
        }

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Summary:
        """The `Summary` that `to_dict()` wrote (a None score reads back as NaN)."""
        sizes = data["sizes"]
        return cls(
            method=data["method"],
            language=data["language"],
            sentences=tuple(
                SummarySentence(
                    s["index"], s["text"], s["start"], s["end"], _float(s["score"]),
                    {k: _float(v) for k, v in s.get("parts", {}).items()},
                )
                for s in data["sentences"]
            ),
            input_sentences=sizes["input_sentences"],
            input_chars=sizes["input_chars"],
            input_words=sizes["input_words"],
            scores=tuple(map(_float, data.get("scores", ()))),
            spans=tuple((int(start), int(end)) for start, end in data.get("spans", ())),
        )


def json_number(value: float, digits: int | None = None) -> float | None:
    """A JSON-safe number: None for NaN or infinity, rounded to `digits` when given."""
    value = float(value)
    if not math.isfinite(value):
        return None
    return round(value, digits) if digits is not None else value


def _float(value: float | None) -> float:
    return math.nan if value is None else float(value)


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

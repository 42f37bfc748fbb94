"""Result types of the headless core: plain frozen dataclasses with offsets and scores.

Every caller (CLI, reader, tests) sees these and nothing of sumy; `dataclasses.asdict` turns any
of them into JSON-ready data.
"""

from __future__ import annotations

from dataclasses import dataclass, field


@dataclass(frozen=True, slots=True)
class Sentence:
    """One sentence of a text: `text == original[start:end]`."""

    text: str
    start: int
    end: int


@dataclass(frozen=True, slots=True)
class SummarySentence:
    """A sentence chosen for a summary, with its place in the article and why it was chosen.

    `index` is the sentence's position among all sentences of the article (0-based); `parts`
    holds the named components of `score` (for example centrality, position, redundancy).
    """

    index: int
    text: str
    start: int
    end: int
    score: float
    parts: dict[str, float] = field(default_factory=dict, hash=False)


@dataclass(frozen=True, slots=True)
class Summary:
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


@dataclass(frozen=True, slots=True)
class Topic:
    """A key phrase of an article.

    `label` is the surface form shown to people; `variants` are the other surface forms merged
    under it ("Central Asian" under "Central Asia"); `spans` are the (start, end) character
    offsets of every occurrence of the label or a variant; `parts` explain the score.
    """

    label: str
    score: float
    count: int
    spans: tuple[tuple[int, int], ...] = ()
    variants: tuple[str, ...] = ()
    parts: dict[str, float] = field(default_factory=dict, hash=False)

"""Summary length: a sentence count, a ratio of the article or a word budget, and the choice it makes.

`SummaryLength.parse` turns the three optional arguments of `summarize()` into one checked value
(at most one may be given; none means three sentences). `SummaryLength.choose` picks sentence
indices from per-sentence scores the same way for every scorer: best score first (ties go to the
earlier sentence, as in sumy), returned in article order, never more sentences than the text has
and never fewer than one.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence

TYPE_CHECKING = False  # typing costs start-up time; type checkers read this as True
if TYPE_CHECKING:
    from typing import Any, Literal, NamedTuple
else:
    from ._record import Record as NamedTuple

from .errors import InvalidLengthError

DEFAULT_SENTENCES = 3
"""Sentences in a summary when no length is given."""

_RATIO_RE = re.compile(r"^\s*(\d+(?:\.\d*)?|\.\d+)\s*(%?)\s*$")


class SummaryLength(NamedTuple):
    """How long a summary should be: `kind` says which of the three measures `value` is."""

    kind: Literal["sentences", "ratio", "words"]
    value: float
    """A sentence count, a ratio in (0, 1], or a word budget."""

    @classmethod
    def parse(
        cls,
        sentences: int | None = None,
        ratio: float | str | None = None,
        words: int | None = None,
    ) -> SummaryLength:
        """Check the caller's length; raise `InvalidLengthError` (a `UsageError`) if it is wrong."""
        given = [name for name, v in (("sentences", sentences), ("ratio", ratio), ("words", words))
                 if v is not None]
        if len(given) > 1:
            raise InvalidLengthError(
                f"give at most one summary length, not {' and '.join(given)}"
            )
        if sentences is not None:
            return cls("sentences", _positive_int(sentences, "sentences"))
        if words is not None:
            return cls("words", _positive_int(words, "words"))
        if ratio is not None:
            return cls("ratio", _ratio(ratio))
        return cls("sentences", DEFAULT_SENTENCES)

    def as_arguments(self) -> dict[str, Any]:
        """The keyword argument of `summarize()` that gives this length (`{"ratio": 0.2}`)."""
        return {self.kind: int(self.value) if self.kind != "ratio" else self.value}

    def sentence_count(self, total: int) -> int | None:
        """Sentences to choose out of `total`; None for a word budget (decided by the words)."""
        if total <= 0:
            return 0
        if self.kind == "sentences":
            return min(int(self.value), total)
        if self.kind == "ratio":
            return min(total, max(1, math.floor(self.value * total + 0.5)))
        return None

    @property
    def word_budget(self) -> int | None:
        return int(self.value) if self.kind == "words" else None

    def choose(self, scores: Sequence[float], word_counts: Sequence[int]) -> list[int]:
        """Indices of the chosen sentences, in article order.

        Greedy by score: with a count, the best `count`; with a word budget, each sentence in
        score order that still fits (whole sentences only), and the best one alone when none
        fits, so a summary always has at least one sentence.
        """
        total = len(scores)
        if total == 0:
            return []
        order = sorted(range(total), key=lambda i: (-scores[i], i))
        count = self.sentence_count(total)
        if count is not None:
            return sorted(order[:count])
        remaining = int(self.value)
        chosen: list[int] = []
        for i in order:
            if word_counts[i] <= remaining:
                chosen.append(i)
                remaining -= word_counts[i]
        return sorted(chosen) if chosen else [order[0]]


def _positive_int(value: object, name: str) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        if isinstance(value, str) and value.strip().isdecimal():
            value = int(value.strip())
        else:
            raise InvalidLengthError(f"{name} must be a whole number of at least 1, not {value!r}")
    if value < 1:
        raise InvalidLengthError(f"{name} must be a whole number of at least 1, not {value!r}")
    return value


def _ratio(value: float | str) -> float:
    """A ratio in (0, 1] from 0.2, "0.2" or "20%"."""
    if isinstance(value, bool):
        raise InvalidLengthError(f"ratio must be a number in (0, 1] or a percentage, not {value!r}")
    if isinstance(value, str):
        m = _RATIO_RE.match(value)
        if not m:
            raise InvalidLengthError(
                f"ratio must be a number in (0, 1] or a percentage like 20%, not {value!r}"
            )
        number = float(m.group(1)) / (100.0 if m.group(2) else 1.0)
    elif isinstance(value, (int, float)):
        number = float(value)
    else:
        raise InvalidLengthError(f"ratio must be a number in (0, 1] or a percentage, not {value!r}")
    if not (0.0 < number <= 1.0) or math.isnan(number):
        raise InvalidLengthError(f"ratio must be in (0, 1] (or 1% to 100%), not {value!r}")
    return number

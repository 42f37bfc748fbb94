"""`analyze()`: one text's language and sentences, made once and handed to every scorer.

A summary and its topics need the same split of the same text. Rather than each function
splitting again (or remembering its last input in a module-level cache, which made the second
call cheap only by accident and shared state between threads), a caller that wants both makes an
`Analysis` and passes it on:

    >>> from summarize import analyze, summarize, extract_topics
    >>> analysis = analyze(text)
    >>> summary = summarize(analysis, sentences=3)
    >>> topics = extract_topics(analysis, limit=8)

`summarize(text)` and `extract_topics(text)` still take plain text and analyse it themselves.
An `Analysis` is immutable and holds no reference to anything shared: it can cross threads and
processes.
"""

from __future__ import annotations

TYPE_CHECKING = False  # typing costs start-up time; type checkers read this as True
if TYPE_CHECKING:
    from typing import NamedTuple
else:
    from ._record import Record as NamedTuple

from .errors import EmptyInputError
from .language import detect_language, resolve_language
from .models import Sentence
from .sentences import split_sentences
from .tokens import WORD_RE

__all__ = ["Analysis", "analyze"]


class Analysis(NamedTuple):
    """A text, its language and its sentences (``text[s.start:s.end] == s.text`` for each).

    A light record rather than a frozen dataclass: the one-shot `summarize` command makes one
    per input on its start-up path, where `import dataclasses` would cost more than the work.
    """

    text: str
    language: str
    """ISO 639-1 code of a supported language (`summarize.language.LANGUAGES`)."""
    sentences: tuple[Sentence, ...]

    @property
    def spans(self) -> tuple[tuple[int, int], ...]:
        """Every sentence's (start, end) in `text`, in order."""
        return tuple([(s.start, s.end) for s in self.sentences])

    @property
    def word_count(self) -> int:
        """How many words (`summarize.tokens.WORD_RE`) the text holds: `Summary.input_words`."""
        return len(WORD_RE.findall(self.text))


def analyze(text: str, language: str | None = None) -> Analysis:
    """Detect (or resolve) the language of `text` and split it into sentences.

    `language` is a name or ISO code; None detects it. Raises `EmptyInputError` for empty or
    whitespace-only text and `UnsupportedLanguageError` for a language Newsdesk does not know.
    """
    if not text or not text.strip():
        raise EmptyInputError("input is empty")
    code = resolve_language(language if language is not None else detect_language(text)).code
    return Analysis(text, code, tuple(split_sentences(text, code)))


def analysis_of(text: str | Analysis, language: str | None) -> Analysis:
    """`text` itself when it is an `Analysis` already, else `analyze(text, language)`.

    A `language` given beside an `Analysis` must agree with it: the sentences were split by
    that language's rules, and a summary in another language would silently mix the two.
    """
    if isinstance(text, str):
        return analyze(text, language)
    if language is not None and resolve_language(language).code != text.language:
        from .errors import UsageError

        raise UsageError(
            f"language {language!r} contradicts the analysis, which is in {text.language!r}"
        )
    return text

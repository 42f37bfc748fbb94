"""`summarize()`: one entry point over every method, with length as count, ratio or word budget."""

from __future__ import annotations

from .errors import EmptyInputError, InvalidLengthError, UnknownMethodError
from .language import detect_language, resolve_language
from .models import Sentence, Summary, SummarySentence
from .sentences import split_sentences
from .tokens import words

DEFAULT_METHOD = "news"
DEFAULT_SENTENCES = 3

METHODS: dict[str, str] = {
    "news": "Newsdesk's default: position-aware centrality tuned on news",
    "lead": "the first N sentences (the Lead-N baseline)",
}
"""Method name -> one-line description (the sumy adapter adds its algorithms)."""


def method_version(method: str) -> str:
    """A string that changes whenever the method's output for the same input may change.

    The library keys its summary cache on it, so cached summaries are recomputed after an upgrade.
    """
    return f"{method}:0"


def available_methods() -> dict[str, str]:
    return dict(METHODS)


def summarize(
    text: str,
    *,
    method: str | None = None,
    sentences: int | None = None,
    ratio: float | str | None = None,
    words: int | None = None,
    language: str | None = None,
) -> Summary:
    """An extractive summary of `text` (placeholder implementation: Lead-N)."""
    if not text or not text.strip():
        raise EmptyInputError("input is empty")
    name = (method or DEFAULT_METHOD).lower()
    if name not in METHODS:
        raise UnknownMethodError(f"unknown method {method!r}; choose from {', '.join(METHODS)}")
    lang = resolve_language(language or detect_language(text))
    sents = split_sentences(text, lang.code)
    n = sentences or DEFAULT_SENTENCES
    chosen = sents[:n]
    return Summary(
        method=name,
        language=lang.code,
        sentences=tuple(
            SummarySentence(i, s.text, s.start, s.end, 1.0 / (i + 1)) for i, s in enumerate(chosen)
        ),
        input_sentences=len(sents),
        input_chars=len(text),
        input_words=len(_words(text)),
    )


_words = words

"""Newsdesk's headless core: sentences, summaries and key topics of news text, offline.

    >>> from summarize import analyze, summarize, extract_topics
    >>> summary = summarize(text, sentences=3)
    >>> [s.text for s in summary.sentences]
    >>> [t.label for t in extract_topics(text, limit=8)]
    >>> analysis = analyze(text)          # both from one split of the text
    >>> summary, topics = summarize(analysis), extract_topics(analysis)

Nothing here imports textual, rich or click; sumy and NLTK load only when a sumy method runs.
"""

from __future__ import annotations

TYPE_CHECKING = False  # `typing` costs start-up time; type checkers read this as True
if TYPE_CHECKING:
    from typing import Any

    from .analysis import Analysis, analyze

    from .errors import (
        BinaryInputError,
        EmptyInputError,
        InputError,
        InvalidLengthError,
        LibraryError,
        NewsdeskError,
        UnknownMethodError,
        UnsupportedLanguageError,
        UsageError,
    )
    from .language import LANGUAGES, Language, detect_language, resolve_language
    from .models import Sentence, Summary, SummarySentence, Topic
    from .sentences import split_sentences
    from .summarizer import DEFAULT_METHOD, available_methods, summarize
    from .topics import extract_topics

_HOME = {
    **dict.fromkeys(("Analysis", "analyze"), "analysis"),
    **dict.fromkeys(
        ("BinaryInputError", "EmptyInputError", "InputError", "InvalidLengthError",
         "LibraryError", "NewsdeskError", "UnknownMethodError", "UnsupportedLanguageError",
         "UsageError"),
        "errors",
    ),
    **dict.fromkeys(("LANGUAGES", "Language", "detect_language", "resolve_language"), "language"),
    **dict.fromkeys(("Sentence", "Summary", "SummarySentence", "Topic"), "models"),
    "split_sentences": "sentences",
    **dict.fromkeys(("DEFAULT_METHOD", "available_methods", "summarize"), "summarizer"),
    "extract_topics": "topics",
}
"""Which submodule defines each public name. They load on first use (PEP 562), so a program
that only summarizes never imports the topic extractor, and `summarize -n 3` starts faster."""


def __getattr__(name: str) -> Any:
    home = _HOME.get(name)
    if home is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    module = __import__(f"{__name__}.{home}", fromlist=[name])  # builtin: no importlib to load
    value = getattr(module, name)
    globals()[name] = value  # later lookups skip this function
    return value


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))


__all__ = [
    "Analysis",
    "BinaryInputError",
    "DEFAULT_METHOD",
    "EmptyInputError",
    "InputError",
    "InvalidLengthError",
    "LANGUAGES",
    "Language",
    "LibraryError",
    "NewsdeskError",
    "Sentence",
    "Summary",
    "SummarySentence",
    "Topic",
    "UnknownMethodError",
    "UnsupportedLanguageError",
    "UsageError",
    "analyze",
    "available_methods",
    "detect_language",
    "extract_topics",
    "resolve_language",
    "split_sentences",
    "summarize",
]

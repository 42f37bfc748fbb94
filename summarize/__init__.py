"""Newsdesk's headless core: sentences, summaries and key topics of news text, offline.

    >>> from summarize import summarize, extract_topics
    >>> summary = summarize(text, sentences=3)
    >>> [s.text for s in summary.sentences]
    >>> [t.label for t in extract_topics(text, limit=8)]

Nothing here imports textual, rich or click; sumy and NLTK load only when a sumy method runs.
"""

from __future__ import annotations

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

__all__ = [
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
    "available_methods",
    "detect_language",
    "extract_topics",
    "resolve_language",
    "split_sentences",
    "summarize",
]

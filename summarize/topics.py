"""Key topics of an article (placeholder: frequent non-stop words)."""

from __future__ import annotations

from collections import Counter

from .errors import EmptyInputError
from .language import detect_language, resolve_language, stop_words
from .models import Topic
from .tokens import word_spans


def extract_topics(text: str, *, limit: int = 8, language: str | None = None) -> list[Topic]:
    """Ranked key phrases of `text`."""
    if not text or not text.strip():
        raise EmptyInputError("input is empty")
    lang = resolve_language(language or detect_language(text))
    sw = stop_words(lang.code)
    spans: dict[str, list[tuple[int, int]]] = {}
    for w, s, e in word_spans(text):
        if w.lower() not in sw and len(w) > 2:
            spans.setdefault(w, []).append((s, e))
    counts = Counter({k: len(v) for k, v in spans.items()})
    return [Topic(label, float(c), c, tuple(spans[label])) for label, c in counts.most_common(limit)]

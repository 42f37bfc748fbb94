"""Sentence segmentation without NLTK data (placeholder: replaced by the measured segmenter)."""

from __future__ import annotations

import re

from .models import Sentence

_BOUNDARY = re.compile(r"[^\n.!?]*(?:[.!?]+[\"'”’)\]]*|\n|$)")


def split_sentences(text: str, language: str | None = None) -> list[Sentence]:
    """Split `text` into sentences whose `text == text[start:end]` (stripped of outer spaces)."""
    out: list[Sentence] = []
    for m in _BOUNDARY.finditer(text):
        start, end = m.start(), m.end()
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start < end:
            out.append(Sentence(text[start:end], start, end))
    return out

"""`summarize.tokens`: what a word is, and that the quick regex finds what the plain one does."""

from __future__ import annotations

import re

from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.tokens import WORD_JOIN_RE, WORD_RE, word_spans, words

PLAIN = re.compile(r"\w+(?:[’'\-.]\w+)*")
"""The definition written with ordinary (backtracking) quantifiers."""


def test_words_join_across_inner_apostrophes_hyphens_and_dots() -> None:
    assert words("Don't stop: Jean-Pierre's U.S. trip cost 3.5m - or so...") == [
        "Don't", "stop", "Jean-Pierre's", "U.S", "trip", "cost", "3.5m", "or", "so",
    ]


def test_word_spans_are_offsets_into_the_text() -> None:
    text = "  Rock’n’roll, 1-0!"
    spans = word_spans(text)
    assert spans == [("Rock’n’roll", 2, 13), ("1-0", 15, 18)]
    assert all(text[start:end] == word for word, start, end in spans)


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_é .-'’\n?,")) | st.characters(), max_size=60))
def test_the_possessive_regex_matches_as_the_plain_definition(text: str) -> None:
    assert [m.span() for m in WORD_RE.finditer(text)] == [m.span() for m in PLAIN.finditer(text)]


@settings(max_examples=400, deadline=None)
@given(st.text(alphabet=st.sampled_from(list("ab1_é .-'’\n?,")) | st.characters(), max_size=60))
def test_words_are_letter_runs_less_the_joiners_between_them(text: str) -> None:
    runs = re.findall(r"\w+", text)
    assert len(WORD_RE.findall(text)) == len(runs) - len(WORD_JOIN_RE.findall(text))


def test_word_join_finds_only_joiners_inside_words() -> None:
    assert WORD_JOIN_RE.findall("U.S. don't 30-year-old - x. 'y' a’b") == [".", "'", "-", "-", "’"]

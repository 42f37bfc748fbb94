"""Property tests: for any Unicode text, a summary is a subset of its sentences, in order,
within the requested length, and the same every time; only blank text is refused."""

from __future__ import annotations

import math

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from summarize import EmptyInputError, available_methods, split_sentences, summarize
from summarize.tokens import words

METHODS = sorted(available_methods())

_WORDS = [
    "The", "council", "approved", "budget", "on", "Monday", "Mr.", "U.S.", "$3.5", "billion",
    "2.4%", "said", "river", "flood", "Die", "Stadt", "baut", "Radwege", "мер", "міста",
    "«quoted»", "“Yes,”", "(Reuters)", "-", "...", "e-mail", "http://example.org/a.b",
]
_BREAKS = [". ", "! ", "? ", ".\n", "\n\n", " ", " ", " ", "; ", ".” "]

newsish = st.lists(
    st.tuples(st.sampled_from(_WORDS), st.sampled_from(_BREAKS)), min_size=1, max_size=80
).map(lambda pairs: "".join(w + b for w, b in pairs))
"""Text that looks like news: many sentences, paragraphs, abbreviations, several scripts."""

any_text = st.one_of(newsish, st.text(max_size=400), st.text(alphabet=" \n\t.!?", max_size=20))

lengths = st.one_of(
    st.builds(lambda n: {"sentences": n}, st.integers(1, 8)),
    st.builds(lambda r: {"ratio": r}, st.floats(0.01, 1.0)),
    st.builds(lambda p: {"ratio": f"{p}%"}, st.integers(1, 100)),
    st.builds(lambda w: {"words": w}, st.integers(1, 120)),
    st.just({}),
)

PROPERTY_SETTINGS = settings(
    max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow]
)


@PROPERTY_SETTINGS
@given(text=any_text, method=st.sampled_from(METHODS), length=lengths)
def test_summary_is_an_ordered_subset_within_length(
    text: str, method: str, length: dict[str, object]
) -> None:
    if not text.strip():
        try:
            summarize(text, method=method, **length)  # type: ignore[arg-type]
        except EmptyInputError:
            return
        raise AssertionError("blank text must raise EmptyInputError")

    summary = summarize(text, method=method, **length)  # type: ignore[arg-type]
    sentences = split_sentences(text, summary.language)
    total = len(sentences)
    assert summary.input_sentences == total
    assert len(summary.scores) == total
    assert all(math.isfinite(s) for s in summary.scores)

    indices = list(summary.indices)
    assert indices == sorted(set(indices))
    for s in summary.sentences:
        assert 0 <= s.index < total
        assert s.text == text[s.start:s.end] == sentences[s.index].text
        assert math.isfinite(s.score)

    if total:
        assert summary.sentences, "a text with sentences gets at least one"
    if "sentences" in length:
        assert len(indices) == min(int(length["sentences"]), total)  # type: ignore[call-overload]
    elif "ratio" in length:
        raw = length["ratio"]
        ratio = float(raw[:-1]) / 100 if isinstance(raw, str) else float(raw)  # type: ignore[arg-type]
        assert len(indices) == min(total, max(1, math.floor(ratio * total + 0.5)))
    elif "words" in length:
        used = sum(len(words(s.text)) for s in summary.sentences)
        assert used <= int(length["words"]) or len(indices) == 1  # type: ignore[call-overload]
    else:
        assert len(indices) == min(3, total)

    again = summarize(text, method=method, **length)  # type: ignore[arg-type]
    assert again == summary


@settings(max_examples=40, deadline=None)
@given(text=newsish)
def test_more_sentences_never_drop_a_chosen_one_for_lead(text: str) -> None:
    """Lead-N grows by appending: the N-sentence summary is a prefix of the N+1 one."""
    if not text.strip():
        return
    short = summarize(text, method="lead", sentences=2)
    longer = summarize(text, method="lead", sentences=3)
    assert longer.indices[: len(short.indices)] == short.indices

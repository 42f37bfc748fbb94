"""summarize(): every method on every sample article, lengths, errors, languages, cache versions."""

from __future__ import annotations

import math
from pathlib import Path

import pytest

import summarize as api
from summarize import (
    EmptyInputError,
    InvalidLengthError,
    UnknownMethodError,
    UnsupportedLanguageError,
    UsageError,
    available_methods,
    split_sentences,
)
from summarize import summarize as summarize_text
from summarize.ingest.articles import Article, load_article_file, sample_article_paths
from summarize.models import Summary
from summarize.summarizer import DEFAULT_METHOD, method_version
from summarize.tokens import words

METHODS = list(available_methods())
SAMPLE_PATHS = sample_article_paths()


@pytest.fixture(scope="module")
def articles() -> dict[str, Article]:
    return {p.name: load_article_file(p) for p in SAMPLE_PATHS}


def _check_summary(summary: Summary, text: str, method: str) -> None:
    """Invariants of every summary: real sentences of `text`, article order, scores, parts."""
    sentences = split_sentences(text, summary.language)
    assert summary.method == method
    assert summary.input_sentences == len(sentences)
    assert summary.input_chars == len(text)
    assert summary.input_words == len(words(text))
    assert len(summary.scores) == len(sentences)
    assert all(math.isfinite(s) for s in summary.scores)
    indices = [s.index for s in summary.sentences]
    assert indices == sorted(set(indices)), "sentences in article order, no repeats"
    for s in summary.sentences:
        assert s.text == text[s.start:s.end]
        assert (s.text, s.start, s.end) == (
            sentences[s.index].text, sentences[s.index].start, sentences[s.index].end
        )
        assert s.parts, "every chosen sentence explains its score"
        assert math.isclose(sum(s.parts.values()), s.score, rel_tol=1e-9, abs_tol=1e-9)
        if method != "news":  # news reports the score it was chosen with (redundancy included)
            assert s.score == summary.scores[s.index]
    assert summary.text == "\n".join(s.text for s in summary.sentences)


def test_methods_listed_with_one_line_descriptions() -> None:
    methods = available_methods()
    assert list(methods)[:2] == ["news", "lead"]
    assert DEFAULT_METHOD == "news"
    assert set(methods) == {
        "news", "lead", "lexrank", "textrank", "lsa", "luhn", "edmundson", "kl", "sumbasic",
        "reduction", "random",
    }
    for name, description in methods.items():
        assert description.strip() and "\n" not in description, name
    methods["news"] = "changed"
    assert available_methods()["news"] != "changed", "callers get a copy"


def test_the_sample_set_is_there() -> None:
    assert len(SAMPLE_PATHS) >= 12


@pytest.mark.parametrize("method", METHODS)
@pytest.mark.parametrize("path", SAMPLE_PATHS, ids=[p.name for p in SAMPLE_PATHS])
def test_every_method_on_every_sample(method: str, path: Path, articles: dict[str, Article]) -> None:
    article = articles[path.name]
    text, language = article.body, article.language
    total = len(split_sentences(text, language))

    default = summarize_text(text, method=method, language=language)
    _check_summary(default, text, method)
    assert len(default.sentences) == min(3, total)
    assert summarize_text(text, method=method, language=language) == default, "deterministic"

    one = summarize_text(text, method=method, sentences=1, language=language)
    _check_summary(one, text, method)
    assert len(one.sentences) == 1

    fifth = summarize_text(text, method=method, ratio="20%", language=language)
    _check_summary(fifth, text, method)
    assert len(fifth.sentences) == max(1, math.floor(0.2 * total + 0.5))

    budget = summarize_text(text, method=method, words=60, language=language)
    _check_summary(budget, text, method)
    used = sum(len(words(s.text)) for s in budget.sentences)
    assert used <= 60 or len(budget.sentences) == 1
    assert budget.sentences


def test_lead_is_the_first_sentences(seed_text: str) -> None:
    summary = summarize_text(seed_text, method="lead", sentences=4)
    assert summary.indices == (0, 1, 2, 3)
    assert list(summary.scores) == sorted(summary.scores, reverse=True)


def test_more_sentences_than_the_text_has_gives_all_of_them() -> None:
    text = "The council met on Monday. It approved the budget. Taxes stay the same."
    for method in METHODS:
        summary = summarize_text(text, method=method, sentences=10, language="en")
        assert summary.indices == (0, 1, 2), method


def test_ratio_forms_agree(seed_text: str) -> None:
    as_float = summarize_text(seed_text, ratio=0.5)
    assert summarize_text(seed_text, ratio="0.5") == as_float
    assert summarize_text(seed_text, ratio="50%") == as_float
    assert summarize_text(seed_text, ratio=" 50 % ") == as_float
    assert len(as_float.sentences) == math.floor(0.5 * as_float.input_sentences + 0.5)
    assert len(summarize_text(seed_text, ratio=1).sentences) == as_float.input_sentences
    assert len(summarize_text(seed_text, ratio="1%").sentences) == 1


def test_word_budget_is_filled_greedily_with_whole_sentences() -> None:
    text = (
        "Short one here.\n"
        "This second sentence is clearly much longer than the first one was.\n"
        "Third is short.\n"
        "Fourth fits too."
    )
    # lead scores fall with position: take each sentence that still fits, best first
    summary = summarize_text(text, method="lead", words=9, language="en")
    assert summary.indices == (0, 2, 3)
    # no sentence fits: the best sentence alone
    assert summarize_text(text, method="lead", words=1, language="en").indices == (0,)


def test_word_budget_for_the_default_method(seed_text: str) -> None:
    budget = 50
    summary = summarize_text(seed_text, words=budget)
    assert summary.sentences
    assert sum(len(words(s.text)) for s in summary.sentences) <= budget
    tiny = summarize_text(seed_text, words=1)
    assert len(tiny.sentences) == 1


@pytest.mark.parametrize("text", ["", " ", "\n\n\t  \r\n", "\u2003\u00a0"])
def test_blank_input_is_an_empty_input_error(text: str) -> None:
    with pytest.raises(EmptyInputError) as info:
        summarize_text(text)
    assert info.value.exit_code == 1


def test_unknown_method_lists_the_choices(seed_text: str) -> None:
    with pytest.raises(UnknownMethodError) as info:
        summarize_text(seed_text, method="bogus")
    message = str(info.value)
    assert "\n" not in message and "bogus" in message
    for name in METHODS:
        assert name in message
    assert isinstance(info.value, UsageError) and info.value.exit_code == 2
    with pytest.raises(UnknownMethodError):
        method_version("bogus")


def test_method_names_ignore_case(seed_text: str) -> None:
    assert summarize_text(seed_text, method="LexRank").method == "lexrank"
    assert summarize_text(seed_text, method=" Lead ").indices == (0, 1, 2)


@pytest.mark.parametrize(
    "length",
    [
        {"sentences": 0}, {"sentences": -2}, {"sentences": True}, {"sentences": 1.5},
        {"words": 0}, {"words": -5}, {"ratio": 0}, {"ratio": 1.5}, {"ratio": -0.1},
        {"ratio": float("nan")}, {"ratio": "abc"}, {"ratio": "0%"}, {"ratio": "150%"},
        {"ratio": ""}, {"ratio": True},
        {"sentences": 2, "ratio": 0.5}, {"sentences": 2, "words": 40}, {"ratio": 0.2, "words": 9},
    ],
)
def test_bad_lengths_are_usage_errors(length: dict[str, object], seed_text: str) -> None:
    with pytest.raises(InvalidLengthError) as info:
        summarize_text(seed_text, **length)  # type: ignore[arg-type]
    assert isinstance(info.value, UsageError) and info.value.exit_code == 2
    assert "\n" not in str(info.value)


def test_length_is_checked_before_the_text() -> None:
    with pytest.raises(InvalidLengthError):
        summarize_text("", sentences=0)


def test_language_is_detected_or_given(articles: dict[str, Article]) -> None:
    german = articles["de-lindenfeld-radwege.txt"].body
    assert summarize_text(german).language == "de"
    assert summarize_text(german, method="lexrank").language == "de"
    assert summarize_text(german, language="German").language == "de"
    with pytest.raises(UnsupportedLanguageError):
        summarize_text(german, language="klingon")


def test_summary_is_frozen(seed_text: str) -> None:
    summary = summarize_text(seed_text)
    with pytest.raises(AttributeError):
        summary.method = "lead"  # type: ignore[misc]


def test_method_version_names_what_can_change_the_output(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    versions = {m: method_version(m) for m in METHODS}
    assert len(set(versions.values())) == len(METHODS), "one cache key per method"
    from importlib import metadata

    sumy = metadata.version("sumy")
    for name in METHODS:
        assert versions[name].startswith(name + ":")
        assert (sumy in versions[name]) == (name not in ("news", "lead")), name
    assert method_version(None) == versions["news"]  # type: ignore[arg-type]

    from summarize import news_rank, sumy_adapter

    monkeypatch.setattr(news_rank, "VERSION", news_rank.VERSION + "-next")
    assert method_version("news") != versions["news"]
    assert method_version("lexrank") == versions["lexrank"]
    monkeypatch.setattr(sumy_adapter, "ADAPTER_VERSION", "next")
    assert method_version("lexrank") != versions["lexrank"]

    import summarize.sentences as segmenter

    lead = method_version("lead")
    monkeypatch.setattr(segmenter, "VERSION", "segmenter-next", raising=False)
    assert method_version("lead") != lead, "a new segmenter may change every method's output"


def test_public_api_exports() -> None:
    assert api.summarize is summarize_text
    assert api.DEFAULT_METHOD == "news"
    assert api.available_methods is available_methods


def test_summary_text_puts_a_wrapped_sentence_on_one_line() -> None:
    """Hard-wrapped text: each sentence keeps its line breaks (exact spans), and `Summary.text`,
    one sentence per line, has them as single spaces."""
    text = (
        "The city council voted on Tuesday to close the old Elm Street bridge to\n"
        "cars from next spring, after engineers found cracks in two of its steel\n"
        "supports. The bridge will stay open to people on foot and on bicycles,\n"
        "    the council said.\n"
    )
    summary = summarize_text(text, sentences=2)
    assert [s.text for s in summary.sentences] == [text[s.start:s.end] for s in summary.sentences]
    assert all("\n" in s.text for s in summary.sentences)
    assert summary.text.split("\n") == [" ".join(s.text.split()) for s in summary.sentences]

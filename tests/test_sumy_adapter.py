"""The sumy adapter: sumy's own choices, no NLTK data, duplicates, seeding, Edmundson's words."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import split_sentences, summarize
from summarize.ingest.articles import load_article_file, sample_article_paths
from summarize.summarizer import METHODS
from summarize.language import stop_words
from summarize.sumy_adapter import SUMY_METHODS, SumyAdapter, SumyTokenizer, _summarizer_class

SHORT_SAMPLES = [
    p for p in sample_article_paths()
    if len(split_sentences(load_article_file(p).body)) <= 60
]
"""Samples short enough for sumy's own KL-Sum and LSA (seconds on the 222-sentence feature)."""


def test_every_sumy_algorithm_is_a_method() -> None:
    assert set(SUMY_METHODS) == set(METHODS) - {"news", "lead"}
    assert all(METHODS[name] == SUMY_METHODS[name] for name in SUMY_METHODS)
    with pytest.raises(ValueError):
        SumyAdapter("news", "en")


def test_tokenizer_is_ours() -> None:
    tokenizer = SumyTokenizer("English")
    assert tokenizer.language == "en"
    text = "Mr. Smith paid $3.5 billion. Then he left."
    assert tokenizer.to_sentences(text) == tuple(s.text for s in split_sentences(text, "en"))
    assert tokenizer.to_words("Jean-Pierre didn't pay $3.5m.") == ("Jean-Pierre", "didn't", "pay", "3.5m")


@pytest.mark.parametrize("method", sorted(SUMY_METHODS))
@pytest.mark.parametrize("path", SHORT_SAMPLES, ids=[p.name for p in SHORT_SAMPLES])
def test_choices_match_sumys_own(method: str, path: Path) -> None:
    """Our ratings, chosen best first, pick what sumy's unmodified summarizer picks."""
    article = load_article_file(path)
    language = article.language or "en"
    sentences = split_sentences(article.body, language)
    adapter = SumyAdapter(method, language)
    ranked = adapter.rank(sentences, article.body)
    assert len(ranked) == len(sentences)
    for count in (1, 3, 5):
        summary = summarize(article.body, method=method, sentences=count, language=language)
        assert list(summary.indices) == adapter.sumy_choice(sentences, article.body, count)
        assert summary.scores == tuple(score for score, _ in ranked)


@pytest.mark.parametrize("path", SHORT_SAMPLES, ids=[p.name for p in SHORT_SAMPLES])
def test_fast_kl_rates_like_sumys_kl(path: Path) -> None:
    """`_kl_ratings` is a rewrite of sumy's KL-Sum loop: the whole ranking must be the same."""
    article = load_article_file(path)
    language = article.language or "en"
    sentences = split_sentences(article.body, language)
    adapter = SumyAdapter("kl", language)
    document = adapter._document(sentences, article.body, None)
    ours = _summarizer_class("kl", True)(adapter._stemmer())
    theirs = _summarizer_class("kl", False)(adapter._stemmer())
    assert type(theirs)._compute_ratings is not type(ours)._compute_ratings
    for summarizer in (ours, theirs):
        summarizer.stop_words = stop_words(language)
    expected = {s.index: r for s, r in theirs._compute_ratings(document.sentences).items()}
    got = {s.index: r for s, r in ours._compute_ratings(document.sentences).items()}
    assert got == expected


def test_duplicate_sentences_keep_their_own_index_and_rating() -> None:
    text = (
        "The river burst its banks on Tuesday.\n\n"
        "Officials opened three shelters for families.\n\n"
        "The river burst its banks on Tuesday.\n\n"
        "Rain is forecast to ease by the weekend."
    )
    for method in SUMY_METHODS:
        summary = summarize(text, method=method, sentences=4, language="en")
        assert summary.indices == (0, 1, 2, 3), method
        first, _, copy, _ = summary.sentences
        assert first.text == copy.text and first.start < copy.start, method
    # rank-based methods give the two copies different ranks, never one shared dict slot
    kl = summarize(text, method="kl", sentences=4, language="en")
    assert len(set(kl.scores)) == 4
    # similarity-based methods rate identical text identically
    lexrank = summarize(text, method="lexrank", sentences=4, language="en")
    assert lexrank.scores[0] == lexrank.scores[2]


def test_random_is_seeded_by_the_text() -> None:
    text = " ".join(f"Sentence number {i} talks about topic {i * 7 % 5}." for i in range(30))
    first = summarize(text, method="random", sentences=5, language="en")
    assert summarize(text, method="random", sentences=5, language="en") == first
    other = summarize(text + " One more.", method="random", sentences=5, language="en")
    assert other.scores != first.scores
    assert sorted(first.scores) == list(range(30)), "a shuffled rank per sentence"


def _summaries_in_fresh_interpreter(env: dict[str, str], code: str) -> object:
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True,
        timeout=300,
    )
    return json.loads(out.stdout)


def test_works_without_nltk_data_and_downloads_nothing(tmp_path: Path, seed_text: str) -> None:
    empty = tmp_path / "nltk_data"
    empty.mkdir()
    code = f"""
import json, sys
import nltk
nltk.data.path[:] = [{str(empty)!r}]
def refuse(*args, **kwargs):
    raise AssertionError("nltk.download called")
nltk.download = refuse
from summarize import summarize
text = {seed_text!r}
out = {{m: list(summarize(text, method=m, sentences=2).indices) for m in {sorted(SUMY_METHODS)!r}}}
out["stock_tokenizer_imported"] = "sumy.nlp.tokenizers" in sys.modules
from sumy.nlp.tokenizers import Tokenizer
try:
    Tokenizer("english").to_sentences("One. Two.")
    out["stock_tokenizer_works"] = True
except LookupError:
    out["stock_tokenizer_works"] = False
print(json.dumps(out))
"""
    env = {**os.environ, "NLTK_DATA": str(empty)}
    result = _summaries_in_fresh_interpreter(env, code)
    assert isinstance(result, dict)
    assert result.pop("stock_tokenizer_works") is False, "precondition: no punkt data here"
    assert result.pop("stock_tokenizer_imported") is False
    assert set(result) == set(SUMY_METHODS)
    assert all(len(indices) == 2 for indices in result.values())


def test_same_choices_under_any_hash_seed(seed_text: str) -> None:
    """Set and dict orders inside sumy depend on PYTHONHASHSEED; our output must not."""
    code = f"""
import json
from summarize import summarize
text = {seed_text!r}
print(json.dumps({{m: [list(s.indices), list(s.scores)] for m in {sorted(SUMY_METHODS)!r}
                  for s in [summarize(text, method=m, sentences=3)]}}))
"""
    runs = [
        _summaries_in_fresh_interpreter({**os.environ, "PYTHONHASHSEED": seed}, code)
        for seed in ("1", "2")
    ]
    assert isinstance(runs[0], dict) and isinstance(runs[1], dict)
    for method in SUMY_METHODS:
        assert runs[0][method][0] == runs[1][method][0], method
        assert runs[0][method][1] == pytest.approx(runs[1][method][1], rel=1e-6, abs=1e-9), method


def test_edmundson_parts_and_words() -> None:
    text = (
        "Flood defences failed in Calder on Tuesday as the river rose.\n"
        "The river rose two metres in a day.\n"
        "Flood water reached the square by noon.\n\n"
        "Subscribe to our newsletter and accept cookies to read more.\n"
        "Residents said the flood was the worst since 1968.\n\n"
        "Engineers will inspect the river defences next week."
    )
    adapter = SumyAdapter("edmundson", "en")
    sentences = split_sentences(text, "en")
    ranked = adapter.rank(sentences, text)
    for score, parts in ranked:
        assert set(parts) == {"cue", "location"}
        assert score == pytest.approx(sum(parts.values()))
    cue = [parts["cue"] for _, parts in ranked]
    # "subscribe", "newsletter", "cookies" are stigma words; "flood", "river" bonus words
    assert cue[3] < 0 < cue[0]
    # Edmundson's location method: +1 for the first and for the last paragraph, +1 for the first
    # and for the last sentence of a paragraph; paragraphs are the text's blank-line blocks
    assert [parts["location"] for _, parts in ranked] == [2, 1, 2, 1, 1, 2]
    titled = adapter.rank(sentences, text, title="Engineers inspect defences")
    assert all("title" in parts for _, parts in titled)
    assert titled[5][1]["title"] > 0 == titled[3][1]["title"]


def test_languages_without_pystemmer_use_sumys_stemmer() -> None:
    text = (
        "Мер міста відкрив новий міст через річку. Міст коштував два мільйони гривень. "
        "Мешканці міста давно чекали на новий міст. Будівництво тривало три роки."
    )
    summary = summarize(text, method="lexrank", sentences=2, language="uk")
    assert summary.language == "uk" and len(summary.sentences) == 2


@pytest.mark.parametrize("method", sorted(set(SUMY_METHODS) - {"random", "edmundson"}))
def test_stop_words_and_stemmer_follow_the_language(method: str) -> None:
    text = "Die Stadt baut neue Radwege. Der Radweg am Fluss wird breiter."
    adapter = SumyAdapter(method, "de")
    summarizer = adapter._summarizer(recording=True, sentences=split_sentences(text, "de"), title=None)
    assert frozenset(summarizer.stop_words) == stop_words("de")
    assert summarizer.stem_word("Radwege") == summarizer.stem_word("Radweg") == "radweg"

"""The "news" method's behaviour on our own sample articles: what it chooses and why.

These pin behaviour (furniture never chosen, near-duplicates dropped, parts that add up, budgets
kept, determinism), not ROUGE figures: those come from tests/benchmarks/tune_news_rank.py.
"""

from __future__ import annotations

import math
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize import news_rank, split_sentences
from summarize.ingest.articles import load_article_file, sample_article_paths
from summarize.language import detect_language
from summarize.models import Sentence
from summarize.tokens import WORD_RE

NOT_STORY = ("boilerplate", "fragment", "question")
"""Kinds of line a summary takes only when the count asked for exceeds the story sentences."""
PARTS = {"coverage", "position", "speaker", "length", "boilerplate"}
PATHS = [p for p in sample_article_paths() if p.suffix == ".txt"]


def _load(path: Path) -> tuple[str, str]:
    article = load_article_file(path)
    return article.body, article.language or detect_language(article.body)


def _not_story_text(text: str) -> str | None:
    """Why a chosen line is not a sentence a reader can take on its own (written apart from
    news_rank's own rules): a list item, a heading or caption without an end, a lead-in to a
    list, a line starting mid-sentence, or a credit line."""
    body = text.strip()
    if re.match(r"[-*•–—]\s|\d+[.)]\s", body):
        return "list item"
    if body.endswith(":"):
        return "lead-in to a list"
    if not body.rstrip("\"'”’»)").endswith((".", "!", "?", "…")):
        return "heading, caption or fragment (no end)"
    first = re.search(r"\w", body)
    if first and first.group().islower():
        return "starts mid-sentence"
    if re.match(r"\(?(?:reporting|editing|writing) by\b|by [A-Z]", body, re.IGNORECASE):
        return "byline or credit"
    return None


@pytest.mark.parametrize("path", sample_article_paths(), ids=lambda p: p.name)
def test_summaries_of_the_samples_hold_only_story_sentences(path: Path) -> None:
    """No length of summary tops itself up with a list item, heading, byline or caption (the
    lithium sample at 40 words once took "- Steppe Minerals keeps operating control ...")."""
    from summarize import summarize

    text, language = _load(path)
    for length in ({"sentences": 1}, {"sentences": 3}, {"sentences": 6}, {"words": 25},
                   {"words": 40}, {"words": 60}, {"words": 120}):
        summary = summarize(text, language=language, **length)  # type: ignore[arg-type]
        for sentence in summary.sentences:
            assert _not_story_text(sentence.text) is None, (length, sentence.text)


EXPLAINER = """What is the Harbour Line levy?

The Harbour Line levy is a charge of 2 per cent on business rates in the port district, approved \
by the regional assembly last month. It will raise about 40 million a year for the new light rail \
line.

Who pays it?

Businesses with a rateable value above 50,000 pay the levy. Small shops and charities are exempt, \
and the assembly says about 1,200 firms will be charged.

When does it start?

Collection begins in April. The first trains are due to run in 2029, and the levy ends once the \
construction loans are repaid.

By Dana Whitfield, Transport Correspondent
"""
"""An explainer with question headings and a byline, written for these tests."""

LIVE_BLOG = """Storm Ilse: live updates

10:42 GMT

The coastguard says two fishing boats have been brought back to harbour at Westmark after losing \
power in the storm.

10:15 GMT

Rail operator Northline has cancelled all trains between Westmark and Calder until at least \
midday because of fallen trees on the line.

09:58 GMT

Photo: waves breaking over the sea wall at Westmark

More than 30,000 homes are without power across the region, the grid operator says, and crews \
cannot reach some lines until the wind drops.
"""
"""A live blog with a heading, timestamps and a photo caption, written for these tests."""


@pytest.mark.parametrize("text", [EXPLAINER, LIVE_BLOG], ids=["explainer", "live-blog"])
def test_explainers_and_live_blogs_summarise_to_story_sentences(text: str) -> None:
    from summarize import summarize

    for length in ({"sentences": 1}, {"sentences": 3}, {"words": 25}, {"words": 60},
                   {"words": 100}):
        summary = summarize(text, language="en", **length)  # type: ignore[arg-type]
        assert summary.sentences
        for sentence in summary.sentences:
            assert _not_story_text(sentence.text) is None, (length, sentence.text)
            assert not sentence.text.rstrip().endswith("?"), (length, sentence.text)
            assert not sentence.text.startswith(("Photo:", "By ")), (length, sentence.text)


def _run(
    text: str, language: str, count: int | None = 3, budget: int | None = None,
    *, lead_default: bool = True,
) -> tuple[list[Sentence], list[tuple[float, dict[str, float]]], news_rank.Selection]:
    sentences = split_sentences(text, language)
    ranked = news_rank.rank(sentences, text, language)
    selection = news_rank.select_detailed(
        sentences, ranked, count=count, word_budget=budget, language=language,
        lead_default=lead_default,
    )
    return sentences, ranked, selection


def _words(sentence: Sentence) -> int:
    return len(WORD_RE.findall(sentence.text))


@pytest.fixture(scope="module", params=PATHS, ids=[p.stem for p in PATHS])
def article(request: pytest.FixtureRequest) -> tuple[str, str]:
    return _load(request.param)


def test_there_are_sample_articles_to_test_on() -> None:
    assert len(PATHS) >= 8


def test_parts_sum_to_the_score(article: tuple[str, str]) -> None:
    text, language = article
    _, ranked, _ = _run(text, language)
    for score, parts in ranked:
        assert set(parts) == PARTS
        assert math.isclose(score, sum(parts.values()), abs_tol=1e-12)
        assert 0.0 <= parts["coverage"] <= 1.0
        assert all(parts[k] <= 0.0 for k in ("speaker", "length", "boilerplate"))


def test_selection_scores_are_rank_score_plus_redundancy(article: tuple[str, str]) -> None:
    text, language = article
    sentences, ranked, selection = _run(text, language)
    assert len(selection.indices) == min(3, len(sentences))
    assert list(selection.indices) == sorted(set(selection.indices))
    for i, score, parts in zip(selection.indices, selection.scores, selection.parts):
        redundancy, dilution = parts.get("redundancy", 0.0), parts.get("dilution", 0.0)
        # a sentence never adds more to a summary than it would alone
        assert redundancy <= 0.0 and dilution <= 0.0
        assert math.isclose(score, ranked[i][0] + redundancy + dilution, abs_tol=1e-12)
        assert math.isclose(score, sum(parts.values()), abs_tol=1e-12)
    # the first pick is the best sentence alone, so it carries no redundancy
    best = max(range(len(ranked)), key=lambda i: (ranked[i][0], -i))
    assert best in selection.indices
    assert not {"redundancy", "dilution"} & set(selection.parts[selection.indices.index(best)])


def test_position_favours_the_opening_of_a_long_feature() -> None:
    path = next((p for p in PATHS if p.stem.startswith("feature-")), None)
    if path is None:
        pytest.skip("no long feature among the sample articles")
    text, language = _load(path)
    _, ranked, selection = _run(text, language)
    assert len(ranked) >= 150
    position = [parts["position"] for _, parts in ranked]
    head, tail = position[:10], position[-50:]
    assert position[0] > 0
    assert sum(head) / len(head) > 0 > sum(tail) / len(tail)
    assert sum(p < 0 for p in tail) > len(tail) / 2  # the tail's own words count for less
    assert max(selection.indices) < len(ranked) // 3


def test_select_returns_the_same_indices_and_records_redundancy(article: tuple[str, str]) -> None:
    text, language = article
    sentences, ranked, selection = _run(text, language)
    indices = news_rank.select(sentences, ranked, count=3, word_budget=None, language=language)
    assert indices == list(selection.indices)
    for i, score, parts in zip(selection.indices, selection.scores, selection.parts):
        assert ranked[i][1] == parts
        assert math.isclose(sum(ranked[i][1].values()), score, abs_tol=1e-12)
    # a second selection over the annotated list chooses and explains the same
    assert news_rank.select_detailed(
        sentences, ranked, count=3, word_budget=None, language=language
    ) == selection


def test_deterministic_with_and_without_precomputed_facts(article: tuple[str, str]) -> None:
    text, language = article
    first = _run(text, language)
    second = _run(text, language)
    assert first[1] == second[1]
    assert first[2] == second[2]
    sentences = first[0]
    facts = news_rank.analyse(sentences, language)
    ranked = news_rank.rank(sentences, text, language, facts=facts)
    assert ranked == first[1]
    assert news_rank.select_detailed(
        sentences, ranked, count=3, word_budget=None, language=language, facts=facts
    ) == first[2]
    assert news_rank.word_count(sentences, language, facts=facts) == news_rank.word_count(
        sentences, language
    )


FURNITURE = [
    "By . Newsdesk Reporter .",
    "PUBLISHED: 09:14 EST, 3 March 2025 | UPDATED: 11:02 EST, 3 March 2025",
    "Click here to see the full gallery of the day's pictures",
    "Scroll down for video",
]


def test_furniture_at_the_top_is_never_chosen(article: tuple[str, str]) -> None:
    text, language = article
    padded = "\n".join(FURNITURE) + "\n\n" + text
    sentences, ranked, selection = _run(padded, language)
    furniture = [i for i, s in enumerate(sentences) if any(s.text in f for f in FURNITURE)]
    assert len(furniture) >= len(FURNITURE)  # each line is at least one sentence
    for i in furniture:
        assert ranked[i][1]["boilerplate"] < 0
        assert i not in selection.indices
    # and the story is summarized as it would be without the furniture
    _, _, plain = _run(text, language)
    assert len(selection.indices) == len(plain.indices)


def test_a_near_duplicate_of_the_lead_is_dropped() -> None:
    text, language = _load(next(p for p in PATHS if p.stem.startswith("seed")))
    sentences = split_sentences(text, language)
    lead = sentences[0].text
    echo = lead.rstrip(".") + ", officials said."
    doubled = text[: sentences[0].end] + "\n" + echo + "\n" + text[sentences[0].end :]
    sentences, ranked, selection = _run(doubled, language)
    dup = next(i for i, s in enumerate(sentences) if s.text == echo)
    # on its own the echo ranks among the best three: only redundancy keeps it out
    top3 = sorted(range(len(ranked)), key=lambda i: -ranked[i][0])[:3]
    assert dup in top3
    assert not {0, dup} <= set(selection.indices)
    # with the original chosen, what the echo would add is mostly redundant
    assert 0 in selection.indices
    analysis = news_rank._analyse(sentences, language, news_rank.DEFAULT_PARAMS)
    summary = news_rank._Coverage(analysis)
    added, f1 = summary.gain(0)
    summary.add(0, added)
    _, with_echo = summary.gain(dup)
    alone = analysis.f1_alone(dup)
    assert math.isclose(alone, ranked[dup][1]["coverage"] + ranked[dup][1]["position"])
    assert with_echo - f1 < 0.25 * alone


@pytest.mark.parametrize("budget", [12, 25, 40, 60, 100])
def test_word_budget_is_never_exceeded(article: tuple[str, str], budget: int) -> None:
    text, language = article
    sentences, _, selection = _run(text, language, count=None, budget=budget)
    used = sum(_words(sentences[i]) for i in selection.indices)
    assert used <= budget
    # no story sentence left out would still have fitted (furniture and fragments never fill up)
    rest = [
        i for i in range(len(sentences))
        if i not in selection.indices
        and news_rank.boilerplate_kind(sentences[i].text) not in NOT_STORY
    ]
    assert all(_words(sentences[i]) > budget - used for i in rest)
    assert all(
        news_rank.boilerplate_kind(sentences[i].text) not in NOT_STORY
        for i in selection.indices
    )


def test_budget_below_every_sentence_chooses_nothing() -> None:
    text, language = _load(PATHS[0])
    sentences, _, selection = _run(text, language, count=None, budget=1)
    assert min(_words(s) for s in sentences) > 1
    assert selection.indices == ()


def test_count_and_budget_together_and_defaults() -> None:
    text, language = _load(PATHS[0])
    sentences, ranked, both = _run(text, language, count=2, budget=1000)
    assert len(both.indices) == 2
    default = news_rank.select_detailed(
        sentences, ranked, count=None, word_budget=None, language=language
    )
    assert len(default.indices) == news_rank.DEFAULT_COUNT
    assert news_rank.select(sentences, ranked, count=0, word_budget=None, language=language) == []
    assert news_rank.rank([], "", language) == []


@pytest.mark.parametrize(
    ("line", "kind"),
    [
        ("By . Daily Mail Reporter .", "boilerplate"),
        ("By JANE DOE FOR MAILONLINE", "boilerplate"),
        ("PUBLISHED: 10:01 EST, 1 May 2014 | UPDATED: 11:02 EST, 1 May 2014", "boilerplate"),
        ("Click here for the latest news", "boilerplate"),
        ("Share this with Email Facebook Twitter", "boilerplate"),
        ("Will the council back down?", "question"),
        ("\"It is not.", "question"),
        ("\"Our customers want lower prices,\" she said.", None),
        ("„Wir machen die Stadt sicherer“, sagte er.", None),
        ("\"In some streets it rose a metre in less than an hour.\"", None),
        ("By the end of the year the plant will employ 400 people.", None),
        ("The mayor was published in the local paper.", None),
        ("- Steppe Minerals keeps operating control of the mine", "fragment"),
        ("• Voltaic pays $600 million upfront.", "fragment"),
        ("2) Output is priced at a discount.", "fragment"),
        ("Key terms of the agreement, according to the statement:", "fragment"),
        ("and that was the year the river froze.", "fragment"),
        ("2) is not a list item here: 2 people were hurt.", "fragment"),
        ("65 apps, 26 goals for the club this season.", None),
        ("iPhone sales rose again.", "fragment"),
        ("'Who will answer for the river?' asked the director.", None),
        ("By Dana Whitfield, Transport Correspondent", "boilerplate"),
        ("Photo: waves breaking over the sea wall at Westmark", "boilerplate"),
        ("Storm Ilse: live updates", "fragment"),
        ("10:42 GMT", "fragment"),
        ("The vote: 31 for, 14 against.", None),
    ],
)
def test_boilerplate_kind(line: str, kind: str | None) -> None:
    assert news_rank.boilerplate_kind(line) == kind


def test_speakers_words_are_marked_and_penalised() -> None:
    text = (
        "The council approved a new budget for the city's schools on Monday.\n"
        "\"We will not raise taxes this year,\" the mayor said.\n"
        "The US government is expected to contribute to the programme."
    )
    _, ranked, _ = _run(text, "en")
    assert ranked[1][1]["speaker"] < 0
    assert ranked[0][1]["speaker"] == 0.0
    assert ranked[2][1]["speaker"] == 0.0  # "US" is a country, not "us"


def test_wholly_quoted_sentences_are_a_speakers_and_passed_over() -> None:
    path = next((p for p in PATHS if p.stem == "wire-calder-delta-floods"), None)
    if path is None:
        pytest.skip("sample article not present")
    text, language = _load(path)
    sentences, ranked, selection = _run(text, language)
    quoted = [
        i for i, s in enumerate(sentences) if s.text.startswith('"') and s.text.endswith('."')
    ]
    assert quoted
    for i in quoted:
        assert ranked[i][1]["speaker"] < 0
        assert i not in selection.indices
    assert selection.indices[0] == 0  # the wire lead with its dateline


def test_pinned_choices_on_the_seed_article() -> None:
    """Regression pin. The greedy choice: the lead, where and when the meeting was, and the
    minister's position. It is not clearly better than the lead, so the summary is the lead:
    its first three story sentences.

    The envoy's first-person pledge ("I am ready to defend ...") is a speaker's words and the
    closing source credit is a fragment: neither is chosen either way.
    """
    text, language = _load(next(p for p in PATHS if p.stem.startswith("seed")))
    sentences, ranked, greedy = _run(text, language, lead_default=False)
    chosen = [sentences[i].text for i in greedy.indices]
    assert chosen[0].startswith("Kazakhstan is interested in building a prosperous")
    assert chosen[1].startswith("The meeting took place in Astana")
    assert chosen[2].startswith("“Kazakhstan attaches priority to cooperation with the UN")
    # the lead covers the story best on its own, so it is picked first, with no redundancy
    assert greedy.indices[0] == max(range(len(ranked)), key=lambda i: ranked[i][0])
    assert "redundancy" not in greedy.parts[0]
    assert all("redundancy" in parts for parts in greedy.parts[1:])
    selection = _run(text, language)[2]
    assert selection.indices == (0, 1, 2)
    assert sentences[2].text.startswith("The parties discussed the growing role of Central Asia")
    assert "redundancy" not in selection.parts[0]
    assert all("redundancy" in parts for parts in selection.parts[1:])
    pledge = next(i for i, s in enumerate(sentences) if "I am ready" in s.text)
    assert ranked[pledge][1]["speaker"] < 0
    credit = len(sentences) - 1
    assert ranked[credit][1]["length"] < 0
    assert {pledge, credit}.isdisjoint(greedy.indices + selection.indices)


def test_the_question_in_the_wire_story_is_never_chosen() -> None:
    path = next((p for p in PATHS if p.stem == "wire-steppe-lithium-deal"), None)
    if path is None:
        pytest.skip("sample article not present")
    text, language = _load(path)
    sentences, ranked, selection = _run(text, language, count=8)
    questions = [i for i, s in enumerate(sentences) if s.text.rstrip().endswith("?")]
    assert questions
    for i in questions:
        assert ranked[i][1]["boilerplate"] < 0
        assert i not in selection.indices


def test_german_article_uses_german_first_person() -> None:
    path = next((p for p in PATHS if p.stem.startswith("de-")), None)
    if path is None:
        pytest.skip("no German sample article")
    text, language = _load(path)
    assert language == "de"
    sentences, ranked, _ = _run(text, language)
    wir = [i for i, s in enumerate(sentences) if s.text.lstrip("„\"").startswith("Wir ")]
    assert wir and all(ranked[i][1]["speaker"] < 0 for i in wir)


@settings(max_examples=150, deadline=None)
@given(
    text=st.text(
        alphabet=st.characters(blacklist_categories=("Cs",)), min_size=1, max_size=400
    ).filter(str.strip),
    count=st.integers(min_value=1, max_value=5),
    budget=st.one_of(st.none(), st.integers(min_value=0, max_value=60)),
    language=st.sampled_from(["en", "de", "uk"]),
)
def test_any_text_gives_consistent_scores_and_choices(
    text: str, count: int, budget: int | None, language: str
) -> None:
    sentences = split_sentences(text, language)
    ranked = news_rank.rank(sentences, text, language)
    assert len(ranked) == len(sentences)
    assert all(math.isclose(s, sum(p.values()), abs_tol=1e-9) for s, p in ranked)
    first = news_rank.select_detailed(
        sentences, ranked, count=count, word_budget=budget, language=language
    )
    again = news_rank.select_detailed(
        sentences, news_rank.rank(sentences, text, language), count=count, word_budget=budget,
        language=language,
    )
    assert first == again
    assert list(first.indices) == sorted(set(first.indices))
    assert len(first.indices) <= min(count, len(sentences))
    if budget is not None:
        assert sum(_words(sentences[i]) for i in first.indices) <= budget


_NEWSY = st.sampled_from(list("ab1_é .-'’\n?!,\"“”()")) | st.characters(
    blacklist_categories=("Cs",)
)
"""Characters news text and the segmenter's and word regex's edge cases are made of."""


@settings(max_examples=300, deadline=None)
@given(
    text=st.text(alphabet=_NEWSY, min_size=1, max_size=300),
    language=st.sampled_from(["en", "de"]),
)
def test_word_count_is_the_word_regex_count_of_the_whole_text(text: str, language: str) -> None:
    """What `summarize()` relies on for `input_words`: the words of the sentences are the text's."""
    sentences = split_sentences(text, language)
    assert news_rank.word_count(sentences, language) == len(WORD_RE.findall(text))


@settings(max_examples=300, deadline=None)
@given(st.lists(st.text(alphabet=_NEWSY | st.just("\ud800"), max_size=40), max_size=6))
def test_term_lists_are_the_term_regex_runs_of_each_text(texts: list[str]) -> None:
    """The one-pass tokeniser against its definition: surrogates, newlines, "_", any letters."""
    expected = [news_rank._TERM_RE.findall(text) for text in texts]
    assert news_rank._term_lists(tuple(texts)) == expected


@settings(max_examples=300, deadline=None)
@given(
    m=st.floats(min_value=0.0, max_value=40.0, allow_nan=False),
    count=st.integers(min_value=2, max_value=8),
)
def test_repeats_are_the_sum_of_the_tail_probabilities(m: float, count: int) -> None:
    """`_repeats` (with its two-occurrence shortcut) is sum(P(N >= k), k = 2..count), exactly."""
    expected = sum(news_rank._at_least(m, k) for k in range(2, count + 1))
    assert news_rank._repeats(m, count) == expected


def test_word_count_of_article_sentences() -> None:
    text = "The U.S. deal's 3.5% cut - announced at 9 a.m. - won't last.\nIts my_var stays. End."
    sentences = split_sentences(text, "en")
    assert news_rank.word_count(sentences, "en") == len(WORD_RE.findall(text)) == 15
    assert news_rank.word_count([], "en") == 0


# --------------------------------------------------------------------------------------------
# The fast paths against the objective written out plainly.


def _matched_plainly(analysis: news_rank._Analysis, counts: dict[str, int]) -> float:
    """Expected matched words of a summary holding `counts` of each term: the sum over terms of
    E[min(c, N_t)] = sum(P(N_t >= k), k = 1..c), with no shortcut."""
    matched = 0.0
    for term, c in counts.items():
        m = analysis.expected.get(term, 0.0)
        for k in range(1, c + 1):
            tail, cumulative = math.exp(-m), 0.0
            for j in range(k):
                cumulative += tail
                tail *= m / (j + 1)
            matched += max(0.0, 1.0 - cumulative)
    return matched


def _greedy_plainly(
    sentences: list[Sentence], ranked: list[tuple[float, dict[str, float]]], language: str,
    count: int, budget: int | None,
) -> tuple[int, ...]:
    """The selection rule of `select_detailed` evaluated for every sentence in every round:
    furniture and fragments only when there is no other line."""
    analysis = news_rank._analyse(sentences, language, news_rank.DEFAULT_PARAMS)
    words_of = [_words(s) for s in sentences]
    kinds = [news_rank.boilerplate_kind(s.text) for s in sentences]
    story = [i for i, k in enumerate(kinds) if k not in NOT_STORY]
    candidates = story if story and count <= len(story) else list(range(len(sentences)))
    counts: dict[str, int] = {}
    chosen: list[int] = []
    length, remaining = 0, budget if budget is not None else math.inf
    reference = analysis.reference_words

    def f1(matched: float, words: int) -> float:
        return 2.0 * matched / (words + reference) if words else 0.0

    while len(chosen) < count:
        current = f1(_matched_plainly(analysis, counts), length)
        best, best_value = -1, -math.inf
        for i in candidates:
            if i in chosen or words_of[i] > remaining:
                continue
            grown = dict(counts)
            for term, c in analysis.bags[i].items():
                grown[term] = grown.get(term, 0) + c
            after = f1(_matched_plainly(analysis, grown), length + analysis.lengths[i])
            loss = min(0.0, after - current - analysis.f1_alone(i)) if chosen else 0.0
            value = ranked[i][0] + loss
            if value > best_value + 1e-9:  # ties (within rounding) go to the earlier sentence
                best, best_value = i, value
        if best < 0:
            break
        chosen.append(best)
        counts = {t: counts.get(t, 0) + analysis.bags[best].get(t, 0)
                  for t in counts.keys() | analysis.bags[best].keys()}
        length += analysis.lengths[best]
        remaining -= words_of[best]
    return tuple(sorted(chosen))


@pytest.mark.parametrize(("count", "budget"), [(3, None), (5, None), (4, 60)])
def test_selection_is_the_greedy_rule_evaluated_everywhere(
    article: tuple[str, str], count: int, budget: int | None
) -> None:
    """The bound that skips sentences and the per-term overlap table change no choice."""
    text, language = article
    sentences, ranked, selection = _run(
        text, language, count=count, budget=budget, lead_default=False
    )
    assert selection.indices == _greedy_plainly(sentences, ranked, language, count, budget)


def _lead_plainly(
    sentences: list[Sentence], language: str, count: int, budget: int | None
) -> tuple[int, ...]:
    """The first story sentences (no furniture, fragment or question), up to the count, those
    that would overrun the word budget passed over."""
    story = [i for i, s in enumerate(sentences) if news_rank.boilerplate_kind(s.text) is None]
    lead: list[int] = []
    words = 0
    for i in story:
        if len(lead) == count:
            break
        if budget is not None and words + _words(sentences[i]) > budget:
            continue
        words += _words(sentences[i])
        lead.append(i)
    return tuple(lead)


def _value_plainly(
    analysis: news_rank._Analysis, ranked: list[tuple[float, dict[str, float]]],
    indices: tuple[int, ...],
) -> float:
    """Expected F1 of the whole set against the pseudo-reference, plus its sentences' penalties."""
    counts: dict[str, int] = {}
    for i in indices:
        for term, c in analysis.bags[i].items():
            counts[term] = counts.get(term, 0) + c
    words = sum(analysis.lengths[i] for i in indices)
    f1 = 2.0 * _matched_plainly(analysis, counts) / (words + analysis.reference_words)
    return f1 + sum(ranked[i][0] - analysis.f1[i] for i in indices)


def _difference_sd_sampled(
    analysis: news_rank._Analysis, a: tuple[int, ...], b: tuple[int, ...], draws: int = 40_000
) -> float:
    """The standard deviation of F1(a) - F1(b) over sampled references: every term's count
    drawn from Poisson(m_t), the F1s computed from their definition (seeded: no flakiness)."""
    import numpy as np

    terms = sorted({t for i in a + b for t in analysis.bags[i]})
    m = np.array([analysis.expected.get(t, 0.0) for t in terms])
    counts = np.random.default_rng(7).poisson(m, size=(draws, len(terms)))

    def f1(indices: tuple[int, ...]) -> np.ndarray:
        held = np.array([sum(analysis.bags[i].get(t, 0) for i in indices) for t in terms])
        words = sum(analysis.lengths[i] for i in indices)
        return 2.0 * np.minimum(counts, held).sum(axis=1) / (words + analysis.reference_words)

    return float(np.std(f1(a) - f1(b)))


@pytest.mark.parametrize(("count", "budget"), [(3, None), (5, None), (4, 60)])
def test_the_lead_stays_unless_the_greedy_choice_is_clearly_better(
    article: tuple[str, str], count: int, budget: int | None
) -> None:
    """The summary is the story's lead, or the greedy choice when that beats the lead by more
    than one standard deviation of the difference over references drawn from the objective's
    own model (sampled here, computed exactly by the method)."""
    text, language = article
    sentences, ranked, greedy = _run(text, language, count, budget, lead_default=False)
    selection = _run(text, language, count, budget)[2]
    lead = _lead_plainly(sentences, language, count, budget)
    analysis = news_rank._analyse(sentences, language, news_rank.DEFAULT_PARAMS)
    if not lead or lead == greedy.indices:
        assert selection.indices == greedy.indices
        return
    advantage = _value_plainly(analysis, ranked, greedy.indices) - _value_plainly(
        analysis, ranked, lead
    )
    sd = _difference_sd_sampled(analysis, greedy.indices, lead)
    exact = news_rank._difference_sd(
        analysis, *news_rank._counts(analysis, greedy.indices), *news_rank._counts(analysis, lead)
    )
    assert math.isclose(exact, sd, rel_tol=0.03)
    for chosen in (greedy.indices, lead):
        penalties = sum(ranked[i][0] - analysis.f1[i] for i in chosen)
        f1 = analysis.f1_of(*news_rank._counts(analysis, chosen))
        assert math.isclose(f1 + penalties, _value_plainly(analysis, ranked, chosen), abs_tol=1e-9)
    if advantage > exact * 1.03:
        assert selection.indices == greedy.indices
    elif advantage < exact * 0.97:
        assert selection.indices == lead
        # recorded as a greedy pass in article order would record it: parts sum to the score
        for score, parts in zip(selection.scores, selection.parts):
            assert math.isclose(score, sum(parts.values()), abs_tol=1e-9)
    else:  # too close to call with a sampled deviation
        assert selection.indices in (greedy.indices, lead)


def test_both_choices_occur_among_the_samples() -> None:
    """The rule is no constant answer: on the sample articles the lead is kept for some and the
    greedy choice for others (otherwise the test above would check one branch only)."""
    kept = {"lead": 0, "greedy": 0}
    for path in PATHS:
        text, language = _load(path)
        for count, budget in ((3, None), (5, None), (4, 60)):
            sentences, _, greedy = _run(text, language, count, budget, lead_default=False)
            lead = _lead_plainly(sentences, language, count, budget)
            if lead and lead != greedy.indices:
                final = _run(text, language, count, budget)[2].indices
                kept["lead" if final == lead else "greedy"] += 1
    assert kept["lead"] > 0 and kept["greedy"] > 0, kept


def test_alone_is_the_expected_match_of_the_sentence_by_itself(article: tuple[str, str]) -> None:
    text, language = article
    sentences = split_sentences(text, language)
    analysis = news_rank._analyse(sentences, language, news_rank.DEFAULT_PARAMS)
    for i, bag in enumerate(analysis.bags):
        assert math.isclose(analysis.alone[i], _matched_plainly(analysis, bag), abs_tol=1e-9)
        assert analysis.f1[i] == analysis.f1_alone(i)


@settings(max_examples=60, deadline=None)
@given(
    text=st.lists(
        st.sampled_from(
            "The council met . Mr Ode said the plan , the plan and the budget were agreed . "
            "We will vote on Monday . Taxes rise 3 % in 2025 ? \n The mayor , the mayor said ."
            .split(" ")
        ),
        min_size=5, max_size=120,
    ).map(" ".join),
    count=st.integers(min_value=1, max_value=4),
)
def test_selection_is_the_greedy_rule_on_repetitive_text(text: str, count: int) -> None:
    """Words repeated within and across sentences: where the overlap shortcuts do their work."""
    sentences = split_sentences(text, "en")
    ranked = news_rank.rank(sentences, text, "en")
    selection = news_rank.select_detailed(
        sentences, ranked, count=count, word_budget=None, language="en", lead_default=False
    )
    assert selection.indices == _greedy_plainly(sentences, ranked, "en", count, None)


def test_results_are_immutable_tuples() -> None:
    params = news_rank.Params(half_life=4.0)
    assert params.reference_words == news_rank.DEFAULT_PARAMS.reference_words
    assert params._replace(half_life=3.0) == news_rank.DEFAULT_PARAMS
    with pytest.raises(AttributeError):
        params.half_life = 2.0  # type: ignore[misc]
    empty = news_rank.Selection((), ())
    assert empty.parts == () and isinstance(empty.parts, tuple)

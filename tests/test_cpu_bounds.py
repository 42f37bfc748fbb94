"""Issue 10 #8: no input under the 10 MB limit keeps a summarizer or the HTML reader busy for long.

Each bound is checked without timing anything that could be flaky: a cap must say so (the
message is asserted), and a long job must finish inside a generous subprocess timeout (60 s for
what takes a few seconds now and took minutes before). Timings before and after are in
tests/benchmarks/bench_bounds.py.
"""

from __future__ import annotations

import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

from summarize import news_rank, summarize
from summarize.errors import InputError
from summarize.ingest.inputs import MAX_TAG_ATTRIBUTES, extract_html
from summarize.sumy_adapter import MAX_SENTENCES

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 60
"""Seconds a bounded job may take here: generous, the point is that it ends (it took minutes)."""


def long_article(sentences: int, seed: int = 7) -> str:
    """`sentences` distinct news-like sentences, paragraphs of six, the same on every run."""
    rng = random.Random(seed)
    words = ("council budget vote mayor plan river city road bus fare school tax court police "
             "report rain storm power water price market bank rate loan worker union strike "
             "hospital nurse doctor farm crop wheat port ship rail bridge energy wind solar").split()
    names = ["Okafor", "Lindqvist", "Haddad", "Ortega", "Reuters", "Astana", "Senate"]
    out: list[str] = []
    for i in range(sentences):
        picked = [rng.choice(words) for _ in range(rng.randint(8, 20))]
        if rng.random() < 0.3:
            picked.insert(rng.randint(1, len(picked) - 1), rng.choice(names))
        out.append(" ".join(picked).capitalize() + ".")
        if i % 6 == 5:
            out.append("\n\n")
    return " ".join(out)


def run_summarize(args: list[str], text: str, tmp_path: Path) -> subprocess.CompletedProcess[str]:
    path = tmp_path / "article.txt"
    path.write_text(text, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-m", "summarize.cli.summarize_cmd", "-k", "0", *args, str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )


def test_the_article_helper_makes_as_many_sentences_as_asked() -> None:
    from summarize import split_sentences

    assert len(split_sentences(long_article(500))) == 500


def test_news_asked_for_every_sentence_of_a_long_article_finishes(tmp_path: Path) -> None:
    # 10,000 sentences, all of them asked for: 10,000 greedy rounds took 79 s
    result = run_summarize(["-n", "10000", "--format", "json"], long_article(10_000), tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(json.loads(result.stdout)["sentences"]) == 10_000


def test_news_weighs_redundancy_for_the_first_sentences_of_a_very_long_summary() -> None:
    text = long_article(4000)
    whole = summarize(text, ratio="100%")
    assert len(whole.sentences) == 4000
    greedy = [s for s in whole.sentences if "redundancy" in s.parts or "dilution" in s.parts]
    assert 0 < len(greedy) <= news_rank.GREEDY_WORK // 4000


def test_news_bound_leaves_ordinary_summaries_alone(monkeypatch: pytest.MonkeyPatch) -> None:
    text = long_article(300)
    bounded = summarize(text, ratio="100%")
    monkeypatch.setattr(news_rank, "GREEDY_WORK", 10**12)
    assert summarize(text, ratio="100%") == bounded


@pytest.mark.parametrize("method", sorted(MAX_SENTENCES))
def test_a_sumy_method_refuses_an_article_over_its_limit(method: str) -> None:
    limit = MAX_SENTENCES[method]
    text = long_article(limit + 1)
    with pytest.raises(InputError) as caught:
        summarize(text, method=method)
    message = str(caught.value)
    assert message == (f"article too long for method {method} ({limit + 1:,} sentences; "
                       f"the limit is {limit:,}): use news or lead")


def test_the_cli_says_why_it_refuses_a_long_article(tmp_path: Path) -> None:
    limit = MAX_SENTENCES["kl"]
    result = run_summarize(["-m", "kl"], long_article(limit + 1), tmp_path)
    assert result.returncode == 1
    assert result.stdout == ""
    assert result.stderr.count("\n") == 1
    assert result.stderr.startswith("summarize: error: ")
    assert result.stderr.rstrip().endswith(
        f"article too long for method kl ({limit + 1:,} sentences; the limit is {limit:,}): "
        "use news or lead")


def test_kl_at_its_limit_finishes(tmp_path: Path) -> None:
    # the slowest per sentence (greedy rounds over every sentence left, each over its words);
    # every method at its limit is timed in tests/benchmarks/bench_bounds.py
    result = run_summarize(["-m", "kl"], long_article(MAX_SENTENCES["kl"]), tmp_path)
    assert result.returncode == 0, result.stderr
    assert len(result.stdout.strip().splitlines()) >= 3


def _page(attributes: int) -> str:
    attrs = " ".join(f'data-a{i}="v"' for i in range(attributes))
    body = "".join(f"<p>The council met on day {i} to debate the bus budget again.</p>"
                   for i in range(10))
    return f"<html><head><title>Budget</title></head><body><article {attrs}>{body}</article></body></html>"


def test_html_with_a_tag_of_too_many_attributes_is_refused_before_trafilatura() -> None:
    with pytest.raises(InputError) as caught:
        extract_html(_page(100_000))
    assert str(caught.value) == (
        f"the HTML has a tag with 100,000 attributes (the limit is {MAX_TAG_ATTRIBUTES:,}): "
        "not an article page")


def test_html_at_the_attribute_limit_is_read() -> None:
    page = extract_html(_page(MAX_TAG_ATTRIBUTES))
    assert "The council met on day 3" in page.text


def test_long_attribute_values_do_not_count_as_attributes() -> None:
    # a long srcset or SVG path has thousands of words inside one quoted value
    path = " ".join(f"L {i} {i}" for i in range(3000))
    html = (f'<html><body><svg><path d="M 0 0 {path}"/></svg>'
            + "".join(f"<p>Rain fell on the port for day {i} in a row.</p>" for i in range(10))
            + "</body></html>")
    assert "Rain fell on the port" in extract_html(html).text


def test_the_cli_refuses_such_html_with_one_line(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(_page(100_000), encoding="utf-8")
    result = subprocess.run(
        [sys.executable, "-m", "summarize.cli.summarize_cmd", str(path)],
        cwd=ROOT, capture_output=True, text=True, timeout=TIMEOUT, check=False,
    )
    assert result.returncode == 1
    assert result.stderr.count("\n") == 1 and "100,000 attributes" in result.stderr

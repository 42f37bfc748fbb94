"""`newsdesk eval`: the metrics on hand-computed cases, and the command end to end as a process.

Everything here uses text written for these tests; the shared evaluation data is only measured
on, never read by tests.
"""

from __future__ import annotations

import json
import os
import pty
import subprocess
import sys
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from summarize.evaluation.metrics import (
    EvaluationDataError,
    RougeScorer,
    evaluate,
    fold_assignment,
    keyphrase_scores,
    lead_lines,
    load_jsonl,
    normalize_phrase,
    normalized_phrases,
)

ROOT = Path(__file__).resolve().parents[1]

pytest.importorskip("rouge_score")

# ------------------------------------------------------------------------ keyphrase metric


def test_perfect_keyphrases_score_one_at_every_cutoff() -> None:
    gold = ["oil spill", "Prince William Sound", "tanker", "cleanup crews", "wildlife"]
    scores = keyphrase_scores(list(reversed(gold)), gold)
    assert scores == {
        "p@5": 1.0, "r@5": 1.0, "f1@5": 1.0, "p@10": 1.0, "r@10": 1.0, "f1@10": 1.0,
    }


def test_empty_prediction_scores_zero() -> None:
    scores = keyphrase_scores([], ["oil spill", "tanker"])
    assert set(scores.values()) == {0.0}


def test_partial_match_computed_by_hand() -> None:
    gold = ["oil spill", "Prince William Sound", "cleanup effort", "tanker"]
    predicted = ["oil spills", "Exxon", "cleanup efforts", "Alaska", "coast guard", "tanker"]
    scores = keyphrase_scores(predicted, gold)
    # top 5: oil spill, cleanup effort match -> P = 2/5, R = 2/4, F1 = 2PR/(P+R) = 4/9
    assert scores["p@5"] == pytest.approx(0.4)
    assert scores["r@5"] == pytest.approx(0.5)
    assert scores["f1@5"] == pytest.approx(4 / 9)
    # top 10 holds all 6 predictions, 3 match -> P = 3/6, R = 3/4, F1 = 0.6
    assert scores["p@10"] == pytest.approx(0.5)
    assert scores["r@10"] == pytest.approx(0.75)
    assert scores["f1@10"] == pytest.approx(0.6)


def test_duplicate_predictions_count_once_in_rank_order() -> None:
    predicted = ["Oil spill", "oil spills", "OIL SPILL.", "tanker", "coast guard"]
    assert normalized_phrases(predicted) == ["oil spill", "tanker", "coast guard"]
    scores = keyphrase_scores(predicted, ["oil spill"])
    # 3 distinct predictions, 1 match: P = 1/3 (not 3/5), R = 1
    assert scores["p@5"] == pytest.approx(1 / 3)
    assert scores["r@5"] == 1.0
    assert scores["f1@5"] == pytest.approx(0.5)
    # De-duplication happens before the cut: the 2nd distinct phrase is inside the top 2.
    assert keyphrase_scores(["spill", "spills", "tanker"], ["tanker"], ks=(2,))["r@2"] == 1.0


def test_gold_phrases_absent_from_text_and_duplicate_gold() -> None:
    # Recall divides by every distinct gold phrase, found in the text or not.
    scores = keyphrase_scores(["budget"], ["budget", "Budgets", "fiscal policy never mentioned"])
    assert scores["r@5"] == pytest.approx(1 / 2)
    assert scores["p@5"] == 1.0


def test_normalisation_lowercases_strips_punctuation_and_porter_stems() -> None:
    assert normalize_phrase("Running") == normalize_phrase("run") == "run"
    assert normalize_phrase("cleaning") == normalize_phrase("cleaned") == "clean"
    assert normalize_phrase("“Central  Banks,”") == normalize_phrase("central bank")
    assert normalize_phrase("(U.S. economy)") == normalize_phrase("u.s economies") == "u. economi"
    assert normalize_phrase("cleaning-up") != normalize_phrase("cleaning up")  # inner kept
    assert normalize_phrase(" -- ") == ""
    assert normalized_phrases(["--", "", "tax"]) == ["tax"]


PHRASES = st.lists(st.text(alphabet="abc -.,", min_size=0, max_size=12), max_size=15)


@settings(max_examples=200, deadline=None)
@given(predicted=PHRASES, gold=PHRASES)
def test_keyphrase_scores_are_bounded_and_consistent(predicted: list[str], gold: list[str]) -> None:
    scores = keyphrase_scores(predicted, gold)
    assert all(0.0 <= v <= 1.0 for v in scores.values())
    for k in (5, 10):
        p, r, f = scores[f"p@{k}"], scores[f"r@{k}"], scores[f"f1@{k}"]
        assert min(p, r) - 1e-12 <= f <= max(p, r) + 1e-12  # a harmonic mean lies between
    # Recall can only grow with k; doubling every prediction changes nothing.
    assert scores["r@10"] >= scores["r@5"]
    assert keyphrase_scores([x for x in predicted for _ in (0, 1)], gold) == scores
    n = len(normalized_phrases(gold))
    if n:  # predicting the gold list itself: every prediction matches, recall is capped by k
        itself = keyphrase_scores(gold, gold)
        assert itself["p@10"] == 1.0
        assert itself["r@10"] == pytest.approx(min(n, 10) / n)


# ---------------------------------------------------------------------------- ROUGE


def test_rouge_perfect_empty_and_hand_computed_partial() -> None:
    scorer = RougeScorer()
    assert scorer.score("The cat sat.", "The cat sat.") == {
        "rouge1": 1.0, "rouge2": 1.0, "rougeLsum": 1.0,
    }
    assert scorer.score("", "The cat sat.") == {"rouge1": 0.0, "rouge2": 0.0, "rougeLsum": 0.0}
    partial = scorer.score("the cat sat on the mat", "the cat lay on the mat")
    assert partial["rouge1"] == pytest.approx(5 / 6)  # the, the, cat, on, mat of 6 each
    assert partial["rouge2"] == pytest.approx(3 / 5)  # the cat, on the, the mat of 5 bigrams
    assert partial["rougeLsum"] == pytest.approx(5 / 6)  # LCS "the cat on the mat"


def test_rouge_stems_words_longer_than_three_letters() -> None:
    # cats -> cat, running/runs -> run: 3 of 4 predicted tokens match 3 of 3 reference tokens.
    score = RougeScorer().score("The cats were running", "the cat runs")
    assert score["rouge1"] == pytest.approx(2 * 0.75 * 1.0 / 1.75)


def test_rouge_lsum_uses_one_sentence_per_line() -> None:
    scorer = RougeScorer()
    by_line = scorer.score("alpha beta\ngamma delta", "gamma delta\nalpha beta")
    assert by_line["rougeLsum"] == 1.0  # each reference line is matched by a summary line
    flat = scorer.score("alpha beta gamma delta", "gamma delta alpha beta")
    assert flat["rougeLsum"] == pytest.approx(0.5)  # one line each: LCS is 2 of 4


def test_lead_baseline_takes_the_first_non_blank_lines() -> None:
    assert lead_lines("one\n\n  two  \nthree\nfour\n", 3) == "one\ntwo\nthree"
    assert lead_lines("only line", 3) == "only line"


# ------------------------------------------------------------------------------ data

WIRE_PERFECT = {
    "id": "w1",
    "source": "wire",
    "text": "The city council approved a new budget on Monday.\n"
    "The budget raises spending on schools and parks.\n"
    "Council members voted seven to two in favour.\n"
    "The mayor said taxes would not rise this year.\n"
    "Opponents said the plan relied on optimistic forecasts.",
    "reference": "The city council approved a new budget on Monday.\n"
    "The budget raises spending on schools and parks.\n"
    "Council members voted seven to two in favour.",
}
WIRE_MISS = {
    "id": 2,
    "source": "wire",
    "text": "Heavy snow closed mountain roads overnight.\nSkiers were stranded in two resorts.\n"
    "Plows worked until dawn.\nSchools opened late.",
    "reference": "Quarterly profits jumped for furniture makers.",
}
BLOG_PERFECT = {
    "id": "b1",
    "source": "blog",
    "text": "A small bakery won the regional bread prize.\nIts sourdough impressed the judges.\n"
    "The owner started baking during a long winter.\nShe now employs six people.",
    "reference": "A small bakery won the regional bread prize.\nIts sourdough impressed the judges.\n"
    "The owner started baking during a long winter.",
}

KEY_DOCS = [
    {
        "id": "k1",
        "source": "wire",
        "text": "The city council approved a new budget for schools and parks. The council "
        "budget raises school spending, and the mayor said the city budget keeps taxes flat. "
        "Parks in the city will get new playgrounds under the budget.",
        "keyphrases": ["city budget", "city council", "schools", "parks", "municipal bonds"],
    },
    {
        "id": "k2",
        "source": "blog",
        "text": "Heavy snow closed mountain roads and stranded skiers at two ski resorts. "
        "Snow plows cleared the mountain roads by dawn, and the ski resorts reopened.",
        "keyphrases": ["snow", "mountain roads", "ski resorts", "avalanche risk"],
    },
]


def _write_jsonl(path: Path, rows: list[dict[str, object]]) -> Path:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return path


@pytest.fixture
def summaries_file(tmp_path: Path) -> Path:
    return _write_jsonl(tmp_path / "summaries.jsonl", [WIRE_PERFECT, WIRE_MISS, BLOG_PERFECT])


@pytest.fixture
def keyphrases_file(tmp_path: Path) -> Path:
    return _write_jsonl(tmp_path / "keyphrases.jsonl", KEY_DOCS)


def test_loader_reads_rows_skips_blank_lines_and_limits_per_source(tmp_path: Path) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(
        "\ufeff" + json.dumps(WIRE_PERFECT) + "\n\n" + json.dumps(WIRE_MISS) + "\n"
        + json.dumps(BLOG_PERFECT) + "\n",
        encoding="utf-8",
    )
    docs = load_jsonl(path, "summaries")
    assert [(d.id, d.source) for d in docs] == [("w1", "wire"), ("2", "wire"), ("b1", "blog")]
    assert [d.id for d in load_jsonl(path, "summaries", limit=1)] == ["w1", "b1"]


@pytest.mark.parametrize(
    ("content", "message"),
    [
        ("{not json}\n", "d.jsonl:1: invalid JSON"),
        (json.dumps(WIRE_PERFECT) + "\n[1, 2]\n", "d.jsonl:2: expected a JSON object"),
        (json.dumps({**WIRE_PERFECT, "reference": None}) + "\n", "missing field 'reference'"),
        (json.dumps({"id": "x", "source": "s", "reference": "r"}) + "\n", "missing field 'text'"),
        (json.dumps({**WIRE_PERFECT, "text": "  "}) + "\n", "'text' must be a non-empty string"),
        ("\n\n", "no documents"),
    ],
)
def test_loader_errors_name_the_line_and_problem(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "d.jsonl"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(EvaluationDataError, match=message):
        load_jsonl(path, "summaries")


def test_loader_checks_keyphrase_lists(tmp_path: Path) -> None:
    path = _write_jsonl(tmp_path / "k.jsonl", [{**KEY_DOCS[0], "keyphrases": "city budget"}])
    with pytest.raises(EvaluationDataError, match="list of strings"):
        load_jsonl(path, "keyphrases")


# ----------------------------------------------------------------------- runner in-process


def test_scores_are_macro_averaged_per_source_and_overall(summaries_file: Path) -> None:
    docs = load_jsonl(summaries_file, "summaries")
    result = evaluate("summaries", docs, ["lead3"], size=3)
    (lead,) = result.methods
    assert result.sources == {"wire": 2, "blog": 1}
    assert lead.sources["wire"] == pytest.approx({"rouge1": 50.0, "rouge2": 50.0, "rougeLsum": 50.0})
    assert lead.sources["blog"] == pytest.approx({"rouge1": 100.0, "rouge2": 100.0, "rougeLsum": 100.0})
    # Overall is the mean over documents, not over sources: (100 + 0 + 100) / 3.
    assert lead.overall["rouge1"] == pytest.approx(200 / 3)


# ------------------------------------------------------------------------- cross-validation


def test_folds_are_balanced_per_source_and_independent_of_file_order() -> None:
    rows = [(f"doc-{i}", "a" if i % 3 else "b") for i in range(50)]
    folds = fold_assignment(rows, 5)
    for source in ("a", "b"):
        sizes = [sum(1 for r, f in zip(rows, folds) if r[1] == source and f == k) for k in range(5)]
        assert max(sizes) - min(sizes) <= 1, sizes
    shuffled = rows[::-1]
    again = dict(zip(shuffled, fold_assignment(shuffled, 5)))
    assert again == dict(zip(rows, folds))
    # dealt by a hash of the id, not by position: consecutive ids do not cycle 0, 1, 2, 3, 4
    assert folds[:10] != [i % 5 for i in range(10)] or folds[10:20] != [i % 5 for i in range(10)]


def test_fold_assignment_is_the_same_in_another_process() -> None:
    rows = [(f"id{i}", "s") for i in range(20)]
    code = (
        "from summarize.evaluation.metrics import fold_assignment;"
        f"print(fold_assignment({rows!r}, 4))"
    )
    other = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, cwd=ROOT, timeout=60,
        env={**os.environ, "PYTHONHASHSEED": "123"},
    )
    assert other.stdout.strip() == str(fold_assignment(rows, 4))


def test_fold_scores_average_the_documents_of_each_fold(tmp_path: Path) -> None:
    rows = [
        {**(WIRE_PERFECT if i % 2 else WIRE_MISS), "id": f"w{i}"} for i in range(8)
    ] + [{**BLOG_PERFECT, "id": f"b{i}"} for i in range(4)]
    docs = load_jsonl(_write_jsonl(tmp_path / "s.jsonl", rows), "summaries")
    result = evaluate("summaries", docs, ["lead3"], size=3, folds=2)
    (lead,) = result.methods
    assignment = fold_assignment([(d.id, d.source) for d in docs], 2)
    assert result.fold_sizes == ({"wire": 4, "blog": 2}, {"wire": 4, "blog": 2})
    for fold in range(2):
        perfect = [d for d, f in zip(docs, assignment) if f == fold and d.source == "wire"]
        expected = 100.0 * sum(d.text.startswith("The city") for d in perfect) / len(perfect)
        assert lead.folds[fold]["wire"]["rouge1"] == pytest.approx(expected)
        assert lead.folds[fold]["blog"]["rouge1"] == pytest.approx(100.0)
    mean, sd = lead.spread("wire")["rouge1"]
    per_fold = [lead.folds[f]["wire"]["rouge1"] for f in range(2)]
    assert mean == pytest.approx(sum(per_fold) / 2)
    assert sd == pytest.approx(abs(per_fold[0] - per_fold[1]) / 2 ** 0.5)
    assert lead.spread("blog")["rouge2"] == pytest.approx((100.0, 0.0))


# -------------------------------------------------------------------- command end to end


def _eval(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "summarize.cli.eval_cmd", *args],
        capture_output=True, text=True, cwd=ROOT, env=env, timeout=120,
    )


def test_summaries_command_json_end_to_end(summaries_file: Path) -> None:
    out = _eval("summaries", "--data", str(summaries_file), "-m", "lead3,news", "--json")
    assert out.returncode == 0, out.stderr
    assert out.stderr == ""  # no progress bar when stderr is not a terminal
    report = json.loads(out.stdout)
    assert report["version"] == 1
    assert report["task"] == "summaries"
    assert report["documents"] == 3
    assert report["sources"] == {"wire": 2, "blog": 1}
    assert report["parameters"] == {"sentences": 3}
    assert report["metrics"] == ["rouge1", "rouge2", "rougeLsum"]
    assert [m["method"] for m in report["methods"]] == ["lead3", "news"]
    lead = report["methods"][0]
    assert lead["sources"]["wire"] == {"rouge1": 50.0, "rouge2": 50.0, "rougeLsum": 50.0}
    assert lead["sources"]["blog"]["rougeLsum"] == 100.0
    assert lead["overall"]["rouge1"] == 66.67
    news = report["methods"][1]
    assert news["documents"] == 3
    assert all(0.0 <= v <= 100.0 for v in news["overall"].values())


def test_summaries_command_default_methods_limit_and_plain_table(summaries_file: Path) -> None:
    out = _eval("summaries", "--data", str(summaries_file), "--limit", "1", "-n", "3")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["source", "method", "docs", "R-1", "R-2", "R-Lsum", "ms/doc"]
    rows = [line.split() for line in lines[1:]]
    # sources wire, blog, then all; methods lead3 and the default method under each
    assert [r[:3] for r in rows] == [
        ["wire", "lead3", "1"], ["wire", "news", "1"],
        ["blog", "lead3", "1"], ["blog", "news", "1"],
        ["all", "lead3", "2"], ["all", "news", "2"],
    ]
    assert rows[0][3:6] == ["100.00", "100.00", "100.00"]  # --limit 1 keeps the perfect w1


def test_folds_option_prints_a_row_per_fold_and_the_spread(tmp_path: Path) -> None:
    rows = [{**WIRE_PERFECT, "id": f"w{i}"} for i in range(3)] + [
        {**WIRE_MISS, "id": f"m{i}"} for i in range(3)
    ]
    data = _write_jsonl(tmp_path / "s.jsonl", rows)
    out = _eval("summaries", "--data", str(data), "-m", "lead3", "--folds", "3")
    assert out.returncode == 0, out.stderr
    lines = out.stdout.splitlines()
    assert lines[0].split() == ["source", "method", "fold", "docs", "R-1", "R-2", "R-Lsum"]
    table = [line.split() for line in lines[1:]]
    assert [r[2] for r in table] == ["1", "2", "3", "mean±sd"]
    assert [r[3] for r in table] == ["2", "2", "2", "6"]
    import statistics

    per_fold = [float(r[4]) for r in table[:3]]
    assert table[-1][4] == f"50.00±{statistics.stdev(per_fold):.2f}"  # equal folds: mean 50
    report = json.loads(
        _eval("summaries", "--data", str(data), "-m", "lead3", "--folds", "3", "--json").stdout
    )
    assert report["parameters"] == {"sentences": 3, "folds": 3}
    lead = report["methods"][0]
    assert [f["documents"] for f in lead["folds"]] == [{"wire": 2}] * 3
    assert [f["sources"]["wire"]["rouge1"] for f in lead["folds"]] == per_fold
    assert lead["cross_validation"]["wire"]["rouge1"] == {
        "mean": 50.0, "sd": round(statistics.stdev(per_fold), 2)
    }
    bad = _eval("keyphrases", "--data", str(data), "--folds", "1")
    assert bad.returncode == 2 and "folds" in bad.stderr


def test_worker_processes_give_the_same_scores(summaries_file: Path) -> None:
    serial = json.loads(_eval("summaries", "--data", str(summaries_file), "--json").stdout)
    pooled = _eval("summaries", "--data", str(summaries_file), "--json", "--jobs", "2")
    assert pooled.returncode == 0, pooled.stderr
    strip = lambda r: [(m["method"], m["overall"], m["sources"]) for m in r["methods"]]  # noqa: E731
    assert strip(json.loads(pooled.stdout)) == strip(serial)


def test_keyphrases_command_matches_the_metric_on_our_topics(keyphrases_file: Path) -> None:
    from summarize import extract_topics

    out = _eval("keyphrases", "--data", str(keyphrases_file), "--json")
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert report["parameters"] == {"k": 10}
    assert report["metrics"] == ["p@5", "r@5", "f1@5", "p@10", "r@10", "f1@10"]
    (topics,) = report["methods"]
    assert topics["method"] == "topics"
    per_doc = [
        keyphrase_scores([t.label for t in extract_topics(d["text"], limit=10)], d["keyphrases"])
        for d in KEY_DOCS
    ]
    for key in report["metrics"]:
        expected = 100 * sum(s[key] for s in per_doc) / len(per_doc)
        assert topics["overall"][key] == pytest.approx(expected, abs=0.006)
    assert topics["sources"]["wire"]["f1@10"] == pytest.approx(100 * per_doc[0]["f1@10"], abs=0.006)


def test_keyphrases_command_runs_the_yake_baseline(keyphrases_file: Path) -> None:
    yake = pytest.importorskip("yake")
    out = _eval("keyphrases", "--data", str(keyphrases_file), "-m", "yake", "-k", "5", "--json")
    assert out.returncode == 0, out.stderr
    (result,) = json.loads(out.stdout)["methods"]
    doc = KEY_DOCS[1]
    predicted = [k for k, _ in yake.KeywordExtractor(lan="en", n=3, top=5).extract_keywords(doc["text"])]
    expected = keyphrase_scores(predicted, doc["keyphrases"])
    assert result["sources"]["blog"]["f1@5"] == pytest.approx(100 * expected["f1@5"], abs=0.006)


def _shadow(tmp_path: Path, module: str) -> dict[str, str]:
    """An environment in which importing `module` fails, as if it were not installed."""
    shadow = tmp_path / "shadow"
    (shadow / module).mkdir(parents=True)
    (shadow / module / "__init__.py").write_text(f"raise ImportError('no {module}')\n")
    return {**os.environ, "PYTHONPATH": f"{shadow}{os.pathsep}{ROOT}"}


@pytest.mark.parametrize(
    ("args", "code", "message"),
    [
        (["summaries", "--data", "{missing}"], 1, "cannot read"),
        (["summaries", "--data", "{bad}"], 1, "bad.jsonl:2: invalid JSON"),
        (["summaries", "--data", "{nofield}"], 1, "missing field 'reference'"),
        (["keyphrases", "--data", "{summaries}"], 1, "missing field 'keyphrases'"),
        (["summaries", "--data", "{summaries}", "-m", "bogus"], 2, "unknown method 'bogus'"),
        (["keyphrases", "--data", "{keyphrases}", "-m", "news"], 2, "unknown keyphrase method"),
        (["summaries"], 2, "Missing option '--data'"),
        (["summaries", "--data", "{summaries}", "-n", "0"], 2, "Invalid value"),
    ],
)
def test_error_paths_are_one_line_with_documented_exit_codes(
    tmp_path: Path, summaries_file: Path, keyphrases_file: Path,
    args: list[str], code: int, message: str,
) -> None:
    bad = tmp_path / "bad.jsonl"
    bad.write_text(json.dumps(WIRE_PERFECT) + "\n{oops\n", encoding="utf-8")
    nofield = _write_jsonl(tmp_path / "nofield.jsonl", [{k: v for k, v in WIRE_PERFECT.items() if k != "reference"}])
    paths = {
        "missing": str(tmp_path / "missing.jsonl"), "bad": str(bad), "nofield": str(nofield),
        "summaries": str(summaries_file), "keyphrases": str(keyphrases_file),
    }
    out = _eval(*(a.format(**paths) for a in args))
    assert out.returncode == code
    assert message in out.stderr
    assert "Traceback" not in out.stderr
    assert out.stdout == ""
    if code == 1:
        assert out.stderr.count("\n") == 1 and out.stderr.startswith("newsdesk eval: error: ")


@pytest.mark.parametrize(
    ("module", "args"),
    [("yake", ["keyphrases", "-m", "yake"]), ("rouge_score", ["summaries"])],
)
def test_missing_optional_package_is_a_one_line_error(
    tmp_path: Path, summaries_file: Path, keyphrases_file: Path, module: str, args: list[str]
) -> None:
    data = keyphrases_file if args[0] == "keyphrases" else summaries_file
    out = _eval(*args, "--data", str(data), env=_shadow(tmp_path, module))
    assert out.returncode == 1
    package = module.replace("_", "-")
    assert out.stderr == (
        f"newsdesk eval: error: {package} is not installed: pip install {package} "
        f"(or, in the Newsdesk checkout, pip install '.[eval]')\n"
    )


def test_untrusted_source_names_stay_inert(tmp_path: Path) -> None:
    rows = [{**WIRE_PERFECT, "source": "[bold red]wire[/]\x1b]0;pwned\x07\x1b[2J"}]
    data = _write_jsonl(tmp_path / "s.jsonl", rows)
    plain = _eval("summaries", "--data", str(data), "-m", "lead3")
    assert plain.returncode == 0, plain.stderr
    assert "\x1b" not in plain.stdout and "\x07" not in plain.stdout
    assert "[bold red]wire[/]" in plain.stdout
    # On a real terminal the rich table prints the name literally too.
    rich_out = _run_in_terminal(["summaries", "--data", str(data), "-m", "lead3"])
    assert "[bold red]wire[/]" in rich_out
    assert "pwned" not in rich_out and "\x1b[2J" not in rich_out
    assert "R-Lsum" in rich_out and "100.00" in rich_out


def _run_in_terminal(args: list[str]) -> str:
    """Run the command with stdout and stderr on a pseudo-terminal; return what it printed."""
    master, slave = pty.openpty()
    env = {**os.environ, "COLUMNS": "160", "LINES": "40", "TERM": "xterm-256color"}
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarize.cli.eval_cmd", *args],
        stdin=subprocess.DEVNULL, stdout=slave, stderr=slave, cwd=ROOT, env=env,
    )
    os.close(slave)
    chunks: list[bytes] = []
    while True:
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.wait(timeout=120) == 0
    return b"".join(chunks).decode("utf-8", "replace")

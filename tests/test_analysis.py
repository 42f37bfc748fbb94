"""`analyze()`: one split of a text, handed to `summarize()` and `extract_topics()`, no shared state.

The summary and the topics of one article come from one `Analysis`; nothing is remembered between
calls in module globals (the single-entry caches `sentences._last` and `news_rank._cache` are
gone), so texts summarized side by side, in threads, give what each gives alone.
"""

from __future__ import annotations

import pickle
import threading
from pathlib import Path

import pytest

from summarize import Analysis, analyze, extract_topics, split_sentences, summarize
from summarize import news_rank
from summarize import sentences as segmenter
from summarize.errors import EmptyInputError, UnsupportedLanguageError, UsageError
from summarize.ingest.articles import load_article_file, sample_article_paths

TEXTS = [load_article_file(p).body for p in sorted(sample_article_paths())]
GERMAN = (
    "Der Stadtrat hat am Montag den Bau einer neuen Straßenbahnlinie beschlossen. "
    "Die Bürgermeisterin sagte, die Arbeiten würden im Frühjahr beginnen. "
    "Die Linie soll den Hauptbahnhof mit der Universität verbinden. "
    "Kritiker hätten lieber mehr Geld für Busse ausgegeben."
)


def test_analysis_holds_the_language_and_the_split() -> None:
    text = TEXTS[0]
    analysis = analyze(text)
    assert isinstance(analysis, Analysis)
    assert analysis.text == text and analysis.language == "en"
    assert list(analysis.sentences) == split_sentences(text, "en")
    assert analysis.spans == tuple((s.start, s.end) for s in analysis.sentences)
    assert all(text[s.start:s.end] == s.text for s in analysis.sentences)
    assert analyze(GERMAN).language == "de"
    assert analyze(GERMAN, "english").language == "en"  # given, not detected


def test_summary_and_topics_from_an_analysis_equal_those_from_text() -> None:
    for text in TEXTS:
        analysis = analyze(text)
        assert summarize(analysis, sentences=3) == summarize(text, sentences=3)
        assert summarize(analysis, method="lead", ratio="20%") == summarize(text, method="lead", ratio="20%")
        assert extract_topics(analysis, limit=8) == extract_topics(text, limit=8)


def test_one_split_serves_the_summary_and_the_topics(monkeypatch: pytest.MonkeyPatch) -> None:
    """The reason `Analysis` exists: after `analyze`, neither call splits the text again."""
    calls: list[str] = []
    real = segmenter.SentenceSplitter.split

    def counting(self: segmenter.SentenceSplitter, text: str) -> list[segmenter.Sentence]:
        calls.append(text)
        return real(self, text)

    monkeypatch.setattr(segmenter.SentenceSplitter, "split", counting)
    analysis = analyze(TEXTS[1])
    assert len(calls) == 1
    summarize(analysis, sentences=2)
    extract_topics(analysis, limit=5)
    assert len(calls) == 1


def test_no_module_level_cache_in_the_core() -> None:
    assert not hasattr(segmenter, "_last")
    assert not hasattr(news_rank, "_cache")


def test_texts_interleaved_in_threads_give_what_each_gives_alone() -> None:
    alone = {text: (summarize(text, sentences=3), extract_topics(text, limit=6)) for text in TEXTS}
    errors: list[str] = []
    start = threading.Barrier(4)

    def work(offset: int) -> None:
        start.wait()
        for round_ in range(6):
            for i in range(len(TEXTS)):
                text = TEXTS[(i + offset + round_) % len(TEXTS)]
                analysis = analyze(text)
                got = (summarize(analysis, sentences=3), extract_topics(analysis, limit=6))
                if got != alone[text]:
                    errors.append(f"thread {offset}: text {TEXTS.index(text)} differs")
                if summarize(text, sentences=3) != alone[text][0]:
                    errors.append(f"thread {offset}: text {TEXTS.index(text)} differs from text")

    threads = [threading.Thread(target=work, args=(n,)) for n in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=120)
    assert not errors


def test_an_analysis_crosses_process_boundaries() -> None:
    analysis = analyze(TEXTS[2])
    again = pickle.loads(pickle.dumps(analysis))
    assert again == analysis and summarize(again) == summarize(analysis)


def test_bad_input_and_a_contradicting_language() -> None:
    with pytest.raises(EmptyInputError):
        analyze("  \n ")
    with pytest.raises(EmptyInputError):
        summarize("")
    with pytest.raises(EmptyInputError):
        extract_topics("\t")
    with pytest.raises(UnsupportedLanguageError):
        analyze(TEXTS[0], "klingon")
    analysis = analyze(TEXTS[0], "en")
    assert summarize(analysis, language="English") == summarize(analysis)  # agrees: fine
    with pytest.raises(UsageError, match="contradicts"):
        summarize(analysis, language="de")
    with pytest.raises(UsageError, match="contradicts"):
        extract_topics(analysis, language="de")


def test_arguments_are_checked_before_the_text() -> None:
    """Usage errors win over input errors, with an Analysis or a text alike."""
    from summarize.errors import InvalidLengthError, UnknownMethodError

    with pytest.raises(UnknownMethodError):
        summarize("", method="nope")
    with pytest.raises(InvalidLengthError):
        summarize("", sentences=0)


def test_the_public_name_loads_lazily() -> None:
    import subprocess
    import sys

    probe = (
        "import sys, summarize\n"
        "assert 'summarize.analysis' not in sys.modules\n"
        "summarize.analyze('One. Two.')\n"
        "print('summarize.topics' in sys.modules)\n"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True,
                         cwd=Path(__file__).resolve().parents[1])
    assert out.stdout.strip() == "False"  # analysing loads no topic extractor

"""The result records and the package's lazy public names.

The records are NamedTuples (cheaper to import and build than frozen dataclasses, see
summarize/models.py); these tests pin what callers relied on when they were dataclasses:
immutability, JSON through `to_dict()`, hashing that ignores the explanatory `parts`.
"""

from __future__ import annotations

import json
import math
import subprocess
import sys

import pytest

import summarize
from summarize import Sentence, Summary, SummarySentence, Topic, extract_topics
from summarize import summarize as summarize_text


def test_records_are_immutable(seed_text: str) -> None:
    summary = summarize_text(seed_text, sentences=2)
    with pytest.raises(AttributeError):
        summary.method = "lead"  # type: ignore[misc]
    with pytest.raises(AttributeError):
        summary.sentences[0].score = 1.0  # type: ignore[misc]
    topic = extract_topics(seed_text, limit=1)[0]
    with pytest.raises(AttributeError):
        topic.label = "x"  # type: ignore[misc]


def test_default_parts_are_read_only_and_not_shared_state() -> None:
    a = Topic(label="a", score=1.0, count=1)
    b = SummarySentence(index=0, text="A.", start=0, end=2, score=0.5)
    assert dict(a.parts) == {} and dict(b.parts) == {}
    with pytest.raises(TypeError):
        a.parts["x"] = 1.0  # type: ignore[index]
    assert dict(Topic(label="c", score=1.0, count=1).parts) == {}


def test_summary_to_dict_is_json_and_round_trips(seed_text: str) -> None:
    summary = summarize_text(seed_text, sentences=3)
    data = json.loads(json.dumps(summary.to_dict(), allow_nan=False))
    assert set(data) == {"method", "language", "sentences", "sizes", "scores", "spans"}
    assert [s["text"] for s in data["sentences"]] == [s.text for s in summary.sentences]
    assert set(data["sentences"][0]) == {"text", "index", "score", "start", "end", "parts"}
    assert data["sentences"][0]["parts"] == dict(summary.sentences[0].parts)
    assert data["sizes"] == {
        "input_chars": len(seed_text), "input_words": summary.input_words,
        "input_sentences": summary.input_sentences, "summary_chars": summary.summary_chars,
        "summary_sentences": 3,
    }
    assert len(data["scores"]) == len(data["spans"]) == summary.input_sentences
    assert Summary.from_dict(data) == summary  # exact: what the library's cache relies on


def test_summary_spans_are_every_sentence_of_the_article(seed_text: str) -> None:
    from summarize import split_sentences

    summary = summarize_text(seed_text, sentences=2)
    assert summary.spans == tuple((s.start, s.end) for s in split_sentences(seed_text, "en"))
    assert all(summary.spans[s.index] == (s.start, s.end) for s in summary.sentences)


def test_summary_to_dict_rounds_when_asked_and_never_writes_nan(seed_text: str) -> None:
    summary = summarize_text(seed_text, sentences=2)
    rounded = summary.to_dict(digits=2)
    assert all(round(v, 2) == v for v in rounded["scores"])
    broken = summary._replace(scores=(math.nan, math.inf, -math.inf))
    assert broken.to_dict()["scores"] == [None, None, None]
    json.dumps(broken.to_dict(), allow_nan=False)  # valid JSON, whatever the scores


def test_topic_to_dict_is_json(seed_text: str) -> None:
    topic = extract_topics(seed_text, limit=1)[0]
    data = json.loads(json.dumps(topic.to_dict()))
    assert data["label"] == topic.label and data["count"] == topic.count
    assert [tuple(s) for s in data["spans"]] == list(topic.spans)
    assert data["parts"] == dict(topic.parts)
    assert Sentence("A.", 0, 2).to_dict() == {"text": "A.", "start": 0, "end": 2}


def test_hash_ignores_parts_but_equality_does_not() -> None:
    one = Topic(label="UN", score=1.0, count=2, parts={"frequency": 1.0})
    two = Topic(label="UN", score=1.0, count=2, parts={"frequency": 0.5})
    assert hash(one) == hash(two)  # hashable although `parts` is a dict
    assert one != two
    assert len({one, two, Topic(label="UN", score=1.0, count=2, parts={"frequency": 1.0})}) == 2
    s = SummarySentence(index=1, text="B.", start=3, end=5, score=0.2, parts={"position": 0.1})
    assert hash(s) == hash(s._replace(parts={})) and s != s._replace(parts={})


@pytest.mark.parametrize("name", summarize.__all__)
def test_every_public_name_resolves(name: str) -> None:
    assert getattr(summarize, name) is not None


def test_unknown_attribute_is_an_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nonesuch'"):
        summarize.nonesuch  # noqa: B018


def test_public_names_load_on_first_use() -> None:
    code = (
        "import sys, summarize\n"
        "before = 'summarize.topics' in sys.modules\n"
        "from summarize import summarize as s\n"
        "s('One sentence here. And another one there.')\n"
        "mid = 'summarize.topics' in sys.modules\n"
        "heavy = [m for m in ('dataclasses', 'typing', 'inspect') if m in sys.modules]\n"
        "summarize.extract_topics\n"
        "print(before, mid, 'summarize.topics' in sys.modules, heavy)\n"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    # the default summary's start-up cost: none of the ~13 ms of dataclasses/typing/inspect
    assert out.stdout.split() == ["False", "False", "True", "[]"]


def test_record_base_builds_what_typing_namedtuple_builds() -> None:
    import pickle
    from typing import NamedTuple

    from summarize._record import Record

    class Typed(NamedTuple):
        """A point."""

        x: int
        y: int = 2

        @property
        def total(self) -> int:
            return self.x + self.y

        @classmethod
        def origin(cls) -> "Typed":
            return cls(0, 0)

    class Fast(Record):
        """A point."""

        x: int
        y: int = 2

        @property
        def total(self) -> int:
            return self.x + self.y

        @classmethod
        def origin(cls) -> "Fast":
            return cls(0, 0)

    for cls in (Typed, Fast):
        p = cls(1)
        assert (p.x, p.y, p.total, tuple(p)) == (1, 2, 3, (1, 2))
        assert cls._fields == ("x", "y") and cls._field_defaults == {"y": 2}
        assert p._replace(y=5) == (1, 5) and p._asdict() == {"x": 1, "y": 2}
        assert cls.origin() == (0, 0) and isinstance(cls.origin(), cls)
        assert cls.__doc__ == "A point." and repr(p) == f"{cls.__name__}(x=1, y=2)"
        assert set(cls.__annotations__) == {"x", "y"}
        with pytest.raises(AttributeError):
            p.x = 3  # type: ignore[misc]
        with pytest.raises(TypeError):
            cls()  # type: ignore[call-arg]
    assert pickle.loads(pickle.dumps(Topic(label="UN", score=1.0, count=1))).label == "UN"


def test_record_base_rejects_a_default_before_a_required_field() -> None:
    from summarize._record import Record

    with pytest.raises(TypeError, match="defaults must come after"):

        class Bad(Record):  # noqa: F841
            x: int = 0
            y: int

"""Loader for segmentation_cases.txt: the segmenter's hand-written cases (tests and benchmark).

Kept next to the data so the test suite and tests/benchmarks/bench_segmenter.py read the cases
the same way; see the header of the .txt file for its format.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

CASES_PATH = Path(__file__).with_name("segmentation_cases.txt")

_ESCAPE = re.compile(r"\\(r|t|n|u[0-9a-fA-F]{4})")
_SIMPLE = {"r": "\r", "t": "\t", "n": "\n"}


@dataclass(frozen=True, slots=True)
class SegmentationCase:
    """One input text and the sentences it must be split into."""

    id: str
    language: str
    text: str
    expected: tuple[str, ...]


def _unescape(value: str) -> str:
    def sub(m: re.Match[str]) -> str:
        code = m.group(1)
        return _SIMPLE[code] if code in _SIMPLE else chr(int(code[1:], 16))

    return _ESCAPE.sub(sub, value)


def load_cases(path: Path = CASES_PATH) -> list[SegmentationCase]:
    """Every case of the file, in file order; ids are "LANG-ID" and unique."""
    lines = path.read_text(encoding="utf-8").split("\n")
    cases: list[SegmentationCase] = []
    i = 0
    while i < len(lines) and not lines[i].startswith("=== "):
        i += 1
    while i < len(lines):
        header = lines[i][4:].split()
        escaped = header[-1] == "escaped"
        language, name = header[0], header[1]
        i += 1
        body: list[str] = []
        while lines[i] != "---":
            body.append(lines[i])
            i += 1
        i += 1
        expected: list[str] = []
        while i < len(lines) and not lines[i].startswith("=== "):
            if lines[i].strip():
                expected.append(lines[i])
            i += 1
        text = "\n".join(body)
        if escaped:
            text = _unescape(text)
            expected = [_unescape(e) for e in expected]
        cases.append(SegmentationCase(f"{language}-{name}", language, text, tuple(expected)))
    ids = [c.id for c in cases]
    duplicates = {x for x in ids if ids.count(x) > 1}
    if duplicates:
        raise ValueError(f"duplicate case ids: {sorted(duplicates)}")
    return cases

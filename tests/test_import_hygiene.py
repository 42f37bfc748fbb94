"""The headless core stays headless and light: importing it loads no UI, CLI or NLP stack."""

from __future__ import annotations

import json
import subprocess
import sys

FORBIDDEN = ["textual", "rich", "click", "tui", "sumy", "nltk", "numpy", "trafilatura", "feedparser", "httpx"]


def _loaded_after(code: str) -> set[str]:
    probe = (
        code
        + "\nimport sys, json\n"
        + f"print(json.dumps(sorted(m for m in {FORBIDDEN!r} if m in sys.modules)))"
    )
    out = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True, check=True)
    return set(json.loads(out.stdout))


def test_importing_core_loads_no_ui_cli_or_nlp_modules() -> None:
    assert _loaded_after("import summarize") == set()


def test_default_summary_and_topics_need_no_sumy_or_nltk() -> None:
    code = (
        "import summarize\n"
        "t = 'The council approved the budget on Monday. The mayor said taxes will not rise. '"
        " * 5\n"
        "summarize.summarize(t, sentences=2); summarize.extract_topics(t)"
    )
    assert _loaded_after(code) == set()

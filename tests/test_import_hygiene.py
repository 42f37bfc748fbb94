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


def test_one_shot_summarize_command_loads_no_ui_cli_or_nlp_modules() -> None:
    """`summarize -n 3 < article`, run the way its console script runs it, in a fresh interpreter:
    argparse and the core only (click alone would cost ~30 ms of a ~34 ms start-up budget)."""
    from pathlib import Path

    article = Path(__file__).resolve().parents[1] / "sample_articles" / "seed-kazakhstan-un.txt"
    probe = (
        "import sys\n"
        "from summarize.cli.summarize_cmd import main\n"
        "code = main(['-n', '3'])\n"
        "sys.stdout.flush()\n"
        f"loaded = sorted(m for m in {FORBIDDEN!r} if m in sys.modules)\n"
        "sys.stderr.write('loaded: ' + ' '.join(loaded) + '\\n')\n"
        "sys.exit(code)\n"
    )
    with article.open("rb") as stdin:
        proc = subprocess.run([sys.executable, "-c", probe], stdin=stdin, capture_output=True, text=True)
    assert proc.returncode == 0, proc.stderr
    assert len(proc.stdout.splitlines()) == 3  # the probe ran the real command: three sentences
    assert proc.stderr.splitlines() == ["loaded: "]


def test_one_shot_summary_path_stays_on_light_records() -> None:
    """The records of the one-shot path (`Analysis`, `Summary`, the command's `Options`/`Job`/
    `Outcome`) are `summarize._record` NamedTuples: `summarize -n 3 < article` imports neither
    `typing` nor `dataclasses` (which pulls in `inspect`), and `--json` (topics too) no
    `dataclasses`."""
    from pathlib import Path

    article = Path(__file__).resolve().parents[1] / "sample_articles" / "seed-kazakhstan-un.txt"
    for args, watched in ((["-n", "3"], ("typing", "dataclasses", "inspect", "click")),
                          (["--json", "-n", "3"], ("dataclasses", "inspect", "click"))):
        probe = (
            "import sys\n"
            "from summarize.cli.summarize_cmd import main\n"
            f"code = main({args!r})\n"
            "sys.stdout.flush()\n"
            f"heavy = sorted(m for m in {watched!r} if m in sys.modules)\n"
            "sys.stderr.write('loaded: ' + ' '.join(heavy) + '\\n')\n"
            "sys.exit(code)\n"
        )
        with article.open("rb") as stdin:
            proc = subprocess.run([sys.executable, "-c", probe], stdin=stdin, capture_output=True,
                                  text=True)
        assert proc.returncode == 0, proc.stderr
        assert proc.stderr.splitlines() == ["loaded: "], (args, proc.stderr)

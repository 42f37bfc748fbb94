"""The `summarize` command as a real subprocess: real pipes, files, a real terminal (pty), a real
HTTP server on 127.0.0.1; plus in-process checks of `main(argv)` (the console-script entry point)
with a real byte stream on stdin. Output formats, exit codes and error messages are an API.
"""

from __future__ import annotations

import io
import json
import os
import pty
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path

import pytest

from httpserver import Server, serve
from summarize.ingest.articles import load_article_file
from summarize.cli.summarize_cmd import build_parser, main

ROOT = Path(__file__).resolve().parents[1]
SAMPLES = ROOT / "sample_articles"
SEED = SAMPLES / "seed-kazakhstan-un.txt"

ARTICLE = (
    "The city council voted on Monday to build a new tram line across the river.\n\n"
    "Mayor Lena Ortiz said construction would start in the spring and last three years.\n\n"
    "The line will link the central station with the university and the hospital.\n\n"
    "Opponents argued that the money should go to buses, which serve more districts.\n\n"
    "The regional government has promised to pay half of the cost of the project.\n"
)

INJECTED = (
    "Officials said [bold]nothing[/] had changed at the port on Monday.\n\n"
    "A notice read [link=http://evil.example]click here[/link] for the full report.\n\n"
    "Workers found \x1b[2Jthe screen cleared and \x1b]52;c;ZXZpbA==\x07the clipboard set.\n\n"
    "A C1 sequence \x9b31mturned text red and \x1b[31mmore red text\x1b[0m followed.\n\n"
    "The emoji code :smile: and a bell\x07 and a backspace\x08 appeared in the text.\n"
)


def run(
    args: Sequence[str],
    stdin: bytes | None = None,
    *,
    timeout: float = 60,
    cwd: Path | None = None,
) -> subprocess.CompletedProcess[bytes]:
    """`summarize ARGS` as a subprocess with real pipes (stdin closed when not given)."""
    return subprocess.run(
        [sys.executable, "-m", "summarize.cli.summarize_cmd", *args],
        input=stdin if stdin is not None else b"",
        capture_output=True,
        timeout=timeout,
        cwd=cwd,
    )


def err_lines(proc: subprocess.CompletedProcess[bytes]) -> list[str]:
    return proc.stderr.decode().splitlines()


def assert_clean_error(proc: subprocess.CompletedProcess[bytes], code: int, name: str | None, reason: str) -> None:
    lines = err_lines(proc)
    assert proc.returncode == code, proc.stderr
    assert len(lines) == 1, lines
    prefix = f"summarize: error: {name}: " if name is not None else "summarize: error: "
    assert lines[0].startswith(prefix), lines[0]
    assert reason in lines[0]
    assert b"Traceback" not in proc.stderr


@pytest.fixture(scope="module")
def server() -> Iterator[Server]:
    with serve() as s:
        yield s


# --- reading -----------------------------------------------------------------------------------


def test_piped_stdin_text_format_is_one_sentence_per_line() -> None:
    proc = run(["-n", "2"], ARTICLE.encode())
    assert proc.returncode == 0 and proc.stderr == b""
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2
    sentences = [s for s in ARTICLE.split("\n") if s]
    assert all(line in sentences for line in lines)
    assert sentences.index(lines[0]) < sentences.index(lines[1])  # article order


WRAPPED = (  # an e-mail or plain-text page, wrapped at 72 columns
    "The city council voted on Tuesday to close the old Elm Street bridge to\n"
    "cars from next spring, after engineers found cracks in two of its steel\n"
    "supports. The bridge will stay open to people on foot and on bicycles,\n"
    "the council said.\n"
    "\n"
    "Mayor Ines Ortiz said the closure would last at least a year while the\n"
    "county looks for money to replace the supports, and the shops asked for\n"
    "a free shuttle bus.\n"
)


def test_piped_hard_wrapped_text_gives_whole_sentences_one_per_line() -> None:
    """A wrapped line is no sentence: the summary's lines are whole sentences with their line
    breaks as spaces, and --json keeps each sentence exactly as it stands in the input."""
    proc = run(["-n", "2", "-k", "0"], WRAPPED.encode())
    assert proc.returncode == 0 and proc.stderr == b""
    unwrapped = " ".join(WRAPPED.split())
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 2
    assert all(line.endswith(".") and line in unwrapped for line in lines)
    assert lines[0].startswith("The city council voted") and "steel supports." in lines[0]
    data = json.loads(run(["--json", "-n", "3"], WRAPPED.encode()).stdout)
    assert [WRAPPED[s["start"]:s["end"]] for s in data["sentences"]] == [
        s["text"] for s in data["sentences"]
    ]
    assert data["sizes"]["input_sentences"] == 3
    assert "\n" in data["sentences"][0]["text"]


def test_dash_reads_stdin_like_no_argument() -> None:
    assert run(["-n", "2", "-"], ARTICLE.encode()).stdout == run(["-n", "2"], ARTICLE.encode()).stdout


def test_json_sentences_are_the_article_at_their_offsets() -> None:
    proc = run(["--json", "-n", "3", str(SEED)])
    assert proc.returncode == 0
    data = json.loads(proc.stdout)
    body = load_article_file(SEED).body
    assert data["schema"] == "newsdesk.summary/1"
    assert data["input"] == str(SEED) and data["kind"] == "text"
    assert data["title"] == load_article_file(SEED).title
    assert data["language"] == "en" and data["method"] == "news"
    assert len(data["sentences"]) == 3
    indices = [s["index"] for s in data["sentences"]]
    assert indices == sorted(indices)
    for s in data["sentences"]:
        assert body[s["start"]:s["end"]] == s["text"]
        assert isinstance(s["score"], float) and isinstance(s["parts"], dict)
    assert 1 <= len(data["topics"]) <= 8
    for t in data["topics"]:
        assert set(t) == {"label", "score", "count"} and t["label"] in body
    sizes = data["sizes"]
    assert sizes["input_chars"] == len(body)
    assert sizes["summary_sentences"] == 3
    assert sizes["summary_chars"] == sum(len(s["text"]) for s in data["sentences"])
    assert sizes["input_sentences"] > 3 and sizes["input_words"] > 100


def test_json_of_piped_plain_text_offsets_are_into_the_input() -> None:
    data = json.loads(run(["--format", "json", "-n", "2", "-k", "3"], ARTICLE.encode()).stdout)
    for s in data["sentences"]:
        assert ARTICLE[s["start"]:s["end"]] == s["text"]
    assert len(data["topics"]) <= 3 and data["input"] == "<stdin>"


def test_several_files_text_blocks_with_headers(tmp_path: Path) -> None:
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    b.write_text(load_article_file(SEED).body, encoding="utf-8")
    proc = run(["-n", "1", str(a), str(b)])
    assert proc.returncode == 0
    single_a = run(["-n", "1", str(a)]).stdout.decode()
    single_b = run(["-n", "1", str(b)]).stdout.decode()
    assert proc.stdout.decode() == f"==> {a} <==\n{single_a}\n==> {b} <==\n{single_b}"


def test_a_folders_worth_runs_in_parallel_in_input_order(tmp_path: Path) -> None:
    sources = sorted(SAMPLES.glob("*.txt"))[:6]
    paths = []
    for i in range(12):  # above the parallel threshold
        p = tmp_path / f"{i:02d}-{sources[i % len(sources)].name}"
        p.write_bytes(sources[i % len(sources)].read_bytes())
        paths.append(p)
    proc = run(["--json", "-n", "2", *map(str, paths)])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert [d["input"] for d in data] == [str(p) for p in paths]
    for i, d in enumerate(data):  # copies of the same article give the same summary
        twin = data[(i + len(sources)) % len(paths)]
        assert [s["text"] for s in d["sentences"]] == [s["text"] for s in twin["sentences"]]
    serial = json.loads(run(["--json", "-n", "2", str(paths[3])]).stdout)
    assert serial["sentences"] == data[3]["sentences"]


def test_jsonl_in_and_out_with_bad_lines() -> None:
    lines = [
        json.dumps({"id": "a1", "title": "Tram", "text": ARTICLE}),
        "{not json",
        json.dumps({"id": 7, "body": "no text field"}),
        "",
        json.dumps({"text": load_article_file(SEED).body}),
    ]
    proc = run(["--jsonl", "-n", "2"], ("\n".join(lines) + "\n").encode())
    assert proc.returncode == 1
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [(o["id"], o["line"], o["title"]) for o in out] == [("a1", 1, "Tram"), (None, 5, None)]
    assert all(o["schema"] == "newsdesk.summary/1" and len(o["sentences"]) == 2 for o in out)
    errors = err_lines(proc)
    assert errors == [
        "summarize: error: <stdin>:2: not valid JSON (Expecting property name enclosed in double quotes)",
        'summarize: error: <stdin>:3: no "text" string in this JSON line',
    ]


def test_jsonl_line_nested_too_deeply_is_one_error_line() -> None:
    lines = ["[" * 100_000, json.dumps({"text": ARTICLE})]
    proc = run(["--jsonl", "-n", "1"], ("\n".join(lines) + "\n").encode())
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert err_lines(proc) == ["summarize: error: <stdin>:1: not valid JSON (nested too deeply)"]
    assert [json.loads(line)["line"] for line in proc.stdout.decode().splitlines()] == [2]


def test_jsonl_ids_of_any_json_value_come_back_from_the_process_pool() -> None:
    deep = json.loads("[" * 900 + "]" * 900)  # fine for json, too deep to pickle to a worker
    ids = [deep, {"k": [1, 2]}, "a", 7, None, 2.5, True, [], "z"]
    lines = [json.dumps({"id": i, "text": ARTICLE}) for i in ids]  # 9 lines: above the threshold
    proc = run(["--jsonl", "-n", "1"], ("\n".join(lines) + "\n").encode())
    assert proc.returncode == 0 and proc.stderr == b"", proc.stderr[-500:]
    out = [json.loads(line) for line in proc.stdout.decode().splitlines()]
    assert [o["id"] for o in out] == ids and [o["line"] for o in out] == list(range(1, 10))


def test_topics_only_prints_labels_one_per_line() -> None:
    proc = run(["--topics-only", "-k", "5", str(SEED)])
    labels = proc.stdout.decode().splitlines()
    data = json.loads(run(["--json", "-k", "5", str(SEED)]).stdout)
    assert proc.returncode == 0 and 1 <= len(labels) <= 5
    assert labels == [t["label"] for t in data["topics"]]


def test_markdown_digest() -> None:
    proc = run(["--format", "markdown", "-n", "2", "-k", "3", str(SEED)])
    text = proc.stdout.decode()
    title = load_article_file(SEED).title
    lines = text.splitlines()
    assert lines[0] == f"## {title}" and lines[1] == ""
    bullets = [line for line in lines if line.startswith("- ")]
    unescaped = [re.sub(r"\\(.)", r"\1", b[2:]) for b in bullets]  # Markdown's escapes undone
    assert len(bullets) == 2 and all(b in load_article_file(SEED).body for b in unescaped)
    assert lines[-1].startswith("**Topics:** ") and len(lines[-1].split(", ")) <= 3


def test_explain_shows_score_parts() -> None:
    proc = run(["--explain", "-n", "2", "--format", "text"], ARTICLE.encode())
    lines = proc.stdout.decode().splitlines()
    assert len(lines) == 4
    assert lines[1].startswith("\t#") and "score " in lines[1]


def test_html_and_markdown_files_are_reduced(tmp_path: Path) -> None:
    from httpserver import ARTICLE_HTML

    page = tmp_path / "page.html"
    page.write_text(ARTICLE_HTML, encoding="utf-8")
    data = json.loads(run(["--json", "-n", "2", str(page)]).stdout)
    assert data["kind"] == "html" and data["title"] == "Harbour council approves ferry plan"
    assert all("<" not in s["text"] for s in data["sentences"])
    md = tmp_path / "note.md"
    md.write_text("# Tram vote\n\n" + ARTICLE.replace("Mayor Lena Ortiz", "**Mayor** [Lena Ortiz](https://x.org)"))
    data = json.loads(run(["--json", "--ratio", "100%", str(md)]).stdout)
    assert data["kind"] == "markdown" and data["title"] == "Tram vote"
    assert any(s["text"].startswith("Mayor Lena Ortiz said") for s in data["sentences"])


# --- errors and exit codes -------------------------------------------------------------------


@pytest.mark.parametrize(
    ("stdin", "reason"),
    [
        (b"", "input is empty"),
        (b"  \n\t \n", "only white space"),
        (b"\x7fELF\x02\x01\x01\x00\x00\x00" + bytes(range(256)) * 8, "binary data"),
    ],
    ids=["empty", "whitespace", "binary"],
)
def test_bad_stdin(stdin: bytes, reason: str) -> None:
    proc = run([], stdin)
    assert_clean_error(proc, 1, "<stdin>", reason)
    assert proc.stdout == b""


def test_missing_file_and_directory(tmp_path: Path) -> None:
    assert_clean_error(run([str(tmp_path / "nope.txt")]), 1, str(tmp_path / "nope.txt"), "no such file")
    assert_clean_error(run([str(tmp_path)]), 1, str(tmp_path), "is a directory")


def test_good_inputs_still_printed_when_one_fails(tmp_path: Path) -> None:
    good = tmp_path / "good.txt"
    good.write_text(ARTICLE, encoding="utf-8")
    proc = run(["-n", "1", str(good), str(tmp_path / "gone.txt"), str(good)])
    assert proc.returncode == 1
    assert proc.stdout.decode().count(f"==> {good} <==") == 2
    assert err_lines(proc) == [f"summarize: error: {tmp_path / 'gone.txt'}: no such file"]


@pytest.mark.parametrize(
    ("args", "reason"),
    [
        (["-m", "nonsense"], "unknown method 'nonsense'"),
        (["--language", "klingon"], "unsupported language 'klingon'"),
        (["--ratio", "1.5"], "ratio"),
        (["--ratio", "ten"], "ratio"),
        (["--ratio", "0%"], "ratio"),
        (["-n", "0"], "sentences"),
        (["--words", "-3"], "words"),
        (["-n", "2", "--ratio", "20%"], "sentences and ratio"),
        (["--format", "yaml"], "--format"),
        (["--no-such-option"], "--no-such-option"),
    ],
)
def test_usage_errors_exit_2_before_reading(args: list[str], reason: str) -> None:
    """Exit 2, one line naming what was wrong, nothing on stdout (the wording is the core's or
    argparse's, not pinned here)."""
    proc = run([*args, str(SEED)])
    assert_clean_error(proc, 2, None, reason)
    assert proc.stdout == b""


def test_methods_and_languages_accepted() -> None:
    proc = run(["-m", "LEAD", "--language", "English", "-n", "2", "--json", str(SEED)])
    data = json.loads(proc.stdout)
    assert data["method"] == "lead" and data["language"] == "en"
    assert [s["index"] for s in data["sentences"]] == [0, 1]


def test_version_and_help() -> None:
    from importlib.metadata import version

    assert run(["--version"]).stdout.decode() == f"summarize {version('newsdesk')}\n"
    help_text = run(["--help"]).stdout.decode()
    assert "curl -s" in help_text and "pbpaste | summarize -n 3 --json" in help_text
    assert "==> NAME <==" in help_text and "Exit codes" in help_text
    assert "lead" in help_text  # the methods list


def test_broken_pipe_is_quiet(tmp_path: Path) -> None:
    long_article = SAMPLES / "feature-last-night-ferry.txt"  # 16 kB: 10 copies overflow the pipe
    paths = []
    for i in range(10):
        p = tmp_path / f"{i}.txt"
        p.write_bytes(long_article.read_bytes())
        paths.append(str(p))
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarize.cli.summarize_cmd", "-m", "lead", "--ratio", "100%", *paths],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    assert proc.stdout is not None and proc.stderr is not None
    proc.stdout.read(100)
    proc.stdout.close()  # like `| head -c 100`
    err = proc.stderr.read()
    assert proc.wait(timeout=60) == 0
    assert err == b""


def _imported_modules(args: Sequence[str], stdin: bytes) -> set[str]:
    proc = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "summarize.cli.summarize_cmd", *args],
        input=stdin, capture_output=True, timeout=60,
    )
    assert proc.returncode == 0, proc.stderr
    return {
        line.rsplit("|", 1)[1].strip()
        for line in proc.stderr.decode().splitlines()
        if line.startswith("import time:") and "|" in line
    }


HEAVY = {"rich", "httpx", "trafilatura", "numpy", "nltk", "markdown_it", "charset_normalizer",
         "sumy.summarizers", "sumy.nlp", "concurrent.futures", "json", "click", "dataclasses",
         "importlib.metadata", "shutil", "difflib", "textwrap",
         "summarize.topics"}  # text output without --topics-only prints no topics


def test_one_shot_start_up_loads_nothing_heavy() -> None:
    loaded = _imported_modules(["-n", "3"], ARTICLE.encode())
    assert "argparse" in loaded and "summarize.sanitize" in loaded  # the probe does see imports
    assert not loaded & HEAVY, loaded & HEAVY


def test_json_output_loads_json_but_not_rich() -> None:
    loaded = _imported_modules(["--json", "-n", "3"], ARTICLE.encode())
    assert "json" in loaded and "rich" not in loaded


# --- URLs --------------------------------------------------------------------------------------


def test_good_url_html_reduced_by_trafilatura(server: Server) -> None:
    proc = run(["--json", "-n", "2", server.url + "/article.html"])
    assert proc.returncode == 0, proc.stderr
    data = json.loads(proc.stdout)
    assert data["kind"] == "html" and data["url"] == server.url + "/article.html"
    assert data["title"] == "Harbour council approves ferry plan"
    assert all("Subscribe" not in s["text"] and "<" not in s["text"] for s in data["sentences"])
    assert any("ferry" in s["text"] for s in data["sentences"])


def test_url_with_legacy_charset(server: Server) -> None:
    proc = run(["-n", "1", server.url + "/plain.txt"])
    assert proc.stdout.decode() == "Café owners in Lyon said on Monday that prices rose.\n"


@pytest.mark.parametrize(
    ("route", "extra", "reason"),
    [
        ("/missing", [], "HTTP 404 Not Found"),
        ("/slow", ["--timeout", "0.5"], "timed out after 0.5 s"),
        ("/big", [], "response too large"),
        ("/loop", [], "too many redirects"),
        ("/binary", [], "binary data"),
    ],
)
def test_failed_urls(server: Server, route: str, extra: list[str], reason: str) -> None:
    proc = run([*extra, server.url + route])
    assert_clean_error(proc, 1, server.url + route, reason)


def test_ctrl_c_exits_130_without_traceback(server: Server) -> None:
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarize.cli.summarize_cmd", server.url + "/slow?ctrl-c"],
        stdout=subprocess.PIPE, stderr=subprocess.PIPE, stdin=subprocess.DEVNULL,
    )
    deadline = time.monotonic() + 30
    while not any(p == "/slow?ctrl-c" for p, _ in server.requests):  # wait until it is waiting
        assert time.monotonic() < deadline and proc.poll() is None
        time.sleep(0.05)
    proc.send_signal(signal.SIGINT)
    out, err = proc.communicate(timeout=20)
    assert proc.returncode == 130
    assert b"Traceback" not in err and out == b""


# --- untrusted text ----------------------------------------------------------------------------


def _assert_inert(data: bytes) -> None:
    assert b"\x1b" not in data and b"\xc2\x9b" not in data and b"\x07" not in data
    assert b"\x08" not in data and b"\xc2\x9d" not in data


@pytest.mark.parametrize("fmt", ["text", "markdown"])
def test_markup_and_escapes_in_article_print_literally(fmt: str) -> None:
    proc = run(["--format", fmt, "-n", "10"], INJECTED.encode())
    assert proc.returncode == 0
    out = proc.stdout
    if fmt == "markdown":  # Markdown's own escapes (tested below) undone: the text is all there
        out = re.sub(rb"\\(.)", rb"\1", out)
    _assert_inert(out)
    assert b"[bold]nothing[/]" in out
    assert b"[link=http://evil.example]click here[/link]" in out
    assert b"Workers found the screen cleared and the clipboard set." in out
    assert b"A C1 sequence turned text red and more red text followed." in out
    assert b":smile:" in out


def test_escapes_in_json_are_escaped_not_lost() -> None:
    proc = run(["--json", "-n", "10"], INJECTED.encode())
    _assert_inert(proc.stdout)
    data = json.loads(proc.stdout)
    texts = "\n".join(s["text"] for s in data["sentences"])
    assert "\x1b[2J" in texts and "\x9b31m" in texts and "[bold]nothing[/]" in texts


def test_escapes_and_markup_in_file_names(tmp_path: Path) -> None:
    evil = tmp_path / "a\x1b[2J[bold]b\x9b1m.txt"
    evil.write_text(ARTICLE, encoding="utf-8")
    missing = tmp_path / "gone\x1b]52;c;eA==\x07.txt"
    proc = run(["-n", "1", str(evil), str(missing)])
    assert proc.returncode == 1
    _assert_inert(proc.stdout)
    _assert_inert(proc.stderr)
    assert f"==> {tmp_path}/a[bold]b.txt <==".encode() in proc.stdout
    assert err_lines(proc) == [f"summarize: error: {tmp_path}/gone.txt: no such file"]


def test_undecodable_file_name_is_printed_escaped(tmp_path: Path) -> None:
    raw = os.fsencode(tmp_path) + b"/caf\xe9.txt"
    with open(raw, "wb") as f:
        f.write(ARTICLE.encode())
    proc = subprocess.run(
        [os.fsencode(sys.executable), b"-m", b"summarize.cli.summarize_cmd", b"-n", b"1", raw, raw + b".gone"],
        capture_output=True, stdin=subprocess.DEVNULL, timeout=60,
    )
    assert proc.returncode == 1 and b"Traceback" not in proc.stderr
    assert proc.stdout.startswith(f"==> {tmp_path}/caf\\udce9.txt <==\n".encode())
    assert err_lines(proc) == [f"summarize: error: {tmp_path}/caf\\udce9.txt.gone: no such file"]


# --- a real terminal ---------------------------------------------------------------------------


def _run_in_pty(args: Sequence[str], *, stdin_file: Path | None = None, columns: int = 100) -> tuple[int, bytes, bytes]:
    """Run with stdout (and stdin unless `stdin_file`) on a pseudo-terminal; stderr piped."""
    master, slave = pty.openpty()
    import fcntl
    import struct
    import termios

    fcntl.ioctl(slave, termios.TIOCSWINSZ, struct.pack("HHHH", 40, columns, 0, 0))
    env = {**os.environ, "TERM": "xterm-256color", "COLUMNS": str(columns)}
    env.pop("NO_COLOR", None)
    stdin = open(stdin_file, "rb") if stdin_file else slave
    try:
        proc = subprocess.Popen(
            [sys.executable, "-m", "summarize.cli.summarize_cmd", *args],
            stdin=stdin, stdout=slave, stderr=subprocess.PIPE, env=env, close_fds=True,
        )
    finally:
        if stdin_file:
            stdin.close()  # type: ignore[union-attr]
    os.close(slave)
    chunks = []
    while True:
        ready, _, _ = select.select([master], [], [], 30)
        if not ready:
            break
        try:
            chunk = os.read(master, 65536)
        except OSError:  # EIO: the child closed the terminal
            break
        if not chunk:
            break
        chunks.append(chunk)
    os.close(master)
    assert proc.stderr is not None
    err = proc.stderr.read()
    return proc.wait(timeout=30), b"".join(chunks), err


def test_no_input_on_a_terminal_prints_usage_and_exits_2() -> None:
    code, out, err = _run_in_pty([])
    assert code == 2
    assert err.startswith(b"Usage: summarize [OPTIONS] [INPUT]...")
    assert b"Traceback" not in err and out == b""


def test_rich_rendering_on_a_terminal_keeps_markup_inert(tmp_path: Path) -> None:
    article = tmp_path / "inj.txt"
    article.write_text("---\ntitle: Port [bold]notice[/] \x1b]0;pwned\x07today\n---\n" + INJECTED, encoding="utf-8")
    code, out, err = _run_in_pty(["-n", "10", "-k", "4", str(article)])
    assert code == 0, err
    assert b"\x1b[2J" not in out and b"\x1b]52" not in out and b"\x1b]0;" not in out
    assert b"\xc2\x9b" not in out and b"\x07" not in out
    assert b"\x1b[1m" in out  # rich did style the output: this is the terminal rendering
    import re

    plain = re.sub(rb"\x1b\[[0-9;]*m", b"", out).decode()
    flat = " ".join(plain.split())
    assert "Port [bold]notice[/] today" in flat
    assert "[bold]nothing[/]" in flat
    assert "[link=http://evil.example]click here[/link]" in flat
    assert ":smile:" in flat and "😄" not in flat
    assert "1. " in plain and "sentences" in plain  # numbered summary and the footer


def test_text_format_forced_on_a_terminal_is_plain(tmp_path: Path) -> None:
    article = tmp_path / "inj.txt"
    article.write_text(INJECTED, encoding="utf-8")
    code, out, _ = _run_in_pty(["--format", "text", "-n", "10", str(article)])
    assert code == 0
    assert b"\x1b" not in out
    assert b"[bold]nothing[/]" in out


def test_progress_bar_only_on_a_terminal_stderr(tmp_path: Path) -> None:
    paths = []
    for i in range(9):
        p = tmp_path / f"{i}.txt"
        p.write_text(ARTICLE, encoding="utf-8")
        paths.append(str(p))
    master, slave = pty.openpty()
    proc = subprocess.Popen(
        [sys.executable, "-m", "summarize.cli.summarize_cmd", "--json", "-n", "1", *paths],
        stdin=subprocess.DEVNULL, stdout=subprocess.PIPE, stderr=slave,
        env={**os.environ, "TERM": "xterm-256color"},
    )
    os.close(slave)
    chunks: list[bytes] = []

    def drain() -> None:  # read the terminal while the child runs, so it never blocks on it
        while True:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO once the child has closed its side
                return
            if not chunk:
                return
            chunks.append(chunk)

    import threading

    reader = threading.Thread(target=drain, daemon=True)
    reader.start()
    out = proc.communicate(timeout=60)[0]
    reader.join(timeout=10)
    os.close(master)
    err = b"".join(chunks)
    assert proc.returncode == 0
    assert [d["input"] for d in json.loads(out)] == paths  # stdout untouched by the bar
    assert b"summarizing" in err and b"/9" in err
    piped = run(["--json", "-n", "1", *paths])
    assert piped.stderr == b"" and json.loads(piped.stdout) == json.loads(out)


# --- in process: main(argv) -------------------------------------------------------------------


@pytest.fixture
def stdin_bytes(monkeypatch: pytest.MonkeyPatch) -> Callable[[bytes], None]:
    """Put bytes on sys.stdin as a real (non-terminal) text stream with a binary buffer."""

    def feed(data: bytes) -> None:
        monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(data), encoding="utf-8"))

    return feed


def test_main_stdin_and_json(stdin_bytes: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]) -> None:
    stdin_bytes(ARTICLE.encode())
    assert main(["--json", "-n", "2"]) == 0
    out, err = capsys.readouterr()
    data = json.loads(out)
    assert err == "" and len(data["sentences"]) == 2
    assert [ARTICLE[s["start"]:s["end"]] for s in data["sentences"]] == [s["text"] for s in data["sentences"]]


def test_main_usage_error_is_one_line(stdin_bytes: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]) -> None:
    stdin_bytes(ARTICLE.encode())
    assert main(["-m", "bogus"]) == 2
    out, err = capsys.readouterr()
    assert out == ""
    # the core's message, passed through as it is (one check, one wording)
    from summarize.errors import UnknownMethodError
    from summarize.methods import method_name

    with pytest.raises(UnknownMethodError) as core:
        method_name("bogus")
    assert err.splitlines() == [f"summarize: error: {core.value}"]


@pytest.mark.parametrize(
    "args",
    [
        ["-n", "2"], ["-n2"], ["--sentences=2"], ["--sentences", "2"], ["-mlead", "-n2"],
        ["--method=lead", "-n", "2"], ["-", "-n", "2"], ["-n", "2", "--", "-"], ["-n", " 2"],
    ],
)
def test_main_accepts_every_spelling_of_an_option(
    args: list[str], stdin_bytes: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_bytes(ARTICLE.encode())
    assert main(args) == 0
    out, err = capsys.readouterr()
    assert err == "" and len(out.splitlines()) == 2
    assert all(line in ARTICLE.split("\n") for line in out.splitlines())


@pytest.mark.parametrize(
    ("args", "named"),
    [
        (["-n"], "-n"),
        (["--ratio"], "--ratio"),
        (["--json=1"], "--json"),
        (["-n", "abc"], "sentences"),
        (["-k", "2.5"], "-k/--topics"),
        (["-k", "-1"], "-k/--topics"),
        (["--timeout", "soon"], "--timeout"),
        (["--format", "JSON"], "--format"),
        (["--no-such-option"], "--no-such-option"),
        (["--sentence", "2"], "--sentence"),  # no abbreviations, no guessing
        (["--jsn"], "--jsn"),
        (["-x"], "-x"),
        (["--topics-only", "-k", "0"], "--topics-only"),
        (["--timeout", "0"], "--timeout"),
        (["--json", "--format", "text"], "--json"),
        (["--jsonl", "--format", "markdown"], "--jsonl"),
        (["--language", "-n", "1"], "--language"),  # a value that looks like an option: refused
        (["--language=-x"], "unsupported language '-x'"),  # ... unless spelt with "="
        (["--language="], "unsupported language ''"),
        (["--help", "--bogus"], "--bogus"),  # a bad command line is never help
    ],
)
def test_main_usage_errors_are_one_line_naming_the_option(
    args: list[str], named: str, stdin_bytes: Callable[[bytes], None], capsys: pytest.CaptureFixture[str]
) -> None:
    stdin_bytes(ARTICLE.encode())
    assert main(args) == 2
    out, err = capsys.readouterr()
    assert out == ""
    assert len(err.splitlines()) == 1 and err.startswith("summarize: error: "), err
    assert named in err, err


def test_argparse_errors_become_usage_errors_not_its_usage_block() -> None:
    """Whatever argparse itself refuses is a one-line `UsageError` (exit 2 through main), never
    argparse's usage block and SystemExit."""
    from summarize.errors import UsageError

    with pytest.raises(UsageError) as caught:
        build_parser().parse_args(["--bogus"])
    assert "\n" not in str(caught.value) and "--bogus" in str(caught.value)


def test_main_help_wins_over_bad_values_and_lists_methods(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["-n", "abc", "--help"]) == 0  # like click's eager --help
    out, err = capsys.readouterr()
    assert err == "" and out.startswith("Usage: summarize [OPTIONS] [INPUT]...\n")
    assert "-n, --sentences N" in out and "[default: 8]" in out and "[default: news]" in out
    for name in __import__("summarize").available_methods():
        assert f"\n  {name} " in out
    assert "jq -c '{id, text}' articles.jsonl | summarize --jsonl" in out


def test_main_version_first_of_eager_options(capsys: pytest.CaptureFixture[str]) -> None:
    from importlib.metadata import version

    assert main(["--version", "--help"]) == 0
    assert capsys.readouterr().out == f"summarize {version('newsdesk')}\n"


def test_help_lists_the_default_method_first() -> None:
    from summarize import DEFAULT_METHOD, available_methods

    out = subprocess.run([sys.executable, "-m", "summarize.cli.summarize_cmd", "--help"],
                         capture_output=True, text=True, check=True).stdout
    listed = out.split("Methods:", 1)[1].split("Examples:", 1)[0].split()
    assert listed[0] == DEFAULT_METHOD
    assert all(name in listed for name in available_methods())

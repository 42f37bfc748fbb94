"""`summarize` under faults (issue 10): failing and closed streams, big numbers, endless input,
hostile Markdown, signals to a process pool, NaN in JSON, bidi controls.

Every test runs the real command as a subprocess with real pipes, files, FIFOs and devices
(`/dev/full`, `/dev/zero`); signals are real signals. Each would fail on the code before the fix.
"""

from __future__ import annotations

import json
import os
import re
import select
import signal
import subprocess
import sys
import time
from collections.abc import Sequence
from pathlib import Path
from typing import IO, Any

import pytest

ROOT = Path(__file__).resolve().parents[1]
SEED = ROOT / "sample_articles" / "seed-kazakhstan-un.txt"
COMMAND = [sys.executable, "-m", "summarize.cli.summarize_cmd"]
ARTICLE = (
    "The city council voted on Monday to build a new tram line across the river. "
    "Mayor Lena Ortiz said construction would start in the spring and last three years. "
    "The line will link the central station with the university and the hospital. "
    "Opponents argued that the money should go to buses, which serve more districts."
)


def run(
    args: Sequence[str],
    stdin: bytes | None = None,
    *,
    stdout: int | IO[Any] = subprocess.PIPE,
    close_fds_in_child: Sequence[int] = (),
    timeout: float = 60,
) -> subprocess.CompletedProcess[bytes]:
    def close() -> None:
        for fd in close_fds_in_child:
            os.close(fd)

    return subprocess.run(
        [*COMMAND, *args],
        input=stdin if stdin is not None and 0 not in close_fds_in_child else None,
        stdin=None if stdin is not None and 0 not in close_fds_in_child else subprocess.DEVNULL,
        stdout=stdout,
        stderr=subprocess.PIPE,
        preexec_fn=close if close_fds_in_child else None,
        timeout=timeout,
    )


def one_error(proc: subprocess.CompletedProcess[bytes], code: int, *words: str) -> str:
    """The single stderr line of a clean failure with exit code `code`, holding every word."""
    err = proc.stderr.decode()
    assert proc.returncode == code, err
    assert "Traceback" not in err and "Exception ignored" not in err, err
    lines = err.splitlines()
    assert len(lines) == 1 and lines[0].startswith("summarize: error: "), lines
    assert all(w in lines[0] for w in words), lines[0]
    return lines[0]


def strict_json(line: bytes | str) -> Any:
    """JSON as the standard has it: NaN and Infinity are refused."""

    def refuse(word: str) -> None:
        raise ValueError(f"{word} in JSON output")

    return json.loads(line, parse_constant=refuse)


# --- 11: output and input streams that fail or are closed -------------------------------------


@pytest.mark.parametrize("args", [["-n", "2"], ["--json", "-n", "2"], ["--format", "markdown"]])
def test_a_full_disk_on_stdout_is_one_line_and_exit_1(args: list[str], full_device: Path) -> None:
    with open(full_device, "wb") as full:
        proc = run([*args, str(SEED)], stdout=full)
    one_error(proc, 1, "No space left on device")


def test_closed_stdout_is_one_line_and_exit_1() -> None:
    proc = run(["-n", "2", str(SEED)], stdout=subprocess.DEVNULL, close_fds_in_child=[1])
    one_error(proc, 1, "standard output is closed")


def test_closed_stdin() -> None:
    proc = run([], close_fds_in_child=[0])
    one_error(proc, 1, "standard input is closed")
    proc = run(["-"], close_fds_in_child=[0])
    one_error(proc, 1, "<stdin>", "standard input is closed")
    proc = run(["--jsonl"], close_fds_in_child=[0])
    one_error(proc, 1, "standard input is closed")
    fine = run(["-n", "1", str(SEED)], close_fds_in_child=[0])  # stdin not needed: no error
    assert fine.returncode == 0 and fine.stderr == b"" and len(fine.stdout.splitlines()) == 1


# --- 12: big numbers ---------------------------------------------------------------------------


def test_a_huge_topic_count_means_every_topic() -> None:
    proc = run(["--topics-only", "-k", str(10**30), str(SEED)])
    assert proc.returncode == 0 and proc.stderr == b""
    assert len(proc.stdout.splitlines()) > 8


def test_jsonl_integer_past_the_digit_limit_costs_its_line_only() -> None:
    lines = [
        json.dumps({"id": 1, "text": ARTICLE}),
        '{"id": ' + "9" * 5000 + ', "text": "Too big an id. It cannot be read."}',
        json.dumps({"id": 3, "text": ARTICLE}),
    ]
    proc = run(["--jsonl", "-n", "1"], ("\n".join(lines) + "\n").encode())
    assert proc.returncode == 1
    out = [strict_json(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1, 3]
    err = proc.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith("summarize: error: <stdin>:2: not valid JSON"), err
    assert "Traceback" not in proc.stderr.decode()


# --- 13: time limits that are no time limits ---------------------------------------------------


@pytest.mark.parametrize("value", ["inf", "1e308", "nan", "-1", "0", "-inf", "soon"])
def test_timeout_out_of_range_is_a_usage_error(value: str) -> None:
    proc = run(["--timeout", value, str(SEED)])
    one_error(proc, 2, "--timeout")
    assert proc.stdout == b""


def test_timeout_in_range_is_taken() -> None:
    proc = run(["--timeout", "0.5", "-n", "1", str(SEED)])
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 1


# --- 15: JSON Lines are streamed, each line capped ---------------------------------------------


def test_jsonl_results_come_while_input_is_still_open() -> None:
    proc = subprocess.Popen(
        [*COMMAND, "--jsonl", "-n", "1"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    try:
        assert proc.stdin is not None and proc.stdout is not None
        proc.stdin.write((json.dumps({"id": "first", "text": ARTICLE}) + "\n").encode())
        proc.stdin.flush()
        ready, _, _ = select.select([proc.stdout], [], [], 30)
        assert ready, "no result before the input ended: the input is read whole first"
        first = strict_json(proc.stdout.readline())
        assert first["id"] == "first" and proc.poll() is None
        proc.stdin.write((json.dumps({"id": "second", "text": ARTICLE}) + "\n").encode())
        proc.stdin.close()
        rest = proc.stdout.read()
        assert [strict_json(line)["id"] for line in rest.splitlines()] == ["second"]
        assert proc.wait(timeout=30) == 0
    finally:
        proc.kill()
        proc.wait()


def test_jsonl_from_dev_zero_is_refused_without_running_out_of_memory() -> None:
    with open("/dev/zero", "rb") as zero:
        proc = subprocess.run(
            [*COMMAND, "--jsonl"], stdin=zero, capture_output=True, timeout=120,
            preexec_fn=lambda: __import__("resource").setrlimit(
                __import__("resource").RLIMIT_AS, (1 << 30, 1 << 30)  # 1 GiB: /dev/zero is endless
            ),
        )
    err = proc.stderr.decode()
    assert proc.returncode == 1 and "Traceback" not in err and "MemoryError" not in err, err
    assert "line too long" in err and "gave up" in err


def test_an_over_long_jsonl_line_is_skipped_and_the_next_one_summarized() -> None:
    from summarize.ingest.inputs import DEFAULT_MAX_BYTES

    long_line = b'{"id": "long", "text": "' + b"a" * DEFAULT_MAX_BYTES + b'"}\n'
    good = (json.dumps({"id": "good", "text": ARTICLE}) + "\n").encode()
    proc = run(["--jsonl", "-n", "1"], long_line + good)
    assert proc.returncode == 1
    assert [strict_json(line)["id"] for line in proc.stdout.splitlines()] == ["good"]
    err = proc.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith("summarize: error: <stdin>:1: line too long"), err


# --- 17: Markdown written from article text is escaped -----------------------------------------

HOSTILE = (
    "Officials said the [report](javascript:alert(1)) was published on Monday in the capital. "
    "A picture <img src=x onerror=alert(1)> appeared on the front page of the morning paper.\n"
    "**Topics:** fake, planted, topics were written into the story by its author.\n"
    "# A heading inside the article text should stay a plain sentence in the digest.\n"
)
"""A plain text file (not Markdown, which the input side reduces first) carrying Markdown."""


def test_markdown_format_escapes_links_html_and_fake_lines(tmp_path: Path) -> None:
    article = tmp_path / "story.txt"
    article.write_text(HOSTILE, encoding="utf-8")
    proc = run(["--format", "markdown", "-n", "4", "-k", "2", str(article)])
    assert proc.returncode == 0, proc.stderr
    out = proc.stdout.decode()
    assert "](javascript" not in out and "\\]\\(javascript:alert\\(1\\)\\)" in out
    assert not re.search(r"(?<!\\)<img", out) and "\\<img" in out
    assert [line for line in out.splitlines() if line.startswith("**Topics:**")] == [
        out.splitlines()[-1]
    ]  # only the command's own topics line
    assert not any(line.startswith("#") and not line.startswith("## ") for line in out.splitlines())
    bullets = [line[2:] for line in out.splitlines() if line.startswith("- ")]
    assert len(bullets) == 4
    assert all(re.sub(r"\\(.)", r"\1", b) in HOSTILE for b in bullets)  # nothing lost


# --- 19: signals to a process pool stop its workers ----------------------------------------------


def _children(pid: int) -> set[int]:
    try:
        with open(f"/proc/{pid}/task/{pid}/children") as f:
            return {int(p) for p in f.read().split()}
    except FileNotFoundError:
        return set()


def _alive(pid: int) -> bool:
    try:
        with open(f"/proc/{pid}/stat") as f:
            return f.read().rsplit(")", 1)[1].split()[0] != "Z"
    except (FileNotFoundError, ProcessLookupError):
        return False


@pytest.mark.parametrize(("sig", "code"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_to_a_pooled_run_stops_every_worker_promptly(
    tmp_path: Path, sig: signal.Signals, code: int
) -> None:
    """Ten FIFOs nobody writes: every worker blocks opening one, as on a stuck input."""
    fifos = []
    for i in range(10):
        fifo = tmp_path / f"stuck-{i}.txt"
        os.mkfifo(fifo)
        fifos.append(str(fifo))
    proc = subprocess.Popen([*COMMAND, "-n", "1", *fifos], stdin=subprocess.DEVNULL,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    workers: set[int] = set()
    try:
        deadline = time.monotonic() + 30
        while time.monotonic() < deadline:
            workers = _children(proc.pid)
            if workers and len(workers) >= min(os.cpu_count() or 1, 10):
                break
            time.sleep(0.05)
        assert workers, "no worker processes started"
        time.sleep(0.5)  # the workers are blocked in their first input now
        workers = _children(proc.pid) | workers
        sent = time.monotonic()
        proc.send_signal(sig)
        out, err = proc.communicate(timeout=20)
        assert time.monotonic() - sent < 10
        assert proc.returncode == code, err
        assert b"Traceback" not in err
        deadline = time.monotonic() + 10
        while any(_alive(pid) for pid in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [pid for pid in workers if _alive(pid)], "worker processes left running"
    finally:
        if proc.poll() is None:
            proc.kill()
            proc.wait()
        for pid in workers:  # the old behaviour leaves them blocked: end them here
            if _alive(pid):
                os.kill(pid, signal.SIGKILL)


# --- 21: JSON output is JSON ---------------------------------------------------------------------


@pytest.mark.parametrize("value", ["NaN", "Infinity", "-Infinity", "1e999", "-1e999"])
def test_jsonl_never_writes_nan_or_infinity(value: str) -> None:
    lines = [
        json.dumps({"id": 1.5, "text": ARTICLE}),
        '{"id": ' + value + ', "text": "An id that is no JSON number. It goes nowhere."}',
        json.dumps({"id": [1, {"x": 2.0}], "text": ARTICLE}),
    ]
    proc = run(["--jsonl", "-n", "1"], ("\n".join(lines) + "\n").encode())
    assert proc.returncode == 1
    out = [strict_json(line) for line in proc.stdout.splitlines()]
    assert [o["id"] for o in out] == [1.5, [1, {"x": 2.0}]]
    assert not re.search(rb"NaN|Infinity", proc.stdout)
    err = proc.stderr.decode().splitlines()
    assert len(err) == 1 and err[0].startswith("summarize: error: <stdin>:2: not valid JSON"), err


# --- 22: bidi controls ---------------------------------------------------------------------------


def test_bidi_controls_never_reach_the_terminal_output() -> None:
    spoof = "The file invoice\u202etxt.exe was sent on Monday to the finance office of the city. "
    text = spoof + "It held \u2066isolated\u2069 text and \u2067more\u2069 of it \u2068here\u2069 too."
    proc = run(["-n", "2", "--language", "en"], text.encode())
    assert proc.returncode == 0
    out = proc.stdout.decode()
    assert "invoicetxt.exe" in out and "isolated" in out
    assert not re.search("[\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]", out)
    data = json.loads(run(["--json", "-n", "2", "--language", "en"], text.encode()).stdout)
    assert "\u202e" in data["sentences"][0]["text"]  # JSON keeps the text exact

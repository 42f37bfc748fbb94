"""`summarize`: the one-shot command. Files, URLs or a pipe in; a summary and key topics out.

The command is an API: its output formats (text, markdown, JSON, JSON Lines) and exit codes are
documented in docs/summarize.md and tested as a real subprocess. Start-up stays light:
argparse and the core load at start; rich only when stdout or stderr is a terminal; trafilatura,
httpx and markdown-it-py only when an input needs them; sumy only when a sumy method runs.

Exit codes: 0 ok, 1 an input failed (the others are still summarized and printed) or the output
could not be written, 2 usage (bad option, method, language or length; no input on a terminal),
130 interrupted, 143 terminated (SIGTERM).

Why argparse and not click (which `newsdesk` keeps): start-up is this command's budget (it must
run in a tenth of a sumy one-shot, bare Python included; tests/benchmarks/bench_startup.py), and
importing click costs more than everything else the command loads. Usage errors are argparse's
own, made one line on stderr with exit code 2; the method, length and language are checked by
the core (`methods.method_name`, `length.SummaryLength.parse`, `language.resolve_language`) and
their errors pass through as they are.
"""

from __future__ import annotations

import os
import sys

from .common import check_timeout, run_guarded, terminating_raises
from .common import isatty as _isatty
from .common import silence_stdout as _silence_stdout
from .common import write_stderr as _stderr
from ..errors import NewsdeskError, UsageError
from ..length import SummaryLength
from ..methods import DEFAULT_METHOD, method_name
from ..models import json_number
from ..sanitize import markdown_inline, one_line

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: no collections.abc/argparse/futures import at run time
    import argparse
    from collections.abc import Callable, Generator, Iterable, Iterator, Sequence
    from concurrent.futures import Future, ProcessPoolExecutor
    from typing import Any, NamedTuple, NoReturn, TextIO

    from ..ingest.inputs import Document
else:
    from .._record import Record as NamedTuple

# json, signal, concurrent.futures, importlib.metadata and rich are imported where used: a
# one-shot summary of one text needs none of them, and each import shows up in
# `summarize -n 3 < article`'s start-up time (tests/benchmarks/bench_startup.py).

SCHEMA = "newsdesk.summary/1"
"""The `schema` field of every JSON result; bumped when a field changes meaning or goes away."""

PARALLEL_MIN_INPUTS = 8
"""From this many inputs on, work runs on a process pool: below it, forking workers and passing
results between processes cost more than they save (`bench_startup.py --batch` measures both)."""

POOL_WINDOW = 4
"""Inputs in flight per worker: enough to keep every worker busy, few enough that a long JSON
Lines stream is read as it is summarized rather than all at once."""

DEFAULT_TOPICS = 8
DEFAULT_TIMEOUT = 15.0
USAGE = "summarize [OPTIONS] [INPUT]..."

EXAMPLES = """\
Examples:
  curl -s https://example.org/story.html | summarize
  pbpaste | summarize -n 3 --json
  summarize -m lexrank --ratio 20% article.txt
  summarize --topics-only -k 5 article.md
  summarize --format markdown sample_articles/*.txt > digest.md
  summarize https://example.org/story.html
  jq -c '{id, text}' articles.jsonl | summarize --jsonl > summaries.jsonl

INPUT is a file path, an http(s) URL or - (standard input); with no INPUT, piped
standard input is read. Plain text, Markdown and HTML are detected (HTML is reduced to
the article's text). Several inputs in text format are separated by lines
'==> NAME <==' (like head and tail).

Exit codes: 0 ok; 1 an input failed (the others are still printed) or the output
could not be written; 2 usage error (bad option, method, language or length; no input
on a terminal); 130 interrupted; 143 terminated.
"""


# ---------------------------------------------------------------------------------------------
# Work items: built in the main process, run here or in a worker process (so: picklable). The
# light records of `summarize._record`, like the core's: this is the one-shot start-up path.


class Options(NamedTuple):
    """What to compute for every input (already validated)."""

    method: str = DEFAULT_METHOD
    """A name from `available_methods()`."""
    length: SummaryLength = SummaryLength("sentences", 3)
    topics: int = DEFAULT_TOPICS
    topics_only: bool = False
    language: str | None = None
    """An ISO code, or None to detect each input's language."""
    want_topics: bool = True
    timeout: float = DEFAULT_TIMEOUT


class Job(NamedTuple):
    """One input: a path or URL to read (`spec`), or text already read (stdin, a JSON line)."""

    name: str
    spec: str | None = None
    text: str | None = None
    title: str | None = None
    id: Any = None
    line: int | None = None


class Outcome(NamedTuple):
    """A JSON-ready result, or the one-line reason the input failed and its exit code."""

    name: str
    result: dict[str, Any] | None = None
    error: str | None = None
    exit_code: int = 0


def run_job(job: Job, options: Options) -> Outcome:
    """Read, summarize and extract topics for one input; never raises for bad input."""
    from ..ingest.inputs import document_from_text, read_input

    try:
        if job.text is not None:
            doc = document_from_text(job.text, name=job.name, title=job.title)
        else:
            assert job.spec is not None
            doc = read_input(job.spec, timeout=options.timeout)
        result = _result(doc, options)
    except NewsdeskError as e:
        return Outcome(job.name, error=str(e), exit_code=e.exit_code)
    except (OSError, UnicodeError, RecursionError) as e:  # unreadable in ways we did not foresee
        return Outcome(job.name, error=str(e) or e.__class__.__name__, exit_code=1)
    except Exception as e:  # noqa: BLE001 - a bug on one input must not cost the others
        return Outcome(job.name, error=f"internal error ({e.__class__.__name__}: {e})", exit_code=1)
    if job.line is not None:  # a JSON line: say which, right after the input's name
        head = {"schema": result.pop("schema"), "input": result.pop("input")}
        result = {**head, "id": job.id, "line": job.line, **result}
    return Outcome(job.name, result=result)


def _result(doc: Document, options: Options) -> dict[str, Any]:
    """The JSON result of one input: its header, the summary's one shape, the topics."""
    # Each import only where it is used: a plain `-n 3` run never loads the topic extractor.
    from ..analysis import analyze
    from ..models import Summary

    analysis = analyze(doc.text, options.language)
    if options.topics_only:  # no summary: its sizes, and no sentences
        nothing = Summary("", analysis.language, (), len(analysis.sentences),
                          len(analysis.text), analysis.word_count)
        summary = {**nothing.to_dict(), "method": None, "scores": [], "spans": []}
    else:
        from ..summarizer import summarize

        summary = summarize(
            analysis, method=options.method, **options.length.as_arguments()
        ).to_dict(digits=6)
    topics: list[dict[str, Any]] = []
    if options.want_topics and options.topics > 0:
        from ..topics import extract_topics

        topics = [
            {"label": t.label, "score": json_number(t.score, 6), "count": t.count}
            for t in extract_topics(analysis, limit=options.topics, title=doc.title)
        ]
    return {
        "schema": SCHEMA,
        "input": doc.name,
        "title": doc.title,
        "url": doc.url,
        "kind": doc.kind,
        **summary,
        "topics": topics,
    }


def _ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no traceback from every worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)


def run_jobs(
    jobs: Iterable[Job],
    options: Options,
    *,
    total: int | None = None,
    progress: Callable[[], None] | None = None,
) -> Generator[Outcome, None, None]:
    """Outcomes in input order, as the jobs come (the iterable is read as work frees up).

    With `total` jobs known, all run on a process pool once there are enough to pay off; a
    stream of unknown length (JSON Lines) runs its first jobs here, each result out as soon as
    its line is in, and the rest on a pool once the stream proves long. On Ctrl-C or SIGTERM
    the pool's workers are stopped at once, running jobs and all; close the generator (or let
    the exception pass through it) to have that happen.
    """
    from itertools import chain, islice

    pending = iter(jobs)
    workers = os.cpu_count() or 1
    if workers < 2 or total is not None and total < PARALLEL_MIN_INPUTS:
        here: Iterable[Job] = pending
    else:
        here = islice(pending, 0 if total is not None else PARALLEL_MIN_INPUTS - 1)
    for job in here:
        outcome = run_job(job, options)
        if progress:
            progress()
        yield outcome
    first = next(pending, None)
    if first is None:
        return
    from collections import deque
    from concurrent.futures import ProcessPoolExecutor

    pool = ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint)
    running: deque[tuple[Job, Future[Outcome]]] = deque()
    finished = False
    try:
        with terminating_raises():
            for job in chain([first], pending):
                # A JSON line's "id" stays here: the worker does not need it, and an arbitrary
                # JSON value (nested 900 deep, say) may not even pickle.
                running.append((job, pool.submit(run_job, job._replace(id=None), options)))
                if len(running) >= workers * POOL_WINDOW:
                    yield _collected(*running.popleft(), progress)
            while running:
                yield _collected(*running.popleft(), progress)
        finished = True
    finally:
        if finished:
            pool.shutdown(wait=True)
        else:
            _stop_pool(pool)


def _collected(job: Job, future: Future[Outcome], progress: Callable[[], None] | None) -> Outcome:
    try:
        outcome = future.result()
    except Exception as e:  # noqa: BLE001 - e.g. a worker killed: the others still count
        outcome = Outcome(job.name, error=f"internal error ({e.__class__.__name__}: {e})", exit_code=1)
    if outcome.result is not None and job.line is not None:
        outcome.result["id"] = job.id
    if progress:  # counted in input order, from this thread (see _Progress)
        progress()
    return outcome


def _stop_pool(pool: ProcessPoolExecutor) -> None:
    """Stop every worker now: waiting for the running jobs could take seconds per input."""
    import multiprocessing

    for child in multiprocessing.active_children():  # the pool's workers: no other children
        child.terminate()
    pool.shutdown(wait=False, cancel_futures=True)
    for child in multiprocessing.active_children():
        child.join(timeout=5)


# ---------------------------------------------------------------------------------------------
# Rendering


def render_text(result: dict[str, Any], *, topics_only: bool, explain: bool) -> str:
    """The text format: one sentence (or topic label) per line, nothing else."""
    lines: list[str] = []
    if topics_only:
        lines = [one_line(t["label"]) for t in result["topics"]]
    else:
        for s in result["sentences"]:
            lines.append(one_line(s["text"]))
            if explain:
                lines.append("\t" + _explain(s))
    return "".join(line + "\n" for line in lines)


def render_markdown(result: dict[str, Any], *, topics_only: bool, explain: bool) -> str:
    """A small Markdown digest: `## title`, the sentences as bullets, a topics line.

    Article text is escaped (`sanitize.markdown_inline`, as `newsdesk export` does): a link,
    HTML or a `**Topics:**` line written in an article stays text in the digest.
    """
    out = [f"## {markdown_inline(result['title'] or result['input'])}", ""]
    if not topics_only:
        for s in result["sentences"]:
            out.append(f"- {markdown_inline(s['text'])}")
            if explain:
                out.append(f"  - {_explain(s)}")
        out.append("")
    if result["topics"]:
        out.append("**Topics:** " + ", ".join(markdown_inline(t["label"]) for t in result["topics"]))
    while out and not out[-1]:
        out.pop()
    return "\n".join(out) + "\n"


def _explain(sentence: dict[str, Any]) -> str:
    parts = ", ".join(f"{one_line(k)} {_fmt(v)}" for k, v in sentence["parts"].items())
    text = f"#{sentence['index']} score {_fmt(sentence['score'])}"
    return f"{text} ({parts})" if parts else text


def _fmt(value: float | None) -> str:
    return "n/a" if value is None else f"{value:.3f}"


_C1 = "[\x7f-\x9f\u2028\u2029]"
"""DEL, C1 and the Unicode line separators, which `to_json` escapes."""


def to_json(value: Any, *, indent: int | None = 2) -> str:
    """JSON text; besides the C0 controls json escapes itself, DEL and C1 are escaped too.

    Never NaN or Infinity (not JSON: many readers refuse them): scores are made finite or null
    before, input ids are refused at reading, and anything else raises ValueError here.
    """
    import json
    import re

    text = json.dumps(value, ensure_ascii=False, indent=indent, allow_nan=False)
    return re.sub(_C1, lambda m: f"\\u{ord(m.group()):04x}", text)


class TerminalRenderer:
    """The rich rendering for a terminal; untrusted text only ever goes in as `Text` objects."""

    def __init__(self, stream: TextIO, *, topics_only: bool, explain: bool) -> None:
        from rich.console import Console  # only when stdout is a terminal

        self.console = Console(file=stream, highlight=False, markup=False, emoji=False)
        self.topics_only = topics_only
        self.explain = explain
        self.count = 0

    def render(self, result: dict[str, Any]) -> None:
        from rich.table import Table
        from rich.text import Text

        c = self.console
        if self.count:
            c.print()
        self.count += 1
        c.print(Text(one_line(result["title"] or result["input"]), style="bold"))
        if result["title"] or result["url"]:
            c.print(Text(one_line(result["url"] or result["input"]), style="dim"))
        if not self.topics_only and result["sentences"]:
            c.print()
            grid = Table.grid(padding=(0, 1))
            grid.add_column(justify="right", style="cyan", no_wrap=True)
            grid.add_column()
            for i, s in enumerate(result["sentences"], 1):
                body = Text(one_line(s["text"]))
                if self.explain:
                    body.append("\n" + _explain(s), style="dim")
                grid.add_row(Text(f"{i}."), body)
            c.print(grid)
        if result["topics"]:
            c.print()
            tags = Text()
            for t in result["topics"]:
                if tags:
                    tags.append(" ")
                tags.append(f" {one_line(t['label'])} ", style="reverse")
            c.print(tags)
        sizes = result["sizes"]
        footer = [result["method"], result["language"]]
        if not self.topics_only:
            footer.append(f"{sizes['summary_sentences']} of {sizes['input_sentences']} sentences")
            footer.append(f"{sizes['summary_chars']:,} of {sizes['input_chars']:,} characters")
        else:
            footer.append(f"{sizes['input_words']:,} words")
        c.print(Text(" · ".join(str(f) for f in footer if f), style="dim"))


# ---------------------------------------------------------------------------------------------
# Options

FORMATS = ("text", "markdown", "json")


def build_parser() -> argparse.ArgumentParser:
    """The command line. Values are kept as written and checked after parsing (`run`), so that
    `--help` and `--version` win over a bad value; argparse's own errors raise `UsageError`
    (one line on stderr, exit 2) instead of printing its usage block."""
    import argparse

    class OneLineParser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(message)

    parser = OneLineParser(
        prog="summarize",
        usage=USAGE,
        description="Summarize news articles: the most telling sentences and the key topics.",
        formatter_class=_help_formatter(),
        add_help=False,  # -h and --version are plain flags, acted on after parsing
        allow_abbrev=False,  # no guessing: `--sentence` is an error, not `--sentences`
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=argparse.SUPPRESS)
    group = parser.add_argument_group("Options")
    add = group.add_argument
    add("-m", "--method", metavar="METHOD", default=DEFAULT_METHOD,
        help="Summarization method (see Methods below).  [default: %(default)s]")
    add("-n", "--sentences", metavar="N", help="Summary length in sentences.")
    add("--ratio", metavar="R", help="Summary length as a share of the article: 0.2 or 20%%.")
    add("--words", metavar="W", help="Summary length as a word budget (whole sentences).")
    add("-k", "--topics", metavar="N", default=str(DEFAULT_TOPICS),
        help="How many key topics to extract (0 for none).  [default: %(default)s]")
    add("--topics-only", action="store_true", help="Print only the key topics.")
    add("--language", metavar="LANG", help="Language name or ISO code (default: detected).")
    add("--format", dest="fmt", metavar="[text|markdown|json]",
        help="Output format (default: a rich view on a terminal, text otherwise).")
    add("--json", dest="as_json", action="store_true", help="Same as --format json.")
    add("--jsonl", action="store_true",
        help='Inputs are JSON Lines with a "text" field (optional "id", "title"); writes one '
             "JSON object per line.")
    add("--explain", action="store_true", help="Show the parts of each sentence's score.")
    add("--timeout", metavar="SECONDS", default=str(DEFAULT_TIMEOUT),
        help="Time limit for fetching each URL.  [default: %(default)s]")
    add("--completion", metavar="SHELL",
        help="Print the completion script for bash, zsh or fish and exit.")
    add("--version", action="store_true", help="Show the version and exit.")
    add("-h", "--help", action="store_true", help="Show this message and exit.")
    return parser


def _help_formatter(columns: int = 100) -> type[argparse.HelpFormatter]:
    """argparse's formatter laid out as `Usage:`, `-m, --method METHOD`, epilog verbatim, at most
    `columns` wide."""
    import argparse

    class HelpFormatter(argparse.RawDescriptionHelpFormatter):
        def __init__(self, prog: str) -> None:
            super().__init__(prog, max_help_position=33, width=columns - 2)

        def add_usage(self, usage: str | None, actions: Any, groups: Any, prefix: str | None = None) -> None:
            super().add_usage(usage, actions, groups, prefix="Usage: ")

        def _format_action_invocation(self, action: argparse.Action) -> str:
            flags = ", ".join(action.option_strings)
            return f"{flags} {action.metavar}" if action.nargs != 0 and action.metavar else flags

    return HelpFormatter


def _help_text(parser: argparse.ArgumentParser) -> str:
    """The help, with the method list (the registry is only imported now) and the examples."""
    import shutil  # here, not in the formatter: argparse builds one for every add_argument
    import textwrap

    from .. import available_methods

    columns = min(shutil.get_terminal_size().columns, 100)
    methods = list(available_methods().items())  # the default first, then lead, then sumy
    width = max(len(name) for name, _ in methods)
    lines = ["Methods:"]
    for name, description in methods:
        wrapped = textwrap.wrap(description, columns - 2 - width - 4) or [""]
        lines.append(f"  {name:<{width}}  {wrapped[0]}")
        lines.extend(" " * (width + 4) + more for more in wrapped[1:])
    parser.epilog = "\n".join(lines) + "\n\n" + EXAMPLES
    parser.formatter_class = _help_formatter(columns)
    return parser.format_help()


def _completion(shell: str, parser: argparse.ArgumentParser) -> str:
    """`--completion SHELL`: the script that completes this command's options in `shell`."""
    from .. import available_methods
    from .completion import SHELLS, script

    if shell not in SHELLS:
        raise UsageError(f"--completion: {shell!r} is not one of {', '.join(SHELLS)}")
    values = {"--method": list(available_methods()), "--format": FORMATS, "--completion": SHELLS}
    return script(shell, parser, values)


def _topic_count(value: str) -> int:
    """-k/--topics: a whole number from 0 on (0: no topics)."""
    try:
        count = int(value)
    except ValueError:
        raise UsageError(f"-k/--topics: {value!r} is not a whole number") from None
    if count < 0:
        raise UsageError(f"-k/--topics: {value!r} is below 0")
    return count


def _version() -> str:
    from importlib.metadata import PackageNotFoundError, version  # only when asked

    try:
        return f"summarize {version('newsdesk')}\n"
    except PackageNotFoundError:
        raise NewsdeskError("version unknown: the newsdesk distribution is not installed") from None


def _error(message: str, name: str | None = None) -> None:
    prefix = f"{one_line(name)}: " if name is not None else ""
    _stderr(f"summarize: error: {prefix}{one_line(message)}\n")


def run(argv: Sequence[str]) -> int:
    """Parse and check `argv` (everything before reading a byte, so usage errors never cost a
    download), then summarize every input; returns the exit code, raises `NewsdeskError`."""
    parser = build_parser()
    args = parser.parse_intermixed_args(argv)
    if args.help or args.version:  # before any value is checked: help is help
        first = next(a for a in argv if a in ("-h", "--help", "--version"))
        sys.stdout.write(_version() if first == "--version" else _help_text(parser))
        return 0
    if args.completion is not None:
        sys.stdout.write(_completion(args.completion, parser))
        return 0

    # The core checks what it owns (one check, one wording); this command checks its own options.
    method = method_name(args.method)
    length = SummaryLength.parse(sentences=args.sentences, ratio=args.ratio, words=args.words)
    language: str | None = None
    if args.language is not None:
        from ..language import resolve_language

        language = resolve_language(args.language).code
    topics = _topic_count(args.topics)
    if args.topics_only and topics == 0:
        raise UsageError("--topics-only needs -k/--topics above 0")
    timeout = check_timeout(args.timeout)
    fmt: str | None = args.fmt
    if fmt is not None and fmt not in FORMATS:
        raise UsageError(f"--format: {fmt!r} is not one of {', '.join(FORMATS)}")
    if args.as_json:
        if fmt not in (None, "json"):
            raise UsageError(f"--json contradicts --format {fmt}")
        fmt = "json"
    if args.jsonl and fmt not in (None, "json"):
        raise UsageError(f"--jsonl writes JSON Lines; --format {fmt} does not apply")

    options = Options(
        method=method, length=length, topics=topics, topics_only=args.topics_only,
        language=language, timeout=timeout,
    )
    try:
        return _execute(args.inputs, options, fmt=fmt, jsonl=args.jsonl, explain=args.explain)
    except BrokenPipeError:
        # The reader went away (`| head`): not an error, and nothing to say about it.
        _silence_stdout()
        return 0


def _execute(
    inputs: Sequence[str], base: Options, *, fmt: str | None, jsonl: bool, explain: bool
) -> int:
    """Read every input, summarize, print as results come; returns the exit code."""
    topics_only = base.topics_only
    stdout = sys.stdout
    stdin = sys.stdin
    if not inputs:
        if stdin is None:
            raise NewsdeskError("no input: standard input is closed")
        if _isatty(stdin):
            _stderr(f"Usage: {USAGE}\nTry 'summarize --help' for help.\n")
            return 2
        inputs = ["-"]
    mode = "jsonl" if jsonl else fmt or ("terminal" if _isatty(stdout) else "text")
    want_topics = topics_only or mode in ("json", "jsonl", "markdown", "terminal")
    options = base._replace(want_topics=want_topics)

    failed = 0

    def report(name: str, reason: str) -> None:
        nonlocal failed
        _error(reason, name)
        failed = max(failed, 1)

    renderer = TerminalRenderer(stdout, topics_only=topics_only, explain=explain) if mode == "terminal" else None
    several = len(inputs) > 1 or jsonl
    json_results: list[dict[str, Any]] = []
    blocks = 0
    with _progress(None if jsonl else len(inputs)) as tick:
        outcomes = run_jobs(_jobs(inputs, stdin, jsonl=jsonl, report=report), options,
                            total=None if jsonl else len(inputs), progress=tick)
        try:
            for outcome in outcomes:
                if outcome.result is None:
                    report(outcome.name, outcome.error or "failed")
                    failed = max(failed, outcome.exit_code or 1)
                    continue
                result = outcome.result
                if mode == "jsonl":
                    stdout.write(to_json(result, indent=None) + "\n")
                elif mode == "json":
                    json_results.append(result)
                elif mode == "terminal":
                    assert renderer is not None
                    renderer.render(result)
                else:
                    render = render_markdown if mode == "markdown" else render_text
                    body = render(result, topics_only=topics_only, explain=explain)
                    if mode == "text" and len(inputs) > 1:
                        body = ("\n" if blocks else "") + f"==> {one_line(result['input'])} <==\n" + body
                    elif mode == "markdown" and blocks:
                        body = "\n" + body
                    stdout.write(body)
                blocks += 1
                stdout.flush()
        finally:
            outcomes.close()  # stops a process pool at once if this ended early
    if mode == "json" and (json_results or several):
        stdout.write(to_json(json_results if several else json_results[0]) + "\n")
    return failed


def _jobs(
    inputs: Sequence[str], stdin: TextIO | None, *, jsonl: bool, report: Callable[[str, str], None]
) -> Iterator[Job]:
    """A `Job` per input (per JSON line with `jsonl`), read as they are asked for; inputs that
    cannot even be read are `report`ed and skipped."""
    for spec in inputs:
        if jsonl:
            yield from _jsonl_jobs(spec, stdin, report)
        elif spec == "-":
            # Read standard input here: a worker process cannot.
            job_or_error = _stdin_job(stdin)
            if isinstance(job_or_error, str):
                report("<stdin>", job_or_error)
            else:
                yield job_or_error
        else:
            yield Job(name=spec, spec=spec)


def _stdin_job(stdin: TextIO | None) -> Job | str:
    from ..errors import InputError
    from ..ingest.inputs import DEFAULT_MAX_BYTES, decode_bytes

    if stdin is None:
        return "standard input is closed"
    stream = getattr(stdin, "buffer", None)
    try:
        if stream is not None:
            data = stream.read(DEFAULT_MAX_BYTES + 1)
        else:
            data = stdin.read(DEFAULT_MAX_BYTES + 1).encode("utf-8", "surrogateescape")
        if len(data) > DEFAULT_MAX_BYTES:
            return f"input too large (more than {DEFAULT_MAX_BYTES:,} bytes)"
        text = decode_bytes(data)
    except InputError as e:
        return str(e)
    except OSError as e:
        return e.strerror or str(e)
    return Job(name="<stdin>", text=text.replace("\r\n", "\n").replace("\r", "\n"))


SKIP_CHUNKS = 10
"""How many more input-limit-sized chunks of one over-long JSON line are skipped to reach the
next line before the input is given up (an endless line, as from /dev/zero, must not hang)."""


def _jsonl_jobs(
    spec: str, stdin: TextIO | None, report: Callable[[str, str], None]
) -> Iterator[Job]:
    """One `Job` per JSON line of `spec` (a file or `-`), read line by line, each line at most
    the input limit; a bad line is `report`ed and skipped, the good ones go on."""
    from ..ingest.inputs import DEFAULT_MAX_BYTES, STDIN_NAME

    name = STDIN_NAME if spec == "-" else spec
    limit = DEFAULT_MAX_BYTES
    try:
        if spec == "-":
            if stdin is None:
                report(name, "standard input is closed")
                return
            binary = getattr(stdin, "buffer", None)
            readline: Callable[[int], bytes] = (
                binary.readline if binary is not None
                else lambda size: stdin.readline(size).encode("utf-8", "surrogateescape")
            )
            yield from _json_lines(name, readline, limit, report)
        else:
            with open(spec, "rb") as f:
                yield from _json_lines(name, f.readline, limit, report)
    except IsADirectoryError:
        report(name, "is a directory")
    except FileNotFoundError:
        report(name, "no such file")
    except OSError as e:
        report(name, e.strerror or str(e))


def _json_lines(
    name: str, readline: Callable[[int], bytes], limit: int, report: Callable[[str, str], None]
) -> Iterator[Job]:
    import json

    def finite(number: str) -> float:
        value = float(number)
        if value - value != 0.0:  # inf or nan
            raise ValueError(f"number {number} is out of range")
        return value

    def constant(word: str) -> Any:
        raise ValueError(f"{word} is not JSON")

    decode = json.JSONDecoder(parse_float=finite, parse_constant=constant).decode
    seen = False
    number = 0
    while True:
        raw = readline(limit + 1)
        if not raw:
            break
        number += 1
        where = f"{name}:{number}"
        if len(raw) > limit and not raw.endswith(b"\n"):
            report(where, f"line too long (more than {limit:,} bytes)")
            for _ in range(SKIP_CHUNKS):
                raw = readline(limit + 1)
                if not raw or raw.endswith(b"\n"):
                    break
            else:
                report(name, "gave up on this input: a line without end")
                return
            continue
        line = raw.decode("utf-8-sig" if number == 1 else "utf-8", errors="replace")
        if not line.strip():
            continue
        seen = True
        try:
            record = decode(line.strip())
        except json.JSONDecodeError as e:
            report(where, f"not valid JSON ({e.msg})")
            continue
        except RecursionError:  # json's decoder recurses once per level of [ or {
            report(where, "not valid JSON (nested too deeply)")
            continue
        except ValueError as e:  # NaN, 1e999, an integer past Python's digit limit
            report(where, f"not valid JSON ({one_line(str(e)).split(';')[0]})")
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            report(where, 'no "text" string in this JSON line')
            continue
        title = record.get("title")
        yield Job(
            name=where,
            text=record["text"],
            title=title if isinstance(title, str) else None,
            id=record.get("id"),
            line=number,
        )
    if not seen:
        report(name, "input is empty (no JSON lines)")


class _NoProgress:
    def __enter__(self) -> Callable[[], None] | None:
        return None

    def __exit__(self, *exc: object) -> None:
        return None


class _Progress:
    """A rich progress bar on stderr (only built when stderr is a terminal).

    Refreshed by hand on each step, not by rich's refresh thread: the process pool forks its
    workers while the bar is up, and forking while another thread holds a lock (stderr's) can
    leave a child deadlocked.
    """

    def __init__(self, total: int | None) -> None:
        from rich.console import Console
        from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

        self.progress = Progress(
            TextColumn("summarizing"), BarColumn(), MofNCompleteColumn(), TimeElapsedColumn(),
            console=Console(stderr=True), transient=True, auto_refresh=False,
        )
        self.task = self.progress.add_task("summarize", total=total)

    def __enter__(self) -> Callable[[], None]:
        self.progress.start()
        self.progress.refresh()
        return self.step

    def step(self) -> None:
        self.progress.advance(self.task)
        self.progress.refresh()

    def __exit__(self, *exc: object) -> None:
        self.progress.stop()


def _progress(total: int | None) -> _Progress | _NoProgress:
    """A progress bar on a terminal's stderr for more than one input (None: a stream of JSON
    lines, counted without a total)."""
    if (total is None or total > 1) and _isatty(sys.stderr):
        return _Progress(total)
    return _NoProgress()


def main(argv: Sequence[str] | None = None) -> int:
    """Console-script entry point (`summarize = summarize.cli.summarize_cmd:main`): the exit code, after one
    line on stderr for any failure (never a traceback for bad input or usage)."""
    for stream in (sys.stdout, sys.stderr):
        # File names may hold undecodable bytes (surrogate escapes): print them escaped
        # rather than die with UnicodeEncodeError.
        reconfigure = getattr(stream, "reconfigure", None)
        if reconfigure is not None:
            try:
                reconfigure(errors="backslashreplace")
            except (ValueError, OSError):
                pass
    args = sys.argv[1:] if argv is None else list(argv)
    code = run_guarded(lambda: run(args), _error)
    if argv is None:
        # Run as the program, which ends now: freeze what it built (modules, functions, tables)
        # so the interpreter's final garbage collection skips it all, as exit frees it anyway
        # (a measurable share of a one-shot run's time).
        import gc

        gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())

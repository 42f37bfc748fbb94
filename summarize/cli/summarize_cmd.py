"""`summarize`: the one-shot command. Files, URLs or a pipe in; a summary and key topics out.

The command is an API: its output formats (text, markdown, JSON, JSON Lines) and exit codes are
documented in the README's `cli` section and tested as a real subprocess. Start-up stays light:
argparse and the core load at start; rich only when stdout or stderr is a terminal; trafilatura,
httpx and markdown-it-py only when an input needs them; sumy only when a sumy method runs.

Exit codes: 0 ok, 1 an input failed (the others are still summarized and printed), 2 usage
(bad option, method, language or length; no input on a terminal), 130 interrupted.
"""

# Why argparse and not click (which `newsdesk` keeps): start-up is this command's budget. To be
# 10x faster than a sumy one-shot (~340 ms) the whole run must fit in ~34 ms, bare Python
# included, and `import click` alone measured ~30 ms of that; argparse costs ~2 ms. The parser
# below keeps click's command line exactly: the same options, `--opt=VALUE` and `-kVALUE`
# spellings, a value taken whatever it looks like, options after inputs, and click's wording of
# every usage error, always as one line on stderr (exit 2), never argparse's usage block.

from __future__ import annotations

import math
import os
import sys

from .common import isatty as _isatty
from .common import run_guarded
from .common import silence_stdout as _silence_stdout
from .common import write_stderr as _stderr
from ..errors import InvalidLengthError, NewsdeskError, UnknownMethodError, UsageError
from ..sanitize import one_line

TYPE_CHECKING = False
if TYPE_CHECKING:  # annotations only: no collections.abc/argparse/futures import at run time
    import argparse
    from collections.abc import Callable, Iterator, Sequence
    from concurrent.futures import Future
    from typing import Any, NoReturn, TextIO

    from ..ingest.inputs import Document

# json, signal, concurrent.futures, importlib.metadata and rich are imported where used: a
# one-shot summary of one text needs none of them, and each import shows up in
# `summarize -n 3 < article`'s start-up time (tests/benchmarks/bench_startup.py).

SCHEMA = "newsdesk.summary/1"
"""The `schema` field of every JSON result; bumped when a field changes meaning or goes away."""

PARALLEL_MIN_INPUTS = 8
"""From this many inputs on, work runs on a process pool. Measured with `bench_startup.py
--batch` on 2 cores: 2 to 4 news articles run up to 2x slower on a pool (forking and IPC cost
more than ~10 ms of work per article saves); 234 articles run 1.4-1.6x faster. In between the
gain depends on free cores and on the method's cost per article."""

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

Exit codes: 0 ok; 1 an input failed (the others are still printed);
2 usage error (bad option, method, language or length; no input on a terminal);
130 interrupted.
"""


# ---------------------------------------------------------------------------------------------
# Work items: built in the main process, run here or in a worker process (so: picklable).
# Plain classes with __slots__, not dataclasses or NamedTuples: `import dataclasses` costs ~10 ms
# of start-up, and each typing.NamedTuple class ~0.1 ms to create (and needs `typing`).


class Options:
    """What to compute for every input (already validated)."""

    __slots__ = ("method", "sentences", "ratio", "words", "topics", "topics_only", "language",
                 "want_topics", "timeout")

    def __init__(
        self,
        method: str | None = None,
        sentences: int | None = None,
        ratio: float | None = None,
        words: int | None = None,
        topics: int = DEFAULT_TOPICS,
        topics_only: bool = False,
        language: str | None = None,
        want_topics: bool = True,
        timeout: float = DEFAULT_TIMEOUT,
    ) -> None:
        self.method = method
        """A name from `available_methods()`; None for the default method."""
        self.sentences = sentences
        self.ratio = ratio
        self.words = words
        self.topics = topics
        self.topics_only = topics_only
        self.language = language
        self.want_topics = want_topics
        self.timeout = timeout

    def wanting_topics(self, want: bool) -> Options:
        """A copy that does (or does not) extract topics."""
        copy = Options(*(getattr(self, name) for name in self.__slots__))
        copy.want_topics = want
        return copy


class Job:
    """One input: a path or URL to read (`spec`), or text already read (stdin, a JSON line)."""

    __slots__ = ("name", "spec", "text", "title", "id", "line")

    def __init__(
        self,
        name: str,
        spec: str | None = None,
        text: str | None = None,
        title: str | None = None,
        id: Any = None,
        line: int | None = None,
    ) -> None:
        self.name = name
        self.spec = spec
        self.text = text
        self.title = title
        self.id = id
        self.line = line


class Outcome:
    """A JSON-ready result, or the one-line reason the input failed and its exit code."""

    __slots__ = ("name", "result", "error", "exit_code")

    def __init__(
        self,
        name: str,
        result: dict[str, Any] | None = None,
        error: str | None = None,
        exit_code: int = 0,
    ) -> None:
        self.name = name
        self.result = result
        self.error = error
        self.exit_code = exit_code


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
    # Each import only where it is used: a plain `-n 3` run never loads the topic extractor.
    text: str = doc.text
    sentences: list[dict[str, Any]] = []
    if options.topics_only:
        from ..language import detect_language, resolve_language
        from ..sentences import split_sentences
        from ..tokens import words

        language = options.language or resolve_language(detect_language(text)).code
        method = None
        input_sentences = len(split_sentences(text, language))
        input_words = len(words(text))
    else:
        from ..summarizer import summarize

        summary = summarize(
            text,
            method=options.method,
            sentences=options.sentences,
            ratio=options.ratio,
            words=options.words,
            language=options.language,
        )
        language, method = summary.language, summary.method
        input_sentences, input_words = summary.input_sentences, summary.input_words
        sentences = [
            {
                "text": s.text,
                "index": s.index,
                "score": _number(s.score),
                "start": s.start,
                "end": s.end,
                "parts": {k: _number(v) for k, v in s.parts.items()},
            }
            for s in summary.sentences
        ]
    topics: list[dict[str, Any]] = []
    if options.want_topics and options.topics > 0:
        from ..topics import extract_topics

        topics = [
            {"label": t.label, "score": _number(t.score), "count": t.count}
            for t in extract_topics(
                text, limit=options.topics, language=language, title=doc.title
            )
        ]
    return {
        "schema": SCHEMA,
        "input": doc.name,
        "title": doc.title,
        "url": doc.url,
        "kind": doc.kind,
        "method": method,
        "language": language,
        "sentences": sentences,
        "topics": topics,
        "sizes": {
            "input_chars": len(text),
            "input_words": input_words,
            "input_sentences": input_sentences,
            "summary_chars": sum(len(s["text"]) for s in sentences),
            "summary_sentences": len(sentences),
        },
    }


def _number(value: float) -> float | None:
    """A JSON-safe score: rounded, None for NaN or infinity (JSON has neither)."""
    value = float(value)
    return round(value, 6) if math.isfinite(value) else None


def _ignore_sigint() -> None:
    """Worker initializer: Ctrl-C is the parent's to handle (no traceback from every worker)."""
    import signal

    signal.signal(signal.SIGINT, signal.SIG_IGN)


def run_jobs(
    jobs: Sequence[Job], options: Options, *, progress: Callable[[], None] | None = None
) -> Iterator[Outcome]:
    """Outcomes in input order; on a process pool once there are enough inputs to pay off."""
    workers = min(os.cpu_count() or 1, len(jobs))
    if len(jobs) < PARALLEL_MIN_INPUTS or workers < 2:
        for job in jobs:
            outcome = run_job(job, options)
            if progress:
                progress()
            yield outcome
        return
    from concurrent.futures import ProcessPoolExecutor

    with ProcessPoolExecutor(max_workers=workers, initializer=_ignore_sigint) as pool:
        # A JSON line's "id" stays here: the worker does not need it, and an arbitrary JSON
        # value (nested 900 deep, say) may not even pickle.
        futures: list[Future[Outcome]] = [
            pool.submit(run_job, Job(job.name, job.spec, job.text, job.title, None, job.line), options)
            for job in jobs
        ]
        try:
            for job, f in zip(jobs, futures):
                try:
                    outcome = f.result()
                except Exception as e:  # noqa: BLE001 - e.g. a worker killed: the others still count
                    outcome = Outcome(job.name, error=f"internal error ({e.__class__.__name__}: {e})", exit_code=1)
                if outcome.result is not None and job.line is not None:
                    outcome.result["id"] = job.id
                if progress:  # counted in input order, from this thread (see _Progress)
                    progress()
                yield outcome
        except BaseException:
            pool.shutdown(wait=False, cancel_futures=True)
            raise


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
    """A small Markdown digest: `## title`, the sentences as bullets, a topics line."""
    out = [f"## {one_line(result['title'] or result['input'])}", ""]
    if not topics_only:
        for s in result["sentences"]:
            out.append(f"- {one_line(s['text'])}")
            if explain:
                out.append(f"  - {_explain(s)}")
        out.append("")
    if result["topics"]:
        out.append("**Topics:** " + ", ".join(one_line(t["label"]) for t in result["topics"]))
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
    """JSON text; besides the C0 controls json escapes itself, DEL and C1 are escaped too."""
    import json
    import re

    text = json.dumps(value, ensure_ascii=False, indent=indent)
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


class _Option:
    """One option of the command line; the table below drives parsing, checks and help alike."""

    __slots__ = ("flags", "dest", "metavar", "help")

    def __init__(self, flags: tuple[str, ...], dest: str, metavar: str | None, help: str) -> None:
        self.flags = flags
        self.dest = dest
        self.metavar = metavar
        """None for a flag (takes no value)."""
        self.help = help


OPTIONS = (
    _Option(("-m", "--method"), "method", "METHOD",
            "Summarization method (see Methods below).  [default: %(default)s]"),
    _Option(("-n", "--sentences"), "sentences", "N", "Summary length in sentences."),
    _Option(("--ratio",), "ratio", "R", "Summary length as a share of the article: 0.2 or 20%%."),
    _Option(("--words",), "words", "W", "Summary length as a word budget (whole sentences)."),
    _Option(("-k", "--topics"), "topics", "N",
            "How many key topics to extract (0 for none).  [default: %(default)s]"),
    _Option(("--topics-only",), "topics_only", None, "Print only the key topics."),
    _Option(("--language",), "language", "LANG", "Language name or ISO code (default: detected)."),
    _Option(("--format",), "fmt", "[text|markdown|json]",
            "Output format (default: a rich view on a terminal, text otherwise)."),
    _Option(("--json",), "as_json", None, "Same as --format json."),
    _Option(("--jsonl",), "jsonl", None,
            'Inputs are JSON Lines with a "text" field (optional "id", "title"); writes one JSON '
            "object per line."),
    _Option(("--explain",), "explain", None, "Show the parts of each sentence's score."),
    _Option(("--timeout",), "timeout", "SECONDS",
            "Time limit for fetching each URL.  [default: %(default)s]"),
    _Option(("--version",), "version", None, "Show the version and exit."),
    _Option(("-h", "--help"), "help", None, "Show this message and exit."),
)
FORMATS = ("text", "markdown", "json")
_SPELLINGS = {flag: option for option in OPTIONS for flag in option.flags}


def parse_ratio(value: str) -> float:
    """`0.2`, `.2` or `20%` -> 0.2; anything outside (0, 1] raises `InvalidLengthError`."""
    raw = value.strip()
    try:
        ratio = float(raw[:-1]) / 100 if raw.endswith("%") else float(raw)
    except ValueError:
        raise InvalidLengthError(f"bad ratio {value!r}: use a fraction like 0.2 or a percentage like 20%") from None
    if not (0 < ratio <= 1) or not math.isfinite(ratio):
        raise InvalidLengthError(f"bad ratio {value!r}: must be above 0 and at most 1 (or 100%)")
    return ratio


def resolve_method(value: str) -> str:
    from .. import available_methods

    methods = available_methods()
    name = value.strip().lower()
    if name not in methods:
        raise UnknownMethodError(f"unknown method {value!r}; choose from {', '.join(methods)}")
    return name


def canonical_args(argv: Sequence[str]) -> list[str]:
    """`argv` spelled so argparse reads it as click did: every option as `--long` or
    `--long=VALUE`, then `--` and the inputs.

    Click's rules, kept so no command line changes meaning: an option's value is the next
    argument whatever it looks like (`--language -x` asks for the language '-x', where argparse
    would refuse it); short options cluster (`-k3`, `-mlead`, `-n 3`); inputs and options mix in
    any order; `--` ends the options; unknown options, missing values and flags given a value
    raise `UsageError` in click's words.
    """
    options: list[str] = []
    inputs: list[str] = []
    rest = list(reversed(argv))  # pop() takes the next argument
    while rest:
        arg = rest.pop()
        if arg == "--":
            inputs.extend(reversed(rest))
            break
        if arg[:1] != "-" or arg == "-":
            inputs.append(arg)
            continue
        name, eq, value = arg.partition("=")
        if arg.startswith("--"):
            option = _SPELLINGS.get(name)
            if option is None:
                raise UsageError(_no_such_option(name))
            if option.metavar is None:
                if eq:
                    raise UsageError(f"Option {name!r} does not take a value.")
                options.append(option.flags[-1])
                continue
            if not eq:
                if not rest:
                    raise UsageError(f"Option {name!r} requires an argument.")
                value = rest.pop()
            options.append(f"{option.flags[-1]}={value}")
            continue
        for i in range(1, len(arg)):  # a cluster of short options
            flag = "-" + arg[i]
            option = _SPELLINGS.get(flag)
            if option is None:
                raise UsageError(f"No such option {flag!r}.")
            if option.metavar is None:
                options.append(option.flags[-1])
                continue
            if i + 1 < len(arg):
                value = arg[i + 1:]
            elif rest:
                value = rest.pop()
            else:
                raise UsageError(f"Option {flag!r} requires an argument.")
            options.append(f"{option.flags[-1]}={value}")
            break
    return [*options, "--", *inputs]


def _no_such_option(name: str) -> str:
    from difflib import get_close_matches  # only on this error path

    longs = [flag for flag in _SPELLINGS if flag.startswith("--")]
    close = sorted(get_close_matches(name, longs))
    message = f"No such option {name!r}."
    if len(close) == 1:
        return f"{message} Did you mean {close[0]!r}?"
    if close:
        return f"{message} (Did you mean one of: {', '.join(map(repr, close))}?)"
    return message


def build_parser() -> argparse.ArgumentParser:
    """The argparse parser of `canonical_args` output; its errors raise `UsageError` (one line
    on stderr, exit 2) instead of printing argparse's usage block."""
    import argparse

    from ..summarizer import DEFAULT_METHOD

    class OneLineParser(argparse.ArgumentParser):
        def error(self, message: str) -> NoReturn:
            raise UsageError(message)

    parser = OneLineParser(
        prog="summarize",
        usage=USAGE,
        description="Summarize news articles: the most telling sentences and the key topics.",
        formatter_class=_help_formatter(),
        add_help=False,  # -h and --version are plain flags, acted on after parsing (as click)
        allow_abbrev=False,  # click takes no abbreviations
    )
    parser.add_argument("inputs", nargs="*", metavar="INPUT", help=argparse.SUPPRESS)
    group = parser.add_argument_group("Options")
    defaults = {"method": DEFAULT_METHOD, "topics": str(DEFAULT_TOPICS), "timeout": str(DEFAULT_TIMEOUT)}
    for option in OPTIONS:
        if option.metavar is None:
            group.add_argument(*option.flags, dest=option.dest, action="store_true", help=option.help)
        else:
            group.add_argument(*option.flags, dest=option.dest, metavar=option.metavar,
                               default=defaults.get(option.dest), help=option.help)
    return parser


def _help_formatter(columns: int = 100) -> type[argparse.HelpFormatter]:
    """argparse's formatter in click's layout: `Usage:`, `-m, --method METHOD`, epilog verbatim,
    at most `columns` wide."""
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


def _int(value: str, option: _Option) -> int:
    try:
        return int(value)
    except ValueError:
        raise UsageError(f"Invalid value for {_names(option)}: {value!r} is not a valid integer.") from None


def _float(value: str, option: _Option) -> float:
    try:
        return float(value)
    except ValueError:
        raise UsageError(f"Invalid value for {_names(option)}: {value!r} is not a valid float.") from None


def _names(option: _Option) -> str:
    return " / ".join(repr(flag) for flag in option.flags)


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
    tokens = canonical_args(argv)
    args = parser.parse_args(tokens)
    for option in OPTIONS:  # argparse 3.11 turns a value of exactly `--` into []
        if option.metavar is not None and not isinstance(getattr(args, option.dest), (str, type(None))):
            raise UsageError(f"Option {option.flags[-1]!r} requires an argument.")
    if args.help or args.version:  # like click's eager options: before any value is checked
        first = next(t for t in tokens if t in ("--help", "--version"))
        sys.stdout.write(_help_text(parser) if first == "--help" else _version())
        return 0

    sentences = _int(args.sentences, _SPELLINGS["--sentences"]) if args.sentences is not None else None
    words = _int(args.words, _SPELLINGS["--words"]) if args.words is not None else None
    topics = _int(args.topics, _SPELLINGS["--topics"])
    fmt: str | None = args.fmt
    if fmt is not None and fmt not in FORMATS:
        choices = ", ".join(map(repr, FORMATS))
        raise UsageError(f"Invalid value for '--format': {fmt!r} is not one of {choices}.")
    timeout = _float(args.timeout, _SPELLINGS["--timeout"])

    method = resolve_method(args.method)
    lengths = [x for x in (sentences, args.ratio, words) if x is not None]
    if len(lengths) > 1:
        raise InvalidLengthError("give only one of -n/--sentences, --ratio, --words")
    if sentences is not None and sentences < 1:
        raise InvalidLengthError(f"bad sentence count {sentences}: must be at least 1")
    if words is not None and words < 1:
        raise InvalidLengthError(f"bad word budget {words}: must be at least 1")
    ratio = parse_ratio(args.ratio) if args.ratio is not None else None
    if topics < 0:
        raise UsageError(f"bad topic count {topics}: must be 0 or more")
    if args.topics_only and topics == 0:
        raise UsageError("--topics-only needs -k/--topics above 0")
    if timeout <= 0:
        raise UsageError("--timeout must be above 0")
    language: str | None = None
    if args.language is not None:
        from ..language import resolve_language

        language = resolve_language(args.language).code
    if args.as_json:
        if fmt not in (None, "json"):
            raise UsageError(f"--json contradicts --format {fmt}")
        fmt = "json"
    if args.jsonl and fmt not in (None, "json"):
        raise UsageError(f"--jsonl writes JSON Lines; --format {fmt} does not apply")

    options = Options(
        method=method, sentences=sentences, ratio=ratio, words=words, topics=topics,
        topics_only=args.topics_only, language=language, timeout=timeout,
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
    """Read every input, summarize, print; returns the exit code."""
    topics_only = base.topics_only
    stdout = sys.stdout
    stdin = sys.stdin
    if not inputs:
        if stdin is None or _isatty(stdin):
            _stderr(f"Usage: {USAGE}\nTry 'summarize --help' for help.\n")
            return 2
        inputs = ["-"]
    mode = "jsonl" if jsonl else fmt or ("terminal" if _isatty(stdout) else "text")
    options = base.wanting_topics(topics_only or mode in ("json", "jsonl", "markdown", "terminal"))

    failed = 0
    jobs: list[Job] = []
    for spec in inputs:
        if jsonl:
            for item in _jsonl_jobs(spec, stdin):
                if isinstance(item, Job):
                    jobs.append(item)
                else:
                    _error(item[1], item[0])
                    failed = max(failed, 1)
        elif spec == "-":
            # Read standard input here: a worker process cannot.
            job_or_error = _stdin_job(stdin)
            if isinstance(job_or_error, Job):
                jobs.append(job_or_error)
            else:
                _error(job_or_error, "<stdin>")
                failed = max(failed, 1)
        else:
            jobs.append(Job(name=spec, spec=spec))

    renderer = TerminalRenderer(stdout, topics_only=topics_only, explain=explain) if mode == "terminal" else None
    several = len(inputs) > 1 or jsonl
    json_results: list[dict[str, Any]] = []
    blocks = 0
    with _progress(len(jobs)) as tick:
        for outcome in run_jobs(jobs, options, progress=tick):
            if outcome.result is None:
                _error(outcome.error or "failed", outcome.name)
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
    if mode == "json" and (json_results or several):
        stdout.write(to_json(json_results if several else json_results[0]) + "\n")
    return failed


def _stdin_job(stdin: TextIO | None) -> Job | str:
    from ..errors import InputError
    from ..ingest.inputs import DEFAULT_MAX_BYTES, decode_bytes

    if stdin is None:
        return "no standard input"
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


def _jsonl_jobs(spec: str, stdin: TextIO | None) -> Iterator[Job | tuple[str, str]]:
    """One `Job` per JSON line of `spec` (a file or `-`), or (name, reason) for a bad line."""
    import json

    from ..ingest.inputs import STDIN_NAME

    name = STDIN_NAME if spec == "-" else spec
    try:
        if spec == "-":
            if stdin is None:
                yield name, "no standard input"
                return
            stream = getattr(stdin, "buffer", None)
            raw = stream.read() if stream is not None else stdin.read().encode("utf-8")
        else:
            with open(spec, "rb") as f:
                raw = f.read()
    except IsADirectoryError:
        yield name, "is a directory"
        return
    except FileNotFoundError:
        yield name, "no such file"
        return
    except OSError as e:
        yield name, e.strerror or str(e)
        return
    text = raw.decode("utf-8-sig", errors="replace")
    seen = False
    for number, line in enumerate(text.splitlines(), 1):
        if not line.strip():
            continue
        seen = True
        where = f"{name}:{number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as e:
            yield where, f"not valid JSON ({e.msg})"
            continue
        except RecursionError:  # json's decoder recurses once per level of [ or {
            yield where, "not valid JSON (nested too deeply)"
            continue
        if not isinstance(record, dict) or not isinstance(record.get("text"), str):
            yield where, 'no "text" string in this JSON line'
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
        yield name, "input is empty (no JSON lines)"


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

    def __init__(self, total: int) -> None:
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


def _progress(total: int) -> _Progress | _NoProgress:
    if total > 1 and _isatty(sys.stderr):
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
        # so the interpreter's final garbage collection skips it all, as exit frees it anyway.
        # 12M fewer instructions, 6% of `summarize -n 3 < article` (callgrind, PYTHONHASHSEED=0).
        import gc

        gc.freeze()
    return code


if __name__ == "__main__":
    sys.exit(main())

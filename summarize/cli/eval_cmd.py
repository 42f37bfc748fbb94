"""`newsdesk eval`: summary (ROUGE) and keyphrase (F1@k) evaluation on JSON Lines data.

The metrics and runners live in the headless `summarize.evaluation.metrics`; this module parses options,
draws the progress bar and prints the results: a rich table on a terminal, plain aligned text
in a pipe, JSON with `--json`. Errors are one line on stderr with exit code 1 (bad data, missing
package) or 2 (usage: unknown method, bad option).
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Iterator, Sequence
from contextlib import contextmanager
from typing import TYPE_CHECKING, NoReturn

import click

from ..errors import NewsdeskError

if TYPE_CHECKING:
    from ..evaluation.metrics import Evaluation

PROG = "newsdesk eval"

SUMMARY_COLUMNS = {"rouge1": "R-1", "rouge2": "R-2", "rougeLsum": "R-Lsum"}
KEYPHRASE_COLUMNS = {
    "p@5": "P@5", "r@5": "R@5", "f1@5": "F1@5", "p@10": "P@10", "r@10": "R@10", "f1@10": "F1@10",
}


def _fail(message: str, code: int) -> NoReturn:
    from ..sanitize import one_line

    click.echo(f"{PROG}: error: {one_line(message)}", err=True)
    sys.exit(code)


def _split_methods(values: Sequence[str]) -> list[str]:
    """`-m a -m b` and `-m a,b` both give [a, b] (duplicates dropped, order kept)."""
    out: list[str] = []
    for value in values:
        for name in value.split(","):
            name = name.strip().lower()
            if name and name not in out:
                out.append(name)
    return out


@contextmanager
def _progress(total: int, label: str) -> Iterator[Callable[[int], None] | None]:
    """A progress bar on stderr while the evaluation runs, only when stderr is a terminal."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.console import Console
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        console=Console(stderr=True),
        transient=True,
    ) as bar:
        task = bar.add_task(label, total=total)
        yield lambda n: bar.advance(task, n)


def _run(
    task: str,
    data: str,
    methods: list[str],
    size: int,
    limit: int | None,
    as_json: bool,
    jobs: int,
    folds: int = 1,
) -> None:
    from ..evaluation import metrics as evaluation

    try:
        docs = evaluation.load_jsonl(data, task, limit=limit)
        with _progress(len(docs) * len(methods), f"eval {task}") as advance:
            result = evaluation.evaluate(
                task, docs, methods, size=size, data=data, workers=jobs, progress=advance,
                folds=folds,
            )
    except NewsdeskError as exc:
        _fail(str(exc), exc.exit_code)
    if as_json:
        click.echo(json.dumps(result.to_json(), indent=2, ensure_ascii=False))
    elif sys.stdout.isatty():
        _print_rich(result)
    else:
        click.echo(format_plain(result), nl=False)


def _columns(result: Evaluation) -> dict[str, str]:
    return SUMMARY_COLUMNS if result.task == "summaries" else KEYPHRASE_COLUMNS


def _rows(result: Evaluation) -> list[list[str]]:
    """Table rows: for each source (then all documents), every method, so methods line up."""
    if result.fold_sizes:
        return _fold_rows(result)
    from ..evaluation.metrics import OVERALL
    from ..sanitize import one_line

    columns = _columns(result)
    sources = [*result.sources, OVERALL] if len(result.sources) > 1 else list(result.sources)
    rows: list[list[str]] = []
    for source in sources:
        count = result.documents if source == OVERALL else result.sources[source]
        for m in result.methods:
            scores = m.overall if source == OVERALL else m.sources[source]
            rows.append(
                [one_line(source), m.method, str(count)]
                + [f"{scores[key]:.2f}" for key in columns]
                + [f"{m.ms_per_document:.2f}"]
            )
    return rows


def _fold_rows(result: Evaluation) -> list[list[str]]:
    """Cross-validation rows: for each source and method, one row a fold, then mean ± sd."""
    from ..sanitize import one_line

    columns = _columns(result)
    rows: list[list[str]] = []
    for source, count in result.sources.items():
        for m in result.methods:
            for i, (sizes, scores) in enumerate(zip(result.fold_sizes, m.folds)):
                if source in scores:
                    rows.append(
                        [one_line(source), m.method, str(i + 1), str(sizes[source])]
                        + [f"{scores[source][key]:.2f}" for key in columns]
                    )
            spread = m.spread(source)
            rows.append(
                [one_line(source), m.method, "mean±sd", str(count)]
                + [f"{spread[key][0]:.2f}±{spread[key][1]:.2f}" for key in columns]
            )
    return rows


def _header(result: Evaluation) -> list[str]:
    if result.fold_sizes:
        return ["source", "method", "fold", "docs", *_columns(result).values()]
    return ["source", "method", "docs", *_columns(result).values(), "ms/doc"]


def _left(result: Evaluation) -> int:
    """How many leading columns are names (left-aligned): source, method and any fold."""
    return 3 if result.fold_sizes else 2


def format_plain(result: Evaluation) -> str:
    """The results as plain text columns (what a pipe gets): one header line, one row a line."""
    table = [_header(result), *_rows(result)]
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    lines = []
    for row in table:
        cells = [
            cell.ljust(width) if i < _left(result) else cell.rjust(width)
            for i, (cell, width) in enumerate(zip(row, widths))
        ]
        lines.append("  ".join(cells).rstrip())
    return "\n".join(lines) + "\n"


def _print_rich(result: Evaluation) -> None:
    from rich.console import Console
    from rich.table import Table
    from rich.text import Text

    from ..sanitize import one_line

    size_name = "sentences" if result.task == "summaries" else "k"
    size = result.parameters.get("sentences" if result.task == "summaries" else "k")
    folds = f", {len(result.fold_sizes)} folds" if result.fold_sizes else ""
    title = Text(f"{result.task}: {one_line(result.data)} ({result.documents} documents, "
                 f"{size_name} = {size}{folds})")
    table = Table()
    for i, name in enumerate(_header(result)):
        table.add_column(name, justify="left" if i < _left(result) else "right", no_wrap=True)
    previous = None
    for row in _rows(result):
        if previous is not None and row[0] != previous:
            table.add_section()
        previous = row[0]
        table.add_row(*(Text(cell) for cell in row))  # Text: data never read as markup
    console = Console()
    console.print(title, style="bold")
    console.print(table)


_DATA_HELP = "JSON Lines file: one object per line with id, source, text and {gold}."
_JSON_HELP = "Print the results as JSON (schema in docs/evaluation.md, with a version field)."
_FOLDS_HELP = (
    "k-fold cross-validation: also report each of K folds (documents dealt by a hash of their "
    "id, per source) and the mean ± standard deviation over them."
)
_JOBS_HELP = (
    "Worker processes (default 1: on a 2-core machine more did not measurably help)."
)


@click.group("eval")
def eval_group() -> None:
    """Evaluate summaries (ROUGE) and key topics (keyphrase F1@k) on JSON Lines data.

    The metrics are the usual ones (rouge-score, Porter-stemmed exact match), so figures compare
    with published ones.
    Needs the `eval` extra (rouge-score; yake for the YAKE baseline).
    """


@eval_group.command("summaries")
@click.option("--data", required=True, metavar="FILE.jsonl", help=_DATA_HELP.format(gold="reference"))
@click.option(
    "-m", "--method", "methods", multiple=True, metavar="M",
    help="A method to evaluate (repeat or comma-separate): lead3 or any `summarize` method. "
    "Default: lead3 and the default method.",
)
@click.option("-n", "--sentences", type=click.IntRange(min=1), default=3, show_default=True,
              metavar="N",
              help="Summary length in sentences.")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Use at most N documents of each source.")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.option("--folds", type=click.IntRange(min=2), default=None, metavar="K", help=_FOLDS_HELP)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=False, metavar="N", help=_JOBS_HELP)
def summaries_command(
    data: str,
    methods: tuple[str, ...],
    sentences: int,
    limit: int | None,
    as_json: bool,
    folds: int | None,
    jobs: int,
) -> None:
    """ROUGE-1, ROUGE-2 and ROUGE-Lsum of summaries, per source.

    Mean F1 x100 from rouge-score with stemming; summaries one sentence per line.

    \b
    Examples:
      newsdesk eval summaries --data summaries.jsonl
      newsdesk eval summaries --data summaries.jsonl -m lead3 -m news -m lexrank --json
      newsdesk eval summaries --data summaries.jsonl --folds 5
    """
    from ..summarizer import DEFAULT_METHOD

    chosen = _split_methods(methods) or ["lead3", DEFAULT_METHOD]
    _run("summaries", data, chosen, sentences, limit, as_json, jobs, folds or 1)


@eval_group.command("keyphrases")
@click.option("--data", required=True, metavar="FILE.jsonl", help=_DATA_HELP.format(gold="keyphrases"))
@click.option(
    "-m", "--method", "methods", multiple=True, metavar="M",
    help="A method to evaluate (repeat or comma-separate): topics (our key topics) or yake. "
    "Default: topics.",
)
@click.option("-k", "--top", "k", type=click.IntRange(min=1), default=10, show_default=True,
              metavar="K",
              help="Phrases each method returns (scored at 5 and 10).")
@click.option("--limit", type=click.IntRange(min=1), default=None, metavar="N",
              help="Use at most N documents of each source.")
@click.option("--json", "as_json", is_flag=True, help=_JSON_HELP)
@click.option("--folds", type=click.IntRange(min=2), default=None, metavar="K", help=_FOLDS_HELP)
@click.option("-j", "--jobs", type=click.IntRange(min=1), default=1, show_default=False, metavar="N", help=_JOBS_HELP)
def keyphrases_command(
    data: str,
    methods: tuple[str, ...],
    k: int,
    limit: int | None,
    as_json: bool,
    folds: int | None,
    jobs: int,
) -> None:
    """Keyphrase precision, recall and F1 at 5 and 10, per source.

    Exact match after lowercasing and Porter stemming, macro-averaged x100.

    \b
    Examples:
      newsdesk eval keyphrases --data keyphrases.jsonl
      newsdesk eval keyphrases --data keyphrases.jsonl -m topics,yake --json
      newsdesk eval keyphrases --data keyphrases.jsonl --folds 5
    """
    chosen = _split_methods(methods) or ["topics"]
    _run("keyphrases", data, chosen, k, limit, as_json, jobs, folds or 1)


if __name__ == "__main__":
    eval_group(prog_name=PROG)

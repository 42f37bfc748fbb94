"""`newsdesk`: the article library's commands (and the reader when no command is given).

    newsdesk [--library PATH] [COMMAND ...]

Commands: `add`, `list`, `search`, `show`, `mark`, `rm`, `export`, `feed add|list|rm`, `fetch`,
`opml import|export`, `eval`. With no command the reader opens; text piped in opens in it.

Output is an API. Every listing command takes `--json` and prints one object with a `"version"`
field (the schemas are in docs/library.md); on a terminal the text form is drawn
with rich, in a pipe it is plain tab-separated text. Untrusted text (titles, bodies, feed names)
is printed as rich `Text` (never markup) with terminal control sequences stripped.

The commands are module-level click commands in `newsdesk_articles` and `newsdesk_feeds`, thin
bodies over `summarize.library.store.Library` and `summarize.ingest`; `build_cli` assembles them
around the reader callback, so this layer never imports Textual.

Exit codes: 0 ok; 1 an input, network or library error (a bad feed among good ones, a missing
article id, a file that is not a library); 2 usage (unknown option, missing argument, bad
value); 130 interrupted. Errors are one line on stderr, never a traceback.
"""

from __future__ import annotations

import sqlite3
import sys
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any

import click

from ..errors import UsageError
from .common import isatty, run_guarded, silence_stdout
from .newsdesk_shared import PROG, State, check_library_path, error

OpenReader = Callable[[Path | None, str | None], None]


def run_standalone(
    invoke: Callable[[], Any],
    report: Callable[[str], None],
    *,
    last_resort: tuple[type[Exception], Callable[[Exception], str]] | None = None,
) -> int:
    """Run a click command in non-standalone mode; click's usage errors and aborts map to the
    documented codes here, everything else in `cli_common.run_guarded` (kept click-free so that
    `summarize`, on argparse, never imports click).

    A group called without its subcommand prints its help to stdout (whole, not folded into an
    error line) and exits 2, as a usage error.
    """

    def call() -> Any:
        try:
            return invoke()
        except click.exceptions.NoArgsIsHelpError as e:
            click.echo(e.ctx.get_help() if e.ctx is not None else e.format_message())
            return 2
        except click.UsageError as e:
            report(e.format_message())
            return 2
        except click.ClickException as e:
            report(e.format_message())
            return e.exit_code
        except click.Abort:
            raise KeyboardInterrupt from None

    return run_guarded(call, report, last_resort=last_resort)


class LibraryGroup(click.Group):
    """click.Group that turns every failure into one line on stderr and a documented code."""

    def main(
        self,
        args: Sequence[str] | None = None,
        prog_name: str | None = None,
        complete_var: str | None = None,
        standalone_mode: bool = True,
        **extra: Any,
    ) -> Any:
        sys.exit(run_standalone(
            lambda: super(LibraryGroup, self).main(
                args, prog_name or PROG, complete_var, standalone_mode=False, **extra
            ),
            error,
            # the store maps its errors; this is the last safety net
            last_resort=(sqlite3.Error, lambda e: f"library: {e}"),
        ))

    def invoke(self, ctx: click.Context) -> Any:
        """Run the command; a reader that went away (`| head`) ends it with 0, as documented
        (click itself would exit 1 on a broken pipe)."""
        try:
            return super().invoke(ctx)
        except BrokenPipeError:
            silence_stdout()
            raise click.exceptions.Exit(0) from None


HELP = """A terminal reader and summarizer for news, and its article library.

With no command, open the reader (text piped in opens in it). The library is one SQLite file
(--library, or $NEWSDESK_LIBRARY, or the user data directory); a new one starts with the
sample articles.

\b
Exit codes: 0 ok, 1 input/network/library error, 2 usage, 130 interrupted.
"""


def _piped_text() -> str | None:
    """Text piped into the bare `newsdesk` (decoded; None when nothing or only space came)."""
    if sys.stdin is None or isatty(sys.stdin):
        return None
    from ..ingest.inputs import read_text

    try:
        text = read_text("-").text
    except (OSError, ValueError, AttributeError):
        return None
    return text if text.strip() else None


def build_cli(open_reader: OpenReader | None = None) -> click.Group:
    """The `newsdesk` command group; `open_reader(library_path, piped_text)` runs the reader."""
    from .newsdesk_articles import COMMANDS as ARTICLE_COMMANDS
    from .newsdesk_feeds import COMMANDS as FEED_COMMANDS

    @click.group(
        cls=LibraryGroup, invoke_without_command=True, help=HELP,
        context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
    )
    @click.option("--library", "library", type=click.Path(dir_okay=False, path_type=Path),
                  envvar="NEWSDESK_LIBRARY", metavar="PATH",
                  help="The library file (default: $NEWSDESK_LIBRARY or the user data dir).")
    @click.version_option(package_name="newsdesk", prog_name=PROG,
                          message="%(prog)s %(version)s")
    @click.pass_context
    def cli(ctx: click.Context, library: Path | None) -> None:
        state = State(library)
        ctx.obj = state
        ctx.call_on_close(state.close)
        if ctx.invoked_subcommand is not None:
            return
        check_library_path(library)
        piped = _piped_text()
        if open_reader is None:
            raise UsageError("no reader in this build; try `newsdesk --help`")
        open_reader(library, piped)

    for command in (*ARTICLE_COMMANDS, *FEED_COMMANDS):
        cli.add_command(command)
    try:
        from .eval_cmd import eval_group
    except ImportError:  # pragma: no cover - the eval module is part of the package
        pass
    else:
        cli.add_command(eval_group)
    return cli


def main(argv: Iterable[str] | None = None) -> None:
    """Run the library commands without the reader (for tests and scripts)."""
    build_cli(None).main(args=list(argv) if argv is not None else None, prog_name=PROG)

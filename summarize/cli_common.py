"""What both command lines share: terminal checks, stderr writes, and one exception-to-exit-code map.

`summarize` and `newsdesk` promise the same contract (one line on stderr, 0 ok, 1 input, 2 usage,
130 interrupted, a closed pipe is not an error), so it is written once here.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable
from typing import IO, Any

import click

from .errors import NewsdeskError


def write_stderr(text: str) -> None:
    """Write to stderr, ignoring a closed or broken stream (nothing else could report it)."""
    try:
        sys.stderr.write(text)
        sys.stderr.flush()
    except (OSError, ValueError):
        pass


def isatty(stream: IO[Any] | None) -> bool:
    try:
        return stream is not None and stream.isatty()
    except (AttributeError, ValueError, OSError):
        return False


def silence_stdout() -> None:
    """Point stdout at /dev/null so the interpreter's last flush does not fail again."""
    try:
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
    except (OSError, ValueError, AttributeError):
        pass


def run_standalone(
    invoke: Callable[[], Any],
    error: Callable[[str], None],
    *,
    last_resort: tuple[type[Exception], Callable[[Exception], str]] | None = None,
) -> int:
    """Run a click command in non-standalone mode and map every outcome to the documented code.

    `last_resort` names one more exception type (and its message) to report with exit code 1.
    """
    try:
        code = invoke()
        sys.stdout.flush()
    except click.UsageError as e:
        error(e.format_message())
        return 2
    except click.ClickException as e:
        error(e.format_message())
        return e.exit_code
    except NewsdeskError as e:
        error(str(e))
        return e.exit_code
    except (KeyboardInterrupt, click.Abort):
        write_stderr("\n")
        return 130
    except BrokenPipeError:  # raised by the final flush when the reader went away (`| head`)
        silence_stdout()
        return 0
    except Exception as e:
        if last_resort is not None and isinstance(e, last_resort[0]):
            error(last_resort[1](e))
            return 1
        raise
    return code if isinstance(code, int) else 0

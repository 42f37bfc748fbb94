"""What both command lines share: terminal checks, stderr writes, and one exception-to-exit-code map.

`summarize` and `newsdesk` promise the same contract (one line on stderr, 0 ok, 1 input, 2 usage,
130 interrupted, a closed pipe is not an error), so it is written once here. Click-free on
purpose: `summarize` (argparse) imports this module on every start, and click alone would cost
about 30 ms of it; `newsdesk` maps click's own exceptions in `library_cli` before they get here.
"""

from __future__ import annotations

import os
import sys

from ..errors import NewsdeskError

TYPE_CHECKING = False
if TYPE_CHECKING:  # no `typing` import at run time
    from collections.abc import Callable
    from typing import IO, Any


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


def run_guarded(
    invoke: Callable[[], object],
    error: Callable[[str], None],
    *,
    last_resort: tuple[type[Exception], Callable[[Exception], str]] | None = None,
) -> int:
    """Run a command's body and map every outcome to the documented exit code.

    `NewsdeskError` -> its one-line message and `exit_code`; Ctrl-C -> 130; a reader that went
    away (`| head`) -> 0, silently. `last_resort` names one more exception type (and its
    message) to report with exit code 1. Anything else is a bug and keeps its traceback.
    """
    try:
        code = invoke()
        sys.stdout.flush()
    except NewsdeskError as e:
        error(str(e))
        return e.exit_code
    except KeyboardInterrupt:
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

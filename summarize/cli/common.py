"""What both command lines share: terminal checks, stderr writes, and one exception-to-exit-code map.

`summarize` and `newsdesk` promise the same contract (one line on stderr, 0 ok, 1 input or output
failed, 2 usage, 130 interrupted, 143 terminated, a closed pipe is not an error), so it is written
once here. Click-free on purpose: `summarize` (argparse) imports this module on every start, and
importing click would cost more than the rest of its start-up; `newsdesk` maps click's own
exceptions before they get here.
"""

from __future__ import annotations

import os
import sys

from ..errors import NewsdeskError, UsageError

TYPE_CHECKING = False
if TYPE_CHECKING:  # no `typing` import at run time
    from collections.abc import Callable, Iterator
    from typing import IO, Any

MAX_TIMEOUT = 86_400.0
"""The longest `--timeout` either command takes (a day): past that no fetch is worth waiting for,
and the clocks and socket calls under a fetch overflow on values like 1e308."""


class Terminated(BaseException):
    """SIGTERM arrived while `terminating_raises` was in force (a BaseException, like Ctrl-C's
    KeyboardInterrupt, so no `except Exception` of a command swallows it)."""


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


def check_timeout(value: str | float, option: str = "--timeout") -> float:
    """A fetch time limit in seconds from the command line: finite, above 0, at most a day.

    The one check of `--timeout` for both commands; `UsageError` (exit 2) otherwise.
    """
    try:
        seconds = float(value)
    except (TypeError, ValueError):
        raise UsageError(f"{option}: {value!r} is not a number of seconds") from None
    if not 0.0 < seconds <= MAX_TIMEOUT:  # also refuses NaN, which compares false
        raise UsageError(
            f"{option}: {value!r} is out of range: give seconds above 0 and at most {MAX_TIMEOUT:,.0f}"
        )
    return seconds


def terminating_raises() -> _TerminationGuard:
    """A context in which SIGTERM raises `Terminated` in the main thread instead of killing the
    process at once: what a process pool needs so that its workers are stopped too."""
    return _TerminationGuard()


class _TerminationGuard:
    def __enter__(self) -> None:
        import signal

        def raise_terminated(signum: int, frame: object) -> None:
            raise Terminated()

        self._signal = signal
        try:
            self._previous: Any = signal.signal(signal.SIGTERM, raise_terminated)
        except ValueError:  # not the main thread: leave SIGTERM as it is
            self._previous = None

    def __exit__(self, *exc: object) -> None:
        if self._previous is not None:
            self._signal.signal(self._signal.SIGTERM, self._previous)


def run_guarded(
    invoke: Callable[[], object],
    error: Callable[[str], None],
    *,
    last_resort: tuple[type[Exception], Callable[[Exception], str]] | None = None,
) -> int:
    """Run a command's body and map every outcome to the documented exit code.

    `NewsdeskError` -> its one-line message and `exit_code`; Ctrl-C -> 130; SIGTERM inside
    `terminating_raises` -> 143; a reader that went away (`| head`) -> 0, silently; standard
    output closed (`>&-`) or failing (`> /dev/full`) -> one line and 1. `last_resort` names one
    more exception type (and its message) to report with exit code 1. Anything else is a bug and
    keeps its traceback.
    """
    if sys.stdout is None:  # started with file descriptor 1 closed: nowhere to write a result
        error("standard output is closed")
        return 1
    try:
        code = invoke()
        sys.stdout.flush()
    except NewsdeskError as e:
        error(str(e))
        return e.exit_code
    except KeyboardInterrupt:
        write_stderr("\n")
        return 130
    except Terminated:
        return 143
    except BrokenPipeError:  # raised by the final flush when the reader went away (`| head`)
        silence_stdout()
        return 0
    except OSError as e:
        # Every input error is reported where the input is read; what gets here is a failed
        # write (`> /dev/full`: no space left; a closed or revoked terminal).
        where = f"{e.filename}: " if e.filename else "cannot write output: "
        error(f"{where}{e.strerror or e}")
        try:
            sys.stdout.flush()
        except (OSError, ValueError):
            silence_stdout()  # so the interpreter's last flush does not fail (and print) again
        return 1
    except Exception as e:
        if last_resort is not None and isinstance(e, last_resort[0]):
            error(last_resort[1](e))
            return 1
        raise
    return code if isinstance(code, int) else 0

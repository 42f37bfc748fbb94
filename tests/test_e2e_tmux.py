"""End to end: the installed `newsdesk` in a real terminal (tmux), keys in, screen out.

Pilot tests cannot see the entry point, the terminal modes or stdin; this does. Each test runs a
plain shell in a private tmux server (`-L`), starts `newsdesk` against a temporary library, polls
`capture-pane` until the expected text appears (never a blind sleep), and checks that `q` gives
the shell prompt back with the alternate screen left.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

from summarize.library.store import Library
from tui.reader_screen import FETCH_TIMEOUT

TMUX = shutil.which("tmux")
NEWSDESK = shutil.which("newsdesk", path=str(Path(sys.executable).parent)) or shutil.which("newsdesk")
PROMPT = "E2E-READY$"
TIMEOUT = 30.0

pytestmark = pytest.mark.skipif(not TMUX or not NEWSDESK, reason="needs tmux and the installed newsdesk")


class Terminal:
    """One tmux session on a private server, running a bare shell."""

    def __init__(self, socket: str, env: dict[str, str], cwd: Path) -> None:
        self.socket = socket
        shell = shutil.which("bash") or "/bin/sh"
        env_args = [f"{k}={v}" for k, v in env.items()]
        self.tmux(
            "-f", "/dev/null", "new-session", "-d", "-s", "e2e", "-x", "120", "-y", "36",
            "-c", str(cwd),
            "env", "-i", *env_args, shell, "--noprofile", "--norc",
        )
        self.tmux("set-option", "-g", "status", "off")
        self.type(f"PS1='{PROMPT} '", enter=True)
        self.wait_for(lambda screen: screen.rstrip().endswith(PROMPT))

    def tmux(self, *args: str) -> str:
        assert TMUX
        done = subprocess.run(
            [TMUX, "-L", self.socket, *args], capture_output=True, text=True, timeout=20
        )
        if done.returncode != 0:
            raise AssertionError(f"tmux {' '.join(args)} failed: {done.stderr.strip()}")
        return done.stdout

    def type(self, text: str, *, enter: bool = False) -> None:
        self.tmux("send-keys", "-t", "e2e", "-l", text)
        if enter:
            self.tmux("send-keys", "-t", "e2e", "Enter")

    def key(self, *keys: str) -> None:
        self.tmux("send-keys", "-t", "e2e", *keys)

    def screen(self) -> str:
        return self.tmux("capture-pane", "-p", "-t", "e2e")

    def alternate_on(self) -> bool:
        return self.tmux("display-message", "-p", "-t", "e2e", "#{alternate_on}").strip() == "1"

    def wait_for(self, test: Callable[[str], bool], what: str = "") -> str:
        deadline = time.monotonic() + TIMEOUT
        screen = ""
        while time.monotonic() < deadline:
            screen = self.screen()
            if test(screen):
                return screen
            time.sleep(0.1)
        raise AssertionError(f"timed out waiting for {what or test}; screen was:\n{screen}")

    def kill(self) -> None:
        assert TMUX
        subprocess.run([TMUX, "-L", self.socket, "kill-server"], capture_output=True, timeout=20)


@pytest.fixture
def terminal(tmp_path: Path) -> Iterator[Terminal]:
    home = tmp_path / "home"
    home.mkdir()
    (tmp_path / "bin").mkdir()  # first on PATH: a test puts stub programs there
    env = {
        "PATH": f"{tmp_path / 'bin'}:{Path(NEWSDESK or '').parent}:/usr/bin:/bin",
        "HOME": str(home),
        "TERM": "xterm-256color",
        "LANG": "C.UTF-8",
        "LC_ALL": "C.UTF-8",
        "NEWSDESK_LIBRARY": str(tmp_path / "library.db"),
        "NEWSDESK_CONFIG": str(tmp_path / "config.toml"),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "XDG_DATA_HOME": str(home / ".local" / "share"),
    }
    term = Terminal(f"newsdesk-e2e-{os.getpid()}-{tmp_path.name}", env, tmp_path)
    try:
        yield term
    finally:
        term.kill()


def _quit_and_check_restored(term: Terminal) -> None:
    term.key("q")
    screen = term.wait_for(
        lambda s: s.rstrip().endswith(PROMPT) and "Summary" not in s, "the shell prompt after q"
    )
    assert not term.alternate_on()
    assert "Traceback" not in screen
    # the terminal is usable again: the shell echoes what we type
    term.type("echo back-$((40+2))", enter=True)
    term.wait_for(lambda s: "back-42" in s, "the shell to run a command")


def test_reader_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    terminal.type("newsdesk", enter=True)
    screen = terminal.wait_for(lambda s: "Topics" in s and "1. " in s, "the reader with a summary")
    assert terminal.alternate_on()
    rows = Library(tmp_path / "library.db").list()
    first, second = rows[0], rows[1]
    assert "Summary" in screen and "Articles" in screen
    assert first.title[:25] in screen
    # the text pane heads with the shown article's title; move down and it changes
    terminal.key("j")
    screen = terminal.wait_for(
        lambda s: sum(second.title[:25] in line for line in s.splitlines()) >= 1
        and "1. " in s
        and _text_pane_title(s, second.title[:25]),
        "the second article in the text pane",
    )
    _quit_and_check_restored(terminal)


def test_back_key_and_a_terminal_browser_that_gets_the_terminal(
    terminal: Terminal, tmp_path: Path
) -> None:
    """q in the article goes back to the list; `o` over SSH (no display) runs the text browser
    with the reader suspended: the browser reads the keys, the reader comes back after it."""
    log = tmp_path / "browser.log"
    stub = tmp_path / "bin" / "www-browser"  # first in webbrowser's order of text browsers
    stub.write_text(
        "#!/bin/sh\n"
        'printf "STUB-BROWSER %s\\n" "$1"\n'
        "read answer\n"
        f'printf "%s %s" "$1" "$answer" > "{log}"\n'
    )
    stub.chmod(0o755)
    terminal.type("newsdesk", enter=True)
    terminal.wait_for(lambda s: "Topics" in s and "1. " in s, "the reader with a summary")
    with Library(tmp_path / "library.db") as library:
        first = library.list()[0]
        url = library.get(first.id).url
    assert url
    # Enter opens the article (the footer offers Back), q goes back to the list, not out
    terminal.key("Enter")
    terminal.wait_for(lambda s: "Back" in s.splitlines()[-1], "the article's footer")
    terminal.key("q")
    terminal.wait_for(lambda s: "Open" in s.splitlines()[-1] and "Back" not in s.splitlines()[-1],
                      "the list's footer again")
    assert terminal.alternate_on()
    # o hands the terminal to the text browser: the reader's screen goes, the browser's shows
    terminal.key("o")
    screen = terminal.wait_for(lambda s: f"STUB-BROWSER {url}" in s, "the text browser")
    assert "Topics" not in screen and not terminal.alternate_on()
    terminal.type("typed-into-the-browser", enter=True)
    terminal.wait_for(lambda s: "Topics" in s and "1. " in s, "the reader back after the browser")
    assert terminal.alternate_on()
    assert log.read_text() == f"{url} typed-into-the-browser"
    # the keys went to the browser, not the reader: nothing was searched, starred or added
    with Library(tmp_path / "library.db") as library:
        assert not library.row(first.id).starred
    _quit_and_check_restored(terminal)


def test_piped_text_opens_the_reader_on_it(terminal: Terminal, tmp_path: Path) -> None:
    story = tmp_path / "story.txt"
    story.write_text(
        "Wexmouth gets a sea wall\n\n"
        "The harbour board of Wexmouth approved a new sea wall on Tuesday. The wall will cost "
        "twelve million pounds and protect four hundred homes. Engineers said work starts in "
        "spring. Residents welcomed the decision after three winters of flooding. The board "
        "will publish the plans next week. Fishermen asked for a gap in the wall for their boats.\n"
    )
    terminal.type(f"cat {story} | newsdesk", enter=True)
    screen = terminal.wait_for(
        lambda s: "Wexmouth gets a sea wall" in s and "1. " in s and "Topics" in s,
        "the piped article with its summary",
    )
    assert "stdin" in screen
    assert _text_pane_title(screen, "Wexmouth gets a sea wall")
    # keys reach the app although stdin was a pipe: move to another article
    terminal.key("j")
    terminal.wait_for(lambda s: not _text_pane_title(s, "Wexmouth gets a sea wall"), "a move")
    _quit_and_check_restored(terminal)
    with Library(tmp_path / "library.db") as library:
        kept = [r for r in library.list() if r.source == "stdin"]
    assert [r.title for r in kept] == ["Wexmouth gets a sea wall"]
    # piping the same text again keeps one copy
    terminal.type(f"cat {story} | newsdesk", enter=True)
    terminal.wait_for(lambda s: "Wexmouth gets a sea wall" in s and "1. " in s, "the reader again")
    _quit_and_check_restored(terminal)
    with Library(tmp_path / "library.db") as library:
        assert len([r for r in library.list() if r.source == "stdin"]) == 1


def _text_pane_title(screen: str, title: str) -> bool:
    """Whether the text pane (right of the list) starts with `title` (its first body line)."""
    for line in screen.splitlines():
        parts = line.split("│")
        # the list pane is the first boxed column; the article pane the second
        if len(parts) >= 4 and parts[3].strip().startswith(title):
            return True
    return False


def test_next_unread_in_a_real_terminal(terminal: Terminal, tmp_path: Path) -> None:
    """`n` skips read articles to the next unread one, shows it and marks it read."""
    with Library(tmp_path / "library.db") as library:
        rows = library.list()
        library.mark([rows[1].id], read=True)
    terminal.type("newsdesk", enter=True)
    terminal.wait_for(lambda s: "Topics" in s and "1. " in s and _text_pane_title(s, rows[0].title[:25]),
                      "the reader on the first article")
    terminal.key("n")
    terminal.wait_for(lambda s: _text_pane_title(s, rows[2].title[:25]) and "1. " in s,
                      "the third article (the second is read) in the text pane")
    _quit_and_check_restored(terminal)
    with Library(tmp_path / "library.db") as library:
        read = {r.id: r.read for r in library.list()}
    assert read[rows[2].id] and read[rows[1].id] and not read[rows[0].id] and not read[rows[3].id]


def test_q_during_a_slow_fetch_leaves_at_once(terminal: Terminal, tmp_path: Path) -> None:
    """A feed server that does not answer must not hold `q` for the reader's HTTP timeout or the
    server's delay (60 s), and nothing arriving late is stored."""
    from httpserver import Route, start_server

    slow = Route(b'<?xml version="1.0"?><rss version="2.0"><channel><title>Slow</title>'
                 b"</channel></rss>", delay=60.0)
    with start_server() as server:
        url = server.route("/slow.xml", slow)
        with Library(tmp_path / "library.db") as library:
            library.add_feed(url)
            before = library.count()
        terminal.type("newsdesk", enter=True)
        terminal.wait_for(lambda s: "Topics" in s and "1. " in s, "the reader")
        started = time.monotonic()
        terminal.key("R")
        terminal.wait_for(lambda s: "Fetching feeds 0/1" in s, "the fetch under way")
        _quit_and_check_restored(terminal)
        # waiting for the fetch would take the whole HTTP timeout: the server never answers
        # before it, so leaving earlier shows the reader did not wait
        assert time.monotonic() - started < FETCH_TIMEOUT
    with Library(tmp_path / "library.db") as library:
        assert library.count() == before


def test_without_a_terminal_it_is_a_clear_error(tmp_path: Path) -> None:
    """No terminal to read keys from (cron, CI): one line on stderr, exit 1, no traceback."""
    assert NEWSDESK
    env = {**os.environ, "NEWSDESK_LIBRARY": str(tmp_path / "library.db"),
           "NEWSDESK_CONFIG": str(tmp_path / "config.toml")}
    done = subprocess.run(
        [NEWSDESK], stdin=subprocess.DEVNULL, capture_output=True, text=True, env=env,
        start_new_session=True, timeout=60,  # a new session has no controlling terminal
    )
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        "newsdesk: error: cannot read keys: stdin is not a terminal and /dev/tty cannot be opened"
    ]
    assert done.stdout == ""


def test_output_redirected_away_from_the_terminal_is_a_clear_error(
    terminal: Terminal, tmp_path: Path
) -> None:
    terminal.type(f"newsdesk > {tmp_path / 'out.txt'}; echo exit=$?", enter=True)
    screen = terminal.wait_for(
        lambda s: any(line.startswith("exit=") for line in s.splitlines()), "newsdesk to give up"
    )
    assert "exit=1" in screen.splitlines()
    assert "stdout is not one" in screen
    assert (tmp_path / "out.txt").read_text() == ""

"""Every command example in README.md and docs/*.md runs, and prints what the page says it prints.

A page shows an example as a fenced ```console block: lines starting with `$ ` are commands, the
lines after each one (up to the next command or the end of the block) are its output, stdout and
stderr together. Each page runs in a fresh temporary library (`NEWSDESK_LIBRARY`), its examples
in page order, from the repository's root, with this environment's `summarize` and `newsdesk`
first on PATH and output to a pipe (so the plain formats are shown). A changed output fails here,
so the docs cannot drift from the commands. Blocks fenced as ```sh are instructions (installing,
opening the reader): they are checked for shell syntax only.

After a deliberate change of output, `python tests/test_docs_examples.py` writes what the
commands print now into the pages (like cog); review the diff before committing it.
"""

from __future__ import annotations

import os
import re
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PAGES = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
FENCE = re.compile(r"^```(\w*)\n(.*?)^```", re.M | re.S)


@dataclass(frozen=True)
class Example:
    page: Path
    line: int
    command: str
    output: str
    length: int
    """How many lines the documented output takes on the page."""

    def __str__(self) -> str:
        return f"{self.page.relative_to(ROOT)}:{self.line}"


def examples(page: Path) -> list[Example]:
    """The `$ command` / output pairs of a page's console blocks, in order."""
    text = page.read_text(encoding="utf-8")
    found: list[Example] = []
    for block in FENCE.finditer(text):
        if block.group(1) != "console":
            continue
        first_line = text.count("\n", 0, block.start(2)) + 1
        command: str | None = None
        start = 0
        output: list[str] = []
        for offset, line in enumerate(block.group(2).splitlines()):
            if line.startswith("$ "):
                if command is not None:
                    found.append(Example(page, start, command, "\n".join(output), len(output)))
                command, start, output = line[2:], first_line + offset, []
            elif command is not None:
                output.append(line)
        if command is not None:
            found.append(Example(page, start, command, "\n".join(output), len(output)))
    return found


def shell_blocks(page: Path) -> list[tuple[int, str]]:
    text = page.read_text(encoding="utf-8")
    return [(text.count("\n", 0, b.start(2)) + 1, b.group(2))
            for b in FENCE.finditer(text) if b.group(1) in ("sh", "bash", "shell")]


def run_example(example: Example, env: dict[str, str]) -> str:
    done = subprocess.run(
        ["bash", "-c", example.command], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
        stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, timeout=120,
    )
    return done.stdout.rstrip("\n")


def page_env(tmp: Path) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEWSDESK", "COLUMNS"))}
    env.update(
        PATH=f"{Path(sys.executable).parent}{os.pathsep}{env.get('PATH', '')}",
        NEWSDESK_LIBRARY=str(tmp / "library.db"),
        PYTHONUNBUFFERED="1",  # stdout and stderr interleave as they were written
        NO_COLOR="1",
        HOME=str(tmp),
        XDG_DATA_HOME=str(tmp / "data"),
        XDG_CONFIG_HOME=str(tmp / "config"),
    )
    return env


PAGES_WITH_EXAMPLES = [p for p in PAGES if examples(p)]


@pytest.mark.parametrize("page", PAGES_WITH_EXAMPLES, ids=lambda p: p.name)
def test_documented_examples_print_what_the_page_says(page: Path, tmp_path: Path) -> None:
    env = page_env(tmp_path)
    failures = []
    for example in examples(page):
        got = run_example(example, env)
        if got != example.output:
            failures.append(f"{example}: $ {example.command}\n--- documented\n{example.output}"
                            f"\n--- printed\n{got}")
    assert not failures, "\n\n".join(failures)


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_shell_instructions_parse(page: Path) -> None:
    for line, script in shell_blocks(page):
        done = subprocess.run(["bash", "-n"], input=script, text=True, capture_output=True)
        assert done.returncode == 0, f"{page.name}:{line}: {done.stderr}"


def test_the_collector_reads_commands_and_outputs(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("x\n\n```console\n$ echo a\na\n$ true\n```\n\n```sh\nls\n```\n")
    assert [(e.line, e.command, e.output, e.length) for e in examples(page)] == [
        (4, "echo a", "a", 1), (6, "true", "", 0)]
    assert shell_blocks(page) == [(10, "ls\n")]


def test_a_changed_output_is_caught(tmp_path: Path) -> None:
    page = tmp_path / "page.md"
    page.write_text("```console\n$ echo changed\nas documented\n```\n")
    (example,) = examples(page)
    assert run_example(example, page_env(tmp_path)) != example.output


OUTSIDE = re.compile(r"\.\./shared|shared/eval|shared evaluation|/work/|dev machine|the team|dev split", re.I)
"""What only the people who wrote Newsdesk have: their folders, machines and data splits."""


@pytest.mark.parametrize("page", PAGES, ids=lambda p: p.name)
def test_docs_name_nothing_only_the_authors_have(page: Path) -> None:
    assert not OUTSIDE.search(page.read_text(encoding="utf-8")), page.name


def _helps() -> dict[str, str]:
    """Every `--help` of both commands, by command line."""
    import click

    from summarize.cli.newsdesk_cmd import build_cli
    from summarize.cli.summarize_cmd import _help_text, build_parser

    helps = {"summarize": _help_text(build_parser())}

    def walk(command: click.Command, parent: click.Context | None, name: str) -> None:
        ctx = click.Context(command, info_name=name.rpartition(" ")[2], parent=parent)
        helps[name] = command.get_help(ctx)
        if isinstance(command, click.Group):
            for sub, child in command.commands.items():
                walk(child, ctx, f"{name} {sub}")

    walk(build_cli(), None, "newsdesk")
    return helps


def test_help_texts_name_nothing_only_the_authors_have() -> None:
    helps = _helps()
    assert {"newsdesk eval summaries", "newsdesk feed add", "newsdesk opml import"} <= set(helps)
    assert "Methods:" in helps["summarize"]
    found = {name: m.group(0) for name, text in helps.items() if (m := OUTSIDE.search(text))}
    assert found == {}


def update_pages() -> None:
    """Write each console example's current output into its page (the `python FILE` entry)."""
    import tempfile

    for page in PAGES_WITH_EXAMPLES:
        lines = page.read_text(encoding="utf-8").split("\n")
        with tempfile.TemporaryDirectory() as tmp:
            env = page_env(Path(tmp))
            found = examples(page)
            outputs = [run_example(example, env) for example in found]
        for example, output in reversed(list(zip(found, outputs))):
            first = example.line  # 1-based line of the command; output follows it
            lines[first:first + example.length] = output.split("\n") if output else []
        page.write_text("\n".join(lines), encoding="utf-8")
        print(f"updated {page.relative_to(ROOT)} ({len(found)} examples)")


if __name__ == "__main__":
    update_pages()

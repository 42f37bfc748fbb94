"""Shell completion: `summarize --completion SHELL` scripts load in their shell and complete the
command's options and values; `newsdesk` (click) completes its commands as docs/summarize.md and
docs/library.md say. Each script is run by the real shell (zsh and fish when installed)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

BIN = Path(sys.executable).parent
ENV = {**os.environ, "PATH": f"{BIN}{os.pathsep}{os.environ.get('PATH', '')}"}


def _bash(script: str) -> str:
    done = subprocess.run(["bash", "-c", script], env=ENV, capture_output=True, text=True, timeout=60)
    assert done.returncode == 0, done.stderr
    assert done.stderr == ""
    return done.stdout


def _complete_summarize(words: str) -> list[str]:
    """What bash offers after `words` (the last word is the one being completed)."""
    parts = words.split(" ")
    array = " ".join(f"'{w}'" for w in parts)
    out = _bash(
        "source <(summarize --completion bash)\n"
        f"COMP_WORDS=({array}); COMP_CWORD={len(parts) - 1}; _summarize\n"
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    return [line for line in out.splitlines() if line]


def _help_options() -> set[str]:
    text = subprocess.run([BIN / "summarize", "--help"], env=ENV, capture_output=True,
                          text=True, check=True).stdout
    options = text.split("Options:")[1].split("Methods:")[0]
    return set(re.findall(r"(?<![\w-])(--?[a-z][\w-]*)", options))


def test_bash_script_registers_the_completion() -> None:
    assert _bash("source <(summarize --completion bash); complete -p summarize").strip() == (
        "complete -o default -F _summarize summarize")


def test_bash_completes_every_option_of_the_help() -> None:
    offered = set(_complete_summarize("summarize -"))
    assert _help_options() <= offered
    assert _complete_summarize("summarize --me") == ["--method"]
    assert _complete_summarize("summarize --topics") == ["--topics", "--topics-only"]


def test_bash_completes_option_values() -> None:
    from summarize import available_methods

    assert _complete_summarize("summarize -m lex") == ["lexrank"]
    assert _complete_summarize("summarize --method ") == list(available_methods())
    assert _complete_summarize("summarize --format m") == ["markdown"]
    assert _complete_summarize("summarize --completion ") == ["bash", "zsh", "fish"]
    assert _complete_summarize("summarize -n ") == []  # a number: nothing to offer


def test_bash_leaves_inputs_to_file_name_completion() -> None:
    assert _complete_summarize("summarize -n 2 sample") == []  # `-o default`: bash lists files


@pytest.mark.skipif(shutil.which("zsh") is None, reason="zsh is not installed")
def test_zsh_script_parses_and_registers(tmp_path: Path) -> None:
    script = tmp_path / "_summarize"
    script.write_text(_bash("summarize --completion zsh"))
    assert subprocess.run(["zsh", "-n", str(script)], capture_output=True).returncode == 0
    done = subprocess.run(
        ["zsh", "-fc", f"autoload -U compinit; compinit -u -d {tmp_path}/zcomp; "
                       f"source {script}; print -r -- $_comps[summarize]"],
        env={**ENV, "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=60)
    assert (done.stdout.strip(), done.stderr) == ("_summarize", "")


@pytest.mark.skipif(shutil.which("fish") is None, reason="fish is not installed")
def test_fish_completes_options_and_values(tmp_path: Path) -> None:
    def complete(words: str) -> list[str]:
        done = subprocess.run(
            ["fish", "-c", f"summarize --completion fish | source; complete -C '{words}'"],
            env={**ENV, "HOME": str(tmp_path)}, capture_output=True, text=True, timeout=60)
        assert done.stderr == ""
        return [line.split("\t")[0] for line in done.stdout.splitlines()]

    assert complete("summarize --me") == ["--method"]
    assert complete("summarize -m lex") == ["lexrank"]
    assert sorted(complete("summarize --format ")) == ["json", "markdown", "text"]


def test_unknown_shell_is_a_usage_error() -> None:
    done = subprocess.run([BIN / "summarize", "--completion", "tcsh"], env=ENV,
                          capture_output=True, text=True)
    assert (done.returncode, done.stdout) == (2, "")
    assert done.stderr == "summarize: error: --completion: 'tcsh' is not one of bash, zsh, fish\n"


def test_completion_is_not_loaded_on_the_summary_path() -> None:
    probe = (
        "import sys\n"
        "from summarize.cli.summarize_cmd import main\n"
        "code = main(['-n', '1', 'sample_articles/seed-kazakhstan-un.txt'])\n"
        "sys.stdout.flush()\n"
        "sys.stderr.write(str('summarize.cli.completion' in sys.modules))\n"
        "sys.exit(code)\n"
    )
    done = subprocess.run([sys.executable, "-c", probe], cwd=Path(__file__).parent.parent,
                          capture_output=True, text=True)
    assert (done.returncode, done.stderr) == (0, "False")
    assert len(done.stdout.splitlines()) == 1


def test_newsdesk_click_completion_completes_commands() -> None:
    """The documented `_NEWSDESK_COMPLETE=bash_source newsdesk` script, loaded and asked."""
    out = _bash(
        'eval "$(_NEWSDESK_COMPLETE=bash_source newsdesk)"\n'
        "COMP_WORDS=(newsdesk fe); COMP_CWORD=1; _newsdesk_completion newsdesk\n"
        'printf "%s\\n" "${COMPREPLY[@]}"'
    )
    assert out.split() == ["feed", "fetch"]

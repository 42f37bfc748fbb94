"""Shell completion scripts for `summarize` (bash, zsh, fish), written from its own parser.

`summarize --completion SHELL` prints one; the user loads it once (docs/summarize.md). The options,
their help and the values of `--method`, `--format` and `--completion` come from the argparse
parser and the method table at the moment the script is printed, so the script cannot drift
from the command. Hand-written templates rather than a library (shtab, argcomplete): a few dozen
lines, no dependency, and nothing of this module loads unless `--completion` is given, so the
command's start-up does not pay for it. (`newsdesk` is a click command: click prints its
scripts, `_NEWSDESK_COMPLETE=bash_source newsdesk`.)
"""

from __future__ import annotations

import re

TYPE_CHECKING = False
if TYPE_CHECKING:
    import argparse
    from collections.abc import Sequence

SHELLS = ("bash", "zsh", "fish")
PROG = "summarize"


class Option:
    """One option as the scripts need it: its spellings, whether it takes a value, the values
    to offer (None: any value, nothing to offer), and a one-line description."""

    def __init__(self, action: argparse.Action, values: Sequence[str] | None) -> None:
        self.flags: list[str] = list(action.option_strings)
        self.takes_value = action.nargs != 0
        self.values = values
        help_text = re.sub(r"\s*\[default:[^]]*\]", "", action.help or "").replace("%%", "%")
        self.help = help_text.split(" (")[0].rstrip(".").strip()

    @property
    def short(self) -> str | None:
        return next((f[1:] for f in self.flags if len(f) == 2), None)

    @property
    def long(self) -> str | None:
        return next((f[2:] for f in self.flags if f.startswith("--")), None)


def options(parser: argparse.ArgumentParser, values: dict[str, Sequence[str]]) -> list[Option]:
    """Every option of `parser`; `values` maps a long flag (`--method`) to the values it takes."""
    found = []
    for action in parser._actions:  # argparse keeps no public list of its actions
        if action.option_strings:
            long = next((f for f in action.option_strings if f.startswith("--")), "")
            found.append(Option(action, values.get(long)))
    return found


def script(shell: str, parser: argparse.ArgumentParser, values: dict[str, Sequence[str]]) -> str:
    """The completion script for `shell` (one of `SHELLS`)."""
    found = options(parser, values)
    return {"bash": _bash, "zsh": _zsh, "fish": _fish}[shell](found)


def _bash(found: list[Option]) -> str:
    cases = []
    for option in found:
        if option.takes_value:
            words = " ".join(option.values or ())
            reply = f'COMPREPLY=($(compgen -W "{words}" -- "$cur"))' if words else "COMPREPLY=()"
            cases.append(f"        {'|'.join(option.flags)}) {reply}; return ;;")
    flags = " ".join(flag for option in found for flag in option.flags)
    return f"""\
# bash completion for {PROG}: source <({PROG} --completion bash)
_{PROG}() {{
    local cur=${{COMP_WORDS[COMP_CWORD]}} prev=${{COMP_WORDS[COMP_CWORD-1]}}
    case $prev in
{chr(10).join(cases)}
    esac
    if [[ $cur == -* ]]; then
        COMPREPLY=($(compgen -W "{flags}" -- "$cur"))
    else
        COMPREPLY=()  # an input: bash's own file name completion (-o default)
    fi
}}
complete -o default -F _{PROG} {PROG}
"""


def _zsh_quote(text: str) -> str:
    return "'" + text.replace("'", "'\\''") + "'"


def _zsh(found: list[Option]) -> str:
    specs = []
    for option in found:
        description = re.sub(r"([\[\]:\\])", r"\\\1", option.help)
        exclusive = f"({' '.join(option.flags)})" if len(option.flags) > 1 else ""
        value = ""
        if option.takes_value:
            value = ":value:(" + " ".join(option.values) + ")" if option.values else ":value: "
        for flag in option.flags:
            specs.append(_zsh_quote(f"{exclusive}{flag}[{description}]{value}"))
    specs.append(_zsh_quote("*:input:_files"))
    lines = " \\\n        ".join(specs)
    return f"""\
#compdef {PROG}
# zsh completion for {PROG}: source <({PROG} --completion zsh), after compinit
_{PROG}() {{
    _arguments -s -S \\
        {lines}
}}
if [[ $funcstack[1] == _{PROG} ]]; then
    _{PROG} "$@"
else
    compdef _{PROG} {PROG}
fi
"""


def _fish_quote(text: str) -> str:
    return "'" + text.replace("\\", "\\\\").replace("'", "\\'") + "'"


def _fish(found: list[Option]) -> str:
    lines = [f"# fish completion for {PROG}: {PROG} --completion fish | source"]
    for option in found:
        parts = [f"complete -c {PROG}"]
        if option.short:
            parts.append(f"-s {option.short}")
        if option.long:
            parts.append(f"-l {option.long}")
        if option.takes_value:
            parts.append("-x")  # takes a value, and not a file name
            if option.values:
                parts.append("-a " + _fish_quote(" ".join(option.values)))
        parts.append("-d " + _fish_quote(option.help))
        lines.append(" ".join(parts))
    return "\n".join(lines) + "\n"

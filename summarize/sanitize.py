"""Terminal-safe text: strip control sequences from untrusted text before it is printed.

Article bodies, titles, feed fields and even file names are untrusted. Printed raw, an ESC
sequence can clear the screen (`ESC[2J`), set the clipboard (OSC 52), rewrite the window title
or hide text; a carriage return or backspace can overwrite what came before; a bidirectional
override (U+202E) or isolate (U+2066-U+2069) makes a terminal show text in another order than
it holds ("txt.exe" shown as "exe.txt"). Everything the CLI prints as text (to a terminal or a
pipe) goes through `strip_controls` first; JSON escapes control characters by itself, and keeps
the text exact. `markdown_inline` makes text inert in Markdown for the digests the CLIs write.

Hand-written with one compiled regex on purpose: the libraries at hand strip too little
(rich's `strip_control_codes` keeps ESC; "strip-ansi" style helpers know CSI but not OSC
payloads or 8-bit C1 introducers), and one alternation is a single linear pass over the text.
"""

from __future__ import annotations

import re
from functools import cache

__all__ = ["CONTROL_PATTERN", "control_re", "markdown_inline", "one_line", "strip_controls"]

CONTROL_PATTERN = r"""
      \x1b\[ [0-?]* [ -/]* [@-~]?                   # CSI: ESC [ params intermediates final
    | \x9b [0-?]* [ -/]* [@-~]?                     # CSI, 8-bit introducer
    | [\x1b] [\]PX^_] [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?
                                                    # OSC / DCS / SOS / PM / APC with payload
                                                    # up to BEL or ST (or the end of the line)
    | [\x90\x98\x9d\x9e\x9f] [^\x07\x1b\x9c\n]* (?:\x07|\x1b\\|\x9c)?
                                                    # the same, 8-bit introducers
    | \x1b [ -/]* [0-~]?                            # any other ESC sequence (ESC c, ESC ( B)
    | [\x00-\x08\x0b-\x1f\x7f-\x9f]                 # lone C0 (not \t \n), DEL, C1
    | [\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]  # bidi marks, embeddings, overrides,
                                                    # isolates (Unicode's Bidi_Control set)
    """
"""Every terminal control sequence and control character except tab and line feed, and every
bidirectional formatting character."""


@cache
def control_re() -> re.Pattern[str]:
    """`CONTROL_PATTERN` compiled on first need (most text has no control character at all)."""
    return re.compile(CONTROL_PATTERN, re.VERBOSE)


def strip_controls(text: str) -> str:
    """`text` without terminal control sequences or control characters (keeps `\\n`, `\\t`)."""
    if text.isprintable():  # the common case: no control character at all, nothing to do
        return text
    return control_re().sub("", text)


def one_line(text: str) -> str:
    """`text` made safe and kept on one line (for names in headers and error messages)."""
    return strip_controls(text).replace("\n", " ").replace("\t", " ")


@cache
def _markdown_special() -> re.Pattern[str]:
    """Markdown's and inline HTML's markup characters (compiled on first need)."""
    return re.compile(r"([\\`*_{}\[\]<>()#+!|~])")


def markdown_inline(text: str | None) -> str:
    """Untrusted text made inert in Markdown: on one line, controls stripped, and every character
    that Markdown or inline HTML gives a meaning escaped with a backslash.

    So `[x](javascript:alert(1))` stays text rather than a link, `<img onerror=...>` stays text
    rather than HTML, and a sentence cannot start a heading or a fake `**Topics:**` line.
    """
    return _markdown_special().sub(r"\\\1", one_line(text or ""))

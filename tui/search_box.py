"""`SearchBox`: the reader's search field, an `Input` that costs no layout pass per key.

Search runs as you type, so a key's cost is on the path to the hits on screen. Textual's
`Input` sets its `virtual_size` whenever its value changes, and a changed `virtual_size` asks for
a layout pass of the whole screen, which redraws every pane. The box's size is fixed by the
stylesheet (`#search`: one row, the list's width), so nothing around it can move: `SearchBox`
records the new virtual size without that request before `Input` assigns the same value, which
then changes nothing. The box still scrolls its text as before (it reads `virtual_size`). Measured
with `tests/benchmarks/bench_reader.py` (typed character -> hits): see the commit that added it.
"""

from __future__ import annotations

from textual.geometry import Size
from textual.widgets import Input


class SearchBox(Input):
    """The search field (a one-row `Input` whose size the stylesheet fixes)."""

    def _watch_value(self, value: str) -> None:
        self.set_reactive(Input.virtual_size, Size(self.content_width, 1))
        # `Input._watch_value` is Textual's own (private) watcher: call it when it is there, so
        # a Textual that moves that work elsewhere still gets the value's usual handling
        watch = getattr(super(), "_watch_value", None)
        if watch is not None:
            watch(value)

"""The `newsdesk` entry point: library commands from the core, the reader when none is given."""

from __future__ import annotations

from pathlib import Path


def _open_reader(library_path: Path | None, piped_text: str | None) -> None:
    """Open the Textual reader (imported only now, so `newsdesk list` never loads textual)."""
    from .app import run_reader

    run_reader(library_path, piped_text)


def main() -> None:
    from summarize.cli.newsdesk_cmd import build_cli

    build_cli(open_reader=_open_reader)(prog_name="newsdesk")


if __name__ == "__main__":
    main()

"""`newsdesk eval`: summary and keyphrase evaluation on JSON Lines data (filled by the eval work)."""

from __future__ import annotations

import click


@click.group("eval")
def eval_group() -> None:
    """Evaluate summaries (ROUGE) and key topics (keyphrase F1) on JSON Lines data."""

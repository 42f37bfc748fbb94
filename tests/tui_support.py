"""Helpers the reader's Pilot and snapshot tests share."""

from __future__ import annotations

from textual.pilot import Pilot
from textual.worker import WorkerCancelled, WorkerFailed


async def settle(pilot: Pilot[None]) -> None:
    """Wait until no worker runs and no message is pending (workers start workers)."""
    app = pilot.app
    quiet = 0
    for _ in range(200):
        try:
            await app.workers.wait_for_complete()
        except WorkerFailed:
            pass  # the app turns it into a notification; tests check for that
        except WorkerCancelled:
            pass  # an exclusive worker replaced by a newer request: the newer one is waited on
        await pilot.pause()
        if any(w.is_running for w in app.workers):
            quiet = 0
            continue
        quiet += 1
        if quiet >= 2:
            return
    raise AssertionError("workers never settled")

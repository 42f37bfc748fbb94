"""Dates as a news reader shows them: `3h` / `2d` in the list, the full date over the article.

Stored dates are ISO 8601 (`2026-03-02T07:30:00Z`, or a bare `2026-03-02`); anything else is shown
as stored (cut to ten characters), never guessed at.
"""

from __future__ import annotations

from datetime import UTC, datetime

RECENT_DAYS = 7
"""Up to this many days old a date is relative (`6d`); older ones are dates."""


def _parse(value: str | None) -> datetime | None:
    if not value:
        return None
    text = value.strip()
    try:
        parsed = datetime.fromisoformat(text.replace("Z", "+00:00"))
    except ValueError:
        return None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=UTC)


def relative_date(value: str | None, now: datetime | None = None) -> str:
    """`now`, `5m`, `3h`, `2d` for the last week; `2026-03-02` before (and for future dates)."""
    parsed = _parse(value)
    if parsed is None:
        return (value or "")[:10]
    now = now or datetime.now(UTC)
    seconds = (now - parsed).total_seconds()
    date_only = len((value or "").strip()) == 10
    if seconds < 0 or seconds >= RECENT_DAYS * 86400 or (date_only and seconds < 86400):
        return parsed.strftime("%Y-%m-%d")
    if seconds < 60:
        return "now"
    if seconds < 3600:
        return f"{int(seconds // 60)}m"
    if seconds < 86400:
        return f"{int(seconds // 3600)}h"
    return f"{int(seconds // 86400)}d"


def full_date(value: str | None) -> str | None:
    """`Monday 2 March 2026, 07:30 UTC` (or `Monday 2 March 2026` for a date without time)."""
    parsed = _parse(value)
    if parsed is None:
        return value
    day = f"{parsed:%A} {parsed.day} {parsed:%B %Y}"
    if len((value or "").strip()) == 10:
        return day
    return f"{day}, {parsed.astimezone(UTC):%H:%M} UTC"

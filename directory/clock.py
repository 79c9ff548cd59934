"""Time, once: the Warsaw time zone every local time of the bot is in, and the current moment."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Final
from zoneinfo import ZoneInfo

WARSAW: Final = ZoneInfo("Europe/Warsaw")


def utc_now() -> datetime:
    """The current moment, timezone-aware (UTC)."""
    return datetime.now(UTC)

"""Anonymous usage counters. Privacy: never a chat id, user id, name, username or free text, and
no sequence: each event only adds one to its hour's counter (docs/privacy.md)."""

from __future__ import annotations

from collections.abc import Sequence
from datetime import UTC, datetime
from typing import Any

from sqlalchemy.engine import Connection

from bot.dialogue import UsageNote
from directory.clock import WARSAW
from directory.usage_counters import add_to_counters, counter_rows


def usage_hour(moment: datetime) -> datetime:
    """The start of the Warsaw hour containing `moment`, as a UTC instant."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(WARSAW).replace(minute=0, second=0, microsecond=0)
    return local.astimezone(UTC)


def usage_values(
    notes: Sequence[UsageNote], *, channel: str, language: str, now: datetime
) -> list[dict[str, Any]]:
    """The counters one turn's notes add to (`directory.usage_counters.counter_rows`)."""
    hour = usage_hour(now)
    return counter_rows(
        {
            "hour": hour,
            "channel": channel[:32],
            "language": language[:8],
            "event": note.event[:32],
            "place_outcome": note.place_outcome,
            "powiat": note.powiat,
            "crisis": note.crisis,
            "emergency_first": note.emergency_first,
            "options_shown": note.options_shown,
            "scopes": dict(note.scopes),
            "more_pressed": note.more_pressed,
            "change_place_pressed": note.change_place_pressed,
            "helpful": note.helpful,
        }
        for note in notes
    )


def insert_usage(connection: Connection, values: Sequence[dict[str, Any]]) -> None:
    """Add counters built by `usage_values` to the stored ones (one upsert)."""
    add_to_counters(connection, values)

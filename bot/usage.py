"""Anonymous usage records. Privacy: never a chat id, user id, name, username or free text."""

from __future__ import annotations

import logging
from collections.abc import Sequence
from datetime import UTC, datetime, timedelta
from typing import Any, Final, cast
from zoneinfo import ZoneInfo

from sqlalchemy import Table, delete, insert
from sqlalchemy.engine import Connection, Engine
from sqlalchemy.orm import Session

from bot.dialogue import UsageNote
from directory.models import UsageEvent

WARSAW: Final = ZoneInfo("Europe/Warsaw")
USAGE_EVENTS: Final = cast(Table, UsageEvent.__table__)
logger = logging.getLogger(__name__)


def usage_hour(moment: datetime) -> datetime:
    """The start of the Warsaw hour containing `moment`, as a UTC instant."""
    aware = moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)
    local = aware.astimezone(WARSAW).replace(minute=0, second=0, microsecond=0)
    return local.astimezone(UTC)


def usage_values(
    notes: Sequence[UsageNote], *, channel: str, language: str, now: datetime
) -> list[dict[str, Any]]:
    """The column values to insert for one turn's notes (one Core INSERT, no ORM objects)."""
    hour = usage_hour(now)
    return [
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
    ]


def usage_rows(
    notes: Sequence[UsageNote], *, channel: str, language: str, now: datetime
) -> list[UsageEvent]:
    """The rows to store for one turn's notes, as ORM objects."""
    return [
        UsageEvent(**values)
        for values in usage_values(notes, channel=channel, language=language, now=now)
    ]


# Built once: a reused statement keeps its compiled form and cache key.
_INSERT_USAGE: Final = insert(USAGE_EVENTS)


def insert_usage(connection: Connection, values: Sequence[dict[str, Any]]) -> None:
    """Insert usage rows built by `usage_values` with one Core statement."""
    if values:
        connection.execute(_INSERT_USAGE, list(values))


def record_usage(
    engine: Engine,
    notes: Sequence[UsageNote],
    *,
    channel: str,
    language: str,
    now: datetime,
) -> bool:
    """Store one turn's usage notes; never raises (a failure here must not break the reply)."""
    if not notes:
        return True
    try:
        with engine.begin() as connection:
            insert_usage(
                connection, usage_values(notes, channel=channel, language=language, now=now)
            )
    except Exception as error:
        # Statistics are optional; the reply to a person in crisis is not.
        logger.warning("usage not recorded: %s", type(error).__name__)
        return False
    return True


def purge_old_usage(engine: Engine, retention_days: int, now: datetime) -> int:
    """Delete usage events older than the retention period; returns how many went."""
    cutoff = usage_hour(now) - timedelta(days=retention_days)
    with Session(engine) as session, session.begin():
        result = session.execute(delete(UsageEvent).where(UsageEvent.hour < cutoff))
        return int(getattr(result, "rowcount", 0) or 0)

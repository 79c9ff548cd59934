"""Retention: usage events older than the configured period are deleted, and only those."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import Engine, select
from sqlalchemy.orm import Session

from directory.db import session_scope
from directory.models import UsageEvent
from directory.retention import purge_usage_events, retention_cutoff

NOW = datetime(2026, 3, 4, 9, 30, tzinfo=UTC)


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    """A migrated database without the directory, on SQLite and on PostgreSQL."""
    return migrated_engine


def add_hours(engine: Engine, hours: list[datetime]) -> None:
    with session_scope(engine) as session:
        session.add_all(
            UsageEvent(hour=hour, channel="telegram", language="pl", event="results")
            for hour in hours
        )


def stored_hours(engine: Engine) -> list[datetime]:
    with Session(engine) as session:
        return sorted(session.scalars(select(UsageEvent.hour)))


def test_retention_deletes_exactly_the_events_older_than_the_period(engine: Engine) -> None:
    cutoff = NOW - timedelta(days=730)
    old = [cutoff - timedelta(days=400), cutoff - timedelta(hours=1), cutoff - timedelta(seconds=1)]
    kept = [cutoff, cutoff + timedelta(hours=1), NOW - timedelta(days=1)]
    add_hours(engine, old + kept)
    assert purge_usage_events(engine, NOW, 730) == 3
    assert stored_hours(engine) == sorted(kept)
    # Running again deletes nothing more.
    assert purge_usage_events(engine, NOW, 730) == 0
    assert stored_hours(engine) == sorted(kept)


def test_a_shorter_period_deletes_more(engine: Engine) -> None:
    add_hours(engine, [NOW - timedelta(days=n) for n in (1, 10, 40, 100)])
    assert purge_usage_events(engine, NOW, 30) == 2
    assert stored_hours(engine) == sorted([NOW - timedelta(days=10), NOW - timedelta(days=1)])


@pytest.mark.parametrize(
    ("now", "days", "message"),
    [
        (datetime(2026, 3, 4), 730, "timezone-aware"),
        (NOW, 0, "at least one day"),
    ],
)
def test_bad_arguments_are_refused(now: datetime, days: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        retention_cutoff(now, days)

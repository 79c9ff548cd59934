"""Retention of anonymous usage events: anything older than the configured period is deleted.

The bot runs `purge_usage_events` once a day (see `bot.admin.schedule_retention`); the default
period is two years (USAGE_RETENTION_DAYS=730).
"""

from __future__ import annotations

from datetime import datetime, timedelta

from sqlalchemy import Engine, delete, func, select
from sqlalchemy.orm import Session

from directory.db import session_scope
from directory.models import UsageEvent


def retention_cutoff(now: datetime, retention_days: int) -> datetime:
    """The oldest moment kept: events whose hour starts before it are deleted."""
    if now.tzinfo is None:
        raise ValueError("a timezone-aware datetime is required")
    if retention_days < 1:
        raise ValueError("the retention period must be at least one day")
    return now - timedelta(days=retention_days)


def delete_old_usage_events(session: Session, now: datetime, retention_days: int) -> int:
    """Delete usage events older than `retention_days` before `now`; returns how many went
    (events, not rows: each row counts the events of one kind in one hour)."""
    cutoff = retention_cutoff(now, retention_days)
    old = UsageEvent.hour < cutoff
    events = session.scalar(select(func.coalesce(func.sum(UsageEvent.count), 0)).where(old))
    session.execute(delete(UsageEvent).where(old))
    return int(events or 0)


def purge_usage_events(engine: Engine, now: datetime, retention_days: int) -> int:
    """`delete_old_usage_events` in its own transaction."""
    with session_scope(engine) as session:
        return delete_old_usage_events(session, now, retention_days)

"""Hourly usage counters: how events are counted into `usage_events` (docs/privacy.md).

Each row counts the events of one kind in one hour (`directory.models.UsageEvent`): adding an
event adds one to its counter, creating the row the first time. There is no sequence number
and no time finer than the hour, so the rows of one conversation cannot be told from others'.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Mapping
from typing import Any, Final, cast

from sqlalchemy import Table
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Connection

from directory.models import USAGE_DEFAULTS, USAGE_KEY_COLUMNS, UsageEvent, usage_bucket

USAGE_EVENTS: Final = cast(Table, UsageEvent.__table__)


def counter_rows(events: Iterable[Mapping[str, Any]]) -> list[dict[str, Any]]:
    """The counters these events add to: one row per bucket with its `count`, in bucket order
    (which says nothing about the order of the events)."""
    counters: dict[str, dict[str, Any]] = {}
    for event in events:
        values = {name: event.get(name) for name in USAGE_KEY_COLUMNS}
        for name, default in USAGE_DEFAULTS.items():
            if values[name] is None:
                values[name] = default
        number = int(event.get("count") or 1)
        bucket = usage_bucket(values)
        if bucket in counters:
            counters[bucket]["count"] += number
        else:
            counters[bucket] = {"bucket": bucket, "count": number, **values}
    return [counters[bucket] for bucket in sorted(counters)]


@functools.cache
def _upsert(dialect: str) -> Any:
    """INSERT … ON CONFLICT (bucket) DO UPDATE SET count = count + the new count, built once
    per database kind (a statement built per call would be compiled per call)."""
    if dialect == "postgresql":
        insert: Any = postgresql.insert(USAGE_EVENTS)
    elif dialect == "sqlite":
        insert = sqlite.insert(USAGE_EVENTS)
    else:
        raise NotImplementedError(f"usage counters need an upsert on {dialect}")
    return insert.on_conflict_do_update(
        index_elements=[USAGE_EVENTS.c.bucket],
        set_={"count": USAGE_EVENTS.c.count + insert.excluded["count"]},
    )


def add_to_counters(connection: Connection, rows: Iterable[Mapping[str, Any]]) -> None:
    """Add `counter_rows` to the stored counters (an upsert; the rows' buckets are distinct)."""
    values = [dict(row) for row in rows]
    if values:
        connection.execute(_upsert(connection.dialect.name), values)

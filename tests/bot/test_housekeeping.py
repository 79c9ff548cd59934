"""Housekeeping as a scheduled job: expired states and old usage go without any turn."""

from __future__ import annotations

import logging
import time
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy.engine import Engine

from bot.config import Settings
from bot.conversation import ConversationService
from bot.state import StateStore

SECRET = "housekeeping-secret"


class Clock:
    """A settable clock."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


def test_the_scheduled_purge_deletes_expired_states_without_a_turn(
    migrated_engine: Engine,
) -> None:
    clock = Clock()
    store = StateStore(migrated_engine, SECRET, ttl=timedelta(hours=24), clock=clock)
    store.save(1, {"step": "place"})
    clock.now += timedelta(hours=25)
    store.save(2, {"step": "place"})
    service = ConversationService(Settings(state_secret=SECRET), migrated_engine, clock=clock)
    assert store.count() == 2
    service.housekeeping.start()
    deadline = time.monotonic() + 10
    while store.count() > 1 and time.monotonic() < deadline:
        time.sleep(0.02)
    service.close()
    assert store.count() == 1
    assert store.load(2) == {"step": "place"}


def test_a_failing_purge_is_logged_and_never_raises(caplog: pytest.LogCaptureFixture) -> None:
    service = ConversationService(
        Settings(state_secret=SECRET, database_url="postgresql+psycopg://postgres@127.0.0.1:9/x")
    )
    with caplog.at_level(logging.WARNING, logger="bot.housekeeping"):
        service.housekeeping.run_once()
    service.close()
    assert [record.getMessage() for record in caplog.records] == [
        "purge failed: DatabaseUnavailableError"
    ]

"""The conversation state store on SQLite and PostgreSQL: keyed hashes, expiry, forgetting."""

from __future__ import annotations

import hashlib
import hmac
from datetime import UTC, datetime, timedelta

import pytest
from sqlalchemy import select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bot.state import StateStore, put_state_row, state_key
from directory.db import open_database
from directory.models import ConversationState

SECRET = "test-secret"


class Clock:
    """A settable clock."""

    def __init__(self) -> None:
        self.now = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)

    def __call__(self) -> datetime:
        return self.now


@pytest.fixture
def engine(migrated_engine: Engine) -> Engine:
    """A migrated database without the directory, on SQLite and on PostgreSQL."""
    return migrated_engine


def test_state_key_is_an_hmac_of_the_chat_id_not_the_id_itself() -> None:
    expected = hmac.new(b"test-secret", b"12345", hashlib.sha256).hexdigest()
    assert state_key(SECRET, 12345) == expected
    assert "12345" not in state_key(SECRET, 12345)
    assert state_key("other", 12345) != expected


def test_saved_state_is_loaded_back_and_only_the_hash_is_stored(engine: Engine) -> None:
    store = StateStore(engine, SECRET, clock=Clock())
    store.save(12345, {"step": "crisis", "powiat": "1421"})
    assert store.load(12345) == {"step": "crisis", "powiat": "1421"}
    assert store.load(99) is None
    with Session(engine) as session:
        keys = session.scalars(select(ConversationState.key)).all()
    assert keys == [state_key(SECRET, 12345)]


def test_state_expires_after_24_hours_of_silence_and_is_then_deleted(engine: Engine) -> None:
    clock = Clock()
    store = StateStore(engine, SECRET, ttl=timedelta(hours=24), clock=clock)
    store.save(1, {"step": "results"})
    clock.now += timedelta(hours=23, minutes=59)
    assert store.load(1) == {"step": "results"}
    store.save(1, {"step": "results"})  # a message pushes the expiry forward
    clock.now += timedelta(hours=23)
    assert store.load(1) == {"step": "results"}
    clock.now += timedelta(hours=1, seconds=1)
    assert store.load(1) is None
    assert store.count() == 0


def test_purge_removes_only_expired_states(engine: Engine) -> None:
    clock = Clock()
    store = StateStore(engine, SECRET, clock=clock)
    store.save(1, {"step": "place"})
    clock.now += timedelta(hours=20)
    store.save(2, {"step": "place"})
    clock.now += timedelta(hours=5)
    assert store.purge_expired() == 1
    assert store.load(1) is None
    assert store.load(2) == {"step": "place"}


def test_forget_deletes_the_row(engine: Engine) -> None:
    store = StateStore(engine, SECRET, clock=Clock())
    store.save(7, {"step": "crisis"})
    assert store.forget(7) is True
    assert store.count() == 0
    assert store.forget(7) is False


def test_a_new_store_on_the_same_database_continues(database_url: str) -> None:
    clock = Clock()
    first = open_database(database_url, seed=False)
    StateStore(first, SECRET, clock=clock).save(5, {"step": "results"})
    first.dispose()
    second = open_database(database_url, seed=False)
    try:
        assert StateStore(second, SECRET, clock=clock).load(5) == {"step": "results"}
    finally:
        second.dispose()


def test_a_put_state_row_is_added_then_replaced_with_a_new_expiry(engine: Engine) -> None:
    first = datetime(2026, 3, 1, 12, 0, tzinfo=UTC)
    later = first + timedelta(minutes=30)
    with Session(engine) as session, session.begin():
        put_state_row(session, "edit:abc", {"step": "field"}, first, timedelta(hours=2))
    with Session(engine) as session, session.begin():
        put_state_row(session, "edit:abc", {"step": "value"}, later, timedelta(hours=2))
    with Session(engine) as session:
        rows = session.scalars(select(ConversationState)).all()
        assert [row.data for row in rows] == [{"step": "value"}]
        expires = rows[0].expires_at
    # SQLite hands back a naive UTC time, PostgreSQL an aware one.
    aware = expires if expires.tzinfo else expires.replace(tzinfo=UTC)
    assert aware == later + timedelta(hours=2)

"""Conversation state in our database, keyed by an HMAC of the chat id, expiring after silence."""

from __future__ import annotations

import hashlib
import hmac
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime, timedelta
from typing import Any, Final, cast

from sqlalchemy import BindParameter, Table, bindparam, delete, insert, select, update
from sqlalchemy.dialects import postgresql, sqlite
from sqlalchemy.engine import Engine
from sqlalchemy.exc import IntegrityError
from sqlalchemy.orm import Session

from directory.clock import utc_now
from directory.models import ConversationState


def state_key(secret: str, chat_id: int) -> str:
    """The storage key for a chat: HMAC-SHA256(secret, chat id) as hex, so ids are never stored."""
    digest = hmac.new(secret.encode("utf-8"), str(chat_id).encode("ascii"), hashlib.sha256)
    return digest.hexdigest()


def put_state_row(
    session: Session, key: str, data: dict[str, Any], now: datetime, ttl: timedelta
) -> None:
    """Store one state row in the caller's transaction, expiring `ttl` after `now`."""
    row = session.get(ConversationState, key)
    if row is None:
        session.add(ConversationState(key=key, data=data, updated_at=now, expires_at=now + ttl))
    else:
        row.data = data
        row.updated_at = now
        row.expires_at = now + ttl


def _aware(moment: datetime) -> datetime:
    # SQLite hands back naive datetimes even for timezone-aware columns; they were stored as UTC.
    return moment if moment.tzinfo is not None else moment.replace(tzinfo=UTC)


STATE: Final = cast(Table, ConversationState.__table__)
# Built once: a statement object reused keeps its compiled form and cache key, which would
# otherwise be built again on every turn.
_STATE_OF_KEY: Final = (
    select(STATE.c.data, STATE.c.expires_at)
    .where(STATE.c.key == bindparam("key"))
    .with_for_update()
)
_PLACEHOLDER: Final[dict[str, BindParameter[Any]]] = {
    "key": bindparam("key"),
    "data": bindparam("data"),
    "updated_at": bindparam("updated_at"),
    "expires_at": bindparam("expires_at"),
}
_CLAIM_ROW: Final = {
    "postgresql": postgresql.insert(STATE)
    .values(**_PLACEHOLDER)
    .on_conflict_do_nothing(index_elements=["key"]),
    "sqlite": sqlite.insert(STATE)
    .values(**_PLACEHOLDER)
    .on_conflict_do_nothing(index_elements=["key"]),
}
_SAVE_STATE: Final = (
    update(STATE)
    .where(STATE.c.key == bindparam("state_key"))
    .values(
        data=bindparam("data"),
        updated_at=bindparam("updated_at"),
        expires_at=bindparam("expires_at"),
    )
)
_DELETE_STATE: Final = delete(STATE).where(STATE.c.key == bindparam("key"))


class LockedState:
    """A chat's state row, locked until the transaction of `StateStore.locked` ends."""

    def __init__(
        self,
        session: Session,
        key: str,
        stored: dict[str, Any] | None,
        expires_at: datetime,
        now: datetime,
        ttl: timedelta,
    ) -> None:
        """Wrap the locked row `key` of `session`, read as (`stored`, `expires_at`)."""
        self.session = session
        self._key = key
        self._stored = stored
        self._expires_at = expires_at
        self._now = now
        self._ttl = ttl
        self.written = False

    @property
    def data(self) -> dict[str, Any] | None:
        """The stored state; None for a new chat or an expired state."""
        if not self._stored or _aware(self._expires_at) <= self._now:
            return None
        return dict(self._stored)

    def save(self, data: dict[str, Any]) -> None:
        """Store the chat's state (committed with the transaction), expiring `ttl` from now."""
        self.session.connection().execute(
            _SAVE_STATE,
            {
                "state_key": self._key,
                "data": dict(data),
                "updated_at": self._now,
                "expires_at": self._now + self._ttl,
            },
        )
        self.written = True

    def forget(self) -> None:
        """Delete the chat's state (committed with the transaction)."""
        self.session.connection().execute(_DELETE_STATE, {"key": self._key})
        self.written = True


class StateStore:
    """Loads, saves and forgets conversation state rows (`conversation_state`)."""

    def __init__(
        self,
        engine: Engine,
        secret: str,
        ttl: timedelta = timedelta(hours=24),
        clock: Callable[[], datetime] = utc_now,
    ) -> None:
        """Store states in `engine`, keyed with `secret`, expiring `ttl` after the last message."""
        if not secret:
            raise ValueError("the state secret must not be empty")
        self._engine = engine
        self._secret = secret
        self._ttl = ttl
        self._clock = clock

    def key(self, chat_id: int) -> str:
        """The storage key of a chat."""
        return state_key(self._secret, chat_id)

    def load(self, chat_id: int) -> dict[str, Any] | None:
        """A chat's stored state; None when there is none or it expired (then it is deleted)."""
        key = self.key(chat_id)
        with Session(self._engine) as session, session.begin():
            row = session.get(ConversationState, key)
            if row is None:
                return None
            if _aware(row.expires_at) <= self._clock():
                session.delete(row)
                return None
            return dict(row.data)

    @contextmanager
    def locked(self, chat_id: int) -> Iterator[LockedState]:
        """One transaction holding the chat's state row locked: two updates of one chat, in any
        thread, process or instance, wait for each other instead of racing on the state.

        PostgreSQL: the row is created if absent (INSERT … ON CONFLICT DO NOTHING), then locked
        with SELECT … FOR UPDATE. SQLite: that INSERT takes the database's write lock at once.
        Everything done in `LockedState.session` commits with the state, or none of it does.
        """
        key = self.key(chat_id)
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            # Core statements on the session's connection: the ORM's identity map, loading and
            # flush cost about a third of a turn; handlers still share the transaction.
            connection = session.connection()
            # An empty, already expired placeholder: reads as "no state" and is purged if left.
            placeholder = {"key": key, "data": {}, "updated_at": now, "expires_at": now}
            claim = _CLAIM_ROW.get(connection.dialect.name)
            if claim is not None:
                connection.execute(claim, placeholder)
            elif connection.execute(select(STATE.c.key).where(STATE.c.key == key)).first() is None:
                connection.execute(insert(STATE).values(**placeholder))
            row = connection.execute(_STATE_OF_KEY, {"key": key}).first()
            if row is None:  # pragma: no cover - the row was just inserted under the lock
                raise RuntimeError("conversation state row vanished under its lock")
            state = LockedState(session, key, row.data, row.expires_at, now, self._ttl)
            yield state
            if not state.written and state.data is None:
                # Leave no trace of a turn that stored nothing (a staff command, a new chat).
                connection.execute(_DELETE_STATE, {"key": key})

    def save(self, chat_id: int, data: dict[str, Any]) -> None:
        """Store a chat's state, pushing its expiry to `ttl` from now."""
        try:
            self._save(chat_id, data)
        except IntegrityError:
            # Two updates of a brand-new chat raced to insert the row; the second one updates it.
            self._save(chat_id, data)

    def _save(self, chat_id: int, data: dict[str, Any]) -> None:
        key = self.key(chat_id)
        now = self._clock()
        with Session(self._engine) as session, session.begin():
            row = session.get(ConversationState, key)
            if row is None:
                session.add(
                    ConversationState(
                        key=key, data=dict(data), updated_at=now, expires_at=now + self._ttl
                    )
                )
            else:
                row.data = dict(data)
                row.updated_at = now
                row.expires_at = now + self._ttl

    def forget(self, chat_id: int) -> bool:
        """Delete a chat's state; True when there was one."""
        key = self.key(chat_id)
        with Session(self._engine) as session, session.begin():
            result = session.execute(delete(ConversationState).where(ConversationState.key == key))
            return bool(getattr(result, "rowcount", 0))

    def purge_expired(self) -> int:
        """Delete every expired state; returns how many went."""
        with Session(self._engine) as session, session.begin():
            result = session.execute(
                delete(ConversationState).where(ConversationState.expires_at <= self._clock())
            )
            return int(getattr(result, "rowcount", 0) or 0)

    def count(self) -> int:
        """How many states are stored (expired or not); for tests and operators."""
        with Session(self._engine) as session:
            return len(session.scalars(select(ConversationState.key)).all())

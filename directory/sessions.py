"""Sessions and the schema lock: what every module that reads or writes the database shares.

directory.db opens, migrates and seeds the database through directory.seed; both use these, so
the seed loader does not import the module that calls it.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Final

from sqlalchemy import Connection, Engine, text
from sqlalchemy.orm import Session, sessionmaker

# Any fixed 64-bit number, the same in every instance: "Drogowskaz schema".
SCHEMA_LOCK_ID: Final = 0x44524F47_53434845


def hold_schema_lock(connection: Connection) -> None:
    """Serialise schema changes and seeding across instances until this transaction ends.

    Two instances starting at once on an empty database would otherwise both create the tables or
    both load the seed: PostgreSQL takes an advisory lock; SQLite takes its write lock up front
    (BEGIN IMMEDIATE), before the transaction reads anything it will act on.
    """
    if connection.dialect.name == "postgresql":
        connection.execute(text("SELECT pg_advisory_xact_lock(:id)"), {"id": SCHEMA_LOCK_ID})
    elif connection.dialect.name == "sqlite":
        raw = connection.connection.dbapi_connection
        if raw is not None and not raw.in_transaction:
            connection.exec_driver_sql("BEGIN IMMEDIATE")


@contextmanager
def session_scope(engine: Engine) -> Iterator[Session]:
    """A session that commits when the block ends normally and rolls back on an exception."""
    session = sessionmaker(engine, expire_on_commit=False)()
    try:
        yield session
        session.commit()
    except BaseException:
        session.rollback()
        raise
    finally:
        session.close()

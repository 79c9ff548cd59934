"""Opening the directory database: URL from the environment, engine, migrations, sessions."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Any, Final

from alembic import command
from alembic.config import Config
from sqlalchemy import Engine, create_engine, event, make_url

from directory.seed import load_seed
from directory.sessions import SCHEMA_LOCK_ID as SCHEMA_LOCK_ID
from directory.sessions import hold_schema_lock as hold_schema_lock
from directory.sessions import session_scope as session_scope

MIGRATIONS_DIR: Final = Path(__file__).resolve().parent / "migrations"
DEFAULT_DB_FILENAME: Final = "drogowskaz.db"
SQLITE_BUSY_TIMEOUT_MS: Final = 5000
# A dead database must fail fast: the bot then falls back to the bundled emergency list.
POSTGRES_CONNECT_TIMEOUT_S: Final = 3


def database_url_from_env() -> str:
    """The URL from `DATABASE_URL`, else a SQLite file in `DROGOWSKAZ_DATA_DIR` (or `.`)."""
    url = os.environ.get("DATABASE_URL", "").strip()
    if not url:
        data_dir = Path(os.environ.get("DROGOWSKAZ_DATA_DIR", "").strip() or ".")
        return f"sqlite:///{(data_dir / DEFAULT_DB_FILENAME).resolve()}"
    return normalise_database_url(url)


def normalise_database_url(url: str) -> str:
    """Rewrite plain `postgresql://` / `postgres://` URLs to the psycopg 3 driver."""
    for prefix in ("postgresql://", "postgres://"):
        if url.startswith(prefix):
            return "postgresql+psycopg://" + url[len(prefix) :]
    return url


def _on_sqlite_connect(dbapi_connection: Any, _record: Any) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute("PRAGMA foreign_keys=ON")
        cursor.execute(f"PRAGMA busy_timeout={SQLITE_BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode=WAL")
        # In WAL mode NORMAL syncs the log at checkpoints, not at every commit (FULL's fsync per
        # turn stalled replies for up to a second on a busy disk). The database stays consistent
        # after any crash, and a crash of the bot loses nothing; only a power cut or OS crash can
        # undo the last commits. Deployments that need more run PostgreSQL.
        cursor.execute("PRAGMA synchronous=NORMAL")
    finally:
        cursor.close()


def create_engine_for(url: str) -> Engine:
    """An engine tuned per backend: SQLite with foreign keys, WAL and a busy timeout; PostgreSQL
    with pre-ping and a short connect timeout."""
    url = normalise_database_url(url)
    backend = make_url(url).get_backend_name()
    if backend == "sqlite":
        database = make_url(url).database
        if database and database != ":memory:":
            Path(database).parent.mkdir(parents=True, exist_ok=True)
        engine = create_engine(url, connect_args={"timeout": SQLITE_BUSY_TIMEOUT_MS / 1000})
        event.listen(engine, "connect", _on_sqlite_connect)
        return engine
    if backend == "postgresql":
        return create_engine(
            url,
            pool_pre_ping=True,
            connect_args={"connect_timeout": POSTGRES_CONNECT_TIMEOUT_S},
        )
    return create_engine(url)


def alembic_config() -> Config:
    """The Alembic configuration, built in code so it works from any working directory."""
    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    return config


def upgrade(engine_or_url: Engine | str, revision: str = "head") -> None:
    """Run `alembic upgrade` (to head by default) on the given database."""
    engine = create_engine_for(engine_or_url) if isinstance(engine_or_url, str) else engine_or_url
    config = alembic_config()
    try:
        with engine.begin() as connection:
            hold_schema_lock(connection)
            config.attributes["connection"] = connection
            command.upgrade(config, revision)
    finally:
        if isinstance(engine_or_url, str):
            engine.dispose()


def open_database(url: str | None = None, *, seed: bool = True) -> Engine:
    """Open the database at `url` (default from the environment), migrate it, and load the bundled
    seed directory if it holds no services yet."""
    engine = create_engine_for(url or database_url_from_env())
    try:
        upgrade(engine)
        if seed:
            load_seed(engine)
    except BaseException:
        engine.dispose()
        raise
    return engine

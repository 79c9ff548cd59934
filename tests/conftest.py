"""Shared fixtures: a fresh database per test on real SQLite and real PostgreSQL, empty or
migrated and seeded (copied from a template made once per session)."""

from __future__ import annotations

import os
import shutil
import uuid
from collections.abc import Iterator
from pathlib import Path

import psycopg
import pytest
from hypothesis import settings
from sqlalchemy import Engine

from directory.db import create_engine_for, open_database, session_scope
from directory.models import StaffLink, utc_now

# CI explores the same examples on every run, so main stays green or red for a reason of its own;
# local runs keep drawing new examples, which is where new failures are found (and then pinned
# with @example).
settings.register_profile("ci", derandomize=True, print_blob=True)
if os.environ.get("CI", "").lower() in {"1", "true", "yes"}:
    settings.load_profile("ci")

POSTGRES_ADMIN_URL = os.environ.get(
    "TEST_POSTGRES_URL", "postgresql://postgres@127.0.0.1:5432/test"
)


def postgres_required() -> bool:
    """CI must run the PostgreSQL tests: there a missing server is an error, not a skip."""
    return os.environ.get("CI", "").lower() in {"1", "true", "yes"} or bool(
        os.environ.get("DROGOWSKAZ_REQUIRE_POSTGRES")
    )


def _admin_connect() -> psycopg.Connection[tuple[object, ...]]:
    return psycopg.connect(POSTGRES_ADMIN_URL, autocommit=True, connect_timeout=5)


@pytest.fixture(scope="session")
def postgres_available() -> bool:
    """Whether the PostgreSQL server answers; fails the run when it must and does not."""
    try:
        with _admin_connect():
            return True
    except psycopg.OperationalError as error:
        if postgres_required():
            pytest.fail(f"PostgreSQL is required here (CI) but unreachable: {error}")
        return False


def postgres_url_for(dbname: str) -> str:
    """The SQLAlchemy (psycopg) URL of database `dbname` on the test server."""
    base = POSTGRES_ADMIN_URL.rsplit("/", 1)[0]
    return base.replace("postgresql://", "postgresql+psycopg://", 1) + "/" + dbname


def create_postgres_database(template: str | None = None) -> str:
    """Create a uniquely named PostgreSQL database (a copy of `template`); returns its name."""
    name = f"drogowskaz_t_{uuid.uuid4().hex[:12]}"
    copy = f' TEMPLATE "{template}"' if template else ""
    with _admin_connect() as conn:
        conn.execute(f'CREATE DATABASE "{name}"{copy}')
    return name


def drop_postgres_database(name: str) -> None:
    """Drop a database made by `create_postgres_database`, closing its sessions first."""
    with _admin_connect() as conn:
        conn.execute(f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def _skip_without_postgres(postgres_available: bool) -> None:
    if not postgres_available:
        pytest.skip("PostgreSQL server not reachable on 127.0.0.1:5432")


@pytest.fixture
def postgres_url(postgres_available: bool) -> Iterator[str]:
    """A SQLAlchemy URL of a brand-new, empty PostgreSQL database, dropped after the test."""
    _skip_without_postgres(postgres_available)
    name = create_postgres_database()
    try:
        yield postgres_url_for(name)
    finally:
        drop_postgres_database(name)


@pytest.fixture
def sqlite_url(tmp_path: Path) -> str:
    """A SQLAlchemy URL of a brand-new SQLite file."""
    return f"sqlite:///{tmp_path / 'drogowskaz.db'}"


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def database_url(request: pytest.FixtureRequest) -> str:
    """A fresh empty database, once on SQLite and once on PostgreSQL."""
    fixture = "sqlite_url" if request.param == "sqlite" else "postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def migrated_engine(database_url: str) -> Iterator[Engine]:
    """An engine on a fresh migrated database without the directory (SQLite and PostgreSQL)."""
    opened = open_database(database_url, seed=False)
    yield opened
    opened.dispose()


# -- seeded databases: migrated and seeded once per session, copied for each test --


def migrate_and_seed(url: str) -> None:
    """Bring the database at `url` to the head revision and load the bundled directory."""
    open_database(url).dispose()


@pytest.fixture(scope="session")
def seeded_sqlite_template(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A SQLite file migrated and seeded once per session (never opened by a test itself)."""
    path = tmp_path_factory.mktemp("seeded") / "seeded.db"
    migrate_and_seed(f"sqlite:///{path}")
    return path


@pytest.fixture(scope="session")
def seeded_postgres_template(postgres_available: bool) -> Iterator[str]:
    """The name of a PostgreSQL database migrated and seeded once per session, as a template."""
    _skip_without_postgres(postgres_available)
    name = create_postgres_database()
    try:
        migrate_and_seed(postgres_url_for(name))
        yield name
    finally:
        drop_postgres_database(name)


@pytest.fixture
def seeded_sqlite_url(seeded_sqlite_template: Path, tmp_path: Path) -> str:
    """A SQLAlchemy URL of a fresh copy of the seeded SQLite file."""
    target = tmp_path / "drogowskaz.db"
    shutil.copyfile(seeded_sqlite_template, target)
    return f"sqlite:///{target}"


@pytest.fixture
def seeded_postgres_url(seeded_postgres_template: str) -> Iterator[str]:
    """A SQLAlchemy URL of a fresh PostgreSQL database copied from the seeded template."""
    name = create_postgres_database(template=seeded_postgres_template)
    try:
        yield postgres_url_for(name)
    finally:
        drop_postgres_database(name)


@pytest.fixture(params=["sqlite", pytest.param("postgres", marks=pytest.mark.postgres)])
def seeded_database_url(request: pytest.FixtureRequest) -> str:
    """A fresh migrated and seeded database, once on SQLite and once on PostgreSQL."""
    fixture = "seeded_sqlite_url" if request.param == "sqlite" else "seeded_postgres_url"
    url: str = request.getfixturevalue(fixture)
    return url


@pytest.fixture
def engine(seeded_sqlite_url: str) -> Iterator[Engine]:
    """An engine on a fresh seeded SQLite directory, disposed after the test."""
    opened = create_engine_for(seeded_sqlite_url)
    yield opened
    opened.dispose()


@pytest.fixture
def both_engine(seeded_database_url: str) -> Iterator[Engine]:
    """An engine on a fresh seeded directory, on SQLite and on PostgreSQL, disposed after."""
    opened = create_engine_for(seeded_database_url)
    yield opened
    opened.dispose()


def link_staff(
    engine: Engine, user_id: int, organization_id: str, *, revoked: bool = False
) -> None:
    """Link a Telegram account to an organisation's staff (revoked at once when asked)."""
    with session_scope(engine) as session:
        session.add(
            StaffLink(
                telegram_user_id=user_id,
                organization_id=organization_id,
                revoked_at=utc_now() if revoked else None,
            )
        )

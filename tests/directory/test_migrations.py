"""The Alembic migrations build exactly the schema the ORM models describe (SQLite, PostgreSQL)."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.migration import MigrationContext
from alembic.script import ScriptDirectory
from sqlalchemy import inspect

from directory.db import alembic_config, create_engine_for, upgrade
from directory.models import Base

EXPECTED_TABLES = {
    "organizations",
    "services",
    "locations",
    "phones",
    "service_areas",
    "audit_log",
    "conversation_state",
    "usage_events",
    "staff_invites",
    "staff_links",
    "admins",
    "panel_sign_in_links",
    "panel_sessions",
}


def test_migrated_schema_matches_the_models(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        with engine.connect() as connection:
            context = MigrationContext.configure(connection, opts={"compare_type": True})
            differences = compare_metadata(context, Base.metadata)
        assert differences == []
    finally:
        engine.dispose()


def test_upgrade_creates_every_table_and_records_the_head(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(database_url)
        tables = set(inspect(engine).get_table_names())
        assert tables >= EXPECTED_TABLES
        with engine.connect() as connection:
            current = MigrationContext.configure(connection).get_current_revision()
        assert current == ScriptDirectory.from_config(alembic_config()).get_current_head()
    finally:
        engine.dispose()


def test_upgrade_twice_is_harmless(database_url: str) -> None:
    engine = create_engine_for(database_url)
    try:
        upgrade(engine)
        upgrade(engine)
        assert set(inspect(engine).get_table_names()) >= EXPECTED_TABLES
    finally:
        engine.dispose()

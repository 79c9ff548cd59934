"""0006_verification adds `pending_changes` to a directory in use without touching a row, and
goes back down cleanly (SQLite, PostgreSQL)."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, func, inspect, select

from directory.db import alembic_config, open_database, upgrade
from directory.models import Location, Phone, Service, ServiceArea


def counts(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return [
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Service, Phone, ServiceArea, Location)
        ]


def test_the_pending_changes_table_comes_and_goes_without_touching_the_directory(
    database_url: str,
) -> None:
    engine = open_database(database_url)
    try:
        before = counts(engine)
        assert "pending_changes" in inspect(engine).get_table_names()
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003_service_topics")
        assert "pending_changes" not in inspect(engine).get_table_names()
        assert counts(engine) == before
        upgrade(engine)
        assert "pending_changes" in inspect(engine).get_table_names()
        assert counts(engine) == before
    finally:
        engine.dispose()

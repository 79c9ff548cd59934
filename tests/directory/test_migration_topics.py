"""0003_service_topics adds `services.topics` to a directory in use without losing a row."""

from __future__ import annotations

from alembic import command
from sqlalchemy import Engine, func, inspect, select

from directory.db import alembic_config, open_database, upgrade
from directory.models import Location, Phone, Service, ServiceArea


def counts(engine: Engine) -> list[int]:
    with engine.connect() as connection:
        return [
            connection.execute(select(func.count()).select_from(model)).scalar_one()
            for model in (Phone, ServiceArea, Location)
        ]


def test_adding_topics_to_a_seeded_directory_keeps_every_phone_area_and_location(
    database_url: str,
) -> None:
    engine = open_database(database_url)
    try:
        before = counts(engine)
        assert min(before) > 0
        config = alembic_config()
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0002_provenance_and_kinds")
        assert "topics" not in {c["name"] for c in inspect(engine).get_columns("services")}
        upgrade(engine)
        assert counts(engine) == before
        with engine.connect() as connection:
            topics = connection.execute(select(Service.topics)).scalars().all()
        # Rows that were there before get no topics: any situation of their crisis types.
        assert topics
        assert all(value == [] for value in topics)
    finally:
        engine.dispose()

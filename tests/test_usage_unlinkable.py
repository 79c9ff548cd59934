"""Usage cannot be put back together into one person's session (issue 11, finding 5).

Usage is kept as hourly counters (docs/privacy.md): two residents writing in the same hour
leave exactly the same rows, in the same stored order, whichever wrote first and however their
messages interleaved. So no row, and no order of rows, tells whose events were whose, and
/forget has nothing of one conversation's to remove. Real conversations through the real
ConversationService on SQLite and PostgreSQL; the migration merges old per-event rows.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

import pytest
from alembic import command
from sqlalchemy import inspect, text

from bot.config import Settings
from bot.conversation import ConversationService
from bot.events import Event, EventKind
from directory.db import alembic_config, open_database, upgrade

NOW = datetime(2026, 3, 4, 21, 5, tzinfo=UTC)
ALICE, BOB = 9101, 9102
ALICE_SAYS = [
    Event(kind=EventKind.COMMAND, command="start", language_code="pl"),
    Event(kind=EventKind.TEXT, text="chcę się zabić", language_code="pl"),
    Event(kind=EventKind.TEXT, text="Sejny", language_code="pl"),  # a rare powiat
    Event(kind=EventKind.BUTTON, data="cr:suicidal", language_code="pl"),
    Event(kind=EventKind.BUTTON, data="hf:1", language_code="pl"),
]
BOB_SAYS = [
    Event(kind=EventKind.COMMAND, command="start", language_code="pl"),
    Event(kind=EventKind.TEXT, text="Pruszków", language_code="pl"),
    Event(kind=EventKind.BUTTON, data="cr:violence", language_code="pl"),
    Event(kind=EventKind.BUTTON, data="more", language_code="pl"),
    Event(kind=EventKind.BUTTON, data="hf:0", language_code="pl"),
    Event(kind=EventKind.COMMAND, command="forget", language_code="pl"),
]


def clock() -> datetime:
    """Some minute of the same hour."""
    return NOW + timedelta(minutes=datetime.now(UTC).microsecond % 50)


def play(url: str, turns: list[tuple[int, Event]]) -> tuple[list[tuple[object, ...]], int]:
    """Run the turns on a fresh copy; the usage table as stored (no ORDER BY) and its total."""
    engine = open_database(url)
    service = ConversationService(Settings(state_secret="unlinkable"), engine=engine, clock=clock)
    try:
        for chat, event in turns:
            service.handle(chat, event)
        with engine.connect() as connection:
            stored = [tuple(row) for row in connection.execute(text("SELECT * FROM usage_events"))]
            total = connection.execute(text("SELECT SUM(count) FROM usage_events")).scalar_one()
        return stored, int(total)
    finally:
        service.close()
        engine.dispose()


def interleaved() -> list[tuple[int, Event]]:
    turns = []
    for index in range(max(len(ALICE_SAYS), len(BOB_SAYS))):
        turns += [(ALICE, e) for e in ALICE_SAYS[index : index + 1]]
        turns += [(BOB, e) for e in BOB_SAYS[index : index + 1]]
    return turns


def test_two_conversations_in_one_hour_leave_the_same_rows_in_any_order(
    seeded_sqlite_template: object, tmp_path_factory: pytest.TempPathFactory
) -> None:
    import shutil
    from pathlib import Path

    assert isinstance(seeded_sqlite_template, Path)
    orders = {
        "alice first": [(ALICE, e) for e in ALICE_SAYS] + [(BOB, e) for e in BOB_SAYS],
        "bob first": [(BOB, e) for e in BOB_SAYS] + [(ALICE, e) for e in ALICE_SAYS],
        "interleaved": interleaved(),
    }
    tables = {}
    for name, turns in orders.items():
        path = tmp_path_factory.mktemp("order") / "directory.db"
        shutil.copyfile(seeded_sqlite_template, path)
        tables[name] = play(f"sqlite:///{path}", turns)
    stored, total = tables["alice first"]
    assert total >= len(ALICE_SAYS) + len(BOB_SAYS) - 1  # every step was counted
    # Row for row, in the order SQLite keeps them: nothing says who came first or what followed.
    assert tables["bob first"] == tables["alice first"]
    assert tables["interleaved"] == tables["alice first"]
    assert len(stored) < total  # equal events of the hour share one counter


@pytest.mark.postgres
def test_on_postgresql_the_counters_do_not_depend_on_the_order_either(
    seeded_postgres_template: str,
) -> None:
    from tests.conftest import create_postgres_database, drop_postgres_database, postgres_url_for

    contents = []
    for turns in (
        [(ALICE, e) for e in ALICE_SAYS] + [(BOB, e) for e in BOB_SAYS],
        interleaved(),
    ):
        name = create_postgres_database(template=seeded_postgres_template)
        try:
            stored, total = play(postgres_url_for(name), turns)
            contents.append((sorted(stored, key=repr), total))
        finally:
            drop_postgres_database(name)
    assert contents[0] == contents[1]


def test_usage_rows_carry_no_sequence_number(database_url: str) -> None:
    engine = open_database(database_url, seed=False)
    try:
        columns = {column["name"] for column in inspect(engine).get_columns("usage_events")}
        assert "id" not in columns
        assert {"bucket", "count", "hour"} <= columns
        assert inspect(engine).get_pk_constraint("usage_events")["constrained_columns"] == [
            "bucket"
        ]
    finally:
        engine.dispose()


def test_the_migration_merges_old_events_into_counters_and_back(database_url: str) -> None:
    engine = open_database(database_url, seed=False)
    config = alembic_config()
    try:
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003_service_topics")
        insert = text(
            "INSERT INTO usage_events (hour, channel, language, event, place_outcome, powiat,"
            " crisis, emergency_first, options_shown, scopes, more_pressed,"
            " change_place_pressed, helpful) VALUES (:hour, 'telegram', 'pl', :event, NULL,"
            " :powiat, NULL, false, 0, '{}', false, false, NULL)"
        )
        hour = datetime(2026, 3, 4, 21, tzinfo=UTC)
        with engine.begin() as connection:
            for event, powiat in [("start", None), ("place", "2011"), ("start", None)] * 2:
                connection.execute(insert, {"hour": hour, "event": event, "powiat": powiat})
        upgrade(engine)
        with engine.connect() as connection:
            counters = connection.execute(
                text("SELECT event, powiat, count FROM usage_events ORDER BY event")
            ).all()
        assert [tuple(row) for row in counters] == [("place", "2011", 2), ("start", None, 4)]
        with engine.begin() as connection:
            config.attributes["connection"] = connection
            command.downgrade(config, "0003_service_topics")
        with engine.connect() as connection:
            rows = connection.execute(text("SELECT COUNT(*) FROM usage_events")).scalar_one()
        assert rows == 6
        upgrade(engine)
    finally:
        engine.dispose()
